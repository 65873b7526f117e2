import { UriUtils, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { Document, Import } from '../generated/ast.js';

/** The URI an `import "..."` statement points at, relative to the importing file. */
export function resolveImportUri(document: LangiumDocument, importPath: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(document.uri), importPath);
}

export function importsOf(document: LangiumDocument): Import[] {
    return (document.parseResult.value as Document).imports ?? [];
}

/**
 * Which documents a document can see: itself and everything it imports, directly or
 * through other imports, in a stable depth-first order (a document before what it
 * imports). Documents that are not loaded are skipped; the validator reports them.
 *
 * This is the one place that decides visibility, so package-level reuse (`extends` a
 * published framework) can later add its documents here.
 */
export function importClosure(document: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    const seen = new Set<string>();
    const ordered: LangiumDocument[] = [];
    const visit = (doc: LangiumDocument) => {
        const key = doc.uri.toString();
        if (seen.has(key)) {
            return;
        }
        seen.add(key);
        ordered.push(doc);
        for (const imp of importsOf(doc)) {
            if (!imp.path) continue;
            const target = documents.getDocument(resolveImportUri(doc, imp.path));
            if (target) {
                visit(target);
            }
        }
    };
    visit(document);
    return ordered;
}

/**
 * The import cycle that starts and ends at `document`, if any, as a list of documents
 * (first and last are `document`). Used to report cycles at the import that closes them.
 */
export function findImportCycle(document: LangiumDocument, imp: Import, documents: LangiumDocuments): LangiumDocument[] | undefined {
    const start = documents.getDocument(resolveImportUri(document, imp.path));
    if (!start) return undefined;
    const target = document.uri.toString();
    const seen = new Set<string>();
    const path: LangiumDocument[] = [document];
    const search = (doc: LangiumDocument): boolean => {
        path.push(doc);
        if (doc.uri.toString() === target) return true;
        if (!seen.has(doc.uri.toString())) {
            seen.add(doc.uri.toString());
            for (const next of importsOf(doc)) {
                if (!next.path) continue;
                const nextDoc = documents.getDocument(resolveImportUri(doc, next.path));
                if (nextDoc && search(nextDoc)) return true;
            }
        }
        path.pop();
        return false;
    };
    return search(start) ? path : undefined;
}
