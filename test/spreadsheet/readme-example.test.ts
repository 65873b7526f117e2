import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { removeTemporaryFolders, repositoryRoot, runSvf, temporaryFolder } from '../cli/run-svf.js';

afterAll(removeTemporaryFolders);

const readme = fs.readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');

/** The README's shown run of `$ svf import <file> --out imported` and the lines it shows, run in a scratch copy of examples/spreadsheet. */
function shownAndActual(file: string): { shown: string; actual: string } {
    const match = new RegExp(`\\n {4}\\$ svf import ${file.replace(/[.]/g, '\\.')} --out imported\\n((?: {4}.+\\n)+)`).exec(readme);
    expect(match, `README shows svf import ${file}`).not.toBeNull();
    const folder = temporaryFolder();
    fs.cpSync(path.join(repositoryRoot, 'examples', 'spreadsheet'), path.join(folder, 'examples', 'spreadsheet'), { recursive: true });
    const run = runSvf(['import', file, '--out', 'imported'], folder);
    return { shown: match![1]!.replace(/^ {4}/gm, ''), actual: run.stdout + run.stderr };
}

test('the README\'s `svf import` example output is what the command prints', () => {
    const { shown, actual } = shownAndActual('examples/spreadsheet/measures.csv');
    expect(actual).toBe(shown);
});

test('the README\'s bad-rows example output is what the command prints', () => {
    const { shown, actual } = shownAndActual('examples/spreadsheet/measures-with-mistakes.csv');
    expect(actual).toBe(shown);
});

test('the README\'s excerpt of the imported framework is in the file svf import writes', () => {
    const folder = temporaryFolder();
    fs.cpSync(path.join(repositoryRoot, 'examples', 'spreadsheet'), path.join(folder, 'examples', 'spreadsheet'), { recursive: true });
    expect(runSvf(['import', 'examples/spreadsheet/measures.csv', '--out', 'imported'], folder).exitCode).toBe(0);
    const written = fs.readFileSync(path.join(folder, 'imported', 'framework.svf'), 'utf8');
    const excerpt = /\n```\n(proxy localPeopleEmployedContract[\s\S]*?)\n {12}\.\.\.\n```/.exec(readme);
    expect(excerpt, 'README shows an excerpt of the imported framework').not.toBeNull();
    // `...` lines stand for lines left out: each piece between them is in the file, in order.
    let at = 0;
    for (const piece of excerpt![1]!.split(/\n *\.\.\.\n/)) {
        const found = written.indexOf(piece, at);
        expect(found, `imported framework.svf has:\n${piece}`).toBeGreaterThanOrEqual(0);
        at = found + piece.length;
    }
});
