import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writing the outputs into OUTDIR so that question-set.json and rubric.json change together.
 *
 * Layout (OUTDIR stays an ordinary folder; other files in it are never touched):
 *
 *     OUTDIR/.svf-gen-<pid>-<random>/question-set.json   one folder per compile ("generation"),
 *     OUTDIR/.svf-gen-<pid>-<random>/rubric.json         written completely before it is used
 *     OUTDIR/.svf-current -> .svf-gen-<pid>-<random>     the current generation (relative link)
 *     OUTDIR/question-set.json -> .svf-current/question-set.json
 *     OUTDIR/rubric.json -> .svf-current/rubric.json
 *
 * A compile writes both files into a new generation folder (created exclusively, files opened
 * with O_EXCL and flushed), then makes a uniquely named temp link to it and rename()s that over
 * `.svf-current`: that rename is the single atomic step that replaces the pair. So after a kill
 * at any instant, or with several compiles into one folder at once, `.svf-current` names either
 * the complete previous pair or the complete new pair, never a mix.
 *
 * Reader protocol. A reader that needs a guaranteed-consistent pair resolves
 * `OUTDIR/.svf-current` once (realpath) and reads both files from the folder it names. The
 * previous generation is kept until the next compile starts, so a reader that resolved just
 * before a switch can still finish; if a read fails with ENOENT (two compiles went by), resolve
 * again and retry. Reading `OUTDIR/question-set.json` and `OUTDIR/rubric.json` directly always
 * gives complete files, but the two reads may straddle a switch; both files carry the same
 * `framework.sourceHash` and `profile`, so such a reader can detect a pair read across a switch
 * and read again.
 *
 * Upgrade from the previous svf (the two files as regular files): the old pair is first copied
 * into a generation and `.svf-current` pointed at it, then each regular file is replaced by its
 * link (a rename, so each name always shows complete content of the old pair), and only then is
 * the new generation switched in. A kill anywhere in between leaves the old pair visible.
 *
 * Safety: nothing is ever written through an existing path. Generations are new folders, files
 * in them are created exclusively, and links are replaced by renaming a freshly created temp
 * link over them, which replaces the link itself: a planted `question-set.json -> /etc/x` or
 * `.svf-current -> /elsewhere` is replaced, never written into.
 *
 * Leftovers: generations and temp links carry the pid of their writer. Each compile first
 * removes those whose writer has exited (or is this process) and that are not current; a
 * concurrent writer's work in progress is never removed. Symlinks need a file system that has
 * them (any Linux or macOS one); writers sharing OUTDIR must share a pid namespace for leftovers
 * of killed runs to be recognised (otherwise they are only kept, never wrongly removed).
 */

/** The outputs could not be written; the pair that was there before is still there. */
export class OutputWriteError extends Error {
    override readonly name = 'OutputWriteError';
}

const CURRENT = '.svf-current';
const GENERATION_PREFIX = '.svf-gen-';
const TEMP_LINK_PREFIX = '.svf-tmp-';
/** Names this module creates (besides `.svf-current`): prefix, writer pid, random part. */
const OWN_ENTRY = /^\.svf-(?:gen|tmp)-(\d+)-[0-9a-f]{16}$/;

/** Paths this process has created for a write that has not finished: see removeUnfinishedOutputs. */
const unfinished = new Set<string>();

/**
 * A file's content: one string, or chunks (e.g. a generator) written one after another, so
 * that a large output never has to be one string in memory.
 */
export type OutputContent = string | Iterable<string>;

/**
 * Writes every file (name -> content) into outDir as one unit (see above), creating outDir
 * if needed. Returns the visible paths (`outDir/<name>`), in the order given. Throws
 * OutputWriteError, having removed what it created, when it cannot. Chunked content is
 * consumed once, while the generation is written; if producing it throws, that error is
 * rethrown as it is, again having removed what was created and changed nothing visible.
 */
export function writeOutputFolder(outDir: string, files: Record<string, OutputContent>): string[] {
    const names = Object.keys(files);
    for (const name of names) {
        if (name !== path.basename(name) || name === '.' || name === '..' || name === '' || name.startsWith('.svf-')) {
            throw new OutputWriteError(`Cannot write '${name}': output names must be plain file names.`);
        }
    }
    const existing = fs.statSync(outDir, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) {
        throw new OutputWriteError(`Cannot write the outputs to ${outDir}: it is a file, not a folder. Choose another output folder.`);
    }
    const createdHere = new Set<string>();
    let createdDir: string | undefined;
    try {
        createdDir = existing ? undefined : fs.mkdirSync(outDir, { recursive: true });
        refuseFoldersInTheWay(outDir, names);
        removeLeftovers(outDir);
        const generation = writeGeneration(outDir, files, createdHere);
        linkVisibleNames(outDir, names, createdHere);
        switchCurrent(outDir, generation, createdHere);
    } catch (error) {
        removeQuietly(createdHere);
        if (createdDir) removeCreatedFolders(outDir, createdDir);
        if (error instanceof ContentFailure) throw error.cause;
        if (error instanceof OutputWriteError) throw error;
        throw new OutputWriteError(`Could not write the outputs to ${outDir}: ${(error as Error).message}. The previous outputs, if any, are unchanged.`);
    }
    return names.map(name => path.join(outDir, name));
}

/**
 * Removes what an unfinished writeOutputFolder of this process has created: for a signal
 * handler (the CLI calls it on SIGINT/SIGTERM before exiting). Never touches finished outputs.
 */
export function removeUnfinishedOutputs(): void {
    removeQuietly(unfinished);
}

function refuseFoldersInTheWay(outDir: string, names: string[]): void {
    for (const name of names) {
        const target = path.join(outDir, name);
        if (fs.lstatSync(target, { throwIfNoEntry: false })?.isDirectory()) {
            throw new OutputWriteError(`Cannot write ${target}: a folder of that name is in the way. Move or remove it, or choose another output folder.`);
        }
    }
    const current = path.join(outDir, CURRENT);
    if (fs.lstatSync(current, { throwIfNoEntry: false })?.isDirectory()) {
        throw new OutputWriteError(`Cannot write the outputs to ${outDir}: ${current} is a folder, but svf keeps a link to the current outputs there. Move or remove it, or choose another output folder.`);
    }
}

/**
 * Removes generations and temp links of writers that have exited (killed runs), and this
 * process's own from earlier writes, except the current generation. The pid is checked before
 * `.svf-current` is read: once a writer is gone nobody can make its generation current again.
 */
function removeLeftovers(outDir: string): void {
    const stale: string[] = [];
    for (const entry of fs.readdirSync(outDir)) {
        const match = OWN_ENTRY.exec(entry);
        if (!match) continue;
        const full = path.join(outDir, entry);
        if (unfinished.has(full)) continue;
        const pid = Number(match[1]);
        if (pid === process.pid || !processIsAlive(pid)) stale.push(entry);
    }
    if (stale.length === 0) return;
    const current = currentGeneration(outDir);
    for (const entry of stale) {
        if (entry === current) continue;
        // rmSync does not follow links: a planted link is removed, not what it points to.
        try { fs.rmSync(path.join(outDir, entry), { recursive: true, force: true }); } catch { /* another writer's cleanup got there first */ }
    }
}

function currentGeneration(outDir: string): string | undefined {
    try {
        return fs.readlinkSync(path.join(outDir, CURRENT));
    } catch {
        return undefined;
    }
}

function processIsAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** Producing chunked content failed (not writing it): the caller gets that error unchanged. */
class ContentFailure {
    constructor(readonly cause: unknown) {}
}

/** A new generation folder holding every file, flushed to disk; returns its name (relative to outDir). */
function writeGeneration(outDir: string, files: Record<string, OutputContent>, createdHere: Set<string>): string {
    const { name, full } = createUniquely(outDir, GENERATION_PREFIX, target => fs.mkdirSync(target, { mode: 0o777 }));
    track(full, createdHere);
    for (const [file, content] of Object.entries(files)) {
        // 'wx': O_CREAT | O_EXCL, so an existing file or link is never opened.
        const fd = fs.openSync(path.join(full, file), 'wx', 0o666);
        try {
            if (typeof content === 'string') {
                fs.writeFileSync(fd, content);
            } else {
                writeChunks(fd, content);
            }
            fs.fsyncSync(fd);
        } finally {
            fs.closeSync(fd);
        }
    }
    syncFolder(full);
    return name;
}

/** Writes each chunk at the file's current position (writeFileSync on a descriptor appends and retries short writes). */
function writeChunks(fd: number, chunks: Iterable<string>): void {
    const iterator = chunks[Symbol.iterator]();
    for (;;) {
        let next: IteratorResult<string>;
        try {
            next = iterator.next();
        } catch (error) {
            throw new ContentFailure(error);
        }
        if (next.done) return;
        fs.writeFileSync(fd, next.value);
    }
}

/**
 * Makes each visible name a link to `.svf-current/<name>`. When the previous svf left regular
 * files, their content first becomes the current generation, so that replacing them one at a
 * time never shows a mix. Regular files only ever hold the old pair (svf never writes one), so
 * while any is left, `.svf-current` holds that same pair; a writer switches to a new generation
 * only after this function has replaced them all.
 */
function linkVisibleNames(outDir: string, names: string[], createdHere: Set<string>): void {
    for (let attempt = 0; attempt < 50; attempt++) {
        const kinds = names.map(name => visibleKind(outDir, name));
        const regular = names.filter((_, index) => kinds[index] === 'regular');
        if (regular.length > 0 && !kinds.includes('link')) {
            // Upgrade from regular files: snapshot the old pair. A file that is no longer a
            // regular file means another writer is upgrading at the same time: look again.
            const snapshot = readRegularFiles(outDir, regular);
            if (!snapshot) continue;
            const oldPair = writeGeneration(outDir, snapshot, createdHere);
            switchCurrent(outDir, oldPair, createdHere);
        }
        // Regular files first: until they are links, a name made visible could show the current
        // pair beside them. (Under the invariant above that is the same pair anyway.)
        const order = [...regular, ...names.filter((_, index) => kinds[index] !== 'regular' && kinds[index] !== 'link')];
        for (const name of order) {
            replaceWithLink(outDir, path.join(CURRENT, name), name, createdHere);
        }
        return;
    }
    throw new OutputWriteError(`Could not write the outputs to ${outDir}: its files kept changing while svf upgraded them from regular files to links. Compile again.`);
}

type VisibleKind = 'link' | 'regular' | 'absent' | 'other';

function visibleKind(outDir: string, name: string): VisibleKind {
    const target = path.join(outDir, name);
    const stats = fs.lstatSync(target, { throwIfNoEntry: false });
    if (!stats) return 'absent';
    if (stats.isDirectory()) {
        throw new OutputWriteError(`Cannot write ${target}: a folder of that name is in the way. Move or remove it, or choose another output folder.`);
    }
    if (stats.isSymbolicLink()) return fs.readlinkSync(target) === path.join(CURRENT, name) ? 'link' : 'other';
    return stats.isFile() ? 'regular' : 'other';
}

/** The content of each regular file, or undefined when one has meanwhile stopped being one. */
function readRegularFiles(outDir: string, names: string[]): Record<string, string> | undefined {
    const snapshot: Record<string, string> = {};
    for (const name of names) {
        let fd: number;
        try {
            fd = fs.openSync(path.join(outDir, name), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ELOOP' || code === 'ENOENT' || code === 'EMLINK') return undefined;
            throw error;
        }
        try {
            if (!fs.fstatSync(fd).isFile()) return undefined;
            snapshot[name] = fs.readFileSync(fd, 'utf8');
        } finally {
            fs.closeSync(fd);
        }
    }
    return snapshot;
}

/** The single atomic step: `.svf-current` now names the generation. */
function switchCurrent(outDir: string, generation: string, createdHere: Set<string>): void {
    replaceWithLink(outDir, generation, CURRENT, createdHere);
    // From here the generation belongs to the folder, not to this run.
    untrack(path.join(outDir, generation), createdHere);
    syncFolder(outDir);
}

/** Points `outDir/name` at linkTarget by renaming a fresh temp link over it (never writing through it). */
function replaceWithLink(outDir: string, linkTarget: string, name: string, createdHere: Set<string>): void {
    const { full: temp } = createUniquely(outDir, TEMP_LINK_PREFIX, target => fs.symlinkSync(linkTarget, target));
    track(temp, createdHere);
    try {
        fs.renameSync(temp, path.join(outDir, name));
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') {
            throw new OutputWriteError(`Cannot write ${path.join(outDir, name)}: a folder of that name is in the way. Move or remove it, or choose another output folder.`);
        }
        throw error;
    }
    untrack(temp, createdHere);
}

/** Creates `outDir/<prefix><pid>-<random>` with create (which must fail with EEXIST if it exists). */
function createUniquely(outDir: string, prefix: string, create: (target: string) => void): { name: string; full: string } {
    for (;;) {
        const name = `${prefix}${process.pid}-${crypto.randomBytes(8).toString('hex')}`;
        const full = path.join(outDir, name);
        try {
            create(full);
            return { name, full };
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
    }
}

function track(full: string, createdHere: Set<string>): void {
    createdHere.add(full);
    unfinished.add(full);
}

function untrack(full: string, createdHere: Set<string>): void {
    createdHere.delete(full);
    unfinished.delete(full);
}

function removeQuietly(paths: Set<string>): void {
    for (const full of [...paths]) {
        try { fs.rmSync(full, { recursive: true, force: true }); } catch { /* best effort: keep removing the rest */ }
        paths.delete(full);
        unfinished.delete(full);
    }
}

/** Removes the folders mkdir -p made for this write, deepest first, as long as they are empty. */
function removeCreatedFolders(outDir: string, createdDir: string): void {
    // Links made for the visible names point at nothing without a `.svf-current`: remove them too.
    if (!fs.lstatSync(path.join(outDir, CURRENT), { throwIfNoEntry: false })) {
        for (const entry of fs.readdirSync(outDir)) {
            const full = path.join(outDir, entry);
            if (fs.lstatSync(full).isSymbolicLink() && fs.readlinkSync(full).startsWith(`${CURRENT}${path.sep}`)) {
                try { fs.unlinkSync(full); } catch { /* best effort */ }
            }
        }
    }
    let folder = path.resolve(outDir);
    const top = path.resolve(createdDir);
    for (;;) {
        try { fs.rmdirSync(folder); } catch { return; /* not empty: another writer uses it */ }
        if (folder === top) return;
        folder = path.dirname(folder);
    }
}

function syncFolder(folder: string): void {
    let fd: number | undefined;
    try {
        fd = fs.openSync(folder, 'r');
        fs.fsyncSync(fd);
    } catch {
        // Some file systems cannot fsync a folder; the rename is still atomic.
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}
