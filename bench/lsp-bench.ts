import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
    CompletionRequest, createProtocolConnection, DefinitionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
    ExitNotification, HoverRequest, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
    StreamMessageReader, StreamMessageWriter, TextDocumentSyncKind,
    type Diagnostic, type ProtocolConnection, type ServerCapabilities
} from 'vscode-languageserver-protocol/node';
import { writeSyntheticFramework } from './synthetic-framework.js';
import { SERVER_NODE_FLAGS } from '../language/server-node-flags.js';
import { median, ms, percentile } from './statistics.js';
import { runInWorkFolder } from './work-folder.js';

/**
 * `npm run bench:lsp`: how responsive the built language server is over stdio, as an editor
 * sees it. For each layout (a framework in one file; the same framework over 50 files) it
 * generates 5,000 measures, starts `node out/language/main-server.js --stdio` on the folder,
 * opens the theme file it edits and waits for its diagnostics, then:
 *
 * - types keystrokes into one measure's `unit` reference: one adds a character (`FTE` ->
 *   `FTEx`, an unresolved reference: one known error on that line), the next deletes it
 *   again (valid), and times each from sending `didChange` to the `publishDiagnostics` for
 *   that file that matches the new text (the error there, or gone);
 * - times hover, completion and definition at a measure's proxy reference;
 * - reads the server's resident memory (VmRSS in /proc/<pid>/status) after loading, and
 *   again after `--memory-edits` more keystrokes (sent 10 ms apart, waiting for matching
 *   diagnostics every 50) and a quiet period.
 *
 * The figures are printed against the targets of issue 10; nothing is asserted.
 */

const SERVER = fileURLToPath(new URL('../language/main-server.js', import.meta.url));
const TARGETS = { diagnosticsMedianMs: 150, diagnosticsP90Ms: 300, requestMedianMs: 50, rssMb: 400 };

const { values: options } = parseArgs({
    options: {
        measures: { type: 'string', default: '5000' },
        layouts: { type: 'string', default: '1,50' },
        edits: { type: 'string', default: '60' },
        requests: { type: 'string', default: '30' },
        'memory-edits': { type: 'string', default: '200' },
        'quiet-ms': { type: 'string', default: '5000' },
        keep: { type: 'boolean', default: false },
    },
});
const measures = Number(options.measures);
const layouts = options.layouts.split(',').map(Number);
const edits = Number(options.edits);
const requests = Number(options.requests);
const memoryEdits = Number(options['memory-edits']);
const quietMs = Number(options['quiet-ms']);

interface LayoutResult {
    files: number;
    startupMs: number;
    diagnostics: number[];
    hover: number[];
    completion: number[];
    definition: number[];
    rssAfterLoadMb: number;
    rssAfterEditsMb?: number;
    peakRssMb: number;
    memoryEditsDone: number;
}

async function benchLayout(folder: string, files: number): Promise<LayoutResult> {
    const editedFile = path.join(folder, files === 1 ? 'framework.svf' : 'themes/theme-01.svf');
    const uri = pathToFileURL(editedFile).toString();
    let text = fs.readFileSync(editedFile, 'utf8');
    const lines = text.split('\n');
    // A measure in the middle of the file whose unit and proxy are references (`unit FTE`, `proxy localJob`).
    const middle = Math.floor(lines.length / 2);
    let unitLine = lines.findIndex((line, index) => index >= middle && line.trim() === 'unit FTE' && lines[index + 1]?.trim() === 'proxy localJob');
    if (unitLine < 0) unitLine = lines.findIndex((line, index) => line.trim() === 'unit FTE' && lines[index + 1]?.trim() === 'proxy localJob');
    const unitEnd = lines[unitLine].indexOf('FTE') + 'FTE'.length;
    const proxyLine = unitLine + 1;
    const proxyCharacter = lines[proxyLine].indexOf('localJob') + 3;

    console.log(`\n${files === 1 ? 'One file' : `${files} files`}: editing ${path.relative(folder, editedFile)} line ${unitLine + 1}`);
    const started = performance.now();
    const server = await Server.start(folder);
    await server.open(uri, text);
    await server.waitFor(uri, () => true, 300_000);
    await server.quiet(uri, 1000);
    const startupMs = performance.now() - started;
    console.log(`  initial diagnostics after ${(startupMs / 1000).toFixed(1)} s (${server.latest(uri)?.length ?? 0} for the file)`);

    const hasErrorOnUnitLine = (diagnostics: Diagnostic[]) => diagnostics.some(d => d.range.start.line === unitLine && d.severity === 1);
    let broken = false;
    /** One keystroke: add `x` after the unit name, or delete it. */
    const keystroke = async () => {
        broken = !broken;
        const change = broken
            ? { range: { start: { line: unitLine, character: unitEnd }, end: { line: unitLine, character: unitEnd } }, text: 'x' }
            : { range: { start: { line: unitLine, character: unitEnd }, end: { line: unitLine, character: unitEnd + 1 } }, text: '' };
        const editLines = text.split('\n');
        editLines[unitLine] = broken ? lines[unitLine] + 'x' : lines[unitLine];
        text = editLines.join('\n');
        await server.change(uri, change, text);
        return broken;
    };
    const expected = (isBroken: boolean) => (diagnostics: Diagnostic[]) => hasErrorOnUnitLine(diagnostics) === isBroken;

    const diagnostics: number[] = [];
    for (let edit = 0; edit < edits; edit++) {
        server.resetSeen(uri);
        const sent = performance.now();
        const isBroken = await keystroke();
        await server.waitFor(uri, expected(isBroken), 60_000);
        diagnostics.push(performance.now() - sent);
        // A pause like a typist's between keystrokes, so each edit is timed on its own.
        await delay(100);
    }
    if (broken) {
        await keystroke();
        await server.waitFor(uri, expected(false), 60_000);
    }
    console.log(`  diagnostics after a keystroke: median ${median(diagnostics).toFixed(0)} ms, p90 ${percentile(diagnostics, 0.9).toFixed(0)} ms`);

    const position = { line: proxyLine, character: proxyCharacter };
    const unitPosition = { line: unitLine, character: unitEnd - 1 };
    const time = async (request: () => Promise<unknown>) => {
        const times: number[] = [];
        for (let index = 0; index < requests; index++) {
            const sent = performance.now();
            const answer = await request();
            times.push(performance.now() - sent);
            if (index === 0 && (answer === null || answer === undefined)) console.log('  (a request had no answer)');
        }
        return times;
    };
    const textDocument = { uri };
    const hover = await time(() => server.connection.sendRequest(HoverRequest.type, { textDocument, position }));
    const completion = await time(() => server.connection.sendRequest(CompletionRequest.type, { textDocument, position: unitPosition }));
    const definition = await time(() => server.connection.sendRequest(DefinitionRequest.type, { textDocument, position }));
    console.log(`  hover ${median(hover).toFixed(1)} ms, completion ${median(completion).toFixed(1)} ms, definition ${median(definition).toFixed(1)} ms (medians)`);

    await server.quiet(uri, quietMs);
    const rssAfterLoadMb = server.rssMb();
    console.log(`  server RSS after loading and the timed edits: ${rssAfterLoadMb.toFixed(0)} MB`);

    let memoryEditsDone = 0;
    let rssAfterEditsMb: number | undefined;
    if (memoryEdits > 0) {
        const memoryStarted = performance.now();
        for (let edit = 0; edit < memoryEdits; edit++) {
            const waitHere = (edit + 1) % 50 === 0;
            if (waitHere) server.resetSeen(uri);
            const isBroken = await keystroke();
            memoryEditsDone++;
            if (waitHere) {
                await server.waitFor(uri, expected(isBroken), 60_000);
            } else {
                await delay(10);
            }
        }
        // End on the valid text, with its diagnostics published.
        if (!broken) await keystroke();
        server.resetSeen(uri);
        await keystroke();
        await server.waitFor(uri, expected(false), 60_000);
        await server.quiet(uri, quietMs);
        rssAfterEditsMb = server.rssMb();
        console.log(`  ${memoryEditsDone} more edits in ${((performance.now() - memoryStarted) / 1000).toFixed(0)} s; RSS after a ${quietMs / 1000} s quiet period: ${rssAfterEditsMb.toFixed(0)} MB`);
    }
    const peakRssMb = server.peakRssMb();
    await server.stop();
    return { files, startupMs, diagnostics, hover, completion, definition, rssAfterLoadMb, rssAfterEditsMb, peakRssMb, memoryEditsDone };
}

function printResults(results: LayoutResult[]): void {
    const verdict = (met: boolean) => (met ? 'met' : 'missed');
    const rows: string[][] = [];
    for (const result of results) {
        const layout = result.files === 1 ? 'one file' : `${result.files} files`;
        const diagnosticsMedian = median(result.diagnostics);
        const diagnosticsP90 = percentile(result.diagnostics, 0.9);
        rows.push([layout, 'keystroke to fresh diagnostics, median', ms(diagnosticsMedian), `< ${TARGETS.diagnosticsMedianMs} ms`, verdict(diagnosticsMedian < TARGETS.diagnosticsMedianMs)]);
        rows.push([layout, 'keystroke to fresh diagnostics, p90', ms(diagnosticsP90), `< ${TARGETS.diagnosticsP90Ms} ms`, verdict(diagnosticsP90 < TARGETS.diagnosticsP90Ms)]);
        for (const [name, times] of [['hover', result.hover], ['completion', result.completion], ['definition', result.definition]] as const) {
            const value = median(times);
            rows.push([layout, `${name}, median`, ms(value), `< ${TARGETS.requestMedianMs} ms`, verdict(value < TARGETS.requestMedianMs)]);
        }
        rows.push([layout, 'server RSS after loading', `${result.rssAfterLoadMb.toFixed(0)} MB`, `< ${TARGETS.rssMb} MB`, verdict(result.rssAfterLoadMb < TARGETS.rssMb)]);
        rows.push([layout, 'server peak RSS (VmHWM)', `${result.peakRssMb.toFixed(0)} MB`, '', '']);
        if (result.rssAfterEditsMb !== undefined) {
            const growth = result.rssAfterEditsMb - result.rssAfterLoadMb;
            // "No growth": allow 5% for the heap's normal breathing.
            rows.push([layout, `RSS after ${result.memoryEditsDone} more edits`, `${result.rssAfterEditsMb.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB)`,
                'no growth (within 5%)', verdict(growth <= result.rssAfterLoadMb * 0.05)]);
        }
    }
    const header = ['layout', 'figure', 'measured', 'target', ''];
    const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map(row => row[column].length)));
    const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ');
    console.log(`\n${format(header)}\n${widths.map(width => '-'.repeat(width)).join('  ')}\n${rows.map(format).join('\n')}`);
}

/** A minimal LSP client over stdio: enough to open, edit and query one document. */
class Server {
    private readonly published = new Map<string, Diagnostic[]>();
    private readonly seen = new Map<string, Diagnostic[][]>();
    private readonly lastPublished = new Map<string, number>();
    private readonly listeners = new Set<() => void>();
    private version = 1;
    private incremental = true;

    private constructor(readonly child: ChildProcessWithoutNullStreams, readonly connection: ProtocolConnection) {
        child.stderr.on('data', chunk => process.stderr.write(chunk));
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.published.set(params.uri, params.diagnostics);
            this.lastPublished.set(params.uri, performance.now());
            const seen = this.seen.get(params.uri) ?? [];
            seen.push(params.diagnostics);
            this.seen.set(params.uri, seen);
            for (const listener of [...this.listeners]) listener();
        });
        connection.listen();
    }

    static async start(folder: string): Promise<Server> {
        // As the VS Code extension starts it (language/server-node-flags.ts).
        const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER, '--stdio'], { stdio: 'pipe' });
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
        const server = new Server(child, connection);
        const folderUri = pathToFileURL(folder).toString();
        const initialized = await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri: folderUri,
            workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
            capabilities: {
                textDocument: {
                    publishDiagnostics: { relatedInformation: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: true } },
                    synchronization: { didSave: true },
                },
                workspace: { workspaceFolders: true },
            },
        });
        server.incremental = syncKind(initialized.capabilities) === TextDocumentSyncKind.Incremental;
        await connection.sendNotification(InitializedNotification.type, {});
        return server;
    }

    async open(uri: string, text: string): Promise<void> {
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'svf', version: this.version, text } });
    }

    async change(uri: string, change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }, fullText: string): Promise<void> {
        this.version++;
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version: this.version },
            contentChanges: [this.incremental ? change : { text: fullText }],
        });
    }

    latest(uri: string): Diagnostic[] | undefined {
        return this.published.get(uri);
    }

    /** Forgets the publications seen so far, so that `waitFor` looks only at later ones. */
    resetSeen(uri: string): void {
        this.seen.set(uri, []);
    }

    /** Waits for a publication for `uri` (since the last reset, or from now on) that satisfies `matches`. */
    waitFor(uri: string, matches: (diagnostics: Diagnostic[]) => boolean, timeoutMs: number): Promise<void> {
        return new Promise((resolve, reject) => {
            const check = () => {
                const seen = this.seen.get(uri) ?? [];
                if (seen.some(matches)) {
                    this.listeners.delete(check);
                    clearTimeout(timer);
                    this.seen.set(uri, []);
                    resolve();
                }
            };
            const timer = setTimeout(() => {
                this.listeners.delete(check);
                reject(new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms`));
            }, timeoutMs);
            this.listeners.add(check);
            check();
        });
    }

    /** Waits until nothing has been published for `uri` for `ms`. */
    async quiet(uri: string, ms: number): Promise<void> {
        for (;;) {
            const since = performance.now() - (this.lastPublished.get(uri) ?? 0);
            if (since >= ms) return;
            await delay(ms - since);
        }
    }

    rssMb(): number {
        return this.statusKb('VmRSS') / 1024;
    }

    peakRssMb(): number {
        return this.statusKb('VmHWM') / 1024;
    }

    private statusKb(field: string): number {
        const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
        const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
        return match ? Number(match[1]) : NaN;
    }

    async stop(): Promise<void> {
        const exited = new Promise(resolve => this.child.on('exit', resolve));
        try {
            await Promise.race([this.connection.sendRequest(ShutdownRequest.type), delay(5000)]);
            await this.connection.sendNotification(ExitNotification.type);
        } catch {
            // The server may already have gone.
        }
        await Promise.race([exited, delay(5000)]);
        if (this.child.exitCode === null) this.child.kill();
        this.connection.dispose();
    }
}

function syncKind(capabilities: ServerCapabilities): TextDocumentSyncKind | undefined {
    const sync = capabilities.textDocumentSync;
    return typeof sync === 'number' ? sync : sync?.change;
}

function delay(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

// Last, so that the classes above are initialised before the benchmark runs.
await runInWorkFolder('svf-lsp-bench-', options.keep, async workFolder => {
    console.log(`Language server benchmark: ${measures} measures, layouts ${layouts.join(', ')} file(s); ` +
        `${edits} timed edits, ${requests} of each request, ${memoryEdits} memory edits; load average at start ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
    const results: LayoutResult[] = [];
    for (const files of layouts) {
        const folder = path.join(workFolder, `layout-${files}`);
        writeSyntheticFramework(folder, { measures, files });
        results.push(await benchLayout(folder, files));
    }
    printResults(results);
    return 0;
});
