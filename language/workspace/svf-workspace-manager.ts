import { DefaultWorkspaceManager, type LangiumDocument, type Stream, type URI } from 'langium';
import { SourceFileError } from './svf-file-system.js';

/**
 * The language server's workspace scan. Langium loads every .svf file of the workspace
 * folders at once, and one file it cannot read (permission denied, over the size limit,
 * a FIFO behind a symlink) would fail the whole scan, leaving the editor without any
 * diagnostics. Such a file is skipped instead: a file that imports it reports why on the
 * import, and opening it in the editor checks the editor's text.
 */
export class SvfWorkspaceManager extends DefaultWorkspaceManager {
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        await Promise.all(uris.map(async uri => {
            try {
                collector(await this.langiumDocuments.getOrCreateDocument(uri));
            } catch (error) {
                if (!(error instanceof SourceFileError)) throw error;
            }
        }));
    }
}
