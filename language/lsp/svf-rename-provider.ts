import { AstUtils, CstUtils, GrammarAST, URI, type AstNode, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken, type RenameParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { DECLARATION_KINDS, type DeclarationType } from '../declaration-kinds.js';
import type { SvfServices } from '../svf-module.js';
import { isInstalledPackageFile } from '../workspace/package-imports.js';

/** Declarations of these kinds are named where the other kind may be (`require 1 from <theme or outcome>`). */
const SHARED_NAMES: Partial<Record<string, string[]>> = { Theme: ['Outcome'], Outcome: ['Theme'] };

/**
 * Langium's rename, with the checks that keep a rename from changing what a framework means:
 * - the new name must be a name (letters, digits and _, not starting with a digit) and not a
 *   keyword that cannot be a name;
 * - it must not be the name of another declaration of the same kind visible to a file the
 *   rename edits (the references would silently relink to it);
 * - it must not edit a file of an installed package (under `node_modules`): those belong to
 *   their publisher and are replaced by the next `npm install`.
 * A reference written with an import alias (`base.localJob`) keeps its alias.
 */
export class SvfRenameProvider extends DefaultRenameProvider {
    private readonly services: SvfServices;
    private keywords: Set<string> | undefined;

    constructor(services: SvfServices) {
        super(services);
        this.services = services;
    }

    override async rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
        const newName = params.newName;
        if (!/^[_a-zA-Z]\w*$/.test(newName)) {
            throw refused(`'${newName}' is not a name: write letters, digits and _ only, not starting with a digit (e.g. 'localJob').`);
        }
        if (this.reservedKeywords().has(newName)) {
            throw refused(`'${newName}' is a keyword of the language and cannot be a name; choose another, such as '${newName}Measure' or 'my${newName.charAt(0).toUpperCase()}${newName.slice(1)}'.`);
        }
        const target = this.targetAt(document, params);
        const edit = await super.rename(document, params, cancelToken);
        if (!edit?.changes) return edit;
        const packageFiles = Object.keys(edit.changes).map(uri => URI.parse(uri)).filter(isInstalledPackageFile);
        if (packageFiles.length > 0) {
            const shown = packageFiles.map(uri => packageFilePath(uri)).sort().join(', ');
            throw refused(`Cannot rename: the rename would edit ${shown}, in an installed package (node_modules), which is read-only. Rename only names declared in your own files; to change a package, change its source and publish a new version.`);
        }
        if (target) this.refuseClash(target, newName, Object.keys(edit.changes));
        return { changes: Object.fromEntries(Object.entries(edit.changes).map(([uri, edits]) => [uri, this.keepingAliases(uri, edits)])) };
    }

    /** The declaration the rename is of, or undefined when the position names none. */
    private targetAt(document: LangiumDocument, params: RenameParams): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        return leaf ? this.references.findDeclarations(leaf)[0] : undefined;
    }

    /** Another declaration of the kind with the new name, visible from any file the rename edits, is refused. */
    private refuseClash(target: AstNode, newName: string, editedUris: string[]): void {
        const documents = this.services.shared.workspace.LangiumDocuments;
        const graph = this.services.workspace.ImportGraph;
        const visible = new Set<string>();
        for (const uri of editedUris) {
            const edited = documents.getDocument(URI.parse(uri));
            if (edited) graph.closure(edited).forEach(seen => visible.add(seen.uri.toString()));
        }
        const types = [target.$type, ...(SHARED_NAMES[target.$type] ?? [])];
        for (const type of types) {
            const targetUri = AstUtils.getDocument(target).uri.toString();
            const targetPath = this.services.workspace.AstNodeLocator.getAstNodePath(target);
            const clash = this.services.shared.workspace.IndexManager.allElements(type, visible)
                .find(element => element.name === newName && !(element.documentUri.toString() === targetUri && element.path === targetPath));
            if (!clash) continue;
            const noun = DECLARATION_KINDS[clash.type as DeclarationType]?.noun ?? clash.type;
            const where = clash.nameSegment ? `${URI.parse(clash.documentUri.toString()).path.split('/').pop()}:${clash.nameSegment.range.start.line + 1}` : clash.documentUri.path;
            throw refused(`Cannot rename to '${newName}': ${noun} '${newName}' (${where}) is already visible here, so every reference would silently point to it. Choose another name, or rename or remove that ${noun} first.`);
        }
    }

    /** `base.localJob` stays `base.<new name>`: only the last part of a qualified reference is the name. */
    private keepingAliases(uri: string, edits: TextEdit[]): TextEdit[] {
        const document = this.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        if (!document) return edits;
        return edits.map(edit => {
            const written = document.textDocument.getText(edit.range);
            const dot = written.lastIndexOf('.');
            return dot > 0 ? { ...edit, newText: `${written.slice(0, dot + 1)}${edit.newText}` } : edit;
        });
    }

    /** Keywords that cannot be written as a name (those the grammar's `Name` rule lists can). */
    private reservedKeywords(): Set<string> {
        if (!this.keywords) {
            const grammar = this.services.Grammar;
            const all = new Set(AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).map(keyword => keyword.value).filter(value => /^\w+$/.test(value)));
            const nameRule = grammar.rules.find(rule => rule.name === 'Name');
            if (nameRule) AstUtils.streamAllContents(nameRule).filter(GrammarAST.isKeyword).forEach(keyword => all.delete(keyword.value));
            this.keywords = all;
        }
        return this.keywords;
    }
}

function refused(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/** `node_modules/@orbis/x/measures.svf`: the path from the last node_modules folder, the same on every machine. */
function packageFilePath(uri: URI): string {
    const segments = uri.path.split('/');
    return segments.slice(segments.lastIndexOf('node_modules')).join('/');
}
