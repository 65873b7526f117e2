/**
 * Completion in process: each test writes its own files to a fresh temporary folder, loads
 * them with fresh services and asks the completion provider at a `<|>` marker.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { CompletionTriggerKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { createSvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';

const MARKER = '<|>';

const UNITS = `unit FTE "no. people FTE"
unit weeks "no. weeks"

proxy localJob "A local person employed for a year" = £30,000 per FTE
proxy apprenticeWeek "A week of apprenticeship" = £312.50 per weeks
`;

const folders: string[] = [];
afterEach(() => {
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

interface Completion {
    items: CompletionItem[];
    labels: string[];
}

/**
 * Writes `files` (paths relative to a new temp folder; one holds the marker), loads them all
 * and completes at the marker, optionally as if a trigger character had been typed.
 */
async function completeAt(files: Record<string, string>, trigger?: string): Promise<Completion> {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-completion-'));
    folders.push(folder);
    let marked: string | undefined;
    let offset = -1;
    for (const [name, content] of Object.entries(files)) {
        const file = path.join(folder, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const at = content.indexOf(MARKER);
        if (at >= 0) {
            marked = file;
            offset = at;
        }
        fs.writeFileSync(file, content.replace(MARKER, ''));
    }
    if (!marked) throw new Error('no marker');
    const { Svf } = createSvfServices(SvfNodeFileSystem);
    await loadFramework(Svf, { paths: Object.keys(files).map(name => path.join(folder, name)) });
    const document: LangiumDocument = Svf.shared.workspace.LangiumDocuments.getDocument(URI.file(marked))!;
    const position = document.textDocument.positionAt(offset);
    const result = await Svf.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position,
        context: trigger
            ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: trigger }
            : { triggerKind: CompletionTriggerKind.Invoked }
    }) as CompletionList | undefined;
    const items = result?.items ?? [];
    return { items, labels: items.map(item => item.label) };
}

function measureFile(body: string): string {
    return `import "units.svf"
theme jobs "Jobs" {
    outcome local "Local employment" {
        measure NT1 "Local FTE jobs" {
            unit FTE
            proxy localJob
        }
        measure NT2 "Apprenticeship weeks" {
${body}
        }
    }
}
`;
}

describe('completion', () => {
    test('the provider declares its trigger characters', () => {
        const { Svf } = createSvfServices(SvfNodeFileSystem);
        expect(Svf.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toEqual(expect.arrayContaining([' ', '.', '"']));
    });

    test('after `unit ` (typed space) the units visible to the file are offered, and no keywords', async () => {
        const { labels, items } = await completeAt({ 'units.svf': UNITS, 'f.svf': measureFile(`            unit ${MARKER}`) }, ' ');
        expect(labels).toEqual(expect.arrayContaining(['FTE', 'weeks']));
        expect(items.every(item => item.detail !== 'Keyword')).toBe(true);
    });

    test('a space after a word that takes no reference opens nothing', async () => {
        const { labels } = await completeAt({ 'units.svf': UNITS, 'f.svf': measureFile(`            ask "How many?" ${MARKER}`) }, ' ');
        expect(labels).toEqual([]);
    });

    test('proxy items carry their value per unit as detail; measure items their title and unit', async () => {
        const proxies = await completeAt({ 'units.svf': UNITS, 'f.svf': measureFile(`            unit weeks\n            proxy ${MARKER}`) }, ' ');
        expect(proxies.items.find(item => item.label === 'localJob')?.detail).toBe('£30,000 per FTE');
        expect(proxies.items.find(item => item.label === 'apprenticeWeek')?.detail).toBe('£312.50 per weeks');

        const rule = measureFile('            unit weeks') + `rule big when contractValue >= £1m {\n    minimum ${MARKER}\n}\n`;
        const measures = await completeAt({ 'units.svf': UNITS, 'f.svf': rule }, ' ');
        expect(measures.items.find(item => item.label === 'NT1')?.detail).toBe('Local FTE jobs (FTE)');
        expect(measures.items.find(item => item.label === 'NT2')?.detail).toBe('Apprenticeship weeks (weeks)');
    });

    test('aliased names are offered after `base.`', async () => {
        const file = `import "units.svf" as base\ntheme t "T" {\n    outcome o "O" {\n        measure M1 "M" {\n            unit base.${MARKER}\n        }\n    }\n}\n`;
        const { labels } = await completeAt({ 'units.svf': UNITS, 'f.svf': file }, '.');
        expect(labels).toEqual(expect.arrayContaining(['base.FTE']));
    });

    test('a `.` in a number opens nothing', async () => {
        const { labels } = await completeAt({ 'units.svf': UNITS, 'f.svf': `unit FTE "FTE"\nproxy p = £312.${MARKER}` }, '.');
        expect(labels).toEqual([]);
    });

    test('nothing is offered inside a comment or a string', async () => {
        const inLineComment = await completeAt({ 'units.svf': UNITS, 'f.svf': measureFile(`            // unit ${MARKER}`) });
        expect(inLineComment.labels).toEqual([]);
        const inBlockComment = await completeAt({ 'units.svf': UNITS, 'f.svf': measureFile(`            /* the unit ${MARKER} */`) });
        expect(inBlockComment.labels).toEqual([]);
        const inString = await completeAt({ 'units.svf': UNITS, 'f.svf': measureFile(`            ask "How many unit ${MARKER}"`) });
        expect(inString.labels).toEqual([]);
        // The same place outside the comment does offer the measure's properties.
        const inCode = await completeAt({ 'units.svf': UNITS, 'f.svf': measureFile(`            ${MARKER}`) });
        expect(inCode.labels).toEqual(expect.arrayContaining(['unit', 'ask']));
    });

    test('properties already set in a measure are not offered again; repeatable ones are', async () => {
        const { labels } = await completeAt({
            'units.svf': UNITS,
            'f.svf': measureFile(`            unit weeks\n            ask "How many weeks?"\n            categories works\n            ${MARKER}`)
        });
        expect(labels).not.toContain('unit');
        expect(labels).not.toContain('ask');
        expect(labels).toEqual(expect.arrayContaining(['proxy', 'guidance', 'categories', 'minimum']));
    });

    test('keywords that only exist as a phrase are offered whole', async () => {
        const measure = await completeAt({ 'units.svf': UNITS, 'f.svf': measureFile(`            unit weeks\n            ${MARKER}`) });
        expect(measure.labels).toEqual(expect.arrayContaining(['record only', 'whole numbers', 'multi year', 'after award']));
        expect(measure.labels).not.toContain('record');
        expect(measure.labels).not.toContain('whole');

        const rule = await completeAt({ 'f.svf': `rule all {\n    ${MARKER}\n}\n` });
        expect(rule.labels).toEqual(expect.arrayContaining(['no ask', 'include chosen', 'include', 'outlasting measures']));

        const evaluation = await completeAt({ 'f.svf': `evaluation {\n    ${MARKER}\n}\n` });
        expect(evaluation.labels).toEqual(expect.arrayContaining(['cap per measure', 'record only counts', 'outlasting measures']));

        const weighting = await completeAt({ 'f.svf': `evaluation {\n    weighting ${MARKER}\n}\n` });
        expect(weighting.labels).toContain('at least');
    });

    test('inside an import path: folders and .svf files relative to the file', async () => {
        const result = await completeAt({
            'units.svf': UNITS,
            'shared/proxies.svf': 'unit hour "no. hours"\n',
            'shared/notes.txt': 'not svf',
            'f.svf': `import "${MARKER}"\n`
        }, '"');
        expect(result.labels).toEqual(expect.arrayContaining(['units.svf', 'shared/', './', '../']));
        expect(result.labels).not.toContain('f.svf');

        const nested = await completeAt({
            'units.svf': UNITS,
            'shared/proxies.svf': 'unit hour "no. hours"\n',
            'shared/notes.txt': 'not svf',
            'f.svf': `import "shared/pr${MARKER}"\n`
        });
        expect(nested.labels).toEqual(['proxies.svf']);
        const edit = nested.items[0].textEdit as { range: { start: { character: number } }; newText: string };
        expect(edit.newText).toBe('proxies.svf');
        expect(edit.range.start.character).toBe('import "shared/'.length);
    });

    test('a path from a file in a subfolder goes up with ../', async () => {
        const { labels } = await completeAt({
            'units.svf': UNITS,
            'sub/f.svf': `import "../${MARKER}"\n`
        }, '/');
        expect(labels).toEqual(expect.arrayContaining(['units.svf', 'sub/', '../']));
    });

    test('inside an import path: framework packages installed in node_modules (those with an `svf` entry)', async () => {
        const result = await completeAt({
            'node_modules/@orbis/social-value/package.json': JSON.stringify({ name: '@orbis/social-value', version: '2.1.3', svf: { entry: 'framework.svf' } }),
            'node_modules/@orbis/social-value/framework.svf': UNITS,
            'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.0.0' }),
            'f.svf': `import "@or${MARKER}"\n`
        });
        expect(result.labels).toEqual(['@orbis/social-value']);
        const edit = result.items[0].textEdit as { range: { start: { character: number } }; newText: string };
        expect(edit.range.start.character).toBe('import "'.length);

        const bare = await completeAt({
            'node_modules/@orbis/social-value/package.json': JSON.stringify({ name: '@orbis/social-value', version: '2.1.3', svf: { entry: 'framework.svf' } }),
            'node_modules/@orbis/social-value/framework.svf': UNITS,
            'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.0.0' }),
            'f.svf': `import "${MARKER}"\n`
        }, '"');
        expect(bare.labels).toContain('@orbis/social-value');
        expect(bare.labels).not.toContain('left-pad');
        expect(bare.labels).not.toContain('node_modules/');
    });

    test('completion never throws on broken text at any position', async () => {
        const broken = `import "units.svf\ntheme { outcome "x" { measure M { unit proxy £ { } } }}} rule when and or ( { minimum\n/* open`;
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-completion-'));
        folders.push(folder);
        fs.writeFileSync(path.join(folder, 'units.svf'), UNITS);
        fs.writeFileSync(path.join(folder, 'f.svf'), broken);
        const { Svf } = createSvfServices(SvfNodeFileSystem);
        await loadFramework(Svf, { paths: [path.join(folder, 'units.svf'), path.join(folder, 'f.svf')] });
        const document = Svf.shared.workspace.LangiumDocuments.getDocument(URI.file(path.join(folder, 'f.svf')))!;
        for (let offset = 0; offset <= broken.length; offset++) {
            for (const trigger of [undefined, ' ', '.', '"']) {
                const result = await Svf.lsp.CompletionProvider!.getCompletion(document, {
                    textDocument: { uri: document.uri.toString() },
                    position: document.textDocument.positionAt(offset),
                    context: trigger ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: trigger } : { triggerKind: CompletionTriggerKind.Invoked }
                });
                expect(result).toBeDefined();
            }
        }
    });
});
