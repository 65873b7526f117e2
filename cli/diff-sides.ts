import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { displayPath } from './diagnostic-report.js';
import { UsageError } from './exit-codes.js';

/**
 * One side of `svf diff` (or the new base of `svf upgrade-check`): a framework as it is on
 * disk, at a git revision, or in a published npm package version. Git and npm sides are
 * unpacked into a temporary folder that `dispose` (or, on Ctrl-C, removeTemporarySides)
 * removes; their files are shown as `git:<rev>:<path>` and `npm:<package>@<version>/<path>`,
 * never by the temporary path.
 */
export interface DiffSide {
    /** The side as the user wrote it. */
    readonly spec: string;
    /** What to load: the framework's entry file, or a folder with framework.svf. */
    readonly entry: string;
    /** How a file of this side is shown to the user (for a folder side: relative to the current folder). */
    showPath(absolutePath: string): string;
    /** Whether the file belongs to this side's temporary folder (always false for a folder side). */
    holds(absolutePath: string): boolean;
    /** Removes the temporary folder, if any. Safe to call twice. */
    dispose(): void;
}

export interface SideOptions {
    /** Never ask the npm registry: an `npm:` side must be in the npm cache. */
    offline?: boolean;
}

/**
 * Opens a side: `<folder-or-entry-file>`, `git:<rev>:<path>` (the path as `git show
 * <rev>:<path>` takes it: from the repository's top folder, or from the current folder when
 * it starts with `./`), or `npm:<package>@<version>`. A side that cannot be read (a missing
 * path, an unknown revision, a package version neither cached nor downloadable) is a
 * UsageError: exit 2.
 */
export function openSide(spec: string, options: SideOptions = {}): DiffSide {
    if (spec.startsWith('git:')) return openGitSide(spec);
    if (spec.startsWith('npm:')) return openNpmSide(spec, options);
    return folderSide(spec);
}

/** Removes every temporary folder still open: for bin/svf.js's SIGINT and SIGTERM handler. */
export function removeTemporarySides(): void {
    for (const folder of temporaryFolders) fs.rmSync(folder, { recursive: true, force: true });
    temporaryFolders.clear();
}

const temporaryFolders = new Set<string>();

function folderSide(spec: string): DiffSide {
    return {
        spec,
        entry: spec,
        showPath: file => displayPath(file),
        holds: () => false,
        dispose: () => {},
    };
}

/** A temporary folder, removed by `dispose`, on any exit, and on Ctrl-C. */
function temporarySide(spec: string, entry: string, root: string, shownRoot: string): DiffSide {
    const realRoot = fs.realpathSync(root);
    const within = (file: string) => {
        for (const folder of [root, realRoot]) {
            const relative = path.relative(folder, file);
            if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
        }
        return undefined;
    };
    return {
        spec,
        entry,
        showPath: file => {
            const relative = within(file);
            return relative === undefined ? displayPath(file) : `${shownRoot}${relative}`;
        },
        holds: file => within(file) !== undefined,
        dispose: () => removeTemporaryFolder(root),
    };
}

function makeTemporaryFolder(kind: string): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `svf-${kind}-`));
    temporaryFolders.add(folder);
    return folder;
}

function removeTemporaryFolder(folder: string): void {
    fs.rmSync(folder, { recursive: true, force: true });
    temporaryFolders.delete(folder);
}

// Whatever ends the process (an error, process.exit), no temporary side is left behind.
process.once('exit', removeTemporarySides);

// ------------------------------------------------------------------------------ git

/**
 * `git:<rev>:<path>`: the tracked files of the whole tree at that revision (so that imports
 * and `extends "../x"` outside the framework's folder resolve), written by `git archive`
 * into a temporary folder. No checkout: the working tree and the index are not touched.
 */
function openGitSide(spec: string): DiffSide {
    const match = /^git:([^:]+):(.*)$/.exec(spec);
    if (!match || match[1]!.trim() === '') {
        throw new UsageError(`'${spec}' is not a git side; write git:<revision>:<path>, e.g. git:v2.0.0:examples/orbis-base or git:HEAD~1:./framework.svf.`);
    }
    const [, revision, written] = match as unknown as [string, string, string];
    const top = git(['rev-parse', '--show-toplevel'], process.cwd(), () =>
        `${spec}: the current folder is not in a git repository; run svf diff from inside the repository.`).trim();
    // Like `git show <rev>:./x`, a path starting with ./ or ../ is from the current folder.
    const prefix = git(['rev-parse', '--show-prefix'], process.cwd(), () => '').trim();
    const inTree = path.posix.normalize(written.startsWith('./') || written.startsWith('../') ? path.posix.join(prefix, written) : written || '.')
        .replace(/\/$/, '') || '.';
    if (inTree.startsWith('..')) {
        throw new UsageError(`${spec}: '${written}' is outside the repository at ${displayPath(top)}.`);
    }
    const commit = git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], top, () =>
        `${spec}: there is no revision '${revision}' in this git repository; give a commit, tag or branch (see git log --oneline, git tag).`).trim();
    if (inTree !== '.') {
        git(['cat-file', '-e', `${commit}:${inTree}`], top, () =>
            `${spec}: revision '${revision}' has no '${inTree}' (paths are from the repository's top folder; start with ./ for the current folder).`);
    }
    const root = makeTemporaryFolder('git');
    try {
        const archive = spawnSync('git', ['-C', top, 'archive', '--format=tar', commit], { maxBuffer: 2 ** 31 - 1 });
        if (archive.status !== 0) throw new UsageError(`${spec}: git archive failed: ${oneLine(archive.stderr?.toString() ?? '')}`);
        const untar = spawnSync('tar', ['-x', '-f', '-', '-C', root], { input: archive.stdout });
        if (untar.status !== 0) throw new UsageError(`${spec}: could not unpack the revision: ${oneLine(untar.stderr?.toString() ?? '')}`);
        const shownRoot = `git:${revision}:`;
        return temporarySide(spec, path.join(root, inTree), root, shownRoot);
    } catch (error) {
        removeTemporaryFolder(root);
        throw error;
    }
}

function git(args: string[], cwd: string, failure: (stderr: string) => string): string {
    try {
        return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new UsageError('git is not installed (or not on PATH); git: sides read revisions through the git command line.');
        throw new UsageError(failure(String((error as { stderr?: string }).stderr ?? '')));
    }
}

// ------------------------------------------------------------------------------ npm

/**
 * `npm:<package>@<version>`: the tarball `npm pack` gives for that spec (from the npm cache
 * when it is there; with --offline only from there), unpacked; the framework's entry is the
 * package.json's `svf.entry` (else framework.svf).
 */
function openNpmSide(spec: string, options: SideOptions): DiffSide {
    const packageSpec = spec.slice('npm:'.length);
    if (!/^(@[^/@\s]+\/)?[^/@\s]+@[^\s]+$/.test(packageSpec)) {
        throw new UsageError(`'${spec}' is not an npm side; write npm:<package>@<version>, e.g. npm:@orbis/social-value@2.1.0.`);
    }
    const root = makeTemporaryFolder('npm');
    try {
        const packed = spawnSync('npm', ['pack', packageSpec, '--json', '--pack-destination', root, options.offline ? '--offline' : '--prefer-offline',
            '--ignore-scripts', '--no-fund', '--no-audit'], {
            // From the current folder, so that a project's .npmrc (a scope's registry, say) applies.
            cwd: process.cwd(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
            env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' },
        });
        if (packed.error) {
            throw new UsageError((packed.error as NodeJS.ErrnoException).code === 'ENOENT'
                ? 'npm is not installed (or not on PATH); npm: sides are read with npm pack.'
                : `${spec}: npm pack failed: ${packed.error.message}`);
        }
        if (packed.status !== 0) throw new UsageError(npmFailure(spec, packed.stdout + packed.stderr, options));
        const tarball = (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]?.filename;
        if (!tarball) throw new UsageError(`${spec}: npm pack gave no tarball.`);
        const tarballPath = path.join(root, path.basename(tarball));
        const untar = spawnSync('tar', ['-x', '-z', '-f', tarballPath, '-C', root], { encoding: 'utf8' });
        if (untar.status !== 0) throw new UsageError(`${spec}: could not unpack ${path.basename(tarball)}: ${oneLine(untar.stderr)}`);
        fs.rmSync(tarballPath);
        const packageFolder = path.join(root, 'package');
        const manifest = readManifest(spec, packageFolder);
        const entry = manifest.svf?.entry ?? 'framework.svf';
        if (typeof entry !== 'string' || path.isAbsolute(entry) || path.normalize(entry).startsWith('..')) {
            throw new UsageError(`${spec}: package.json's svf.entry must be a path inside the package, e.g. "framework.svf".`);
        }
        return temporarySide(spec, path.join(packageFolder, entry), packageFolder, `npm:${manifest.name}@${manifest.version}/`);
    } catch (error) {
        removeTemporaryFolder(root);
        throw error;
    }
}

function readManifest(spec: string, folder: string): { name: string; version: string; svf?: { entry?: unknown } } {
    try {
        const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
        if (typeof manifest.name === 'string' && typeof manifest.version === 'string') return manifest;
    } catch {
        // Reported below.
    }
    throw new UsageError(`${spec}: the package has no readable package.json with a name and a version.`);
}

function npmFailure(spec: string, output: string, options: SideOptions): string {
    let code = /"code":\s*"(E[A-Z0-9_]+)"/.exec(output)?.[1] ?? /\bcode (E[A-Z0-9_]+)/.exec(output)?.[1] ?? '';
    const summary = /"summary":\s*"((?:[^"\\]|\\.)*)"/.exec(output)?.[1]
        ?? output.split('\n').filter(line => line.startsWith('npm error') && !/npm error (code|syscall|errno|A complete log)/.test(line)).slice(0, 2).join(' ').replace(/npm error /g, '');
    const cacheAdd = `npm cache add ${spec.slice('npm:'.length)}`;
    if (code === 'ENOTCACHED') {
        return `${spec}: this version is not in the npm cache, and ${options.offline ? '--offline forbids asking the registry' : 'the registry could not be reached'}. `
            + `Run \`${cacheAdd}\` once while online${options.offline ? ' (or drop --offline)' : ''}, then run this again.`;
    }
    if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'ENETUNREACH'].includes(code)) {
        return `${spec}: the npm registry cannot be reached (${code}) and this version is not in the npm cache. `
            + `Connect and run this again, or run \`${cacheAdd}\` once while online; folder and git: sides work offline.`;
    }
    if (code === 'ETARGET' || code === 'E404') {
        const where = options.offline ? ', as far as the npm cache knows (run without --offline to ask the registry)' : '';
        return `${spec}: npm has no such package version${where}${summary ? ` (${oneLine(summary)})` : ''}. Check the name and the version (npm view <package> versions).`;
    }
    code = code ? ` (${code})` : '';
    return `${spec}: npm pack failed${code}: ${oneLine(summary) || 'no reason given'}.`;
}

function oneLine(text: string): string {
    return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}
