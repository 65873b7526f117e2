import { DefaultDocumentBuilder, DocumentState, type BuildOptions, type LangiumDocument, type LangiumDocuments, type LangiumSharedCoreServices, type ServiceRegistry, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { hasSyntaxErrors } from '../resolve/framework-resolution.js';
import type { SvfServices } from '../svf-module.js';
import { CROSS_FILE_CATEGORY } from '../validation/validation-categories.js';

/**
 * After an edit, Langium relinks the documents whose references the edit can affect (those
 * that refer into an edited file, and those with unresolved references) and rebuilds them;
 * that stays as it is, so only what the edit can affect is relinked.
 *
 * SVF checks also look across files that merely share a framework: a duplicate measure code
 * in a sibling theme file, and the framework-wide findings (split, weights, proxy age, rule
 * coverage) that the model's checks report into whichever file they point at. So every
 * other document that shares a framework (an import closure) with an edited one reruns
 * those checks (CROSS_FILE_CATEGORY) and keeps its other diagnostics, without being
 * relinked: its links cannot have changed.
 */
/** An import statement's path, as the grammar writes it (`import "..."`). */
const IMPORT_LINE = /\bimport\s+"((?:\\.|[^"\\\n])*)"/g;
/** An `extends` line's base and range, as the grammar writes it (`extends "..." ^2.0`). */
const EXTENDS_LINE = /\bextends\s+"((?:\\.|[^"\\\n])*)"(?:[ \t]+([\^~]?[\w.-]+))?/g;

export class SvfDocumentBuilder extends DefaultDocumentBuilder {
    private readonly registry: ServiceRegistry;
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.registry = services.ServiceRegistry;
        this.documents = services.workspace.LangiumDocuments;
        // Langium runs only its "fast" checks after an edit by default; the editor and
        // `svf compile --watch` must show every diagnostic `svf check` fails on.
        this.updateBuildOptions = { validation: true };
        // Called by update() after it has reset the changed and relinked documents, before it
        // collects what to rebuild; the import graph still has each file's imports as they were.
        this.onUpdate((changed, deleted) => this.revalidateDocumentsSharingAFramework([...changed, ...deleted]));
    }

/**
     * The files a changed file imports in its new text, before it is parsed again: read from
     * the `import "..."` lines (over-reading one only rechecks a file more) and resolved by
     * the one import resolver.
     */
    private importsNowWritten(svf: SvfServices, uri: URI): string[] {
        let text: string | undefined;
        try {
            text = this.textDocuments?.get(uri)?.getText() ?? this.fileSystemProvider.readFileSync(uri);
        } catch {
            return [];
        }
        const targets: string[] = [];
        for (const match of text.matchAll(IMPORT_LINE)) {
            const resolved = svf.workspace.ImportResolver.resolve(match[1]!, uri);
            if (resolved.uri) targets.push(resolved.uri.toString());
        }
        for (const match of text.matchAll(EXTENDS_LINE)) {
            const resolved = svf.workspace.ImportResolver.resolveBase(match[1]!, match[2] ?? null, uri);
            if (resolved.uri) targets.push(resolved.uri.toString());
        }
        return targets;
    }

    /**
     * Documents in build order with the files of base frameworks first (a base's base before
     * the base): the check that a framework's base has no errors reads the base's diagnostics,
     * so the base is validated first in the same build.
     */
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        return super.buildDocuments(this.basesFirst(documents), options, cancelToken);
    }

    /**
     * Langium continues a document whose previous build was cancelled with that build's
     * options. The language server's first build (the workspace scan) does not validate; when
     * the first edit or opened file cancels it midway, the next build would then finish the
     * workspace's files without validating them either, and they would get no diagnostics
     * until something made them rebuild. A build that validates validates them too.
     */
    protected override prepareBuild(documents: LangiumDocument[], options: BuildOptions): void {
        if (options.validation) {
            for (const document of documents) {
                const state = this.buildState.get(document.uri.toString());
                if (state && !state.completed && !state.options.validation) state.options = options;
            }
        }
        super.prepareBuild(documents, options);
    }

    /**
     * Langium relinks a document when the reference index says it refers into a changed file.
     * A document that a cancelled build left linked but not yet indexed has no entries in the
     * index, so an edit arriving then would leave its references on the changed file's old
     * declarations (and its diagnostics on them, e.g. a unit's kind before the edit): relink
     * it whenever another file changes.
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (document.state >= DocumentState.Linked && document.state < DocumentState.IndexedReferences && changedUris.size > 0) return true;
        return super.shouldRelink(document, changedUris);
    }

    private basesFirst(documents: LangiumDocument[]): LangiumDocument[] {
        const first = this.documents.all.head();
        if (!first || documents.length < 2) return documents;
        const graph = (this.registry.getServices(first.uri) as SvfServices).workspace.ImportGraph;
        const depth = new Map<string, number>();
        for (const document of this.documents.all) {
            if (!graph.baseEdgeOf(document)) continue;
            graph.baseChain(document).bases.forEach((base, index) => {
                for (const member of graph.ownClosure(base)) {
                    const key = member.uri.toString();
                    depth.set(key, Math.max(depth.get(key) ?? 0, index + 1));
                }
            });
        }
        if (depth.size === 0) return documents;
        const level = (document: LangiumDocument) => depth.get(document.uri.toString()) ?? 0;
        return documents.map((document, index) => ({ document, index }))
            .sort((a, b) => level(b.document) - level(a.document) || a.index - b.index)
            .map(entry => entry.document);
    }

    private revalidateDocumentsSharingAFramework(uris: URI[]): void {
        const first = this.documents.all.head();
        if (!first || uris.length === 0) return;
        const svf = this.registry.getServices(first.uri) as SvfServices;
        // The import graph still has each changed file's imports as they were; what a changed
        // file imports now joins the framework too, so its files are rechecked as well.
        const affected = new Set(uris.map(uri => uri.toString()));
        for (const uri of uris) {
            for (const target of this.importsNowWritten(svf, uri)) affected.add(target);
        }
        const sharing = svf.workspace.ImportGraph.documentsSharingAFramework(affected);
        for (const document of this.documents.all) {
            const key = document.uri.toString();
            if (document.state <= DocumentState.IndexedReferences || !sharing.has(key)) continue;
            const previous = this.buildState.get(key);
            const executed = previous?.result?.validationChecks;
            if (document.state === DocumentState.Validated && previous?.completed && executed && !hasSyntaxErrors(document)) {
                // Unchanged and still linked: rerun only the cross-file checks, keep the rest.
                document.diagnostics = document.diagnostics?.filter(diagnostic => diagnostic.data?.category !== CROSS_FILE_CATEGORY);
                this.buildState.set(key, {
                    completed: false,
                    options: { validation: { categories: [CROSS_FILE_CATEGORY] } },
                    result: { ...previous.result, validationChecks: executed.filter(category => category !== CROSS_FILE_CATEGORY) }
                });
                document.state = DocumentState.IndexedReferences;
            } else {
                // A document whose syntax errors hold back some of its diagnostics is checked whole.
                this.resetToState(document, DocumentState.IndexedReferences);
            }
        }
    }
}
