import type { AstNode } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import { isDocument, isOutcome, isTheme } from '../generated/ast.js';

/** Nodes written as `keyword name ... { ... }`: their contents go one per line, indented. */
const BLOCK_TYPES = new Set([
    'FrameworkHeader', 'ProxyDeclaration', 'InlineProxy', 'Scale', 'Theme', 'Outcome', 'Measure',
    'MethodQuestion', 'Gate', 'Evaluation', 'Rule',
    'ProxyOverride', 'MeasureOverride', 'ScaleOverride', 'QuestionOverride', 'GateOverride', 'EvaluationOverride', 'RuleOverride',
    'ThemeAddition', 'OutcomeAddition', 'ProfileDeclaration'
]);

/**
 * Format Document: one declaration or property per line, four spaces per block level,
 * closing braces on their own line. Blank lines and comments written by hand are kept, and
 * nothing inside a line (a rule's condition, a split) is rearranged.
 */
export class SvfFormatter extends AbstractFormatter {
    protected format(node: AstNode): void {
        if (isDocument(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.nodes(...node.imports, ...(node.header ? [node.header] : []), ...node.elements)
                .prepend(Formatting.noIndent({ allowMore: true }));
            return;
        }
        if (!BLOCK_TYPES.has(node.$type)) return;
        const formatter = this.getNodeFormatter(node);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        if (open.nodes.length === 0 || close.nodes.length === 0) return;
        open.prepend(Formatting.oneSpace());
        formatter.interior(open, close).prepend(Formatting.indent({ allowMore: true }));
        close.prepend(Formatting.newLine());
        if (isTheme(node) || isOutcome(node)) {
            // `description "..."` is written on one line: keep its text beside the keyword.
            formatter.property('description').prepend(Formatting.oneSpace());
        }
    }
}
