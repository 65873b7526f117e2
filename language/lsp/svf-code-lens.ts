import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isMeasure, isMethodQuestion, isOutcome, isRule } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';

/**
 * Code lens above each measure: how many proportionality rules name it (by `include`,
 * `exclude` or `minimum`) and how many method-statement questions address its outcome, so
 * an officer sees what a change to it touches before making it. Counted over every file
 * that refers to it (imports, extending frameworks).
 */
export class SvfCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: SvfServices) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (!isMeasure(node) || !node.$cstNode) continue;
            const rules = this.containers(node, isRule).size;
            const outcome = isOutcome(node.$container) ? node.$container : node.$container.outcome?.ref;
            const questions = outcome ? this.containers(outcome, isMethodQuestion).size : 0;
            lenses.push({
                range: node.$cstNode.range,
                command: { title: `used in ${countOf(rules, 'rule')}, ${countOf(questions, 'question')} on its outcome`, command: '' }
            });
        }
        return lenses;
    }

    /** The distinct declarations of a kind (rules, questions) holding a reference to the node. */
    private containers(target: AstNode, is: (node: unknown) => boolean): Set<AstNode> {
        const found = new Set<AstNode>();
        const documents = this.services.shared.workspace.LangiumDocuments;
        const locator = this.services.workspace.AstNodeLocator;
        for (const reference of this.services.references.References.findReferences(target, { includeDeclaration: false })) {
            if (!documents.hasDocument(reference.sourceUri)) continue;
            const source = locator.getAstNode(documents.getDocument(reference.sourceUri)!.parseResult.value, reference.sourcePath);
            const container = source && AstUtils.getContainerOfType(source, (node): node is AstNode => is(node));
            if (container) found.add(container);
        }
        return found;
    }
}

function countOf(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

