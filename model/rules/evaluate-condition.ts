import { decimalOf, type Decimal } from '../amounts.js';
import { PortalInputError } from '../portal-input-error.js';
import type { ComparisonOperator, ContractProfile, ProfileField, RuleCondition } from './rule-types.js';

/**
 * Whether a contract matches a rule's condition (null matches every contract). A
 * condition on the duration or the annual value is false for a profile that gives no
 * duration: nothing is known to satisfy it (`not` of it is then true). A fact condition is
 * true when the profile's choice is one of the values, or its set has any of them; false
 * when the profile does not give the fact.
 */
export function evaluateCondition(condition: RuleCondition | null, profile: ContractProfile): boolean {
    if (condition === null) return true;
    if ('all' in condition) return condition.all.every(part => evaluateCondition(part, profile));
    if ('any' in condition) return condition.any.some(part => evaluateCondition(part, profile));
    if ('not' in condition) return !evaluateCondition(condition.not, profile);
    if ('category' in condition) return condition.category.includes(profile.category);
    if ('flag' in condition) return (profile.flags ?? []).includes(condition.flag);
    if ('fact' in condition) return factMatches(profile.facts?.[condition.fact], condition.values);
    if (!('field' in condition)) {
        throw new PortalInputError('', `${JSON.stringify(condition)} is not a condition: it needs one of all, any, not, category, flag, fact or field. Check it against schemas/rules.schema.json.`);
    }
    const actual = fieldValue(condition.field, profile);
    if (actual === undefined) return false;
    // annualValue = value x 12 / months: compared as value x 12 against the threshold x months, exactly.
    const scaled = (threshold: string | number) => decimalOf(threshold).times(actual.per);
    if ('op' in condition) return compare(actual.value, condition.op, scaled(condition.value));
    return actual.value.gte(scaled(condition.from)) && (condition.to === null || actual.value.lt(scaled(condition.to)));
}

function factMatches(given: string | string[] | undefined, values: readonly string[]): boolean {
    if (given === undefined) return false;
    return typeof given === 'string' ? values.includes(given) : given.some(value => values.includes(value));
}

/** A field's value as a fraction value / per (per is 1 except for annualValue); undefined when unknown. */
function fieldValue(field: ProfileField, profile: ContractProfile): { value: Decimal; per: Decimal } | undefined {
    const one = decimalOf(1);
    if (field === 'contractValue') return { value: decimalOf(profile.contractValue), per: one };
    if (profile.durationMonths === undefined) return undefined;
    if (field === 'durationMonths') return { value: decimalOf(profile.durationMonths), per: one };
    // A contract of no duration has no annual value.
    if (!decimalOf(profile.durationMonths).gt(0)) return undefined;
    return { value: decimalOf(profile.contractValue).times(12), per: decimalOf(profile.durationMonths) };
}

/**
 * The contract value per 12 months of its duration, exact; undefined without a (positive)
 * duration. What `annualValue` conditions test.
 */
export function annualValueOf(profile: Pick<ContractProfile, 'contractValue' | 'durationMonths'>): Decimal | undefined {
    if (profile.durationMonths === undefined || !decimalOf(profile.durationMonths).gt(0)) return undefined;
    return decimalOf(profile.contractValue).times(12).dividedBy(decimalOf(profile.durationMonths));
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
