import { Disposable, DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { SvfServices } from '../svf-module.js';

/**
 * Makes the language server load imported files that its workspace scan does not find,
 * e.g. a council framework opened on its own folder that imports a shared baseline
 * checked out beside it (`import "../national-baseline/units.svf"`).
 *
 * Langium only builds the documents of the workspace folders and the open editors, and a
 * build cannot take in documents found while it runs. So, in every build:
 * - after parsing, every imported .svf file that exists on disk and is not loaded yet is
 *   loaded (following its own imports) and indexed at once, so the files that import it
 *   link against it in this same build;
 * - after linking, and before validation, the loaded files are built the rest of the way
 *   in a nested build, so cross-file checks of their importers see them linked.
 * A missing or unreadable import (or a FIFO, device or socket, which the file system
 * provider refuses without opening it for a blocking read) is skipped here; the import
 * check reports it. What an import points at is the ImportGraph's (so the ImportResolver's)
 * answer: a path that cannot be a URI never reaches vscode-uri.
 */
export function loadImportedFilesDuringBuilds(shared: LangiumSharedCoreServices): Disposable {
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const indexManager = shared.workspace.IndexManager;
    const loadedNotBuilt = new Map<string, LangiumDocument>();

    const loadMissingImports = async (parsed: LangiumDocument[], cancelToken: CancellationToken) => {
        const queue = [...parsed];
        const loaded: LangiumDocument[] = [];
        while (queue.length > 0) {
            const document = queue.shift()!;
            for (const target of importTargets(shared, document)) {
                if (documents.hasDocument(target)) continue;
                const imported = await loadIfReadable(target);
                if (imported) {
                    loaded.push(imported);
                    queue.push(imported);
                }
            }
        }
        for (const document of loaded) {
            await indexManager.updateContent(document, cancelToken);
            document.state = DocumentState.IndexedContent;
            loadedNotBuilt.set(document.uri.toString(), document);
        }
    };

    const buildLoadedImports = async (_linked: LangiumDocument[], cancelToken: CancellationToken) => {
        const toBuild = [...loadedNotBuilt.values()]
            .filter(document => document.state < DocumentState.Validated && documents.hasDocument(document.uri));
        loadedNotBuilt.clear();
        if (toBuild.length > 0) {
            await builder.build(toBuild, builder.updateBuildOptions, cancelToken);
        }
    };

    const loadIfReadable = async (target: LangiumDocument['uri']): Promise<LangiumDocument | undefined> => {
        try {
            return await documents.getOrCreateDocument(target);
        } catch {
            // Missing, not a regular file, unreadable or too large: import-checks.ts reports it on the import.
            return undefined;
        }
    };

    const subscriptions = [
        builder.onBuildPhase(DocumentState.Parsed, loadMissingImports),
        builder.onBuildPhase(DocumentState.IndexedReferences, buildLoadedImports)
    ];
    return Disposable.create(() => subscriptions.forEach(subscription => subscription.dispose()));
}

function importTargets(shared: LangiumSharedCoreServices, document: LangiumDocument): Array<LangiumDocument['uri']> {
    if (document.uri.scheme !== 'file') return [];
    const svf = shared.ServiceRegistry.getServices(document.uri) as SvfServices;
    const graph = svf.workspace.ImportGraph;
    const base = graph.baseEdgeOf(document)?.uri;
    return [...graph.edgesOf(document).map(edge => edge.uri), ...(base ? [base] : [])];
}
