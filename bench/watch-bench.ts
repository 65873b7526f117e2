import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticFramework } from './synthetic-framework.js';

/**
 * `npm run bench:watch`: how soon `svf compile --watch` has new outputs after a save. It
 * generates a framework (default 10,000 measures in 50 files), starts the built
 * `svf compile --watch` on it, then saves edits to one theme file at a time (a question's
 * wording, which changes the outputs, so every edit is recompiled and written) and times
 * each from the save to the line saying the outputs were written: what an author sees. The
 * figures are reported against the target (300 ms), never asserted.
 */

const SVF_BIN = fileURLToPath(new URL('../../bin/svf.js', import.meta.url));
const TARGET_MS = 300;

const { values: options } = parseArgs({
    options: {
        measures: { type: 'string', default: '10000' },
        files: { type: 'string', default: '50' },
        edits: { type: 'string', default: '21' },
    },
});
const measures = Number(options.measures);
const files = Number(options.files);
const edits = Number(options.edits);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-watch-bench-'));
try {
    process.exitCode = await run();
} finally {
    fs.rmSync(work, { recursive: true, force: true });
}

async function run(): Promise<number> {
    const folder = path.join(work, 'framework');
    writeSyntheticFramework(folder, { measures, files });
    const themes = fs.readdirSync(path.join(folder, 'themes')).filter(name => name.endsWith('.svf')).sort().map(name => path.join(folder, 'themes', name));
    const child = spawn(process.execPath, [SVF_BIN, 'compile', folder, '--value', '2.5m', '--category', 'works', '--duration', '36', '--out', path.join(work, 'out'), '--watch'], { stdio: 'pipe' });
    let output = '';
    const listeners = new Set<() => void>();
    const take = (chunk: Buffer) => {
        output += chunk.toString();
        listeners.forEach(listener => listener());
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const waitFor = (pattern: RegExp, from: number, timeoutMs = 120_000) => new Promise<{ line: string; at: number }>((resolve, reject) => {
        const check = () => {
            const line = output.slice(from).split('\n').find(candidate => pattern.test(candidate));
            if (line === undefined) return;
            clearTimeout(timer);
            listeners.delete(check);
            resolve({ line, at: performance.now() });
        };
        const timer = setTimeout(() => reject(new Error(`svf compile --watch printed no line matching ${pattern} in ${timeoutMs} ms:\n${output.slice(from, from + 3000)}`)), timeoutMs);
        listeners.add(check);
        check();
    });
    try {
        const started = performance.now();
        await waitFor(/^Watching /, 0);
        console.log(`svf compile --watch: ${measures.toLocaleString('en-GB')} measures in ${files} file(s); first compile and watch set up in ${((performance.now() - started) / 1000).toFixed(2)} s`);
        const seen: number[] = [];
        const reported: number[] = [];
        for (let edit = 0; edit < edits; edit++) {
            const file = themes[edit % themes.length]!;
            const text = fs.readFileSync(file, 'utf8');
            const edited = text.replace(/ask "How many ([^"]*?)( \(edit \d+\))?\?"/, (_match, words: string) => `ask "How many ${words} (edit ${edit})?"`);
            if (edited === text) throw new Error(`No question to edit in ${file}`);
            const mark = output.length;
            const saved = performance.now();
            fs.writeFileSync(file, edited);
            const { line, at } = await waitFor(/^Recompiled in \d+ ms|^Nothing was written/, mark);
            if (!line.startsWith('Recompiled')) throw new Error(`The edit broke the framework:\n${output.slice(mark, mark + 3000)}`);
            seen.push(at - saved);
            reported.push(Number(/(\d+) ms/.exec(line)![1]));
        }
        // The first edit also warms up the code paths of a rebuild; report it apart.
        const [first, ...rest] = seen;
        console.log(`first edit: ${first!.toFixed(0)} ms from save to outputs written`);
        console.log(`next ${rest.length} edits, save to outputs written: median ${median(rest).toFixed(0)} ms, p90 ${percentile(rest, 0.9).toFixed(0)} ms (svf's own count from the change event: median ${median(reported.slice(1)).toFixed(0)} ms)`);
        console.log(`target: recompiled within ${TARGET_MS} ms of an edit to one file: ${median(rest) <= TARGET_MS ? 'met' : 'missed'} at the median`);
        return 0;
    } finally {
        child.kill('SIGTERM');
    }
}

function median(values: number[]): number {
    return percentile(values, 0.5);
}

function percentile(values: number[], share: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN;
}
