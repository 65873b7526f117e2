import * as path from 'node:path';
import { AstUtils, GrammarUtils, WorkspaceCache, type AstNode, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { Range } from 'vscode-languageserver';
import type { FrameworkHeader } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { headerOf } from '../workspace/import-graph.js';
import type { ImportGraph } from '../workspace/import-graph.js';

export { headerOf };

/**
 * Which loaded documents belong to the same framework as a given document. Checks that
 * look beyond one file (duplicate ids, a proxy's age against the framework's price year)
 * ask here, so they agree on what "the same framework" means:
 * - a document's import closure is the framework it describes when it has a header;
 * - two documents are related when one imports the other, or when both are in the import
 *   closure of some document (e.g. two theme files imported by one framework.svf).
 * Answers are cached until any document changes. Registered as
 * `services.workspace.FrameworkDocuments`; the walks themselves are the ImportGraph's.
 */
export class FrameworkDocuments {
    private readonly documents: LangiumDocuments;
    private readonly graph: () => ImportGraph;
    private readonly cache: WorkspaceCache<string, unknown>;

    constructor(services: SvfServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        // Lazily: the graph and this service are created by the same injector.
        this.graph = () => services.workspace.ImportGraph;
        this.cache = new WorkspaceCache(services.shared);
    }

    /**
     * The import closure of a document (itself first), without crossing into the base of a
     * framework that extends another: a base is a framework of its own, checked on its own.
     */
    closureOf(document: LangiumDocument): LangiumDocument[] {
        return this.cached(`closure|${document.uri}`, () => this.graph().ownClosure(document));
    }

    /** URIs of the documents related to this one (including itself). */
    relatedUris(document: LangiumDocument): Set<string> {
        const byUri = this.cached('related', () => {
            const related = new Map<string, Set<string>>();
            for (const importer of this.sortedDocuments()) {
                const closure = this.closureOf(importer).map(doc => doc.uri.toString());
                for (const member of closure) {
                    let set = related.get(member);
                    if (!set) related.set(member, set = new Set());
                    for (const other of closure) set.add(other);
                }
            }
            return related;
        });
        return byUri.get(document.uri.toString()) ?? new Set([document.uri.toString()]);
    }

    /**
     * A key shared by documents with the same related documents (all files of one
     * framework), so per-framework work such as the duplicate-name index is done once.
     */
    relatedKey(document: LangiumDocument): string {
        return this.cached(`relatedKey|${document.uri}`, () => [...this.relatedUris(document)].sort().join('\n'));
    }

    /**
     * The framework headers whose import closure contains this document (its own header
     * first, then others by file path), i.e. the frameworks this file is part of.
     */
    headersOver(document: LangiumDocument): FrameworkHeader[] {
        const target = document.uri.toString();
        return this.cached(`headers|${target}`, () => this.sortedDocuments()
            .filter(candidate => headerOf(candidate) && this.closureOf(candidate).some(doc => doc.uri.toString() === target))
            .sort((a, b) => Number(b.uri.toString() === target) - Number(a.uri.toString() === target))
            .map(candidate => headerOf(candidate)!));
    }

    private sortedDocuments(): LangiumDocument[] {
        return this.cached('sorted', () => this.documents.all.toArray().sort((a, b) => a.uri.toString().localeCompare(b.uri.toString())));
    }

    private cached<T>(key: string, compute: () => T): T {
        return this.cache.get(key, compute) as T;
    }
}

/**
 * Where something is, for a message shown in `from`: `line 12` in the same file, else
 * `themes/jobs.svf:12:17` relative to `from`'s folder (never an absolute path).
 */
export function describeLocation(from: LangiumDocument | URI, target: URI, range: Range | undefined): string {
    const fromUri = 'uri' in from ? from.uri : from;
    const line = range ? range.start.line + 1 : 1;
    const column = range ? range.start.character + 1 : 1;
    if (fromUri.toString() === target.toString()) {
        return `line ${line}`;
    }
    return `${relativePath(fromUri, target)}:${line}:${column}`;
}

/** A file's path relative to the folder of `from` (`themes/jobs.svf`, `../units.svf`). */
export function relativePath(from: URI, target: URI): string {
    return path.posix.relative(path.posix.dirname(from.path), target.path);
}

/** Where a node is (its name, if it has one), for a message shown in the document of `from`. */
export function describeNodeLocation(from: AstNode, node: AstNode): string {
    const range = GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range ?? node.$cstNode?.range;
    return describeLocation(AstUtils.getDocument(from), AstUtils.getDocument(node).uri, range);
}

/** The 1-based line a node starts on, as messages name it. */
export function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}
