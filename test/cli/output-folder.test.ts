import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { readPairByProtocol, readVisiblePair, svfEntries, writeRegularPair } from './output-pair.js';

// Lets a test make one rename fail (a full disk, a permissions problem), or run a signal
// handler's clean-up at that instant and stop there (as process.exit would).
const renameHook = vi.hoisted(() => ({ onCall: 0, calls: 0, action: 'fail' as 'fail' | 'interrupt', interrupt: () => {} }));
vi.mock('node:fs', async (importOriginal) => {
    const actual = await importOriginal<typeof import('node:fs')>();
    return {
        ...actual,
        renameSync: (from: fs.PathLike, to: fs.PathLike) => {
            renameHook.calls++;
            if (renameHook.onCall > 0 && renameHook.calls === renameHook.onCall) {
                if (renameHook.action === 'interrupt') {
                    renameHook.interrupt();
                    throw new Error('interrupted');
                }
                throw Object.assign(new Error(`EIO: i/o error, rename '${String(from)}'`), { code: 'EIO' });
            }
            return actual.renameSync(from, to);
        }
    };
});

const { OutputWriteError, removeUnfinishedOutputs, writeOutputFolder } = await import('../../cli/output-folder.js');

const folders: string[] = [];
const tempFolder = () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-out-'));
    folders.push(folder);
    return folder;
};
afterEach(() => {
    renameHook.onCall = 0;
    renameHook.calls = 0;
    renameHook.action = 'fail';
    folders.splice(0).forEach(folder => fs.rmSync(folder, { recursive: true, force: true }));
});
const listing = (folder: string) => fs.readdirSync(folder).sort();
const pair = (tag: string) => ({
    'question-set.json': `${JSON.stringify({ framework: { sourceHash: tag }, profile: tag, kind: 'question-set' })}\n`,
    'rubric.json': `${JSON.stringify({ framework: { sourceHash: tag }, profile: tag, kind: 'rubric' })}\n`,
});
/** The pair a reader finds both ways, which must agree: its tag, or 'nothing'. */
const pairIn = (outDir: string): string => {
    const byProtocol = readPairByProtocol(outDir);
    const visible = readVisiblePair(outDir);
    if (byProtocol.kind === 'nothing') {
        // No generation yet: nothing, or the regular files of the previous svf version.
        if (visible.kind === 'nothing') return 'nothing';
        expect(fs.lstatSync(path.join(outDir, 'question-set.json')).isFile()).toBe(true);
        expect(fs.lstatSync(path.join(outDir, 'rubric.json')).isFile()).toBe(true);
        expect(visible.consistent).toBe(true);
        return visible.questionSet.framework.sourceHash;
    }
    expect(byProtocol.consistent).toBe(true);
    expect(visible).toMatchObject({ kind: 'pair', consistent: true, tag: byProtocol.tag });
    return byProtocol.questionSet.framework.sourceHash;
};
const link = (file: string) => fs.lstatSync(file).isSymbolicLink() ? fs.readlinkSync(file) : undefined;
/** A pid no process has now: one of a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const hex16 = '0123456789abcdef';

describe('writeOutputFolder', () => {
    test('a new folder: both files, as links into the current generation, and their paths returned in order', () => {
        const outDir = path.join(tempFolder(), 'svf-output', 'eastshire');
        const written = writeOutputFolder(outDir, pair('one'));
        expect(written).toEqual([path.join(outDir, 'question-set.json'), path.join(outDir, 'rubric.json')]);
        const { current, generations, tempLinks } = svfEntries(outDir);
        expect(generations).toEqual([current]);
        expect(tempLinks).toEqual([]);
        expect(listing(outDir)).toEqual(['.svf-current', current, 'question-set.json', 'rubric.json']);
        expect(link(path.join(outDir, 'question-set.json'))).toBe('.svf-current/question-set.json');
        expect(link(path.join(outDir, 'rubric.json'))).toBe('.svf-current/rubric.json');
        expect(fs.readFileSync(written[1]!, 'utf8')).toBe(pair('one')['rubric.json']);
        expect(pairIn(outDir)).toBe('one');
    });

    test('an existing empty folder, and one with other files: those are left exactly as they were', () => {
        const empty = tempFolder();
        writeOutputFolder(empty, pair('one'));
        expect(pairIn(empty)).toBe('one');

        const shared = tempFolder();
        fs.writeFileSync(path.join(shared, 'notes.txt'), 'mine\n');
        fs.writeFileSync(path.join(shared, '.svf-notes'), 'also mine\n');
        fs.mkdirSync(path.join(shared, 'question-set.json.d'));
        const before = fs.statSync(path.join(shared, 'notes.txt')).mtimeMs;
        writeOutputFolder(shared, pair('one'));
        writeOutputFolder(shared, pair('two'));
        expect(pairIn(shared)).toBe('two');
        expect(fs.readFileSync(path.join(shared, 'notes.txt'), 'utf8')).toBe('mine\n');
        expect(fs.statSync(path.join(shared, 'notes.txt')).mtimeMs).toBe(before);
        expect(fs.readFileSync(path.join(shared, '.svf-notes'), 'utf8')).toBe('also mine\n');
        expect(listing(shared).filter(entry => !entry.startsWith('.svf-gen-'))).toEqual(
            ['.svf-current', '.svf-notes', 'notes.txt', 'question-set.json', 'question-set.json.d', 'rubric.json']);
    });

    test('repeated compiles: the newest pair, the previous generation kept for readers, older ones removed', () => {
        const outDir = tempFolder();
        const currents: string[] = [];
        for (const tag of ['one', 'two', 'three', 'four']) {
            writeOutputFolder(outDir, pair(tag));
            expect(pairIn(outDir)).toBe(tag);
            currents.push(svfEntries(outDir).current!);
            expect(svfEntries(outDir).generations).toEqual(currents.slice(-2).sort());
            expect(svfEntries(outDir).tempLinks).toEqual([]);
        }
        // A reader that resolved .svf-current before the last switch can still read its pair.
        expect(JSON.parse(fs.readFileSync(path.join(outDir, currents[2]!, 'rubric.json'), 'utf8')).profile).toBe('three');
    });

    test('upgrade from the regular files of the previous svf version', () => {
        const outDir = tempFolder();
        writeRegularPair(outDir, 'old');
        expect(pairIn(outDir)).toBe('old');
        writeOutputFolder(outDir, pair('new'));
        expect(pairIn(outDir)).toBe('new');
        expect(link(path.join(outDir, 'question-set.json'))).toBe('.svf-current/question-set.json');
        // The old pair became a generation first (so replacing the files one by one never showed a mix).
        const { current, generations } = svfEntries(outDir);
        const previous = generations.find(generation => generation !== current)!;
        expect(JSON.parse(fs.readFileSync(path.join(outDir, previous, 'question-set.json'), 'utf8')).profile).toBe('old');
        expect(JSON.parse(fs.readFileSync(path.join(outDir, previous, 'rubric.json'), 'utf8')).profile).toBe('old');
    });

    test('an upgrade killed half-way (one file a link, one still regular) is finished by the next compile', () => {
        const outDir = tempFolder();
        writeRegularPair(outDir, 'old');
        const migrated = `.svf-gen-${deadPid()}-${hex16}`;
        fs.mkdirSync(path.join(outDir, migrated));
        for (const name of ['question-set.json', 'rubric.json']) fs.copyFileSync(path.join(outDir, name), path.join(outDir, migrated, name));
        fs.symlinkSync(migrated, path.join(outDir, '.svf-current'));
        fs.rmSync(path.join(outDir, 'question-set.json'));
        fs.symlinkSync('.svf-current/question-set.json', path.join(outDir, 'question-set.json'));
        expect(pairIn(outDir)).toBe('old');
        writeOutputFolder(outDir, pair('new'));
        expect(pairIn(outDir)).toBe('new');
        expect(link(path.join(outDir, 'rubric.json'))).toBe('.svf-current/rubric.json');
    });

    test('the previous version run again over links: its regular pair is taken over, not mixed with the generation', () => {
        const outDir = tempFolder();
        writeOutputFolder(outDir, pair('new'));
        writeRegularPair(outDir, 'old-again');
        expect(readVisiblePair(outDir)).toMatchObject({ tag: 'old-again "old-again"' });
        renameHook.calls = 0;
        renameHook.onCall = 4; // fail after the regular pair became current and the first file a link
        expect(() => writeOutputFolder(outDir, pair('newer'))).toThrow(OutputWriteError);
        expect(pairIn(outDir)).toBe('old-again');
        writeOutputFolder(outDir, pair('newer'));
        expect(pairIn(outDir)).toBe('newer');
    });

    test('permissions: files 0644 and folders 0755 under umask 022, tighter under a tighter umask', () => {
        const previous = process.umask(0o022);
        try {
            const outDir = path.join(tempFolder(), 'out');
            writeOutputFolder(outDir, pair('one'));
            const generation = path.join(outDir, svfEntries(outDir).current!);
            expect(fs.statSync(outDir).mode & 0o777).toBe(0o755);
            expect(fs.statSync(generation).mode & 0o777).toBe(0o755);
            expect(fs.statSync(path.join(outDir, 'question-set.json')).mode & 0o777).toBe(0o644);
            expect(fs.statSync(path.join(outDir, 'rubric.json')).mode & 0o777).toBe(0o644);
            process.umask(0o077);
            writeOutputFolder(outDir, pair('two'));
            expect(fs.statSync(path.join(outDir, svfEntries(outDir).current!)).mode & 0o777).toBe(0o700);
            expect(fs.statSync(path.join(outDir, 'rubric.json')).mode & 0o777).toBe(0o600);
        } finally {
            process.umask(previous);
        }
    });
});

describe('writeOutputFolder with content given as chunks', () => {
    /** The pair as a generator per file, each cut into pieces (empty pieces and non-ASCII included). */
    const chunkedPair = (tag: string) => Object.fromEntries(Object.entries(pair(tag)).map(([name, text]) => [name, (function* () {
        yield '';
        for (let start = 0; start < text.length; start += 7) yield text.slice(start, start + 7);
        yield '';
    })()]));

    test('writes the same bytes as the string form, and a string and chunks can be mixed', () => {
        const outDir = tempFolder();
        writeOutputFolder(outDir, chunkedPair('é-one'));
        expect(pairIn(outDir)).toBe('é-one');
        expect(fs.readFileSync(path.join(outDir, 'rubric.json'), 'utf8')).toBe(pair('é-one')['rubric.json']);
        writeOutputFolder(outDir, { 'question-set.json': pair('two')['question-set.json'], 'rubric.json': chunkedPair('two')['rubric.json']! });
        expect(pairIn(outDir)).toBe('two');
    });

    test('an error while producing the chunks is rethrown unchanged, and the previous pair stays', () => {
        const outDir = tempFolder();
        writeOutputFolder(outDir, pair('old'));
        const failure = new TypeError('Do not know how to serialize a BigInt');
        const failing = (function* () {
            yield '{"partial": ';
            throw failure;
        })();
        expect(() => writeOutputFolder(outDir, { 'question-set.json': pair('new')['question-set.json'], 'rubric.json': failing })).toThrow(failure);
        expect(pairIn(outDir)).toBe('old');
        expect(svfEntries(outDir).generations).toHaveLength(1);
        expect(svfEntries(outDir).tempLinks).toEqual([]);
    });

    test('a write that fails part-way leaves nothing new behind', () => {
        const parent = tempFolder();
        const outDir = path.join(parent, 'new', 'out');
        renameHook.onCall = 1;
        expect(() => writeOutputFolder(outDir, chunkedPair('one'))).toThrow(OutputWriteError);
        expect(fs.readdirSync(parent)).toEqual([]);
    });
});

describe('writeOutputFolder refuses, changing nothing', () => {
    test('an output folder that is a file', () => {
        const parent = tempFolder();
        const outDir = path.join(parent, 'out');
        fs.writeFileSync(outDir, 'not a folder');
        expect(() => writeOutputFolder(outDir, pair('one'))).toThrow(OutputWriteError);
        expect(() => writeOutputFolder(outDir, pair('one'))).toThrow(`Cannot write the outputs to ${outDir}: it is a file, not a folder. Choose another output folder.`);
        expect(listing(parent)).toEqual(['out']);
        expect(fs.readFileSync(outDir, 'utf8')).toBe('not a folder');
    });

    test.each(['question-set.json', 'rubric.json'])('a folder named %s in the output folder', (name) => {
        const outDir = tempFolder();
        writeOutputFolder(outDir, pair('one'));
        fs.rmSync(path.join(outDir, name));
        fs.mkdirSync(path.join(outDir, name));
        const before = listing(outDir);
        expect(() => writeOutputFolder(outDir, pair('two'))).toThrow(
            `Cannot write ${path.join(outDir, name)}: a folder of that name is in the way. Move or remove it, or choose another output folder.`);
        expect(listing(outDir)).toEqual(before);
        expect(readPairByProtocol(outDir)).toMatchObject({ consistent: true, tag: 'one "one"' });
    });

    test('a folder named .svf-current', () => {
        const outDir = tempFolder();
        fs.mkdirSync(path.join(outDir, '.svf-current'));
        expect(() => writeOutputFolder(outDir, pair('one'))).toThrow(/\.svf-current is a folder, but svf keeps a link to the current outputs there\. Move or remove it/);
        expect(listing(outDir)).toEqual(['.svf-current']);
    });

    test('names that are not plain file names', () => {
        const outDir = tempFolder();
        expect(() => writeOutputFolder(outDir, { '../escape.json': '{}' })).toThrow('output names must be plain file names');
        expect(() => writeOutputFolder(outDir, { '.svf-current': '{}' })).toThrow('output names must be plain file names');
        expect(listing(outDir)).toEqual([]);
    });
});

describe('writeOutputFolder never writes through a link someone planted', () => {
    test('question-set.json -> a file elsewhere: the link is replaced, the file unchanged', () => {
        const victim = path.join(tempFolder(), 'target');
        fs.writeFileSync(victim, 'precious\n');
        const outDir = tempFolder();
        fs.symlinkSync(victim, path.join(outDir, 'question-set.json'));
        fs.symlinkSync(victim, path.join(outDir, 'rubric.json'));
        writeOutputFolder(outDir, pair('one'));
        expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
        expect(pairIn(outDir)).toBe('one');
    });

    test('.svf-current -> a folder elsewhere: the link is replaced, the folder unchanged', () => {
        const elsewhere = tempFolder();
        fs.writeFileSync(path.join(elsewhere, 'question-set.json'), 'theirs\n');
        const outDir = tempFolder();
        fs.symlinkSync(elsewhere, path.join(outDir, '.svf-current'));
        fs.symlinkSync('.svf-current/question-set.json', path.join(outDir, 'question-set.json'));
        writeOutputFolder(outDir, pair('one'));
        expect(listing(elsewhere)).toEqual(['question-set.json']);
        expect(fs.readFileSync(path.join(elsewhere, 'question-set.json'), 'utf8')).toBe('theirs\n');
        expect(pairIn(outDir)).toBe('one');
        expect(link(path.join(outDir, '.svf-current'))).toMatch(/^\.svf-gen-\d+-[0-9a-f]{16}$/);
    });

    test('a leftover-looking link to a folder elsewhere: the link is removed, not the folder', () => {
        const elsewhere = tempFolder();
        fs.writeFileSync(path.join(elsewhere, 'keep.txt'), 'keep\n');
        const outDir = tempFolder();
        fs.symlinkSync(elsewhere, path.join(outDir, `.svf-gen-${deadPid()}-${hex16}`));
        writeOutputFolder(outDir, pair('one'));
        expect(listing(elsewhere)).toEqual(['keep.txt']);
        expect(svfEntries(outDir).generations).toEqual([svfEntries(outDir).current]);
    });
});

describe('writeOutputFolder cleans up', () => {
    test('leftovers of killed runs are removed; a live writer\'s work and the current generation are kept', () => {
        const outDir = tempFolder();
        writeOutputFolder(outDir, pair('one'));
        const dead = deadPid();
        // The current generation, as if its writer had been killed after the switch.
        const current = svfEntries(outDir).current!;
        const deadCurrent = `.svf-gen-${dead}-${'c'.repeat(16)}`;
        fs.renameSync(path.join(outDir, current), path.join(outDir, deadCurrent));
        fs.rmSync(path.join(outDir, '.svf-current'));
        fs.symlinkSync(deadCurrent, path.join(outDir, '.svf-current'));
        const killed = [`.svf-gen-${dead}-${'a'.repeat(16)}`, `.svf-gen-${dead}-${'b'.repeat(16)}`];
        for (const generation of killed) {
            fs.mkdirSync(path.join(outDir, generation));
            fs.writeFileSync(path.join(outDir, generation, 'question-set.json'), '{"half":');
        }
        fs.symlinkSync(killed[0]!, path.join(outDir, `.svf-tmp-${dead}-${hex16}`));
        fs.symlinkSync('.svf-current/rubric.json', path.join(outDir, `.svf-tmp-${dead}-${'f'.repeat(16)}`));
        // A writer still running (the test runner's parent process stands in for it).
        const live = `.svf-gen-${process.ppid}-${hex16}`;
        fs.mkdirSync(path.join(outDir, live));
        fs.writeFileSync(path.join(outDir, 'notes.txt'), 'mine\n');

        writeOutputFolder(outDir, pair('two'));
        expect(pairIn(outDir)).toBe('two');
        const now = svfEntries(outDir);
        expect(now.tempLinks).toEqual([]);
        expect(now.generations).toEqual([deadCurrent, live, now.current].sort());
        expect(listing(outDir)).toContain('notes.txt');
    });

    // Renames: fresh, a link per name and the switch; upgrade, also the switch to the old pair.
    test.each([
        ['a fresh folder', (_outDir: string) => {}, 'nothing', 3],
        ['regular files of the previous version', (outDir: string) => writeRegularPair(outDir, 'old'), 'old', 4],
        ['an earlier pair', (outDir: string) => writeOutputFolder(outDir, pair('old')), 'old', 1],
    ])('a rename failing at each step, over %s: the previous pair stays, nothing of the failed run is left', (_name, setUp, previous, renames) => {
        let steps = 0;
        for (let failAt = 1; ; failAt++) {
            const outDir = path.join(tempFolder(), 'out');
            fs.mkdirSync(outDir);
            setUp(outDir);
            const before = svfEntries(outDir);
            renameHook.calls = 0;
            renameHook.onCall = failAt;
            try {
                writeOutputFolder(outDir, pair('new'));
                expect(pairIn(outDir)).toBe('new');
                break;
            } catch (error) {
                expect(error).toBeInstanceOf(OutputWriteError);
                expect((error as Error).message).toMatch(/EIO: i\/o error.*The previous outputs, if any, are unchanged\.$/);
                steps++;
            } finally {
                renameHook.onCall = 0;
            }
            // The old pair (or, the upgrade's copy of it), nothing new, no temp links.
            expect(pairIn(outDir)).toBe(previous);
            const after = svfEntries(outDir);
            expect(after.tempLinks).toEqual([]);
            const added = after.generations.filter(generation => !before.generations.includes(generation));
            expect(added.every(generation => generation === after.current)).toBe(true);
            // The next compiles succeed; then only the current and the previous generation are left.
            writeOutputFolder(outDir, pair('next'));
            expect(pairIn(outDir)).toBe('next');
            writeOutputFolder(outDir, pair('last'));
            expect(pairIn(outDir)).toBe('last');
            expect(svfEntries(outDir).generations).toHaveLength(2);
            expect(svfEntries(outDir).tempLinks).toEqual([]);
        }
        expect(steps).toBe(renames);
    });

    test('a failure in a folder it created: the folder goes too', () => {
        const parent = tempFolder();
        renameHook.onCall = 1;
        expect(() => writeOutputFolder(path.join(parent, 'new', 'out'), pair('one'))).toThrow(OutputWriteError);
        expect(listing(parent)).toEqual([]);
    });

    test('a signal handler running mid-write (removeUnfinishedOutputs) removes this run\'s generation and temp links', () => {
        const outDir = tempFolder();
        writeOutputFolder(outDir, pair('old'));
        const before = listing(outDir);
        let seen: string[] = [];
        renameHook.action = 'interrupt';
        renameHook.interrupt = () => {
            seen = listing(outDir);
            removeUnfinishedOutputs();
        };
        renameHook.calls = 0;
        renameHook.onCall = 1; // the switch: the new generation and its temp link exist
        expect(() => writeOutputFolder(outDir, pair('new'))).toThrow();
        expect(seen.length).toBe(before.length + 2);
        expect(listing(outDir)).toEqual(before);
        expect(pairIn(outDir)).toBe('old');
    });
});
