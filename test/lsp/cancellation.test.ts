/**
 * Long builds give way to the next keystroke: the language server cancels the running build
 * when an edit arrives (Langium's workspace lock cancels the previous write), and a build
 * must then stop soon, between documents or within a large one, and leave nothing half-done
 * that the next build would not redo. In process, on a generated 5,000-measure framework.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentState, EmptyFileSystem, isOperationCancelled, URI, type LangiumDocument, type ValidationChecks } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-languageserver';
import { generateSyntheticFramework } from '../../bench/synthetic-framework.js';
import type { SvfAstType } from '../../language/generated/ast.js';
import { createSvfServices, type SvfServices } from '../../language/svf-module.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';
import { toSvfDiagnostics, type SvfDiagnostic } from '../helpers/validate.js';

const MEASURES = 5_000;

interface Loaded {
    shared: LangiumSharedServices;
    Svf: SvfServices;
    documents: LangiumDocument[];
}

function load(files: Map<string, string>): Loaded {
    const { shared, Svf } = createSvfServices(EmptyFileSystem);
    const documents = [...files].map(([file, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/svf-cancellation/${file}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    return { shared, Svf, documents };
}

function diagnosticsOf(documents: LangiumDocument[]): Record<string, SvfDiagnostic[]> {
    return Object.fromEntries(documents.map(document => [document.uri.path, toSvfDiagnostics(document.diagnostics ?? [])]));
}

/** Builds with validation, as the language server does after an edit; the error it stops with, if any. */
async function buildStoppingWith(loaded: Loaded, source?: CancellationTokenSource): Promise<unknown> {
    try {
        await loaded.shared.workspace.DocumentBuilder.build(loaded.documents, { validation: true }, source?.token);
        return undefined;
    } catch (error) {
        return error;
    }
}

/** The diagnostics of the same files built once, without interruption. */
async function uninterrupted(files: Map<string, string>): Promise<Record<string, SvfDiagnostic[]>> {
    const fresh = load(files);
    expect(await buildStoppingWith(fresh)).toBeUndefined();
    return diagnosticsOf(fresh.documents);
}

describe.each([
    { layout: 'one file', files: 1 },
    { layout: '50 files', files: 50 }
])(`a build of a ${MEASURES}-measure framework in $layout`, ({ files: fileCount }) => {
    const files = generateSyntheticFramework({ measures: MEASURES, files: fileCount });
    /** The diagnostics of an uninterrupted build, computed once. */
    let reference: Promise<Record<string, SvfDiagnostic[]>> | undefined;
    const expected = () => reference ??= uninterrupted(files);

    test('cancelled while validating, stops with OperationCancelled before validating every measure, and the next build completes with the diagnostics of an uninterrupted one', async () => {
        const loaded = load(files);
        const source = new CancellationTokenSource();
        // A probe check counts the measures validated; the token is cancelled (as a keystroke
        // cancels the running build) once the first hundred are.
        let measuresChecked = 0;
        const probe: ValidationChecks<SvfAstType> = {
            Measure: () => {
                if (++measuresChecked === 100) source.cancel();
            }
        };
        loaded.Svf.validation.ValidationRegistry.register(probe);
        const stopped = await buildStoppingWith(loaded, source);
        expect(isOperationCancelled(stopped), String(stopped)).toBe(true);
        expect(measuresChecked).toBeGreaterThanOrEqual(100);
        // It stopped soon after: far from all the measures were checked.
        expect(measuresChecked).toBeLessThan(MEASURES / 2);
        expect(loaded.documents.some(document => document.state < DocumentState.Validated)).toBe(true);

        // The next build (no cancellation) finishes the job: every document validated, with
        // the same diagnostics as a build that was never interrupted.
        expect(await buildStoppingWith(loaded)).toBeUndefined();
        expect(loaded.documents.every(document => document.state === DocumentState.Validated)).toBe(true);
        expect(diagnosticsOf(loaded.documents)).toEqual(await expected());
    }, 120_000);

    test('cancelled while linking, stops before validating anything, and the next build completes correctly', async () => {
        const loaded = load(files);
        const source = new CancellationTokenSource();
        let linked = 0;
        loaded.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, () => {
            if (++linked === 1) source.cancel();
        });
        const stopped = await buildStoppingWith(loaded, source);
        expect(isOperationCancelled(stopped), String(stopped)).toBe(true);
        expect(loaded.documents.filter(document => document.state === DocumentState.Validated)).toEqual([]);
        expect(await buildStoppingWith(loaded)).toBeUndefined();
        expect(diagnosticsOf(loaded.documents)).toEqual(await expected());
    }, 120_000);
});

test('a file that changes while a cancelled build left the files referring to it linked but not yet indexed: they are relinked to its new declarations', async () => {
    const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-cancellation-')));
    try {
        const files = generateSyntheticFramework({ measures: 1_000, files: 20 });
        for (const [file, text] of files) {
            fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
            fs.writeFileSync(path.join(folder, file), text);
        }
        const loadFolder = async (): Promise<Loaded> => {
            const { shared, Svf } = createSvfServices(SvfNodeFileSystem);
            const documents = await Promise.all([...files.keys()].map(file => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(path.join(folder, file)))));
            return { shared, Svf, documents };
        };
        const loaded = await loadFolder();
        const source = new CancellationTokenSource();
        let linked = 0;
        loaded.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, () => {
            if (++linked === files.size - 2) source.cancel();
        });
        expect(isOperationCancelled(await buildStoppingWith(loaded, source))).toBe(true);
        const linkedOnly = loaded.documents.filter(document => document.state === DocumentState.Linked);
        expect(linkedOnly.length).toBeGreaterThan(10);

        // The unit every theme file's measures use in FTE is renamed: their `unit FTE` no longer resolves.
        const units = path.join(folder, 'units.svf');
        const renamed = fs.readFileSync(units, 'utf8').replace('unit FTE ', 'unit FTEs ');
        fs.writeFileSync(units, renamed);
        await loaded.shared.workspace.DocumentBuilder.update([URI.file(units)], []);
        const afterEdit = diagnosticsOf(loaded.documents);
        const unresolved = Object.values(afterEdit).flat().filter(diagnostic => diagnostic.code === 'reference/unresolved' && diagnostic.message.includes("'FTE'"));
        expect(unresolved.length).toBeGreaterThan(0);
        // Exactly what a check from scratch of the edited files says.
        const fresh = await loadFolder();
        expect(await buildStoppingWith(fresh)).toBeUndefined();
        expect(afterEdit).toEqual(diagnosticsOf(fresh.documents));
    } finally {
        fs.rmSync(folder, { recursive: true, force: true });
    }
}, 120_000);

test('a validating build after a cancelled build that did not validate (the workspace scan, cancelled by the first opened file) validates every file', async () => {
    const loaded = load(generateSyntheticFramework({ measures: 1_000, files: 20 }));
    const source = new CancellationTokenSource();
    let linked = 0;
    loaded.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, () => {
        if (++linked === 5) source.cancel();
    });
    // The language server's first build indexes the workspace without validating it.
    const stopped = await loaded.shared.workspace.DocumentBuilder.build(loaded.documents, {}, source.token).then(() => undefined, (error: unknown) => error);
    expect(isOperationCancelled(stopped)).toBe(true);
    // The first edit's build: an update, with the validating options every update uses.
    await loaded.shared.workspace.DocumentBuilder.update([], []);
    expect(loaded.documents.filter(document => document.state !== DocumentState.Validated).map(document => document.uri.path)).toEqual([]);
    expect(diagnosticsOf(loaded.documents)).toEqual(await uninterrupted(generateSyntheticFramework({ measures: 1_000, files: 20 })));
}, 120_000);
