/**
 * `svf compile --watch` as a user runs it: the real CLI, a framework copied to a temporary
 * folder, edits saved to disk, and what the command prints after each.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures, removeTemporaryFolders, runSvf, svfBinary, temporaryFolder } from './run-svf.js';

afterEach(removeTemporaryFolders);

function copyOfValidFramework(): string {
    const folder = path.join(temporaryFolder(), 'framework');
    fs.cpSync(path.join(fixtures, 'valid-framework'), folder, { recursive: true });
    return folder;
}

/** A running `svf compile --watch`, with its output so far and a way to wait for a line. */
class WatchSession {
    private output = '';
    private readonly waiters = new Set<() => void>();

    constructor(readonly child: ChildProcessWithoutNullStreams) {
        const take = (chunk: Buffer) => {
            this.output += chunk.toString();
            this.waiters.forEach(waiter => waiter());
        };
        child.stdout.on('data', take);
        child.stderr.on('data', take);
    }

    /** Waits until the output after `from` (a length of the output) has a line matching `pattern`; returns that line. */
    async waitFor(pattern: RegExp, from: number, timeoutMs = 20_000): Promise<string> {
        return new Promise((resolve, reject) => {
            const check = () => {
                const line = this.output.slice(from).split('\n').find(candidate => pattern.test(candidate));
                if (line !== undefined) {
                    clearTimeout(timer);
                    this.waiters.delete(check);
                    resolve(line);
                }
            };
            const timer = setTimeout(() => {
                this.waiters.delete(check);
                reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms; output after ${from}:\n${this.output.slice(from)}`));
            }, timeoutMs);
            this.waiters.add(check);
            check();
        });
    }

    get length(): number {
        return this.output.length;
    }

    since(from: number): string {
        return this.output.slice(from);
    }
}

function startWatch(framework: string, out: string): WatchSession {
    const child = spawn(process.execPath, [svfBinary, 'compile', framework, '--value', '2.5m', '--category', 'works', '--out', out, '--watch'], { stdio: 'pipe' });
    return new WatchSession(child);
}

function readJson(file: string): Record<string, any> {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
}

describe('svf compile --watch', () => {
    test('recompiles on save, keeps the last good outputs while the framework has errors, and skips saves that change nothing', async () => {
        const framework = copyOfValidFramework();
        const out = path.join(temporaryFolder(), 'out');
        const session = startWatch(framework, out);
        try {
            await session.waitFor(/^Watching 5 file\(s\) in 1 folder\(s\)/, 0);
            const first = readJson(path.join(out, 'question-set.json'));

            // An edit to an imported file: recompiled, the new question text in the outputs.
            const themes = path.join(framework, 'themes.svf');
            const original = fs.readFileSync(themes, 'utf8');
            expect(original).toContain('How many local people');
            let mark = session.length;
            fs.writeFileSync(themes, original.replace('How many local people', 'How many residents'));
            await session.waitFor(/^Recompiled in \d+ ms after the change was saved\.$/, mark);
            const second = readJson(path.join(out, 'question-set.json'));
            expect(JSON.stringify(second.questions)).toContain('How many residents');
            expect(second.framework.sourceHash).not.toBe(first.framework.sourceHash);

            // A syntax error: reported, nothing written, the previous outputs stay.
            mark = session.length;
            fs.appendFileSync(themes, '\nmeasure broken {\n');
            await session.waitFor(/^Nothing was written: fix the errors above, then compile again\./, mark);
            expect(session.since(mark)).toMatch(/themes\.svf:\d+:\d+ error syntax\/error/);
            expect(readJson(path.join(out, 'question-set.json'))).toEqual(second);

            // Fixed as it was: the outputs already hold exactly this, so nothing is rewritten.
            mark = session.length;
            fs.writeFileSync(themes, original.replace('How many local people', 'How many residents'));
            await session.waitFor(/^Up to date: .* nothing rewritten\. \(\d+ ms after the change was saved\)$/, mark);

            // Fixed differently: compiled and written.
            mark = session.length;
            fs.writeFileSync(themes, original.replace('How many local people', 'How many local residents'));
            await session.waitFor(/^Recompiled in \d+ ms/, mark);
            expect(JSON.stringify(readJson(path.join(out, 'question-set.json')).questions)).toContain('How many local residents');

            // Saved again with the same text: the content hash says nothing changed.
            mark = session.length;
            fs.writeFileSync(themes, original.replace('How many local people', 'How many local residents'));
            await session.waitFor(/^Unchanged: the framework's sources are as they were \(sha256 [0-9a-f]{12}\); nothing recompiled\./, mark);
        } finally {
            session.child.kill('SIGINT');
        }
        const exit = await new Promise<number | null>(resolve => session.child.on('exit', code => resolve(code)));
        expect(exit).toBe(130);
    });

    test('a file a save newly imports is watched and compiled in', async () => {
        const framework = copyOfValidFramework();
        const out = path.join(temporaryFolder(), 'out');
        fs.mkdirSync(path.join(framework, 'local'));
        fs.writeFileSync(path.join(framework, 'local', 'gates.svf'), 'gate fairPay "Fair pay" { ask "Will you pay the Real Living Wage?" }\n');
        const session = startWatch(framework, out);
        try {
            await session.waitFor(/^Watching 5 file/, 0);
            const entry = path.join(framework, 'framework.svf');
            let mark = session.length;
            fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').replace('import "rules.svf"', 'import "rules.svf"\nimport "local/gates.svf"'));
            await session.waitFor(/^Recompiled in \d+ ms/, mark);
            expect(readJson(path.join(out, 'question-set.json')).gates).toContain('fairPay');
            // The new file's folder is watched now: an edit there recompiles.
            mark = session.length;
            fs.writeFileSync(path.join(framework, 'local', 'gates.svf'), 'gate fairPay "Fair pay" { ask "Will you pay everyone the Real Living Wage?" }\n');
            await session.waitFor(/^Recompiled in \d+ ms/, mark);
            expect(JSON.stringify(readJson(path.join(out, 'question-set.json')).questions)).toContain('pay everyone the Real Living Wage');
        } finally {
            session.child.kill('SIGTERM');
        }
    });
});

describe('a repeat compile with unchanged sources and profile', () => {
    test('says the outputs are up to date and leaves the output folder as it was', () => {
        const out = path.join(temporaryFolder(), 'out');
        const args = ['compile', path.join(fixtures, 'valid-framework'), '--value', '2.5m', '--category', 'works', '--out', out];
        expect(runSvf(args).exitCode).toBe(0);
        const current = fs.readlinkSync(path.join(out, '.svf-current'));
        const again = runSvf(args);
        expect(again.exitCode).toBe(0);
        expect(again.lines[0]).toMatch(new RegExp(`^Up to date: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} already holds these outputs \\(sources sha256 [0-9a-f]{12}, the same contract profile\\); nothing rewritten\\.$`));
        expect(fs.readlinkSync(path.join(out, '.svf-current'))).toBe(current);
        // Another profile is another output: written.
        const other = runSvf([...args.slice(0, -4), '--value', '12m', '--category', 'works', '--out', out]);
        expect(other.lines[0]).toBe(`Wrote ${out}/question-set.json`);
        expect(fs.readlinkSync(path.join(out, '.svf-current'))).not.toBe(current);
    });

    test.runIf(process.platform === 'linux')('a FIFO planted as the current question set is never read: the compile writes a new pair', () => {
        const out = path.join(temporaryFolder(), 'out');
        const args = ['compile', path.join(fixtures, 'valid-framework'), '--value', '2.5m', '--category', 'works', '--out', out];
        expect(runSvf(args).exitCode).toBe(0);
        const planted = path.join(out, 'planted');
        fs.mkdirSync(planted);
        execFileSync('mkfifo', [path.join(planted, 'question-set.json')]);
        fs.copyFileSync(path.join(out, 'rubric.json'), path.join(planted, 'rubric.json'));
        fs.rmSync(path.join(out, '.svf-current'));
        fs.symlinkSync('planted', path.join(out, '.svf-current'));
        const again = runSvf(args);
        expect(again.exitCode).toBe(0);
        expect(again.lines[0]).toBe(`Wrote ${out}/question-set.json`);
        expect(readJson(path.join(out, 'question-set.json')).framework.id).toBe('test.riverside');
    });
});
