/**
 * Random proportionality rules for property tests of the coverage analysis and of what is
 * written from it: conditions over the contract value, annual value, duration, categories,
 * a choice, a set and flags, combined with all/any/not, over the declarations below.
 */
import fc from 'fast-check';
import type { CoverageDeclarations } from '../../model/rules/rule-coverage.js';
import { emptyEffects, type ProportionalityRule, type RuleCondition } from '../../model/rules/rule-types.js';

export const RULE_DECLARATIONS: CoverageDeclarations = {
    categories: ['goods', 'works', 'grants'],
    choices: [{ name: 'programme', values: ['growthDeal', 'cityDeal', 'boost'] }],
    sets: [{ name: 'priorities', values: ['skills', 'housing'] }]
};

export interface RuleArbitraryOptions {
    /** Amounts besides the usual thresholds (pence, say). */
    extraAmounts?: string[];
    /** Whether a rule may have no condition (matches every contract). */
    withoutCondition: boolean;
    maxRules: number;
}

/** Contract values at the usual thresholds. */
export const thresholdAmounts = (extra: string[] = []) => fc.constantFrom('0.00', '25000.00', '100000.00', '250000.00', '1000000.00', ...extra, '5000000.00');
/** Contract lengths in months. */
export const typicalMonths = fc.constantFrom(0, 6, 12, 24, 36);

export function rulesArbitrary(options: RuleArbitraryOptions): fc.Arbitrary<ProportionalityRule[]> {
    const money = thresholdAmounts(options.extraAmounts);
    const months = typicalMonths;
    const op = fc.constantFrom('<', '<=', '>', '>=', '=', '!=') as fc.Arbitrary<'<' | '<=' | '>' | '>=' | '=' | '!='>;
    const leaf: fc.Arbitrary<RuleCondition> = fc.oneof(
        fc.record({ field: fc.constant('contractValue' as const), op, value: money }),
        fc.record({ field: fc.constant('annualValue' as const), op, value: money }),
        fc.record({ field: fc.constant('durationMonths' as const), op, value: months }),
        fc.record({ field: fc.constant('contractValue' as const), from: money, to: fc.option(money, { nil: null }) }),
        fc.record({ category: fc.subarray(['goods', 'works', 'grants'], { minLength: 1 }) }),
        fc.record({ fact: fc.constant('programme'), values: fc.subarray(['growthDeal', 'cityDeal', 'boost'], { minLength: 1 }) }),
        fc.record({ fact: fc.constant('priorities'), values: fc.subarray(['skills', 'housing'], { minLength: 1 }) }),
        fc.record({ flag: fc.constantFrom('lotted', 'residentialSite') })
    );
    const condition: fc.Arbitrary<RuleCondition | null> = fc.oneof(
        ...(options.withoutCondition ? [{ weight: 1, arbitrary: fc.constant(null) }] : []),
        { weight: 4, arbitrary: leaf },
        { weight: 4, arbitrary: fc.array(leaf, { minLength: 2, maxLength: 3 }).map(all => ({ all })) },
        { weight: 2, arbitrary: fc.array(leaf, { minLength: 2, maxLength: 3 }).map(any => ({ any })) },
        { weight: 2, arbitrary: leaf.map(not => ({ not })) }
    );
    return fc.array(condition, { minLength: 1, maxLength: options.maxRules })
        .map(conditions => conditions.map((rule, index) => ({ id: `r${index}`, title: null, condition: rule, effects: emptyEffects() })));
}
