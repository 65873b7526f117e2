import type { LangiumDocument, LangiumDocuments, URI } from 'langium';
import type { Import } from '../generated/ast.js';
import { findImportCycleIn, importedDocumentsIn, walkDeclarationOrder, walkImportClosure } from '../workspace/import-graph.js';
import { resolveImportSpecifier } from '../workspace/import-resolver.js';

// The old free functions, kept for callers that hold no services (compiler/resolve.ts).
// They are thin wrappers over the one resolver and the one graph walk in workspace/;
// code with services should use `services.workspace.ImportGraph` (cached edges) instead.

export { importsOf } from '../workspace/import-graph.js';

/**
 * The URI an `import "..."` statement points at, relative to the importing file.
 * @deprecated use `services.workspace.ImportResolver.resolve`, which also says why an import points nowhere.
 */
export function resolveImportUri(document: LangiumDocument, importPath: string): URI {
    const resolved = resolveImportSpecifier(importPath, document.uri);
    if (resolved.uri) return resolved.uri;
    // Not an .svf path, or one that cannot be a URI: a URI no loaded document has.
    return document.uri.with({ path: `${document.uri.path}.invalid-import` });
}

/** @deprecated use `services.workspace.ImportGraph.closure(document)`. */
export function importClosure(document: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    return walkImportClosure(document, importedDocumentsIn(documents));
}

/** @deprecated use `services.workspace.ImportGraph.declarationOrder(entry)`. */
export function declarationOrder(entry: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    return walkDeclarationOrder(entry, importedDocumentsIn(documents));
}

/** @deprecated use `services.workspace.ImportGraph.cycleThrough(document, imp)`. */
export function findImportCycle(document: LangiumDocument, imp: Import, documents: LangiumDocuments): LangiumDocument[] | undefined {
    return findImportCycleIn(document, imp, importedDocumentsIn(documents), documents);
}
