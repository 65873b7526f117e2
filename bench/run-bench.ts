import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticFramework } from './synthetic-framework.js';
import { runInWorkFolder } from './work-folder.js';

/**
 * `npm run bench`: generates synthetic frameworks, runs the built `svf check` and
 * `svf compile` on each as child processes (what a user or CI sees, Node start-up
 * included), and in the same run the floor (bench/floor.ts: read the .svf files, read,
 * parse and write back the compile's two JSON outputs) and `svf --version`. Prints a table
 * of median wall time and peak memory, then how the figures compare with the project's
 * targets. Targets are reported, never asserted.
 *
 * Options: --sizes 1000,10000,100000  --files 1,50  --many-files-up-to 10000 (frameworks
 * spread over several files are generated only up to this size, to keep the default run
 * under ten minutes)  --runs 5  --cpu-prof-dir DIR  --keep
 */

const SVF_BIN = fileURLToPath(new URL('../../bin/svf.js', import.meta.url));
const FLOOR_SCRIPT = fileURLToPath(new URL('./floor.js', import.meta.url));
const PEAK_MEMORY_RECORDER = pathToFileURL(fileURLToPath(new URL('./record-peak-memory.js', import.meta.url))).href;

/** A £2.5m works contract over three years: it matches a mid-band rule of the synthetic framework. */
const COMPILE_PROFILE = ['--value', '2.5m', '--category', 'works', '--duration', '36'];

/** Issue 5, section 6. */
const TARGETS = {
    /** Cold `svf compile` of this many measures... */
    compileMeasures: 10_000,
    /** ...in under this many seconds... */
    compileSeconds: 1.5,
    /** ...and within this many times the floor. */
    floorRatio: 3,
    versionSeconds: 0.15,
    /** Compiling this many measures stays under peakMegabytes. */
    largeMeasures: 100_000,
    peakMegabytes: 1024,
    /** 10x the measures costs at most this many times the time. */
    timeRatio: 10,
};

type CommandName = 'check' | 'compile' | 'floor' | 'version';

interface Case {
    measures: number;
    files: number;
    command: CommandName;
}

interface Measurement extends Case {
    medianSeconds: number;
    peakMegabytes: number;
    /** The line of the command's output that shows it did the work (check's summary, compile's question count). */
    lastLine: string;
}

interface RunResult {
    seconds: number;
    peakKilobytes: number;
    exitCode: number | null;
    stdout: string;
    stderr: string;
}

const { values: options } = parseArgs({
    options: {
        sizes: { type: 'string', default: '1000,10000,100000' },
        files: { type: 'string', default: '1,50' },
        'many-files-up-to': { type: 'string', default: '10000' },
        runs: { type: 'string', default: '5' },
        'cpu-prof-dir': { type: 'string' },
        keep: { type: 'boolean', default: false },
    },
});

const sizes = parseCounts(options.sizes, '--sizes').sort((a, b) => a - b);
const fileCounts = parseCounts(options.files, '--files');
const manyFilesUpTo = parseCounts(options['many-files-up-to'], '--many-files-up-to')[0];
const runs = parseCounts(options.runs, '--runs')[0];
let workFolder = '';
await runInWorkFolder('svf-bench-', options.keep === true, folder => {
    workFolder = folder;
    return runBenchmark();
});

async function runBenchmark(): Promise<number> {
    console.log(`SVF benchmark: median of ${runs} runs each; Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.availableParallelism()} CPUs`);
    const started = process.hrtime.bigint();
    const measurements: Measurement[] = [];
    const version = await measure({ measures: 0, files: 0, command: 'version' }, '');
    if (!version) return 1;
    measurements.push(version);
    for (const files of fileCounts) {
        for (const measures of sizes) {
            if (files > 1 && measures > manyFilesUpTo) continue;
            const folder = path.join(workFolder, `${measures}-measures-${files}-files`);
            writeSyntheticFramework(folder, { measures, files });
            for (const command of ['check', 'compile', 'floor'] as const) {
                const measurement = await measure({ measures, files, command }, folder);
                if (!measurement) return 1;
                measurements.push(measurement);
            }
            // Frameworks and outputs of 100,000 measures take hundreds of megabytes of disk.
            if (!options.keep) {
                fs.rmSync(folder, { recursive: true, force: true });
                fs.rmSync(compileOutputFolder(folder), { recursive: true, force: true });
            }
        }
    }
    printTable(measurements);
    printTargets(measurements);
    console.log(`\nTotal benchmark time ${(Number(process.hrtime.bigint() - started) / 1e9 / 60).toFixed(1)} min`);
    return 0;
}

async function measure(benchCase: Case, folder: string): Promise<Measurement | undefined> {
    const results: RunResult[] = [];
    for (let run = 0; run < runs; run++) {
        const result = await runNode(nodeArguments(benchCase, folder), `${benchCase.command}-${benchCase.measures}-${benchCase.files}-${run}`);
        if (result.exitCode !== 0) {
            console.error(`${benchCase.command} on ${benchCase.measures} measures in ${benchCase.files} file(s) exited with ${result.exitCode}; the synthetic framework or svf is broken:`);
            console.error((result.stdout + result.stderr).split('\n').slice(0, 30).join('\n'));
            return undefined;
        }
        results.push(result);
    }
    const seconds = median(results.map(r => r.seconds));
    // Progress on stderr: a full run takes minutes and prints its table only at the end.
    process.stderr.write(`  ${benchCase.command} ${benchCase.measures ? `${benchCase.measures} measures, ${benchCase.files} file(s)` : ''}: ${seconds.toFixed(2)} s\n`);
    const lines = results[results.length - 1].stdout.trimEnd().split('\n');
    const lastLine = benchCase.command === 'compile' ? lines.find(line => line.startsWith('Questions')) ?? '' : lines[lines.length - 1];
    return {
        ...benchCase,
        medianSeconds: seconds,
        peakMegabytes: Math.max(...results.map(r => r.peakKilobytes)) / 1024,
        lastLine: lastLine.replace(/\s+/g, ' '),
    };
}

function compileOutputFolder(folder: string): string {
    return path.join(workFolder, 'output', path.basename(folder));
}

function nodeArguments(benchCase: Case, folder: string): string[] {
    switch (benchCase.command) {
        case 'version':
            return [SVF_BIN, '--version'];
        case 'check':
            return [SVF_BIN, 'check', folder];
        case 'compile':
            return [SVF_BIN, 'compile', folder, ...COMPILE_PROFILE, '--out', compileOutputFolder(folder)];
        case 'floor':
            // Runs after compile, whose outputs it reads.
            return [FLOOR_SCRIPT, folder, compileOutputFolder(folder), path.join(workFolder, 'floor-output')];
    }
}

function runNode(args: string[], label: string): Promise<RunResult> {
    const memoryFile = path.join(workFolder, `peak-memory-${label}`);
    const profiling = options['cpu-prof-dir']
        ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options['cpu-prof-dir']), '--cpu-prof-name', `svf-${label}.cpuprofile`]
        : [];
    const nodeArgs = [...profiling, '--import', PEAK_MEMORY_RECORDER, ...args];
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, nodeArgs, {
            cwd: workFolder,
            env: { ...process.env, SVF_BENCH_PEAK_MEMORY_FILE: memoryFile },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', chunk => { stdout += chunk; });
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.on('error', reject);
        child.on('close', exitCode => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const peakKilobytes = fs.existsSync(memoryFile) ? Number(fs.readFileSync(memoryFile, 'utf8')) : Number.NaN;
            resolve({ seconds, peakKilobytes, exitCode, stdout, stderr });
        });
    });
}

/** The same command on the next smaller size (same number of files), if measured. */
function smaller(measurements: Measurement[], m: Measurement): Measurement | undefined {
    const below = sizes.filter(size => size < m.measures).pop();
    return measurements.find(b => b.measures === below && b.files === m.files && b.command === m.command);
}

function floorOf(measurements: Measurement[], m: Measurement): Measurement | undefined {
    return measurements.find(f => f.command === 'floor' && f.measures === m.measures && f.files === m.files);
}

function printTable(measurements: Measurement[]): void {
    const header = ['measures', 'files', 'command', 'wall (s)', 'peak RSS (MB)', 'time vs 10x fewer', 'vs floor', 'output'];
    const rows = measurements.map(m => {
        const baseline = smaller(measurements, m);
        const ratio = baseline ? `${(m.medianSeconds / baseline.medianSeconds).toFixed(2)}x (${(m.measures / baseline.measures)}x)` : '';
        const floor = m.command === 'compile' || m.command === 'check' ? floorOf(measurements, m) : undefined;
        const vsFloor = floor ? `${(m.medianSeconds / floor.medianSeconds).toFixed(2)}x` : '';
        return [m.measures ? m.measures.toLocaleString('en-GB') : '', m.files ? String(m.files) : '', m.command,
            m.medianSeconds.toFixed(2), m.peakMegabytes.toFixed(1), ratio, vsFloor, m.lastLine];
    });
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const rightAligned = new Set([0, 1, 3, 4, 5, 6]);
    const format = (row: string[]) => row
        .map((cell, column) => rightAligned.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))
        .join('  ').trimEnd();
    console.log('');
    console.log(format(header));
    console.log(widths.map(width => '-'.repeat(width)).join('  '));
    for (const row of rows) console.log(format(row));
}

function printTargets(measurements: Measurement[]): void {
    const compiles = measurements.filter(m => m.command === 'compile');
    const at = (measures: number) => compiles.filter(m => m.measures === measures);
    const measures = (count: number) => count.toLocaleString('en-GB');
    console.log('');
    console.log('Targets (issue 5, section 6):');
    const target = at(TARGETS.compileMeasures);
    if (target.length > 0) {
        const slowest = maxBy(target, m => m.medianSeconds)!;
        console.log(`  ${measures(TARGETS.compileMeasures)} measures compile < ${TARGETS.compileSeconds} s: ${verdict(slowest.medianSeconds < TARGETS.compileSeconds)} (slowest ${slowest.medianSeconds.toFixed(2)} s, ${slowest.files} file(s))`);
        const ratios = target.map(m => ({ m, ratio: m.medianSeconds / floorOf(measurements, m)!.medianSeconds }));
        const worst = maxBy(ratios, r => r.ratio)!;
        console.log(`  ${measures(TARGETS.compileMeasures)} measures compile <= ${TARGETS.floorRatio}x the floor: ${verdict(worst.ratio <= TARGETS.floorRatio)} (worst ${worst.ratio.toFixed(2)}x, ${worst.m.files} file(s))`);
    }
    const version = measurements.find(m => m.command === 'version');
    if (version) {
        console.log(`  svf --version < ${TARGETS.versionSeconds * 1000} ms: ${verdict(version.medianSeconds < TARGETS.versionSeconds)} (${(version.medianSeconds * 1000).toFixed(0)} ms)`);
    }
    const large = at(TARGETS.largeMeasures);
    if (large.length > 0) {
        const biggest = maxBy(large, m => m.peakMegabytes)!;
        console.log(`  ${measures(TARGETS.largeMeasures)} measures compile < ${TARGETS.peakMegabytes} MB peak: ${verdict(biggest.peakMegabytes < TARGETS.peakMegabytes)} (${biggest.peakMegabytes.toFixed(0)} MB, ${biggest.files} file(s))`);
    }
    const scaling = measurements
        .filter(m => m.command === 'check' || m.command === 'compile')
        .map(m => ({ m, baseline: smaller(measurements, m) }))
        .filter(r => r.baseline !== undefined && r.m.measures === 10 * r.baseline.measures)
        .map(r => ({ ...r, ratio: r.m.medianSeconds / r.baseline!.medianSeconds }));
    const worst = maxBy(scaling, r => r.ratio);
    if (worst) {
        console.log(`  10x the measures <= ${TARGETS.timeRatio}x the time: ${verdict(worst.ratio <= TARGETS.timeRatio)} (worst ${worst.ratio.toFixed(2)}x, ${worst.m.command} ${measures(worst.baseline!.measures)} -> ${measures(worst.m.measures)} in ${worst.m.files} file(s))`);
    }
}

function verdict(met: boolean): string {
    return met ? 'met' : 'MISSED';
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function maxBy<T>(items: T[], key: (item: T) => number): T | undefined {
    return items.reduce<T | undefined>((best, item) => best === undefined || key(item) > key(best) ? item : best, undefined);
}

function parseCounts(text: string, option: string): number[] {
    const counts = text.split(',').map(part => Number(part.trim()));
    if (counts.length === 0 || counts.some(count => !Number.isInteger(count) || count < 1)) {
        throw new Error(`${option} takes positive whole numbers separated by commas, e.g. 1000,10000; got '${text}'.`);
    }
    return counts;
}
