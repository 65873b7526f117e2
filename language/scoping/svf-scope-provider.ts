import { AstUtils, DefaultScopeProvider, MapScope, WorkspaceCache, stream, type AstNodeDescription, type ReferenceInfo, type Scope } from 'langium';
import type { SvfServices } from '../svf-module.js';
import type { ImportGraph } from '../workspace/import-graph.js';

/**
 * A file sees its own declarations and those of every file it imports (directly or
 * transitively), by plain name. An import with an alias (`import "x.svf" as base`) also
 * makes that file's declarations visible as `base.name`.
 */
export class SvfScopeProvider extends DefaultScopeProvider {
    private readonly graph: () => ImportGraph;
    private readonly importScopeCache: WorkspaceCache<string, Scope>;

    constructor(services: SvfServices) {
        super(services);
        this.graph = () => services.workspace.ImportGraph;
        this.importScopeCache = new WorkspaceCache(services.shared);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${document.uri.toString()}|${referenceType}`;
        return this.importScopeCache.get(key, () => {
            const graph = this.graph();
            const visible = new Set(graph.closure(document).map(doc => doc.uri.toString()));
            const plain = this.indexManager.allElements(referenceType, visible);
            const qualified: AstNodeDescription[] = [];
            for (const { import: imp, uri } of graph.edgesOf(document)) {
                if (!imp.alias) continue;
                const target = uri.toString();
                for (const description of this.indexManager.allElements(referenceType, new Set([target]))) {
                    qualified.push({ ...description, name: `${imp.alias}.${description.name}` });
                }
            }
            return new MapScope(stream(plain).concat(qualified));
        });
    }
}
