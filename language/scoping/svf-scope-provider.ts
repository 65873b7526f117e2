import { AstUtils, DefaultScopeProvider, DocumentState, EMPTY_SCOPE, MapScope, WorkspaceCache, stream, type AstNode, type AstNodeDescription, type ReferenceInfo, type Scope } from 'langium';
import type { SvfServices } from '../svf-module.js';
import type { ImportGraph } from '../workspace/import-graph.js';
import type { FrameworkDocuments } from '../validation/framework-documents.js';

/**
 * A file sees its own declarations and those of every file it imports (directly or
 * transitively), by plain name; every file of a framework that extends another also sees
 * the base's (and its base's). An import with an alias (`import "x.svf" as base`) also
 * makes that file's declarations visible as `base.name`.
 */
export class SvfScopeProvider extends DefaultScopeProvider {
    private readonly graph: () => ImportGraph;
    private readonly frameworkDocuments: () => FrameworkDocuments;
    private readonly importScopeCache: WorkspaceCache<string, Scope>;

    constructor(services: SvfServices) {
        super(services);
        this.graph = () => services.workspace.ImportGraph;
        this.frameworkDocuments = () => services.workspace.FrameworkDocuments;
        this.importScopeCache = new WorkspaceCache(services.shared);
        // The cache is emptied when an edit starts, but a request answered before the edited
        // files are indexed again (a hover, a completion) would fill it with their old
        // declarations, and linking would then point at nodes of the old parse: empty it
        // again once every changed file's declarations are indexed.
        services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, () => this.importScopeCache.clear());
    }

    /**
     * Completion asks for the scope of a reference the user has not finished typing; after
     * some half-typed text Langium's completion pairs the node at the cursor with a reference
     * property of another type (a `CategoriesProperty` with `proxy`), and asking for that
     * property's type throws. Then the scope is the one of a node that does have the property,
     * placed where the cursor is; no node type (or more than one kind of target) gives none.
     */
    override getScope(context: ReferenceInfo): Scope {
        const properties = this.reflection.getTypeMetaData(context.container.$type).properties;
        if (properties[context.property]?.referenceType) {
            return super.getScope(context);
        }
        const owner = this.ownerOfReferenceProperty(context.property);
        if (!owner) return EMPTY_SCOPE;
        const container: AstNode = { $type: owner, $container: context.container, $containerProperty: context.property };
        return super.getScope({ ...context, container });
    }

    /** The node type whose reference property this is, if exactly one kind of target has a property of that name. */
    private ownerOfReferenceProperty(property: string): string | undefined {
        const owners = this.reflection.getAllTypes()
            .filter(type => this.reflection.getTypeMetaData(type).properties[property]?.referenceType);
        const targets = new Set(owners.map(type => this.reflection.getTypeMetaData(type).properties[property]!.referenceType));
        return targets.size === 1 ? owners[0] : undefined;
    }

    /** A declaration of the given type with this name that the reference's file can see, if any. */
    visibleDeclaration(context: ReferenceInfo, type: string, name: string): AstNodeDescription | undefined {
        return this.getGlobalScope(type, context).getElement(name);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${document.uri.toString()}|${referenceType}`;
        return this.importScopeCache.get(key, () => {
            const graph = this.graph();
            const visible = new Set(graph.closure(document).map(doc => doc.uri.toString()));
            // Every file of a framework that extends another sees the base's declarations.
            for (const header of this.frameworkDocuments().headersOver(document)) {
                const base = graph.baseOf(AstUtils.getDocument(header));
                if (base) graph.closure(base).forEach(doc => visible.add(doc.uri.toString()));
            }
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
