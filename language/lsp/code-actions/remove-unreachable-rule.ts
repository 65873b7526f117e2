import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { isRule } from '../../generated/ast.js';
import { nodeAt, quickFix, removalRange } from './code-action-edits.js';

/**
 * `rule/unreachable`: delete the rule, with the comment lines written just above it (they
 * describe it) and one blank line that separated it from its neighbours, so the rules around
 * it stay laid out as before.
 */
export function removeUnreachableRule(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
    const rule = nodeAt(document, diagnostic, isRule);
    const cst = rule?.$cstNode;
    if (!rule || !cst) return [];
    const textDocument = document.textDocument;
    const text = textDocument.getText();
    const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
    const start = lineStart(cst.offset);
    const endOfLine = text.indexOf('\n', cst.end);
    const end = endOfLine === -1 ? text.length : endOfLine + 1;
    // Something else on the rule's first or last line: remove the rule alone.
    if (text.slice(start, cst.offset).trim() !== '' || text.slice(cst.end, end).trim() !== '') {
        return [quickFix(`Remove unreachable rule '${rule.name}'`, diagnostic, document,
            [{ range: removalRange(document, cst), newText: '' }], true)];
    }
    let from = start;
    // Comment lines directly above (no blank line between) belong to the rule.
    while (from > 0) {
        const previous = lineStart(from - 1);
        const line = text.slice(previous, from).trim();
        if (!(line.startsWith('//') || (line.startsWith('/*') && line.endsWith('*/')))) break;
        from = previous;
    }
    let to = end;
    const blank = (lineText: string) => lineText.trim() === '';
    const nextLineEnd = text.indexOf('\n', to);
    if (to < text.length && blank(text.slice(to, nextLineEnd === -1 ? text.length : nextLineEnd + 1))) {
        to = nextLineEnd === -1 ? text.length : nextLineEnd + 1;
    } else if (from > 0 && blank(text.slice(lineStart(from - 1), from))) {
        from = lineStart(from - 1);
    }
    return [quickFix(`Remove unreachable rule '${rule.name}'`, diagnostic, document,
        [{ range: { start: textDocument.positionAt(from), end: textDocument.positionAt(to) }, newText: '' }], true)];
}
