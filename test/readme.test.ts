import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateSources } from './helpers/validate.js';

const repositoryRoot = path.join(import.meta.dirname, '..');
const readme = fs.readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
const svfBlocks = [...readme.matchAll(/```svf\n([\s\S]*?)```/g)].map(match => match[1]!);

/** Every .svf file under examples/ (not inside node_modules), with its text. */
function exampleFiles(folder = path.join(repositoryRoot, 'examples')): Array<{ file: string; lines: string[] }> {
    return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : exampleFiles(full);
        return entry.name.endsWith('.svf') ? [{ file: full, lines: fs.readFileSync(full, 'utf8').split('\n').map(line => line.trim()) }] : [];
    });
}

/** Whether `wanted` appear in `lines` in that order (not necessarily next to each other). */
function appearInOrder(wanted: string[], lines: string[]): boolean {
    let at = 0;
    for (const line of wanted) {
        const found = lines.indexOf(line, at);
        if (found < 0) return false;
        at = found + 1;
    }
    return true;
}

describe('README', () => {
    test('the annotated example framework checks clean', async () => {
        expect(svfBlocks.length, 'README has a ```svf block').toBeGreaterThan(0);
        const results = await validateSources({ '/readme/framework.svf': svfBlocks[0]! });
        expect(results).toEqual({ '/readme/framework.svf': [] });
    });

    // The language section's other examples are quoted from the example frameworks, which
    // test/examples checks clean and compiles: a quote that drifts from its example fails here.
    // A line `// ...` in a quote stands for lines left out.
    test('every other svf example is quoted, line by line and in order, from one file under examples/', () => {
        const files = exampleFiles();
        expect(svfBlocks.length).toBeGreaterThan(1);
        for (const block of svfBlocks.slice(1)) {
            const wanted = block.split('\n').map(line => line.trim()).filter(line => line !== '' && line !== '// ...');
            const source = files.find(candidate => appearInOrder(wanted, candidate.lines));
            expect(source?.file, `no example file holds these lines in order:\n${block}`).toBeDefined();
        }
    });

    test("the `svf check` example output is exactly what the command prints", () => {
        const shown = /\n {4}\$ svf check (\S+)\n((?: {4}.+\n)+)/.exec(readme);
        expect(shown, 'README shows an `svf check` run').not.toBeNull();
        const [, target, output] = shown!;
        expect(fs.existsSync(path.join(repositoryRoot, 'out', 'cli', 'main.js')), 'build first: npm run build').toBe(true);
        let printed: string;
        try {
            printed = execFileSync(process.execPath, [path.join(repositoryRoot, 'bin', 'svf.js'), 'check', target!], { cwd: repositoryRoot, encoding: 'utf8' });
        } catch (failure) {
            // Exit 1: the fixture has errors, which is the point of the example.
            printed = (failure as { stdout: string }).stdout;
        }
        expect(output!.split('\n').filter(line => line !== '').map(line => line.slice(4))).toEqual(printed.trimEnd().split('\n'));
    });

    test('the quick start is the two commands CI runs', () => {
        const ci = fs.readFileSync(path.join(repositoryRoot, '.ci', 'run'), 'utf8');
        expect(readme).toContain('    npm install && npm start\n    npm test\n');
        expect(ci).toContain('npm install && npm start');
        expect(ci).toMatch(/^npm test\b/m);
    });
});
