import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSyntheticFramework } from './synthetic-framework.js';

/**
 * `npm run bench:diff`: what `svf diff` costs on a large framework. Generates the
 * benchmark's synthetic framework (10,000 measures by default) as version 1.0.0, and a
 * next release of it, 2.0.0, with the changes a yearly release brings (issue 7):
 *
 * - four named proxies re-based to the next price year (value, price year and source);
 * - 1 measure in 100 retired (removed) and as many new measures added;
 * - the wording of the guidance of 1 measure in 200 changed;
 * - the no-ask threshold raised from £25k to £30k (and the light ask moved with it).
 *
 * Then runs the built `svf diff <old> <new> --check-version` as a child process (what a
 * publisher's CI sees, Node start-up included) and, alternating with it, `svf check` of the
 * new version alone (loading one side: the floor of a diff, which must load two), and
 * prints the medians of wall time, CPU time (user + system, which varies less on a shared
 * machine) and peak memory. Same method as `npm run bench`. Target (issue 7): the diff of
 * two 10,000-measure frameworks in under 2 s. Reported, never asserted.
 *
 * Options: --measures 10000  --files 1 (more spreads each version over that many files)
 * --runs 5  --cpu-prof-dir DIR  --keep
 */

const SVF_BIN = fileURLToPath(new URL('../../bin/svf.js', import.meta.url));
const CPU_TIME_RECORDER = pathToFileURL(fileURLToPath(new URL('./record-cpu-time.js', import.meta.url))).href;
const PEAK_MEMORY_RECORDER = pathToFileURL(fileURLToPath(new URL('./record-peak-memory.js', import.meta.url))).href;
const TARGET_SECONDS = 2;

/** Named proxies of the synthetic framework re-based in the new version, with their uplift. */
const REBASED_PROXIES: Record<string, number> = { localJob: 1.041, apprenticeWeek: 1.034, carbonTonne: 1.032, wasteTonne: 1.031 };
/** One measure in this many is removed, and as many are added. */
const REMOVE_EVERY = 100;
/** One measure in this many has its guidance reworded. */
const REWORD_EVERY = 200;

interface Timing {
    seconds: number;
    cpuSeconds: number;
    peakMegabytes: number;
    exitCode: number | null;
    stdout: string;
    stderr: string;
}

const { values: options } = parseArgs({
    options: {
        measures: { type: 'string', default: '10000' },
        files: { type: 'string', default: '1' },
        runs: { type: 'string', default: '5' },
        'cpu-prof-dir': { type: 'string' },
        keep: { type: 'boolean', default: false },
    },
});

const measures = positive(options.measures, '--measures');
const files = positive(options.files, '--files');
const runs = positive(options.runs, '--runs');
const workFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-diff-bench-'));

try {
    process.exitCode = await runBenchmark();
} finally {
    if (options.keep) {
        console.log(`\nGenerated frameworks kept in ${workFolder}`);
    } else {
        fs.rmSync(workFolder, { recursive: true, force: true });
    }
}

async function runBenchmark(): Promise<number> {
    console.log(`SVF diff benchmark: two ${measures.toLocaleString('en-GB')}-measure frameworks in ${files} file(s) each, median of ${runs} alternating runs; Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
    const oldFiles = generateSyntheticFramework({ measures, files });
    const { files: newFiles, summary } = nextRelease(oldFiles);
    const oldFolder = writeFiles(path.join(workFolder, 'v1'), oldFiles);
    const newFolder = writeFiles(path.join(workFolder, 'v2'), newFiles);
    console.log(`Changes made to the new version: ${summary}`);
    const cases = {
        diff: [SVF_BIN, 'diff', oldFolder, newFolder, '--check-version'],
        check: [SVF_BIN, 'check', newFolder],
    };
    const timings: Record<keyof typeof cases, Timing[]> = { diff: [], check: [] };
    for (let run = 0; run < runs; run++) {
        // Alternate which goes first, so neither always runs on a warmer (or busier) machine.
        const order = run % 2 === 0 ? ['diff', 'check'] as const : ['check', 'diff'] as const;
        for (const name of order) {
            const timing = await runNode(cases[name], `${name}-${run}`);
            if (timing.exitCode !== 0) {
                console.error(`svf ${name} exited with ${timing.exitCode}; the generated frameworks or svf are broken:`);
                console.error((timing.stdout + timing.stderr).split('\n').slice(0, 30).join('\n'));
                return 1;
            }
            timings[name].push(timing);
        }
        process.stderr.write(`  run ${run + 1}: diff ${timings.diff[run].seconds.toFixed(2)} s (CPU ${timings.diff[run].cpuSeconds.toFixed(2)} s), check ${timings.check[run].seconds.toFixed(2)} s (CPU ${timings.check[run].cpuSeconds.toFixed(2)} s)\n`);
    }
    const diffOutput = timings.diff[timings.diff.length - 1].stdout.trimEnd().split('\n');
    console.log('');
    console.log(`What the diff found (last lines of its output):`);
    for (const line of diffOutput.filter(line => line.trim() !== '').slice(-3)) console.log(`  ${line}`);
    console.log(`  (${diffOutput.filter(line => /^\S+:\d+:\d+: (breaking|minor|patch): /.test(line)).length} change lines)`);
    console.log('');
    const diff = medians(timings.diff);
    const check = medians(timings.check);
    console.log(`svf diff old new --check-version: wall ${diff.seconds.toFixed(2)} s, CPU ${diff.cpuSeconds.toFixed(2)} s, peak ${diff.peakMegabytes.toFixed(0)} MB (wall: ${list(timings.diff)})`);
    console.log(`svf check new (one side loaded):  wall ${check.seconds.toFixed(2)} s, CPU ${check.cpuSeconds.toFixed(2)} s, peak ${check.peakMegabytes.toFixed(0)} MB (wall: ${list(timings.check)})`);
    console.log(`Diff / check, wall time: ${(diff.seconds / check.seconds).toFixed(2)}x`);
    console.log(`Target (issue 7): diff of two ${measures.toLocaleString('en-GB')}-measure frameworks < ${TARGET_SECONDS} s: ${diff.seconds < TARGET_SECONDS ? 'met' : 'MISSED'} (${diff.seconds.toFixed(2)} s)`);
    return 0;
}

/**
 * The next release of a synthetic framework: the same files with a yearly release's changes.
 * Works on the text, so it works whether the framework is in one file or spread over many.
 */
function nextRelease(oldFiles: Map<string, string>): { files: Map<string, string>; summary: string } {
    let removed = 0;
    let added = 0;
    let reworded = 0;
    let rebased = 0;
    let thresholds = 0;
    let headers = 0;
    const files = new Map<string, string>();
    for (const [file, text] of oldFiles) {
        let next = text
            .replace(/^(framework bench\.synthetic [^\n]*\n)    version 1\.0\.0\n(    currency GBP\n)    priceYear 2024\n/m, (_, header: string, currency: string) => { headers++; return `${header}    version 2.0.0\n${currency}    priceYear 2025\n`; })
            .replace(/^proxy (\w+) ("[^"]*") = £([\d,.]+) per (\w+) \{([^}]*)\}/gm, (block: string, name: string, title: string, value: string, unit: string, body: string) => {
                const uplift = REBASED_PROXIES[name];
                if (uplift === undefined) return block;
                rebased++;
                const newValue = (Number(value.replace(/,/g, '')) * uplift).toFixed(2);
                return `proxy ${name} ${title} = £${newValue} per ${unit} {${body.replace('(2024 prices)', '(2025 prices)').replace('(2023 prices)', '(2025 prices)').replace(/priceYear \d+/, 'priceYear 2025')}}`;
            })
            .replace('rule belowThreshold "No ask below £25k" when contractValue < £25k', () => { thresholds++; return 'rule belowThreshold "No ask below £30k" when contractValue < £30k'; })
            .replace('rule lightTouch "Light ask from £25k to £100k" when contractValue from £25k to £100k', () => { thresholds++; return 'rule lightTouch "Light ask from £30k to £100k" when contractValue from £30k to £100k'; });
        next = next.replace(/^        measure NT(\d+) "([^"]*)" \{\n((?:            .*\n)*)        \}\n/gm, (block: string, numberText: string, title: string, body: string) => {
            const number = Number(numberText);
            // NT1 and NT2 are named by the rules' minimums: removing them would break the rules.
            if (number > 2 && number % REMOVE_EVERY === REMOVE_EVERY / 2) {
                removed++;
                return '';
            }
            let kept = block;
            if (number % REWORD_EVERY === 7) {
                reworded++;
                kept = `        measure NT${number} "${title}" {\n${body.replace(/guidance "[^"]*"/, 'guidance "Commit only to what this contract can deliver: quantities are checked against the quarterly monitoring returns and the final report."')}        }\n`;
            }
            if (number % REMOVE_EVERY === 25) {
                // A new measure beside an existing one, in the same outcome, with a new code and
                // its own title and ask (the same unit, proxy and ask as a removed measure would
                // make the diff report a rename instead).
                added++;
                kept += `        measure NX${number} "${title} (new in 2.0)" {\n${body.replace('ask "', 'ask "New in 2.0: ')}        }\n`;
            }
            return kept;
        });
        files.set(file, next);
    }
    const summary = `${rebased} proxies re-based, ${removed} measures removed, ${added} added, ${reworded} reworded, ${thresholds} rule conditions moved (£25k -> £30k), version 1.0.0 -> 2.0.0`;
    if (headers !== 1 || rebased !== Object.keys(REBASED_PROXIES).length || thresholds !== 2 || removed === 0 || added === 0) {
        throw new Error(`The synthetic framework no longer has the text this benchmark changes (${summary}); update nextRelease in bench/diff-bench.ts.`);
    }
    return { files, summary };
}

function writeFiles(folder: string, files: Map<string, string>): string {
    for (const [file, text] of files) {
        const target = path.join(folder, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text);
    }
    return folder;
}

function runNode(args: string[], label: string): Promise<Timing> {
    const profiling = options['cpu-prof-dir']
        ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options['cpu-prof-dir']), '--cpu-prof-name', `svf-diff-${label}.cpuprofile`]
        : [];
    const cpuFile = path.join(workFolder, `cpu-time-${label}`);
    const memoryFile = path.join(workFolder, `peak-memory-${label}`);
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, [...profiling, '--import', CPU_TIME_RECORDER, '--import', PEAK_MEMORY_RECORDER, ...args], {
            cwd: workFolder,
            env: { ...process.env, SVF_BENCH_CPU_TIME_FILE: cpuFile, SVF_BENCH_PEAK_MEMORY_FILE: memoryFile },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', chunk => { stdout += chunk; });
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.on('error', reject);
        child.on('close', exitCode => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const read = (file: string) => fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : Number.NaN;
            resolve({ seconds, cpuSeconds: read(cpuFile), peakMegabytes: read(memoryFile) / 1024, exitCode, stdout, stderr });
        });
    });
}

function medians(timings: Timing[]): { seconds: number; cpuSeconds: number; peakMegabytes: number } {
    return {
        seconds: median(timings.map(timing => timing.seconds)),
        cpuSeconds: median(timings.map(timing => timing.cpuSeconds)),
        peakMegabytes: Math.max(...timings.map(timing => timing.peakMegabytes)),
    };
}

function list(timings: Timing[]): string {
    return timings.map(timing => timing.seconds.toFixed(2)).join(', ');
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function positive(text: string, option: string): number {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
        throw new Error(`${option} takes a positive whole number; got '${text}'.`);
    }
    return value;
}
