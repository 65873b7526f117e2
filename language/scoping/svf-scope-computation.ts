import { DefaultScopeComputation, MultiMap, interruptAndCheck, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { isOutcomeAddition, isTheme, isThemeAddition, type Document } from '../generated/ast.js';

/**
 * Every named declaration (units, proxies, scales, themes, outcomes, measures, questions,
 * gates, rules) is visible by its plain name to every file that imports its file, however
 * deeply it is nested: measure codes and outcome ids are unique across a framework.
 */
export class SvfScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<AstNodeDescription[]> {
        // Named declarations sit at the top level, except outcomes (in themes) and measures
        // (in outcomes). Walking just those is much cheaper than visiting every node of a
        // large framework; a new nested declaration in the grammar must be added here.
        const exports: AstNodeDescription[] = [];
        for (const element of (document.parseResult.value as Document).elements ?? []) {
            await interruptAndCheck(cancelToken);
            this.addExportedSymbol(element, exports, document);
            // Outcomes and measures added to a base's theme or outcome (`add to ...`) are declarations too.
            if (isTheme(element) || isThemeAddition(element)) {
                for (const outcome of element.outcomes) {
                    this.addExportedSymbol(outcome, exports, document);
                    for (const measure of outcome.measures) {
                        this.addExportedSymbol(measure, exports, document);
                    }
                }
            } else if (isOutcomeAddition(element)) {
                for (const measure of element.measures) {
                    this.addExportedSymbol(measure, exports, document);
                }
            }
        }
        return exports;
    }

    // Nothing is local: all names are global within the import closure (see SvfScopeProvider).
    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
