import { GrammarUtils } from 'langium';
import { describeApplicability, type FactKinds } from '../../model/rules/condition-wording.js';
import type { Rule } from '../generated/ast.js';
import { writtenCondition } from '../resolve/resolve-framework.js';

/**
 * Which contracts a rule applies to, in plain English, for hovers: the model's wording
 * (model/rules/condition-wording.ts) of the condition as far as it is written, so a
 * half-typed condition reads as unfinished and never throws.
 */
export function ruleApplicability(rule: Rule, facts?: FactKinds): string {
    const whenWritten = rule.$cstNode !== undefined && GrammarUtils.findNodeForKeyword(rule.$cstNode, 'when') !== undefined;
    return describeApplicability(rule.condition ? writtenCondition(rule.condition) : null, whenWritten, facts);
}
