import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
    outputFolderDriver, readPairByProtocol, readPairByProtocolAsync, readVisiblePair, requireBuiltOutputFolder, seededRandom, svfEntries, writeRegularPair, type PairState
} from './output-pair.js';
import { removeTemporaryFolders, repositoryRoot, svfBinary, temporaryFolder } from './run-svf.js';

// The guarantee of cli/output-folder.ts, tested on real processes: the CLI and a driver that
// uses the built module. A reader finds the complete previous pair or the complete new pair,
// never a mix, whenever a writer is killed and however many write at once.

afterEach(removeTemporaryFolders);

interface Exit { code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number; endedAt: number }

function start(args: string[]): { child: ReturnType<typeof spawn>; exit: Promise<Exit>; writing: Promise<number> } {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SVF_DEBUG: '' } });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    // The driver says `writing` just before it writes: resolves with that moment (never for the CLI).
    const writing = new Promise<number>(resolve => {
        child.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('writing')) resolve(performance.now()); });
    });
    const exit = new Promise<Exit>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stderr, ms: performance.now() - started, endedAt: performance.now() }));
    });
    return { child, exit, writing };
}

const profiles = ['works-2.5m', 'service-60k', 'works-12m'];
const compileArgs = (outDir: string, run: number) =>
    [svfBinary, 'compile', 'examples/council', '--profile', `examples/council/profiles/${profiles[run % profiles.length]}.json`, '--out', outDir];
const driverArgs = (outDir: string, tag: string, count: number, size: number) => [outputFolderDriver, outDir, tag, String(count), String(size)];
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Checks what a reader finds now (no writer running): a consistent pair or nothing; returns it. */
function checkFolder(outDir: string, context: string): PairState {
    const visibleAreRegular = ['question-set.json', 'rubric.json']
        .every(name => fs.lstatSync(path.join(outDir, name), { throwIfNoEntry: false })?.isFile());
    const visible = readVisiblePair(outDir);
    if (visibleAreRegular) {
        // The previous svf version's files, not yet upgraded: they are the pair.
        expect(visible, context).toMatchObject({ kind: 'pair', consistent: true });
        return visible;
    }
    const byProtocol = readPairByProtocol(outDir);
    if (byProtocol.kind === 'pair') {
        expect(byProtocol.consistent, context).toBe(true);
        expect(visible, context).toMatchObject({ kind: 'pair', consistent: true, tag: byProtocol.tag });
    } else {
        expect(visible.kind, context).toBe('nothing');
    }
    return byProtocol;
}

/**
 * Waits until bin/svf.js has restarted Node in place with its flags (Linux: /proc/<pid>/cmdline);
 * the restarted script installs its signal handlers first thing.
 */
async function restartedWithItsFlags(pid: number): Promise<void> {
    for (let waited = 0; waited < 10_000; waited += 5) {
        if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--max-semi-space-size')) return;
        await sleep(5);
    }
    throw new Error(`svf (pid ${pid}) did not restart itself within 10 s`);
}

describe('the output pair under kills and concurrent writers', () => {
    test('SIGKILL at seeded random points of compiles and of large writes: always a complete consistent pair, leftovers cleaned by the next run', async () => {
        requireBuiltOutputFolder();
        const outDir = path.join(temporaryFolder(), 'out');
        const random = seededRandom(20261201);
        // How long each kind of run takes here, so the kills spread over the whole of it.
        const cliMs = (await start(compileArgs(path.join(temporaryFolder(), 'calibrate'), 0)).exit).ms;
        const calibration = start(driverArgs(path.join(temporaryFolder(), 'calibrate'), 'c', 1, 3_000_000));
        const { ms: driverMs, endedAt } = await calibration.exit;
        const writeMs = endedAt - await calibration.writing;

        let succeeded = false;
        let kills = 0;
        let killedMidWrite = 0;
        const completeRun = async (run: number) => {
            const before = svfEntries(outDir);
            const linked = fs.lstatSync(path.join(outDir, 'rubric.json'), { throwIfNoEntry: false })?.isSymbolicLink();
            const exit = await start(driverArgs(outDir, `complete${run}`, 1, 1000)).exit;
            expect(exit, `run ${run}`).toMatchObject({ code: 0, stderr: '' });
            expect(checkFolder(outDir, `complete run ${run}`)).toMatchObject({ kind: 'pair', tag: `complete${run}-0 "complete${run}-0"` });
            const after = svfEntries(outDir);
            // Leftovers of the killed runs are gone: the new generation and the one it replaced remain.
            expect(after.tempLinks).toEqual([]);
            if (linked) expect(after.generations).toEqual([...new Set([before.current, after.current])].filter(Boolean).sort());
            else expect(after.generations.length).toBeLessThanOrEqual(3);
            succeeded = true;
        };

        // Until 42 kills (a run that finishes before its kill does not count), bounded.
        for (let run = 0; kills < 42 && run < 90; run++) {
            if (run === 20) writeRegularPair(outDir, 'previous-svf-version'); // the upgrade, killed too
            if (run % 8 === 7) await completeRun(run);
            const before = svfEntries(outDir);
            const linkedBefore = fs.lstatSync(path.join(outDir, 'rubric.json'), { throwIfNoEntry: false })?.isSymbolicLink();
            const cli = run % 8 === 1;
            const { child, exit, writing } = start(cli ? compileArgs(outDir, (run - 1) / 8) : driverArgs(outDir, `driver${run}`, 1, 3_000_000));
            if (cli || run % 2 === 0) {
                // Anywhere in the whole run.
                await sleep(random() * 1.1 * (cli ? cliMs : driverMs));
            } else {
                // Aimed at the write itself.
                await writing;
                await sleep(random() * 1.2 * writeMs);
            }
            child.kill('SIGKILL');
            const { code, signal, stderr } = await exit;
            if (signal === 'SIGKILL') kills++;
            else {
                expect({ code, stderr }, `run ${run}`).toEqual({ code: 0, stderr: cli ? expect.any(String) : '' });
                succeeded = true;
            }
            const state = checkFolder(outDir, `after run ${run} (${signal ?? code})`);
            if (succeeded) expect(state.kind, `run ${run}`).toBe('pair');
            // A kill inside the write leaves its generation or temp link (removed by the next run).
            const after = svfEntries(outDir);
            const leftBehind = [...after.generations.filter(generation => generation !== after.current), ...after.tempLinks]
                .filter(entry => !before.generations.includes(entry) && !before.tempLinks.includes(entry));
            if (linkedBefore && leftBehind.length > 0) killedMidWrite++;
        }
        await completeRun(90);
        expect(kills).toBe(42);
        // Kills landed inside writes (they left leftovers; about 10 here), or the test proves little.
        expect(killedMidWrite).toBeGreaterThanOrEqual(3);
    });

    test.runIf(process.platform === 'linux')('SIGINT and SIGTERM during a compile: exit 130 and 143, the pair intact, nothing left behind', async () => {
        const outDir = path.join(temporaryFolder(), 'out');
        const random = seededRandom(7);
        const handled = { SIGINT: 0, SIGTERM: 0 };
        for (let run = 0; run < 16 && (handled.SIGINT < 2 || handled.SIGTERM < 2); run++) {
            const before = svfEntries(outDir);
            const signal = handled.SIGINT <= handled.SIGTERM ? 'SIGINT' : 'SIGTERM';
            const { child, exit } = start(compileArgs(outDir, run));
            // After svf has installed its handlers, at a random point of the compile.
            await restartedWithItsFlags(child.pid!);
            // A compile of the example takes a quarter of a second on a quiet machine: signal early enough to land in it.
            await sleep(10 + random() * 140);
            child.kill(signal);
            const result = await exit;
            // Nothing left behind: no temp link, no generation of this run but the current one.
            const after = svfEntries(outDir);
            expect(after.tempLinks, `run ${run}`).toEqual([]);
            expect(after.generations.filter(generation => generation !== after.current && !before.generations.includes(generation)), `run ${run}`).toEqual([]);
            checkFolder(outDir, `run ${run}`);
            if (result.signal !== null) {
                // Delivered while Node was starting up or shutting down, outside svf's handlers:
                // svf had not written anything, or had finished.
                expect(result.signal).toBe(signal);
                continue;
            }
            if (result.code !== 0) {
                expect(result.code, `run ${run}`).toBe(signal === 'SIGINT' ? 130 : 143);
                handled[signal]++;
            }
        }
        expect(handled).toEqual({ SIGINT: 2, SIGTERM: 2 });
    });

    test('concurrent writers into one folder (upgrading it from regular files): every pair a reader finds is consistent', async () => {
        requireBuiltOutputFolder();
        const outDir = path.join(temporaryFolder(), 'out');
        writeRegularPair(outDir, 'previous-svf-version');
        const writers = 6;
        const pairsEach = 5;
        const runs = Array.from({ length: writers }, (_, writer) => start(driverArgs(outDir, `writer${writer}`, pairsEach, 300_000)).exit);
        let running = true;
        const all = Promise.all(runs).finally(() => { running = false; });

        const seen = new Set<string>();
        const mixes: string[] = [];
        let reads = 0;
        while (running) {
            const state = await readPairByProtocolAsync(outDir);
            if (state !== 'retry' && state.kind === 'pair') {
                reads++;
                seen.add(state.tag);
                if (!state.consistent) mixes.push(`${state.tag} beside ${JSON.stringify(state.rubric.profile)}`);
            }
            // Each visible file on its own is always complete (JSON.parse throws otherwise).
            for (const name of ['question-set.json', 'rubric.json']) {
                JSON.parse(await fs.promises.readFile(path.join(outDir, name), 'utf8'));
            }
        }
        const exits = await all;
        expect(exits.map(({ code, signal, stderr }) => ({ code, signal, stderr }))).toEqual(Array(writers).fill({ code: 0, signal: null, stderr: '' }));
        expect(mixes).toEqual([]);
        // The reader really overlapped the writers (how often depends on the disk's speed).
        expect(reads).toBeGreaterThanOrEqual(5);
        expect(seen.size).toBeGreaterThanOrEqual(3);
        // The last switch is some writer's last pair.
        const final = checkFolder(outDir, 'at the end');
        expect(final.kind === 'pair' && final.tag).toMatch(new RegExp(`^writer\\d-${pairsEach - 1} "writer\\d-${pairsEach - 1}"$`));
        expect(svfEntries(outDir).tempLinks).toEqual([]);
        await start(driverArgs(outDir, 'after', 1, 10)).exit;
        expect(svfEntries(outDir).generations).toHaveLength(2);
    });
});
