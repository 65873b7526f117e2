import { describe, expect, test } from 'vitest';
import { analyseRuleCoverage, type CoverageDeclarations } from '../../model/rules/rule-coverage.js';
import { emptyEffects, type ProportionalityRule, type RuleCondition } from '../../model/rules/rule-types.js';

const rule = (id: string, condition: RuleCondition | null): ProportionalityRule => ({ id, title: null, condition, effects: emptyEffects() });
const programme = (...values: string[]): RuleCondition => ({ fact: 'programme', values });
const value = (op: '<' | '<=' | '>' | '>=', pounds: string): RuleCondition => ({ field: 'contractValue', op, value: pounds });
const annual = (op: '<' | '<=' | '>' | '>=', pounds: string): RuleCondition => ({ field: 'annualValue', op, value: pounds });

const LEP: CoverageDeclarations = {
    categories: ['goods', 'services', 'works'],
    choices: [{ name: 'programme', values: ['growthDeal', 'cityDeal', 'boost', 'rosebud'] }],
    sets: [{ name: 'priorities', values: ['skills', 'housing', 'transport'] }]
};

const descriptions = (rules: ProportionalityRule[], declarations = LEP) => analyseRuleCoverage(rules, declarations).gaps.map(gap => gap.description);

describe('choices take exactly one value', () => {
    test('one rule per programme leaves no gap: no contract is in no programme or in two', () => {
        const coverage = analyseRuleCoverage(['growthDeal', 'cityDeal', 'boost', 'rosebud'].map(name => rule(name, programme(name))), LEP);
        expect(coverage.analysed).toBe(true);
        expect(coverage.gaps).toEqual([]);
        expect(coverage.rules.every(reach => !reach.unreachable)).toBe(true);
    });

    test('the same rules written with flags (the old workaround) report impossible combinations as gaps', () => {
        const coverage = analyseRuleCoverage(['growthDeal', 'cityDeal', 'boost', 'rosebud'].map(name => rule(name, { flag: name })), LEP);
        expect(coverage.gaps.map(gap => gap.description)).toContain('goods contracts of any value that are not boost and not cityDeal and not growthDeal and not rosebud');
    });

    test('a rule for the programme values an earlier rule took is unreachable, shadowed by it', () => {
        const coverage = analyseRuleCoverage([rule('deals', programme('growthDeal', 'cityDeal')), rule('city', programme('cityDeal')), rule('rest', null)], LEP);
        expect(coverage.rules[1]).toMatchObject({ unreachable: true, shadowedBy: ['deals'], matchesAnyContract: true });
    });

    test('a gap in one programme names it; the other values merge', () => {
        expect(descriptions([
            rule('small', value('<', '100000.00')),
            rule('big', value('>=', '250000.00')),
            rule('middle', { all: [value('>=', '100000.00'), programme('growthDeal', 'boost', 'rosebud')] }),
            rule('middleGoods', { all: [value('>=', '100000.00'), { category: ['goods', 'services'] }] })
        ])).toEqual(['works contracts from £100,000 to under £250,000 in programme cityDeal']);
    });

    test('a gap in two programmes lists both', () => {
        expect(descriptions([rule('deals', programme('growthDeal', 'cityDeal')), rule('goodsAndServices', { category: ['goods', 'services'] })]))
            .toEqual(['works contracts of any value in programme boost or rosebud']);
    });
});

describe('sets: each value tested is in the set or not', () => {
    test('a rule for contracts whose priorities include skills leaves those without it', () => {
        expect(descriptions([rule('skills', { fact: 'priorities', values: ['skills'] }), rule('notWorks', { category: ['goods', 'services'] })]))
            .toEqual(['works contracts of any value whose priorities do not include skills']);
    });

    test('two values: the region says which are in and which are not', () => {
        expect(descriptions([
            rule('skillsOnly', { all: [{ fact: 'priorities', values: ['skills'] }, { not: { fact: 'priorities', values: ['housing'] } }] }),
            rule('housing', { fact: 'priorities', values: ['housing'] }),
            rule('notWorks', { category: ['goods', 'services'] })
        ])).toEqual(['works contracts of any value whose priorities do not include housing or skills']);
        expect(descriptions([
            rule('neither', { not: { fact: 'priorities', values: ['skills', 'housing'] } }),
            rule('housing', { fact: 'priorities', values: ['housing'] }),
            rule('notWorks', { category: ['goods', 'services'] })
        ])).toEqual(['works contracts of any value whose priorities include skills but not housing']);
    });

    test('a set value the rules test but the set does not declare is never in a profile', () => {
        const coverage = analyseRuleCoverage([rule('typo', { fact: 'priorities', values: ['skils'] }), rule('rest', null)], LEP);
        expect(coverage.rules[0]).toMatchObject({ matchesAnyContract: false, unreachable: true });
    });
});

describe('declared categories', () => {
    const GRANTS: CoverageDeclarations = { categories: ['grants', 'loans'], choices: [], sets: [] };

    test('gaps are only for the declared categories', () => {
        expect(descriptions([rule('grants', { category: ['grants'] })], GRANTS)).toEqual(['loans contracts of any value']);
    });

    test('a rule for a category the framework does not declare applies to nothing', () => {
        const coverage = analyseRuleCoverage([rule('works', { category: ['works'] }), rule('rest', null)], GRANTS);
        expect(coverage.rules.map(reach => [reach.id, reach.matchesAnyContract, reach.appliesTo])).toEqual([['works', false, []], ['rest', true, ['grants', 'loans']]]);
    });
});

describe('annual value: only feasible combinations of value, duration and annual value', () => {
    test('a rule for £5m a year or more and one for less leave only contracts without a duration', () => {
        expect(descriptions([rule('big', annual('>=', '5000000.00')), rule('small', annual('<', '5000000.00'))], { ...LEP, choices: [], sets: [] }))
            .toEqual([
                'goods contracts of any value with no duration given or lasting exactly 0 months',
                'services contracts of any value with no duration given or lasting exactly 0 months',
                'works contracts of any value with no duration given or lasting exactly 0 months'
            ]);
    });

    test('contracts under £5m in total can never reach £5m a year over 12 months or more: no gap there', () => {
        const coverage = analyseRuleCoverage([
            rule('short', { field: 'durationMonths', op: '<', value: 12 }),
            rule('small', value('<', '5000000.00')),
            rule('bigPerYear', annual('>=', '5000000.00')),
            rule('noDuration', { not: { field: 'durationMonths', op: '>=', value: 0 } })
        ], { categories: ['works'], choices: [], sets: [] });
        expect(coverage.gaps.map(gap => gap.description)).toEqual(['works contracts of £5,000,000 or more lasting over 12 months with an annual value under £5,000,000']);
        expect(coverage.gaps[0]!.example).toMatchObject({ category: 'works' });
    });

    test('an annual value band says nothing more about the duration when every duration is in it', () => {
        expect(descriptions([
            rule('intense', annual('>=', '5000000.00')),
            rule('small', value('<', '1000000.00')),
            rule('noDuration', { not: { field: 'durationMonths', op: '>=', value: 0 } })
        ], { categories: ['works'], choices: [], sets: [] })).toEqual([
            'works contracts of £1,000,000 or more lasting exactly 0 months',
            'works contracts of £1,000,000 or more with an annual value under £5,000,000'
        ]);
    });

    test('a rule for under £1m in total and £5m a year or more can apply (a short contract), so it is reachable', () => {
        const coverage = analyseRuleCoverage([
            rule('shortAndIntense', { all: [value('<', '1000000.00'), annual('>=', '5000000.00')] }),
            rule('rest', null)
        ], { categories: ['works'], choices: [], sets: [] });
        expect(coverage.rules[0]).toMatchObject({ unreachable: false, matchesAnyContract: true });
    });

    test('a rule for under £1m in total lasting 12 months or more at £5m a year or more matches no contract', () => {
        const coverage = analyseRuleCoverage([
            rule('impossible', { all: [value('<', '1000000.00'), { field: 'durationMonths', op: '>=', value: 12 }, annual('>=', '5000000.00')] }),
            rule('rest', null)
        ], { categories: ['works'], choices: [], sets: [] });
        expect(coverage.rules[0]).toMatchObject({ unreachable: true, matchesAnyContract: false, shadowedBy: [] });
    });
});

describe('the enumeration guard counts the real axis sizes', () => {
    test('a choice of 4 values is 4 cells, not 2^4: 10 flags and a choice of 4 are still analysed', () => {
        const flags = Array.from({ length: 10 }, (_, index) => rule(`flag${index}`, { flag: `f${index}` }));
        expect(analyseRuleCoverage([...flags, rule('programme', programme('boost')), rule('rest', null)], LEP).analysed).toBe(true);
    });

    test('beyond 4096 combinations nothing is reported and the analysis says so', () => {
        const flags = Array.from({ length: 11 }, (_, index) => rule(`flag${index}`, { flag: `f${index}` }));
        const coverage = analyseRuleCoverage([...flags, rule('programme', programme('boost'))], LEP);
        expect(coverage.analysed).toBe(false);
        expect(coverage.gaps).toEqual([]);
        expect(coverage.rules.every(reach => !reach.unreachable)).toBe(true);
    });
});
