import type { LangiumDocument, LangiumDocuments, URI } from 'langium';
import { isExtendsProperty, type Document, type ExtendsProperty, type FrameworkHeader, type Import } from '../generated/ast.js';
import { versionRangeText } from '../resolve/version-range.js';
import type { ResolvedBase } from './base-resolution.js';
import type { SvfServices } from '../svf-module.js';
import type { ImportResolver } from './import-resolver.js';

/** One import statement and the file it resolved to (imports that resolve to no file are left out). */
export interface ImportEdge {
    readonly import: Import;
    readonly uri: URI;
}

/** A framework's `extends` line and what it resolved to (a file, or why none). */
export type BaseEdge = { readonly extends: ExtendsProperty } & ResolvedBase;

/** The documents a document imports, as loaded documents; the one input of every walk below. */
export type ImportedDocuments = (document: LangiumDocument) => LangiumDocument[];

export function importsOf(document: LangiumDocument): Import[] {
    return (document.parseResult.value as Document).imports ?? [];
}

export function headerOf(document: LangiumDocument): FrameworkHeader | undefined {
    return (document.parseResult.value as Document).header;
}

/**
 * The import graph (`Svf.workspace.ImportGraph`): which loaded documents each document
 * imports, and the walks over it that scoping, validation, resolve, the loaders and the
 * document builder share. Documents that are not loaded are skipped; the import checks
 * report them.
 */
export class ImportGraph {
    private readonly documents: LangiumDocuments;
    private readonly resolver: ImportResolver;
    /** Edges per parse: a re-parsed document has a new root node, so nothing goes stale. */
    private readonly edgesByRoot = new WeakMap<object, ImportEdge[]>();
    private readonly baseByRoot = new WeakMap<object, { edge: BaseEdge | undefined }>();

    constructor(services: SvfServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.resolver = services.workspace.ImportResolver;
    }

    /** The imports of a document that resolve to a file, loaded or not, in import order. */
    edgesOf(document: LangiumDocument): ImportEdge[] {
        const root = document.parseResult.value;
        let edges = this.edgesByRoot.get(root);
        if (!edges) {
            edges = [];
            for (const imp of importsOf(document)) {
                if (!imp.path) continue;
                const resolved = this.resolver.resolve(imp.path, document.uri);
                if (resolved.uri) edges.push({ import: imp, uri: resolved.uri });
            }
            this.edgesByRoot.set(root, edges);
        }
        return edges;
    }

    /**
     * The `extends` line of a document's framework header and the base it names (resolved by
     * the ImportResolver, so the CLI and the language server agree); undefined when the
     * document has no header or the header extends nothing.
     */
    baseEdgeOf(document: LangiumDocument): BaseEdge | undefined {
        const root = document.parseResult.value;
        let cached = this.baseByRoot.get(root);
        if (!cached) {
            const property = headerOf(document)?.properties.find(isExtendsProperty);
            const edge: BaseEdge | undefined = property?.base === undefined ? undefined
                : { extends: property, ...this.resolver.resolveBase(property.base, versionRangeText(property.range), document.uri) };
            this.baseByRoot.set(root, cached = { edge });
        }
        return cached.edge;
    }

    /** The loaded entry document of the base a framework extends, if it resolved and is loaded. */
    baseOf(entry: LangiumDocument): LangiumDocument | undefined {
        const uri = this.baseEdgeOf(entry)?.uri;
        return uri ? this.documents.getDocument(uri) : undefined;
    }

    /**
     * The bases of a framework, nearest first (its base, its base's base, ...), as far as they
     * are loaded; `cycle` is true when the chain comes back to a framework already in it.
     */
    baseChain(entry: LangiumDocument): { bases: LangiumDocument[]; cycle: boolean } {
        const seen = new Set([entry.uri.toString()]);
        const bases: LangiumDocument[] = [];
        for (let base = this.baseOf(entry); base; base = this.baseOf(base)) {
            if (seen.has(base.uri.toString())) return { bases, cycle: true };
            seen.add(base.uri.toString());
            bases.push(base);
        }
        return { bases, cycle: false };
    }

    /** The loaded documents a document imports directly, in import order. */
    readonly importedDocuments: ImportedDocuments = document => this.edgesOf(document)
        .map(edge => this.documents.getDocument(edge.uri))
        .filter((target): target is LangiumDocument => target !== undefined);

    /** What a document imports, then the base its header extends: the edges a file's visibility follows. */
    readonly importedOrExtended: ImportedDocuments = document => {
        const imported = this.importedDocuments(document);
        const base = this.baseOf(document);
        return base ? [...imported, base] : imported;
    };

    /**
     * The document and all it imports, importer first (depth-first), and, for a framework
     * that extends another, its base's files too: what it can see, and what a change to
     * which can affect it.
     */
    closure(document: LangiumDocument): LangiumDocument[] {
        return walkImportClosure(document, this.importedOrExtended);
    }

    /** The document and all it imports, importer first, without crossing into a base: its framework's own files. */
    ownClosure(document: LangiumDocument): LangiumDocument[] {
        return walkImportClosure(document, this.importedDocuments);
    }

    /** A framework's declaration order: each file's imports first (depth-first), then the file (its own files only). */
    declarationOrder(entry: LangiumDocument): LangiumDocument[] {
        return walkDeclarationOrder(entry, this.importedDocuments);
    }

    /** The cycle an import closes, from `document` back to it, if any. */
    cycleThrough(document: LangiumDocument, imp: Import): LangiumDocument[] | undefined {
        const edge = this.edgesOf(document).find(candidate => candidate.import === imp);
        const start = edge && this.documents.getDocument(edge.uri);
        return start ? findCycle(document, start, this.importedDocuments) : undefined;
    }

    /** URIs of every loaded document whose closure shares a document with a changed one, and those closures' members. */
    documentsSharingAFramework(changedUris: ReadonlySet<string>): Set<string> {
        const affected = new Set<string>();
        for (const document of this.documents.all) {
            const closure = this.closure(document).map(doc => doc.uri.toString());
            if (closure.some(uri => changedUris.has(uri))) {
                closure.forEach(uri => affected.add(uri));
            }
        }
        return affected;
    }

    /** The loaded documents with a `framework` header whose own files include `document` (by path). */
    frameworksContaining(document: LangiumDocument): LangiumDocument[] {
        const target = document.uri.toString();
        return this.documents.all.toArray()
            .filter(candidate => headerOf(candidate) && this.ownClosure(candidate).some(doc => doc.uri.toString() === target))
            .sort((a, b) => compareText(a.uri.toString(), b.uri.toString()));
    }
}

/** The one closure walk: `document` first, then what it imports, depth-first, each once. */
export function walkImportClosure(document: LangiumDocument, imported: ImportedDocuments): LangiumDocument[] {
    return walkImports(document, imported, 'importer first');
}

/** Imports before importers (depth-first, in import order), each document once. */
export function walkDeclarationOrder(entry: LangiumDocument, imported: ImportedDocuments): LangiumDocument[] {
    return walkImports(entry, imported, 'imports first');
}

/** The one depth-first walk over imports, each document once, listed before or after what it imports. */
function walkImports(start: LangiumDocument, imported: ImportedDocuments, order: 'importer first' | 'imports first'): LangiumDocument[] {
    const seen = new Set<string>();
    const ordered: LangiumDocument[] = [];
    const visit = (doc: LangiumDocument) => {
        const key = doc.uri.toString();
        if (seen.has(key)) return;
        seen.add(key);
        if (order === 'importer first') ordered.push(doc);
        imported(doc).forEach(visit);
        if (order === 'imports first') ordered.push(doc);
    };
    visit(start);
    return ordered;
}

function findCycle(document: LangiumDocument, start: LangiumDocument, imported: ImportedDocuments): LangiumDocument[] | undefined {
    const target = document.uri.toString();
    const seen = new Set<string>();
    const path: LangiumDocument[] = [document];
    const search = (doc: LangiumDocument): boolean => {
        path.push(doc);
        if (doc.uri.toString() === target) return true;
        if (!seen.has(doc.uri.toString())) {
            seen.add(doc.uri.toString());
            if (imported(doc).some(search)) return true;
        }
        path.pop();
        return false;
    };
    return search(start) ? path : undefined;
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
