import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createSvfServices } from '../language/svf-module.js';
import { writeSyntheticFramework } from './synthetic-framework.js';
import { median, ms, percentile } from './statistics.js';
import { runInWorkFolder } from './work-folder.js';

/**
 * `npm run bench:lsp-phases`: where the time of one keystroke goes, in-process (no LSP
 * transport), phase by phase of Langium's document builder: parse (lex, parse, build the
 * syntax tree), index the file's declarations, compute scopes, link, index references,
 * validate (our checks, the framework-wide ones included). The same keystroke as
 * `npm run bench:lsp` (`unit FTE` -> `unit FTEx` and back, in a measure in the middle of the
 * edited file), on the same generated framework, as one file or over 50.
 *
 * It explains `bench:lsp`'s figures: in one 2.2 MB file, parsing alone takes about twice the
 * 150 ms target, because Langium reparses the whole file on every edit (it has no incremental
 * parser). Medians over `--edits` keystrokes; nothing is asserted. Run with
 * `node --expose-gc` (as the npm script does) it also prints the live heap after a full
 * garbage collection before and after the keystrokes: flat means no leak, whatever the
 * resident size does.
 */
const { values: options } = parseArgs({
    options: {
        measures: { type: 'string', default: '5000' },
        layouts: { type: 'string', default: '1,50' },
        edits: { type: 'string', default: '20' },
        keep: { type: 'boolean', default: false }
    }
});
const measures = Number(options.measures);
const layouts = options.layouts.split(',').map(Number);
const edits = Number(options.edits);

const PHASES: Array<[DocumentState, string]> = [
    [DocumentState.Parsed, 'parse'],
    [DocumentState.IndexedContent, 'index declarations'],
    [DocumentState.ComputedScopes, 'compute scopes'],
    [DocumentState.Linked, 'link'],
    [DocumentState.IndexedReferences, 'index references'],
    [DocumentState.Validated, 'validate']
];

async function benchLayout(folder: string, files: number): Promise<void> {
    const { shared } = createSvfServices({ ...NodeFileSystem });
    const builder = shared.workspace.DocumentBuilder;
    const documents = shared.workspace.LangiumDocuments;
    const all = svfFiles(folder);
    const loaded: LangiumDocument[] = [];
    for (const file of all) loaded.push(await documents.getOrCreateDocument(URI.file(file)));
    const started = performance.now();
    await builder.build(loaded, { validation: true });
    const edited = path.join(folder, files === 1 ? 'framework.svf' : 'themes/theme-01.svf');
    const original = fs.readFileSync(edited, 'utf8');
    const at = original.indexOf('unit FTE\n', Math.floor(original.length / 2)) + 'unit FTE'.length;
    console.log(`\n${files === 1 ? 'One file' : `${files} files`} (${(original.length / 1e6).toFixed(1)} MB edited): first build ${ms(performance.now() - started)}`);

    let phaseStart = 0;
    let current: Record<string, number> = {};
    for (const [state, name] of PHASES) {
        builder.onBuildPhase(state, () => {
            const now = performance.now();
            current[name] = now - phaseStart;
            phaseStart = now;
        });
    }
    const rows: Array<Record<string, number>> = [];
    const totals: number[] = [];
    const liveAtStart = liveHeapMb();
    for (let edit = 0; edit < edits; edit++) {
        // The document factory rereads an unopened file from disk: the keystroke is written there.
        fs.writeFileSync(edited, edit % 2 === 0 ? original.slice(0, at) + 'x' + original.slice(at) : original);
        current = {};
        const sent = performance.now();
        phaseStart = sent;
        await builder.update([URI.file(edited)], []);
        totals.push(performance.now() - sent);
        rows.push(current);
    }
    fs.writeFileSync(edited, original);
    for (const [, name] of PHASES) {
        console.log(`  ${name.padEnd(20)} ${ms(median(rows.map(row => row[name] ?? 0))).padStart(8)}`);
    }
    console.log(`  ${'keystroke in all'.padEnd(20)} ${ms(median(totals)).padStart(8)} (median of ${edits}; p90 ${ms(percentile(totals, 0.9))})`);
    const memory = process.memoryUsage();
    console.log(`  heap in use ${(memory.heapUsed / 1e6).toFixed(0)} MB, resident ${(memory.rss / 1e6).toFixed(0)} MB`);
    // What is still reachable (a leak grows this; garbage V8 has not collected yet does not).
    const liveAtEnd = liveHeapMb();
    if (liveAtStart !== undefined && liveAtEnd !== undefined) {
        console.log(`  live heap after a full GC: ${liveAtStart.toFixed(0)} MB after the first build, ${liveAtEnd.toFixed(0)} MB after ${edits} keystrokes`);
    }
}

/** The heap still reachable after a full garbage collection; only when run with --expose-gc. */
function liveHeapMb(): number | undefined {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) return undefined;
    gc();
    return process.memoryUsage().heapUsed / 1e6;
}

function svfFiles(folder: string): string[] {
    const found: string[] = [];
    for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
        if (entry.isFile() && entry.name.endsWith('.svf')) found.push(path.join(entry.parentPath, entry.name));
    }
    return found.sort();
}

await runInWorkFolder('svf-lsp-phases-', options.keep, async workFolder => {
    console.log(`Keystroke phases, in-process: ${measures} measures, layouts ${layouts.join(', ')} file(s), ${edits} keystrokes each; load average at start ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
    for (const files of layouts) {
        const folder = path.join(workFolder, `layout-${files}`);
        writeSyntheticFramework(folder, { measures, files });
        await benchLayout(folder, files);
    }
    return 0;
});
