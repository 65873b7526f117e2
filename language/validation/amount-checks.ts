import { CstUtils, isLeafCstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { amountLiteralProblem } from '../../model/amounts.js';
import type { Document, SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes } from './issue-codes.js';

const KIND_OF_TOKEN: Record<string, 'money' | 'percentage' | 'number'> = { MONEY: 'money', PERCENT: 'percentage', NUMBER: 'number' };

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
            for (const node of CstUtils.streamCst(cst)) {
                if (!isLeafCstNode(node)) continue;
                const kind = KIND_OF_TOKEN[node.tokenType.name];
                if (!kind || node.text.length < 12) continue;
                const problem = amountLiteralProblem(node.text, kind);
                if (problem) {
                    accept('error', problem, { node: root, range: node.range, code: IssueCodes.AmountTooLong });
                }
            }
        }
    };
}
