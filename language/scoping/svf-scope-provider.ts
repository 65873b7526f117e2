import { AstUtils, DefaultScopeProvider, MapScope, WorkspaceCache, stream, type AstNodeDescription, type LangiumDocuments, type ReferenceInfo, type Scope } from 'langium';
import type { SvfServices } from '../svf-module.js';
import { importClosure, importsOf, resolveImportUri } from './svf-imports.js';

/**
 * A file sees its own declarations and those of every file it imports (directly or
 * transitively), by plain name. An import with an alias (`import "x.svf" as base`) also
 * makes that file's declarations visible as `base.name`.
 */
export class SvfScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    private readonly importScopeCache: WorkspaceCache<string, Scope>;

    constructor(services: SvfServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.importScopeCache = new WorkspaceCache(services.shared);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${document.uri.toString()}|${referenceType}`;
        return this.importScopeCache.get(key, () => {
            const visible = new Set(importClosure(document, this.documents).map(doc => doc.uri.toString()));
            const plain = this.indexManager.allElements(referenceType, visible);
            const qualified: AstNodeDescription[] = [];
            for (const imp of importsOf(document)) {
                if (!imp.alias || !imp.path) continue;
                const target = resolveImportUri(document, imp.path).toString();
                for (const description of this.indexManager.allElements(referenceType, new Set([target]))) {
                    qualified.push({ ...description, name: `${imp.alias}.${description.name}` });
                }
            }
            return new MapScope(stream(plain).concat(qualified));
        });
    }
}
