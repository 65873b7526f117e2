import { DefaultDocumentBuilder, type LangiumDocument, type LangiumDocuments, type LangiumSharedCoreServices } from 'langium';
import { importClosure } from '../scoping/svf-imports.js';

/**
 * Langium relinks a document after an edit elsewhere only when it refers to something in
 * the edited file. SVF checks also look across files that merely share a framework: a
 * duplicate measure code in a sibling theme file, the rules of an imported rules.svf
 * analysed on framework.svf. So after an edit, every document that shares a framework
 * (an import closure) with an edited document is rechecked too.
 */
export class SvfDocumentBuilder extends DefaultDocumentBuilder {
    private readonly documents: LangiumDocuments;
    private lastChangedUris?: Set<string>;
    private lastAffected = new Set<string>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.documents = services.workspace.LangiumDocuments;
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return super.shouldRelink(document, changedUris) || this.sharingAFrameworkWith(changedUris).has(document.uri.toString());
    }

    /** URIs of all documents in an import closure that contains a changed document. */
    private sharingAFrameworkWith(changedUris: Set<string>): Set<string> {
        // Langium asks once per document with the same set: work it out once per update.
        if (this.lastChangedUris !== changedUris) {
            this.lastChangedUris = changedUris;
            this.lastAffected = new Set();
            for (const document of this.documents.all) {
                const closure = importClosure(document, this.documents).map(doc => doc.uri.toString());
                if (closure.some(uri => changedUris.has(uri))) {
                    closure.forEach(uri => this.lastAffected.add(uri));
                }
            }
        }
        return this.lastAffected;
    }
}
