import { decimalOf, type Decimal } from '../amounts.js';
import { PortalInputError } from '../portal-input-error.js';
import type { ComparisonOperator, ContractProfile, ProfileField, RuleCondition } from './rule-types.js';

/**
 * Whether a contract matches a rule's condition (null matches every contract). A
 * condition on the duration is false for a profile that gives no duration: nothing is
 * known to satisfy it (`not` of it is then true).
 */
export function evaluateCondition(condition: RuleCondition | null, profile: ContractProfile): boolean {
    if (condition === null) return true;
    if ('all' in condition) return condition.all.every(part => evaluateCondition(part, profile));
    if ('any' in condition) return condition.any.some(part => evaluateCondition(part, profile));
    if ('not' in condition) return !evaluateCondition(condition.not, profile);
    if ('category' in condition) return condition.category.includes(profile.category);
    if ('flag' in condition) return (profile.flags ?? []).includes(condition.flag);
    if ('fact' in condition) {
        // A choice has one value, a set a list: true when it is, or has, one of the values.
        const given = profile.facts?.[condition.fact];
        return (Array.isArray(given) ? given : given === undefined ? [] : [given]).some(value => condition.values.includes(value));
    }
    if (!('field' in condition)) {
        throw new PortalInputError('', `${JSON.stringify(condition)} is not a condition: it needs one of all, any, not, category, flag or field. Check it against schemas/rules.schema.json.`);
    }
    const actual = fieldValue(condition.field, profile);
    if (actual === undefined) return false;
    if ('op' in condition) return compare(actual, condition.op, decimalOf(condition.value));
    return actual.gte(decimalOf(condition.from)) && (condition.to === null || actual.lt(decimalOf(condition.to)));
}

function fieldValue(field: ProfileField, profile: ContractProfile): Decimal | undefined {
    if (field === 'contractValue') return decimalOf(profile.contractValue);
    if (field === 'annualValue') {
        // contractValue per 12 months; unknown without a (positive) duration.
        if (profile.durationMonths === undefined || profile.durationMonths <= 0) return undefined;
        return decimalOf(profile.contractValue).times(12).dividedBy(decimalOf(profile.durationMonths));
    }
    return profile.durationMonths === undefined ? undefined : decimalOf(profile.durationMonths);
}

function compare(actual: Decimal, op: ComparisonOperator, expected: Decimal): boolean {
    switch (op) {
        case '<': return actual.lt(expected);
        case '<=': return actual.lte(expected);
        case '>': return actual.gt(expected);
        case '>=': return actual.gte(expected);
        case '=': return actual.eq(expected);
        case '!=': return !actual.eq(expected);
        default: throw new PortalInputError('/op', `/op: ${JSON.stringify(op)} is not a comparison; use one of <, <=, >, >=, = or !=.`);
    }
}

/** The first rule, in order, whose condition the contract matches. */
export function firstMatchingRule<R extends { condition: RuleCondition | null }>(rules: readonly R[], profile: ContractProfile): R | undefined {
    return rules.find(rule => evaluateCondition(rule.condition, profile));
}
