import { AstUtils, CstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { amountLiteralProblem } from '../../model/amounts.js';
import type { Document, SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes } from './issue-codes.js';

const KIND_OF_TOKEN: Record<string, 'money' | 'percentage' | 'number'> = { MONEY: 'money', PERCENT: 'percentage', NUMBER: 'number' };

/**
 * Runs of digits long enough to break a limit (the shortest is 13 characters, `1.12345678901`).
 * Found in the text first, so a large file is not walked token by token; each is then
 * checked to be an amount token, not part of a quoted text or a comment.
 */
const LONG_NUMERAL = /-?£?[\d,]*\d(?:\.\d+)?(?:k|m|bn|%)?/g;
const SHORTEST_PROBLEM = 12;

/**
 * Every amount a user writes stays exact end to end, so an amount with more digits than
 * the model keeps exactly (model/amounts.ts AMOUNT_DIGIT_LIMITS) is an error where it is
 * written, never a silently rounded value.
 */
export function amountChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    return {
        Document: (root: Document, accept: ValidationAcceptor) => {
            const cst = root.$cstNode;
            if (!cst) return;
            const text = AstUtils.getDocument(root).textDocument.getText();
            for (const match of text.matchAll(LONG_NUMERAL)) {
                if (match[0].length < SHORTEST_PROBLEM) continue;
                const leaf = CstUtils.findLeafNodeAtOffset(cst, match.index);
                const kind = leaf && leaf.offset === match.index ? KIND_OF_TOKEN[leaf.tokenType.name] : undefined;
                if (!leaf || !kind) continue;
                const problem = amountLiteralProblem(leaf.text, kind);
                if (problem) {
                    accept('error', problem, { node: root, range: leaf.range, code: IssueCodes.AmountTooLong });
                }
            }
        }
    };
}
