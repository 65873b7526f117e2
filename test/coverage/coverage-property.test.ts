import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluateCondition, firstMatchingRule } from '../../model/rules/evaluate-condition.js';
import { analyseRuleCoverage, contractCellSpace, regionContains } from '../../model/rules/rule-coverage.js';
import type { ContractProfile } from '../../model/rules/rule-types.js';
import { RULE_DECLARATIONS, rulesArbitrary, thresholdAmounts, typicalMonths } from '../helpers/rule-arbitraries.js';

const DECLARATIONS = RULE_DECLARATIONS;
const rules = rulesArbitrary({ withoutCondition: true, maxRules: 6 });
const money = thresholdAmounts();
const months = typicalMonths;

/** Pence near the thresholds and durations in whole months, as real profiles have them. */
const profile: fc.Arbitrary<ContractProfile> = fc.record({
    contractValue: fc.oneof(money, fc.constantFrom('24999.99', '100000.01', '416666.67', '5000000.01', '60000000.00'), fc.integer({ min: 0, max: 10_000_000_00 }).map(pence => (pence / 100).toFixed(2))),
    category: fc.constantFrom('goods', 'works', 'grants'),
    durationMonths: fc.option(fc.oneof(months, fc.integer({ min: 0, max: 120 })), { nil: undefined }),
    flags: fc.subarray(['lotted', 'residentialSite']),
    facts: fc.record({ programme: fc.constantFrom('growthDeal', 'cityDeal', 'boost'), priorities: fc.subarray(['skills', 'housing']) })
}).map(({ durationMonths, ...rest }) => (durationMonths === undefined ? rest : { ...rest, durationMonths }));

describe('the coverage analysis agrees with evaluating the rules', () => {
    test('a profile in no reported gap region is matched by some rule, and one no rule matches is in a gap region', () => {
        fc.assert(fc.property(rules, fc.array(profile, { minLength: 1, maxLength: 20 }), (generated, profiles) => {
            const coverage = analyseRuleCoverage(generated, DECLARATIONS);
            const space = contractCellSpace(generated, DECLARATIONS);
            for (const contract of profiles) {
                const inGap = coverage.gaps.some(gap => regionContains(space, gap.box, contract));
                const matched = generated.some(rule => evaluateCondition(rule.condition, contract));
                expect(inGap).toBe(!matched);
            }
        }), { numRuns: Number(process.env.RUNS ?? 120), seed: Number(process.env.SEED ?? 20261201) });
    });

    test('every reported gap region holds a contract no rule matches (its example)', () => {
        fc.assert(fc.property(rules, generated => {
            const coverage = analyseRuleCoverage(generated, DECLARATIONS);
            const space = contractCellSpace(generated, DECLARATIONS);
            for (const gap of coverage.gaps) {
                expect(generated.some(rule => evaluateCondition(rule.condition, gap.example))).toBe(false);
                expect(regionContains(space, gap.box, gap.example)).toBe(true);
                expect(gap.example.category).toBe(gap.category);
            }
        }), { numRuns: Number(process.env.RUNS ?? 120), seed: Number(process.env.SEED ?? 20261202) });
    });

    test('the rule a profile gets is never one the analysis calls unreachable', () => {
        fc.assert(fc.property(rules, fc.array(profile, { minLength: 1, maxLength: 20 }), (generated, profiles) => {
            const coverage = analyseRuleCoverage(generated, DECLARATIONS);
            for (const contract of profiles) {
                const first = firstMatchingRule(generated, contract);
                if (!first) continue;
                const reach = coverage.rules[generated.indexOf(first)]!;
                expect(reach.unreachable).toBe(false);
                expect(reach.appliesTo).toContain(contract.category);
            }
        }), { numRuns: Number(process.env.RUNS ?? 120), seed: Number(process.env.SEED ?? 20261203) });
    });
});
