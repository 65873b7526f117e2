import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';

// Lets a test make one rename fail, as a full disk or a permissions problem would.
const failRename = vi.hoisted(() => ({ onCall: 0, calls: 0 }));
vi.mock('node:fs', async (importOriginal) => {
    const actual = await importOriginal<typeof import('node:fs')>();
    return {
        ...actual,
        renameSync: (from: fs.PathLike, to: fs.PathLike) => {
            failRename.calls++;
            if (failRename.onCall > 0 && failRename.calls === failRename.onCall) {
                throw Object.assign(new Error(`EIO: i/o error, rename '${String(from)}'`), { code: 'EIO' });
            }
            return actual.renameSync(from, to);
        }
    };
});

const { OutputWriteError, writeOutputsAtomically } = await import('../../compiler/index.js');

const folders: string[] = [];
const tempFolder = () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-out-'));
    folders.push(folder);
    return folder;
};
afterEach(() => {
    failRename.onCall = 0;
    failRename.calls = 0;
    folders.splice(0).forEach(folder => fs.rmSync(folder, { recursive: true, force: true }));
});
const listing = (folder: string) => fs.readdirSync(folder).sort();

describe('writeOutputsAtomically', () => {
    test('writes every file into a new folder and returns their paths', () => {
        const outDir = path.join(tempFolder(), 'svf-output', 'eastshire');
        const written = writeOutputsAtomically(outDir, { 'question-set.json': '{"a":1}\n', 'rubric.json': '{"b":2}\n' });
        expect(written).toEqual([path.join(outDir, 'question-set.json'), path.join(outDir, 'rubric.json')]);
        expect(listing(outDir)).toEqual(['question-set.json', 'rubric.json']);
        expect(fs.readFileSync(written[1]!, 'utf8')).toBe('{"b":2}\n');
    });

    test('replaces earlier outputs and leaves no temp or backup files', () => {
        const outDir = tempFolder();
        writeOutputsAtomically(outDir, { 'rubric.json': 'old\n' });
        writeOutputsAtomically(outDir, { 'rubric.json': 'new\n' });
        expect(listing(outDir)).toEqual(['rubric.json']);
        expect(fs.readFileSync(path.join(outDir, 'rubric.json'), 'utf8')).toBe('new\n');
    });

    test('an output folder that is a file: an error saying so, and nothing written', () => {
        const parent = tempFolder();
        const outDir = path.join(parent, 'out');
        fs.writeFileSync(outDir, 'not a folder');
        expect(() => writeOutputsAtomically(outDir, { 'rubric.json': '{}\n' })).toThrow(OutputWriteError);
        expect(() => writeOutputsAtomically(outDir, { 'rubric.json': '{}\n' })).toThrow('it is a file, not a folder');
        expect(listing(parent)).toEqual(['out']);
        expect(fs.readFileSync(outDir, 'utf8')).toBe('not a folder');
    });

    test('a failed rename part-way: earlier outputs are restored, temps removed, nothing new left', () => {
        const outDir = tempFolder();
        writeOutputsAtomically(outDir, { 'question-set.json': 'old questions\n', 'rubric.json': 'old rubric\n' });
        failRename.calls = 0;
        // Renames: back up question-set, place it, back up rubric (fails).
        failRename.onCall = 3;
        expect(() => writeOutputsAtomically(outDir, { 'question-set.json': 'new questions\n', 'rubric.json': 'new rubric\n' }))
            .toThrow(/Could not write the outputs to .*: EIO: i\/o error.*Nothing was written\./);
        expect(listing(outDir)).toEqual(['question-set.json', 'rubric.json']);
        expect(fs.readFileSync(path.join(outDir, 'question-set.json'), 'utf8')).toBe('old questions\n');
        expect(fs.readFileSync(path.join(outDir, 'rubric.json'), 'utf8')).toBe('old rubric\n');
    });

    test('a failed rename into a folder it created: the folder goes too', () => {
        const parent = tempFolder();
        failRename.onCall = 2;
        expect(() => writeOutputsAtomically(path.join(parent, 'new', 'out'), { 'question-set.json': 'q\n', 'rubric.json': 'r\n' })).toThrow(OutputWriteError);
        expect(listing(parent)).toEqual([]);
    });

    test('a folder where an output goes: nothing written', () => {
        const outDir = tempFolder();
        fs.mkdirSync(path.join(outDir, 'rubric.json'));
        expect(() => writeOutputsAtomically(outDir, { 'question-set.json': 'q\n', 'rubric.json': 'r\n' })).toThrow('a folder of that name is in the way');
        expect(listing(outDir)).toEqual(['rubric.json']);
    });

    test('names must be plain file names', () => {
        const outDir = tempFolder();
        expect(() => writeOutputsAtomically(outDir, { '../escape.json': '{}' })).toThrow('output names must be plain file names');
        expect(listing(outDir)).toEqual([]);
    });
});
