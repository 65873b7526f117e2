import { DefaultLanguageServer } from 'langium/lsp';
import { CodeActionKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver';

/**
 * Langium's language server, advertising the kinds of code action SVF offers (quick fixes and
 * "Organise imports"), so a client can list "Organise imports" among its source actions and
 * run it on save (`editor.codeActionsOnSave`). The LSP allows the kinds only when the client
 * understands code action literals; otherwise the plain `codeActionProvider: true` stays.
 */
export class SvfLanguageServer extends DefaultLanguageServer {
    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        if (result.capabilities.codeActionProvider && params.capabilities.textDocument?.codeAction?.codeActionLiteralSupport) {
            result.capabilities.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceOrganizeImports] };
        }
        return result;
    }
}
