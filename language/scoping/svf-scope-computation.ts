import { AstUtils, DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { isFrameworkHeader } from '../generated/ast.js';

/**
 * Every named declaration (units, proxies, scales, themes, outcomes, measures, questions,
 * gates, rules) is visible by its plain name to every file that imports its file, however
 * deeply it is nested: measure codes and outcome ids are unique across a framework.
 */
export class SvfScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument, cancelToken?: CancellationToken): Promise<AstNodeDescription[]> {
        return this.collectExportedSymbolsForNode(document.parseResult.value, document, AstUtils.streamAllContents, cancelToken);
    }

    protected override addExportedSymbol(node: AstNode, exports: AstNodeDescription[], document: LangiumDocument): void {
        // The framework header names the framework, not something another file refers to.
        if (!isFrameworkHeader(node)) {
            super.addExportedSymbol(node, exports, document);
        }
    }

    // Nothing is local: all names are global within the import closure (see SvfScopeProvider).
    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
