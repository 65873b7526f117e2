import { URI, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isInstalledPackageFile } from '../workspace/package-imports.js';

/**
 * Langium's rename, refused when it would edit a file of an installed package (under
 * `node_modules`): those files belong to their publisher and are replaced by the next
 * `npm install`, so renaming a name a package declares (or one used inside a package) is
 * an error the editor shows, and nothing is edited.
 */
export class SvfRenameProvider extends DefaultRenameProvider {
    override async rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
        const edit = await super.rename(document, params, cancelToken);
        const packageFiles = Object.keys(edit?.changes ?? {}).map(uri => URI.parse(uri)).filter(isInstalledPackageFile);
        if (packageFiles.length > 0) {
            const shown = packageFiles.map(uri => packageFilePath(uri)).sort().join(', ');
            throw new ResponseError(LSPErrorCodes.RequestFailed,
                `Cannot rename: the rename would edit ${shown}, in an installed package (node_modules), which is read-only. Rename only names declared in your own files; to change a package, change its source and publish a new version.`);
        }
        return edit;
    }
}

/** `node_modules/@orbis/x/measures.svf`: the path from the last node_modules folder, the same on every machine. */
function packageFilePath(uri: URI): string {
    const segments = uri.path.split('/');
    return segments.slice(segments.lastIndexOf('node_modules')).join('/');
}
