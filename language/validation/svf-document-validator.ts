import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { IssueCodes } from './issue-codes.js';

const BUILT_IN_CODES: Record<string, string> = {
    [DocumentValidator.LexingError]: IssueCodes.LexingError,
    [DocumentValidator.ParsingError]: IssueCodes.SyntaxError,
    [DocumentValidator.LinkingError]: IssueCodes.UnresolvedReference
};

/**
 * Gives Langium's own lexing, parsing and linking diagnostics our stable codes, so every
 * diagnostic the editor and the CLI show carries a code from IssueCodes.
 */
export class SvfDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const builtIn = diagnostic.data?.code as string | undefined;
            const code = builtIn ? BUILT_IN_CODES[builtIn] : undefined;
            if (code) {
                diagnostic.code = code;
                diagnostic.data = { ...diagnostic.data, code };
            }
        }
        return diagnostics;
    }
}
