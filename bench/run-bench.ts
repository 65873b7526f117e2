import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticFramework } from './synthetic-framework.js';

/**
 * `npm run bench`: generates synthetic frameworks, runs the built `svf check` and
 * `svf compile` on each as child processes (what a user or CI sees, Node start-up
 * included) and prints a table of median wall time and peak memory, then how the
 * figures compare with the project's targets. Targets are reported, never asserted.
 */

const SVF_BIN = fileURLToPath(new URL('../../bin/svf.js', import.meta.url));
const PEAK_MEMORY_RECORDER = pathToFileURL(fileURLToPath(new URL('./record-peak-memory.js', import.meta.url))).href;

/** A £2.5m works contract over three years: it matches a mid-band rule of the synthetic framework. */
const COMPILE_PROFILE = ['--value', '2.5m', '--category', 'works', '--duration', '36'];

const TARGETS = {
    compileSeconds: 2,
    peakMegabytes: 300,
    /** 10x the measures may take at most this many times as long. */
    timeRatio: 12,
};

type CommandName = 'check' | 'compile';

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
        sizes: { type: 'string', default: '1000,10000' },
        files: { type: 'string', default: '1,50' },
        runs: { type: 'string', default: '3' },
        'cpu-prof-dir': { type: 'string' },
        keep: { type: 'boolean', default: false },
    },
});

const sizes = parseCounts(options.sizes, '--sizes');
const fileCounts = parseCounts(options.files, '--files');
const runs = parseCounts(options.runs, '--runs')[0];
const workFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-bench-'));

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
    console.log(`SVF benchmark: median of ${runs} runs each; Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.availableParallelism()} CPUs`);
    const measurements: Measurement[] = [];
    for (const files of fileCounts) {
        for (const measures of sizes) {
            const folder = path.join(workFolder, `${measures}-measures-${files}-files`);
            writeSyntheticFramework(folder, { measures, files });
            for (const command of ['check', 'compile'] as const) {
                const measurement = await measure({ measures, files, command }, folder);
                if (!measurement) return 1;
                measurements.push(measurement);
            }
        }
    }
    printTable(measurements);
    printTargets(measurements);
    return 0;
}

async function measure(benchCase: Case, folder: string): Promise<Measurement | undefined> {
    const results: RunResult[] = [];
    for (let run = 0; run < runs; run++) {
        const result = await runSvf(commandLine(benchCase, folder), `${benchCase.command}-${benchCase.measures}-${benchCase.files}-${run}`);
        if (result.exitCode !== 0) {
            console.error(`svf ${benchCase.command} on ${benchCase.measures} measures in ${benchCase.files} file(s) exited with ${result.exitCode}; the synthetic framework or svf is broken:`);
            console.error((result.stdout + result.stderr).split('\n').slice(0, 30).join('\n'));
            return undefined;
        }
        results.push(result);
    }
    const lines = results[results.length - 1].stdout.trimEnd().split('\n');
    return {
        ...benchCase,
        medianSeconds: median(results.map(r => r.seconds)),
        peakMegabytes: Math.max(...results.map(r => r.peakKilobytes)) / 1024,
        lastLine: (benchCase.command === 'check' ? lines[lines.length - 1] : lines.find(line => line.startsWith('Questions')) ?? '').replace(/\s+/g, ' '),
    };
}

function commandLine(benchCase: Case, folder: string): string[] {
    if (benchCase.command === 'check') {
        return ['check', folder];
    }
    return ['compile', folder, ...COMPILE_PROFILE, '--out', path.join(workFolder, 'output', path.basename(folder))];
}

function runSvf(args: string[], label: string): Promise<RunResult> {
    const memoryFile = path.join(workFolder, `peak-memory-${label}`);
    const profiling = options['cpu-prof-dir']
        ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options['cpu-prof-dir']), '--cpu-prof-name', `svf-${label}.cpuprofile`]
        : [];
    const nodeArgs = [...profiling, '--import', PEAK_MEMORY_RECORDER, SVF_BIN, ...args];
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

function printTable(measurements: Measurement[]): void {
    const smallest = Math.min(...sizes);
    const header = ['measures', 'files', 'command', 'wall (s)', 'peak RSS (MB)', `time vs ${smallest.toLocaleString('en-GB')}`, 'svf said'];
    const rows = measurements.map(m => {
        const baseline = measurements.find(b => b.measures === smallest && b.files === m.files && b.command === m.command);
        const ratio = baseline && m.measures !== smallest ? `${(m.medianSeconds / baseline.medianSeconds).toFixed(2)}x` : '';
        return [m.measures.toLocaleString('en-GB'), String(m.files), m.command, m.medianSeconds.toFixed(2), m.peakMegabytes.toFixed(1), ratio, m.lastLine];
    });
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const rightAligned = new Set([0, 1, 3, 4, 5]);
    const format = (row: string[]) => row
        .map((cell, column) => rightAligned.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))
        .join('  ').trimEnd();
    console.log('');
    console.log(format(header));
    console.log(widths.map(width => '-'.repeat(width)).join('  '));
    for (const row of rows) console.log(format(row));
}

function printTargets(measurements: Measurement[]): void {
    const largest = Math.max(...sizes);
    const smallest = Math.min(...sizes);
    const largeCompiles = measurements.filter(m => m.measures === largest && m.command === 'compile');
    const slowestCompile = maxBy(largeCompiles, m => m.medianSeconds);
    const biggest = maxBy(measurements, m => m.peakMegabytes);
    console.log('');
    console.log('Targets:');
    if (slowestCompile) {
        console.log(`  ${largest.toLocaleString('en-GB')} measures compile < ${TARGETS.compileSeconds} s: ${verdict(slowestCompile.medianSeconds < TARGETS.compileSeconds)} (slowest ${slowestCompile.medianSeconds.toFixed(2)} s, ${slowestCompile.files} file(s))`);
    }
    if (biggest) {
        console.log(`  peak memory < ${TARGETS.peakMegabytes} MB: ${verdict(biggest.peakMegabytes < TARGETS.peakMegabytes)} (highest ${biggest.peakMegabytes.toFixed(1)} MB, ${biggest.command} of ${biggest.measures.toLocaleString('en-GB')} measures in ${biggest.files} file(s))`);
    }
    const ratios = measurements
        .filter(m => m.measures === largest && largest !== smallest)
        .map(m => {
            const baseline = measurements.find(b => b.measures === smallest && b.files === m.files && b.command === m.command)!;
            return { measurement: m, ratio: m.medianSeconds / baseline.medianSeconds };
        });
    const worstRatio = maxBy(ratios, r => r.ratio);
    if (worstRatio) {
        const scale = largest / smallest;
        const allowed = TARGETS.timeRatio * scale / 10;
        console.log(`  ${scale}x measures <= ${allowed}x time: ${verdict(worstRatio.ratio <= allowed)} (worst ${worstRatio.ratio.toFixed(2)}x, ${worstRatio.measurement.command} in ${worstRatio.measurement.files} file(s))`);
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
