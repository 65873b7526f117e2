import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The benchmark's floor: what any compile of the framework must at least do, in a bare
 * Node process. Reads every .svf file of the framework folder, reads and JSON.parses the
 * two output files a real compile produced, and writes them out again as 2-space JSON.
 * `svf compile` time divided by this time is how far the compiler is above plain I/O and JSON.
 *
 * Usage: node out/bench/floor.js <framework folder> <compiled output folder> <floor output folder>
 */
const [frameworkFolder, compiledFolder, outFolder] = process.argv.slice(2);
if (!frameworkFolder || !compiledFolder || !outFolder) {
    process.stderr.write('usage: floor.js <framework folder> <compiled output folder> <floor output folder>\n');
    process.exit(2);
}

let characters = 0;
for (const entry of fs.readdirSync(frameworkFolder, { recursive: true, encoding: 'utf8' })) {
    if (entry.endsWith('.svf')) characters += fs.readFileSync(path.join(frameworkFolder, entry), 'utf8').length;
}
fs.mkdirSync(outFolder, { recursive: true });
for (const file of ['question-set.json', 'rubric.json']) {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(compiledFolder, file), 'utf8'));
    fs.writeFileSync(path.join(outFolder, file), `${JSON.stringify(value, null, 2)}\n`);
}
process.stdout.write(`read ${characters} characters of SVF; rewrote question-set.json and rubric.json\n`);
