/**
 * Completion parses only the top-level declaration the cursor is in (not the whole text
 * before it: a megabyte in a 5,000-measure file). The items must be exactly those of a parse
 * of the whole prefix, at any position of a real framework: a property test against a
 * provider that parses the whole prefix, as Langium does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { URI, type LangiumDocument, type TextDocument } from 'langium';
import { DefaultCompletionProvider } from 'langium/lsp';
import { beforeAll, expect, test } from 'vitest';
import { CompletionTriggerKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { SvfCompletionProvider } from '../../language/lsp/svf-completion-provider.js';
import { createSvfServices, type SvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';
import { REPOSITORY_ROOT } from './language-server-session.js';

/** Langium's own way: the whole text before the cursor is parsed. */
class WholePrefixCompletionProvider extends SvfCompletionProvider {
    protected override findFeaturesAt(textDocument: TextDocument, offset: number): ReturnType<SvfCompletionProvider['findFeaturesAt']> {
        return (DefaultCompletionProvider.prototype as unknown as { findFeaturesAt: SvfCompletionProvider['findFeaturesAt'] }).findFeaturesAt.call(this, textDocument, offset);
    }
}

const FOLDERS = ['council', 'lep-programme'].map(name => path.join(REPOSITORY_ROOT, 'examples', name));
let Svf: SvfServices;
let documents: LangiumDocument[];
let wholePrefix: WholePrefixCompletionProvider;

beforeAll(async () => {
    Svf = createSvfServices(SvfNodeFileSystem).Svf;
    const paths = FOLDERS.flatMap(folder => fs.readdirSync(folder).filter(name => name.endsWith('.svf')).map(name => path.join(folder, name)));
    await loadFramework(Svf, { paths });
    documents = paths.map(file => Svf.shared.workspace.LangiumDocuments.getDocument(URI.file(file))!);
    wholePrefix = new WholePrefixCompletionProvider(Svf);
}, 60_000);

async function itemsAt(provider: SvfCompletionProvider, document: LangiumDocument, offset: number): Promise<string[]> {
    const result = await provider.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset),
        context: { triggerKind: CompletionTriggerKind.Invoked }
    }) as CompletionList | undefined;
    return (result?.items ?? []).map((item: CompletionItem) => `${item.kind} ${item.label} ${item.detail ?? ''}`).sort();
}

test('at any position of the council and LEP examples, completion offers exactly what a parse of the whole prefix gives', async () => {
    const provider = Svf.lsp.CompletionProvider as SvfCompletionProvider;
    let nonEmpty = 0;
    let inside = 0;
    await fc.assert(fc.asyncProperty(fc.nat(documents.length - 1), fc.nat(1_000_000), async (index, position) => {
        const document = documents[index]!;
        const offset = position % (document.textDocument.getText().length + 1);
        const scoped = await itemsAt(provider, document, offset);
        expect(scoped).toEqual(await itemsAt(wholePrefix, document, offset));
        if (scoped.length > 0) nonEmpty++;
        const elements = (document.parseResult.value as unknown as { elements: Array<{ $cstNode?: { offset: number; end: number } }> }).elements;
        if (elements.some(element => element.$cstNode && element.$cstNode.offset < offset && offset <= element.$cstNode.end)) inside++;
    }), { numRuns: 400, seed: 20_261_201 });
    // The positions tried are often in code where something is offered (many are in strings and comments, where nothing is).
    expect(nonEmpty).toBeGreaterThan(20);
    // Many positions are inside a top-level declaration, where only it is parsed.
    expect(inside).toBeGreaterThan(100);
}, 120_000);

test('inside a measure deep in a file, a unit reference is completed with the units (the declaration alone was parsed)', async () => {
    const document = documents.find(candidate => candidate.uri.path.endsWith('council/local-theme.svf'))!;
    const text = document.textDocument.getText();
    const at = text.lastIndexOf('unit ') + 'unit '.length;
    const labels = await itemsAt(Svf.lsp.CompletionProvider as SvfCompletionProvider, document, at);
    expect(labels.some(label => / weeks /.test(label))).toBe(true);
    expect(labels).toEqual(await itemsAt(wholePrefix, document, at));
});
