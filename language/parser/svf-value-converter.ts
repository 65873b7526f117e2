import { DefaultValueConverter, ValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Langium builds every quoted text one character at a time, which leaves a chain of
 * one-character string pieces per text: for a 10,000-measure framework that is tens of
 * megabytes. A text without a backslash needs no unescaping, so take it in one slice.
 */
export class SvfValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING' && !input.includes('\\')) {
            return input.slice(1, -1);
        }
        if (rule.name === 'STRING') {
            return ValueConverter.convertString(input);
        }
        return super.runConverter(rule, input, cstNode);
    }
}
