import { describe, expect, test } from 'vitest';
import { analyseRuleCoverage, evaluateCondition, type ProportionalityRule, type RuleCondition } from '../../compiler/index.js';
import { emptyEffects } from '../../model/rules/rule-types.js';

const rule = (id: string, condition: RuleCondition | null): ProportionalityRule => ({ id, title: null, condition, effects: emptyEffects() });
const value = (op: '<' | '<=' | '>' | '>=' | '=' | '!=', pounds: string): RuleCondition => ({ field: 'contractValue', op, value: pounds });
const band = (from: string, to: string | null): RuleCondition => ({ field: 'contractValue', from, to });

describe('evaluateCondition', () => {
    const works2m = { contractValue: 2_000_000, category: 'works' as const, durationMonths: 24, flags: ['lotted'] };

    test('bands include their start and exclude their end', () => {
        expect(evaluateCondition(band('1000000.00', '2000000.00'), { ...works2m, contractValue: '1000000' })).toBe(true);
        expect(evaluateCondition(band('1000000.00', '2000000.00'), works2m)).toBe(false);
        expect(evaluateCondition(band('2000000.00', null), works2m)).toBe(true);
    });

    test('comparisons, categories, flags and their combinations', () => {
        expect(evaluateCondition(value('>=', '2000000.00'), works2m)).toBe(true);
        expect(evaluateCondition(value('!=', '2000000.00'), works2m)).toBe(false);
        expect(evaluateCondition({ category: ['goods', 'works'] }, works2m)).toBe(true);
        expect(evaluateCondition({ flag: 'lotted' }, works2m)).toBe(true);
        expect(evaluateCondition({ flag: 'lotted' }, { ...works2m, flags: undefined })).toBe(false);
        expect(evaluateCondition({ all: [{ category: ['works'] }, { not: { flag: 'lotted' } }] }, works2m)).toBe(false);
        expect(evaluateCondition({ any: [{ category: ['goods'] }, { field: 'durationMonths', op: '<', value: 36 }] }, works2m)).toBe(true);
        expect(evaluateCondition(null, works2m)).toBe(true);
    });

    test('a duration condition is false when the profile gives no duration, and its negation true', () => {
        const noDuration = { contractValue: 1, category: 'goods' as const };
        expect(evaluateCondition({ field: 'durationMonths', op: '<', value: 12 }, noDuration)).toBe(false);
        expect(evaluateCondition({ not: { field: 'durationMonths', op: '<', value: 12 } }, noDuration)).toBe(true);
    });

    test('exact: a penny under a threshold is under it', () => {
        expect(evaluateCondition(value('<', '25000.00'), { contractValue: '24999.99', category: 'goods' })).toBe(true);
        expect(evaluateCondition(value('<', '25000.00'), { contractValue: 25_000, category: 'goods' })).toBe(false);
    });
});

describe('analyseRuleCoverage', () => {
    test('a complete ladder of bands has no gaps and every rule is reachable', () => {
        const coverage = analyseRuleCoverage([
            rule('none', value('<', '25000.00')),
            rule('light', band('25000.00', '100000.00')),
            rule('rest', null)
        ]);
        expect(coverage.gaps).toEqual([]);
        expect(coverage.rules.map(reach => [reach.id, reach.unreachable, reach.appliesTo])).toEqual([
            ['none', false, ['goods', 'services', 'works']],
            ['light', false, ['goods', 'services', 'works']],
            ['rest', false, ['goods', 'services', 'works']]
        ]);
    });

    test('gaps are merged into value bands per category, telling inclusive from exclusive edges', () => {
        const coverage = analyseRuleCoverage([
            rule('small', value('<', '100000.00')),
            rule('worksBig', { all: [{ category: ['works'] }, value('>', '250000.00')] }),
            rule('others', { all: [{ category: ['goods', 'services'] }, value('>=', '100000.00')] })
        ]);
        expect(coverage.gaps).toMatchObject([{ category: 'works', description: 'works contracts from £100,000 to £250,000 inclusive', band: 'from £100,000 to £250,000 inclusive' }]);
    });

    test('gap descriptions for open-ended and one-point gaps', () => {
        const describe = (rules: ProportionalityRule[]) => analyseRuleCoverage(rules).gaps.filter(gap => gap.category === 'goods').map(gap => gap.description);
        expect(describe([rule('r', value('>=', '25000.00'))])).toEqual(['goods contracts under £25,000']);
        expect(describe([rule('r', value('<', '5000000.00'))])).toEqual(['goods contracts of £5,000,000 or more']);
        expect(describe([rule('r', value('<=', '5000000.00'))])).toEqual(['goods contracts over £5,000,000']);
        expect(describe([rule('r', value('!=', '100000.00'))])).toEqual(['goods contracts of exactly £100,000']);
        expect(describe([rule('r', value('<', '1000.00')), rule('s', value('>', '2000.50'))])).toEqual(['goods contracts from £1,000 to £2,000.50 inclusive']);
        expect(describe([rule('r', { category: ['works'] })])).toEqual(['goods contracts of any value']);
    });

    test('gaps that depend on flags or the duration say so', () => {
        const coverage = analyseRuleCoverage([
            rule('lotted', { flag: 'lotted' }),
            rule('long', { field: 'durationMonths', op: '>=', value: 12 })
        ]);
        expect(coverage.gaps.filter(gap => gap.category === 'works').map(gap => gap.description)).toEqual([
            'works contracts of any value with no duration given or lasting under 12 months that are not lotted'
        ]);
    });

    test('flags that make no difference to a gap are left out of it', () => {
        const coverage = analyseRuleCoverage([
            rule('lottedBig', { all: [value('>=', '1000000.00'), { flag: 'lotted' }] }),
            rule('big', value('>=', '1000000.00')),
            rule('long', { field: 'durationMonths', op: '>=', value: 48 })
        ]);
        expect(coverage.gaps.filter(gap => gap.category === 'goods').map(gap => gap.description)).toEqual([
            'goods contracts under £1,000,000 with no duration given or lasting under 48 months'
        ]);
    });

    test('a rule shadowed by earlier rules is unreachable, and says by which', () => {
        const coverage = analyseRuleCoverage([
            rule('small', value('<', '1000000.00')),
            rule('big', value('>=', '1000000.00')),
            rule('works', { category: ['works'] }),
            rule('never', { all: [value('<', '10.00'), value('>', '20.00')] })
        ]);
        expect(coverage.rules.map(reach => [reach.id, reach.unreachable, reach.shadowedBy, reach.matchesAnyContract])).toEqual([
            ['small', false, [], true],
            ['big', false, [], true],
            ['works', true, ['small', 'big'], true],
            ['never', true, [], false]
        ]);
    });

    test('a rule reachable only at an inclusive edge is reachable', () => {
        const coverage = analyseRuleCoverage([
            rule('under', value('<', '5000000.00')),
            rule('over', value('>', '5000000.00')),
            rule('exactly', band('5000000.00', '5000000.01'))
        ]);
        expect(coverage.rules[2]).toMatchObject({ unreachable: false, appliesTo: ['goods', 'services', 'works'] });
    });

    test('appliesTo lists the categories where the rule is the first match', () => {
        const coverage = analyseRuleCoverage([rule('works', { category: ['works'] }), rule('rest', null)]);
        expect(coverage.rules[1]!.appliesTo).toEqual(['goods', 'services']);
    });
});
