import { DefaultDocumentBuilder, type LangiumDocument, type LangiumSharedCoreServices, type ServiceRegistry } from 'langium';
import type { SvfServices } from '../svf-module.js';

/**
 * Langium relinks a document after an edit elsewhere only when it refers to something in
 * the edited file. SVF checks also look across files that merely share a framework: a
 * duplicate measure code in a sibling theme file, the rules of an imported rules.svf
 * analysed on framework.svf. So after an edit, every document that shares a framework
 * (an import closure) with an edited document is rechecked too.
 */
export class SvfDocumentBuilder extends DefaultDocumentBuilder {
    private readonly registry: ServiceRegistry;
    private lastChangedUris?: Set<string>;
    private lastAffected = new Set<string>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.registry = services.ServiceRegistry;
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) return true;
        // Langium asks once per document with the same set: work it out once per update.
        if (this.lastChangedUris !== changedUris) {
            this.lastChangedUris = changedUris;
            const svf = this.registry.getServices(document.uri) as SvfServices;
            this.lastAffected = svf.workspace.ImportGraph.documentsSharingAFramework(changedUris);
        }
        return this.lastAffected.has(document.uri.toString());
    }
}
