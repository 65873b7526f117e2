import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root and the built `svf` binary the tests run, as a user would. */
export const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
export const svfBinary = path.join(repositoryRoot, 'bin', 'svf.js');
export const fixtures = path.join(import.meta.dirname, 'fixtures');

export interface SvfRun {
    exitCode: number | null;
    stdout: string;
    stderr: string;
    /** stdout split into lines, without the final empty one. */
    lines: string[];
}

export interface SvfRunOptions {
    /** Extra environment variables. */
    env?: Record<string, string>;
    /** Run as this user and group (e.g. 65534, nobody), to meet permission bits root ignores. */
    uid?: number;
    gid?: number;
}

/**
 * Runs the built `svf` (bin/svf.js -> out/cli/main.js) in `cwd` and waits for it (at most
 * 30 s, so a run that hangs fails its test instead of the whole suite).
 */
export function runSvf(args: string[], cwd: string = fixtures, options: SvfRunOptions = {}): SvfRun {
    if (!fs.existsSync(path.join(repositoryRoot, 'out', 'cli', 'main.js'))) {
        throw new Error('out/cli/main.js is missing: run `npm run build` (or `npm test`, which builds first).');
    }
    const result = spawnSync(process.execPath, [svfBinary, ...args], {
        cwd, encoding: 'utf8', env: { ...process.env, SVF_DEBUG: '', ...options.env }, uid: options.uid, gid: options.gid, timeout: 30_000, killSignal: 'SIGKILL'
    });
    if (result.error) throw result.error;
    if (result.signal) throw new Error(`svf ${args.join(' ')} was killed (${result.signal}): it hung or ran out of memory.`);
    return {
        exitCode: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
        lines: result.stdout.split('\n').filter((line, index, all) => index < all.length - 1 || line !== ''),
    };
}

const temporaryFolders: string[] = [];

/** A fresh folder under the system temp folder holding the given files; see removeTemporaryFolders. */
export function temporaryFolder(files: Record<string, string> = {}): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-cli-'));
    temporaryFolders.push(folder);
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
        fs.writeFileSync(path.join(folder, file), text);
    }
    return folder;
}

/** Removes every folder temporaryFolder made; call it from afterEach. */
export function removeTemporaryFolders(): void {
    for (const folder of temporaryFolders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
}
