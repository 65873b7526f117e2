import { Decimal, decimalOf, formatPounds } from '../amounts.js';
import type { ProfileField, RuleCondition } from './rule-types.js';

/**
 * A typical contract for a rule, to show what its scaled minimums (`minimum NT1 1 per £1m`)
 * amount to: a value (and duration) inside the bands its condition sets, with the reason it
 * was chosen, for people. Only the conditions every matching contract meets count (those
 * joined by `and`); an `or` or a `not` bounds nothing.
 */
export interface TypicalContract {
    contractValue: Decimal;
    /** `the middle of the rule's contract value band (from £100,000 to under £5,000,000)`. */
    valueBasis: string;
    durationMonths: number;
    durationBasis: string;
    /** When the rule bounds the annual value: the typical annual value (contractValue is then annualValue x durationMonths / 12). */
    annualValue: Decimal | null;
}

/** Without a contract value band: a mid-sized contract. */
export const DEFAULT_TYPICAL_CONTRACT_VALUE = new Decimal(2_500_000);
/** Without a duration band: three years. */
export const DEFAULT_TYPICAL_DURATION_MONTHS = 36;

/**
 * The typical contract of a rule with this condition: on each of contract value, duration and
 * annual value, the middle of the band the condition sets (from 0 when it sets only an upper
 * limit), or its lower limit when it sets no upper one; undefined when the bands cannot meet
 * (the rule matches no contract).
 */
export function typicalContract(condition: RuleCondition | null): TypicalContract | undefined {
    const leaves = conjuncts(condition);
    const value = typicalOnAxis(leaves, 'contractValue');
    const duration = typicalOnAxis(leaves, 'durationMonths');
    const annual = typicalOnAxis(leaves, 'annualValue');
    if (value === 'empty' || duration === 'empty' || annual === 'empty') return undefined;
    const durationMonths = duration ? duration.typical.toNumber() : DEFAULT_TYPICAL_DURATION_MONTHS;
    const durationBasis = duration ? `${duration.basis('duration', months => `${months.toString()} months`)}` : `a default of ${DEFAULT_TYPICAL_DURATION_MONTHS} months (the rule sets no duration band)`;
    if (annual && durationMonths > 0) {
        return {
            contractValue: annual.typical.times(durationMonths).dividedBy(12), annualValue: annual.typical,
            valueBasis: annual.basis('annual value', formatPounds), durationMonths, durationBasis
        };
    }
    return {
        contractValue: value ? value.typical : DEFAULT_TYPICAL_CONTRACT_VALUE, annualValue: null,
        valueBasis: value ? value.basis('contract value', formatPounds) : `a default of ${formatPounds(DEFAULT_TYPICAL_CONTRACT_VALUE)} (the rule sets no contract value band)`,
        durationMonths, durationBasis
    };
}

/** The conditions every contract the rule matches meets. */
function conjuncts(condition: RuleCondition | null): RuleCondition[] {
    if (condition === null) return [];
    if ('all' in condition) return condition.all.flatMap(conjuncts);
    return [condition];
}

interface Limit { value: Decimal; inclusive: boolean }

interface AxisTypical {
    typical: Decimal;
    basis: (what: string, format: (value: Decimal) => string) => string;
}

/** The typical value on one axis; undefined when the condition does not bound it, 'empty' when its bounds cannot meet. */
function typicalOnAxis(leaves: RuleCondition[], field: ProfileField): AxisTypical | 'empty' | undefined {
    let lower: Limit | undefined;
    let upper: Limit | undefined;
    const raise = (limit: Limit) => { if (!lower || limit.value.gt(lower.value) || (limit.value.eq(lower.value) && !limit.inclusive)) lower = limit; };
    const cap = (limit: Limit) => { if (!upper || limit.value.lt(upper.value) || (limit.value.eq(upper.value) && !limit.inclusive)) upper = limit; };
    for (const leaf of leaves) {
        if (!('field' in leaf) || leaf.field !== field) continue;
        if ('op' in leaf) {
            const value = decimalOf(leaf.value);
            if (leaf.op === '>=' || leaf.op === '>' || leaf.op === '=') raise({ value, inclusive: leaf.op !== '>' });
            if (leaf.op === '<=' || leaf.op === '<' || leaf.op === '=') cap({ value, inclusive: leaf.op !== '<' });
        } else {
            raise({ value: decimalOf(leaf.from), inclusive: true });
            if (leaf.to !== null) cap({ value: decimalOf(leaf.to), inclusive: false });
        }
    }
    if (!lower && !upper) return undefined;
    const from = lower ?? { value: new Decimal(0), inclusive: true };
    if (upper && (from.value.gt(upper.value) || (from.value.eq(upper.value) && !(from.inclusive && upper.inclusive)))) return 'empty';
    if (!upper) {
        return {
            typical: from.value,
            basis: (what, format) => (from.inclusive ? `the lowest ${what} the rule applies to (${format(from.value)})` : `the rule's lower limit on the ${what} (over ${format(from.value)})`)
        };
    }
    const high = upper;
    if (from.value.eq(high.value)) return { typical: from.value, basis: (what, format) => `the only ${what} the rule applies to (${format(from.value)})` };
    return {
        typical: from.value.plus(high.value).dividedBy(2),
        basis: (what, format) => `the middle of the rule's ${what} band (from ${format(from.value)} to ${high.inclusive ? '' : 'under '}${format(high.value)})`
    };
}
