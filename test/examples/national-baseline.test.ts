/**
 * The national baseline as a council adopting it would read it: what it contains, what
 * each size of contract is asked, and how commitments are valued.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, type CompiledFramework, type ContractCategory } from '../../compiler/index.js';
import { compileExample, example, idsOfKind, loadExample, profileOf, questionsOfKind, type LoadedExample } from './example-frameworks.js';

const baseline = example('national-baseline');
let loaded: LoadedExample;
let untailored: CompiledFramework;

beforeAll(async () => {
    loaded = await loadExample(baseline);
    untailored = compileExample(loaded).compiled;
});


describe('what the baseline contains', () => {
    test('identity: id, version, price year and status from the framework header', () => {
        const { framework } = untailored.questionSet;
        expect(framework).toMatchObject({
            id: 'national.baseline', title: 'National Social Value Baseline', version: '2.1.0',
            currency: 'GBP', priceYear: 2025, status: 'published'
        });
        expect(framework.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    });

    test('five themes in order, twelve outcomes, 33 measures, four method statements and two gates', () => {
        const { sections } = untailored.questionSet;
        expect(sections.map(section => section.theme)).toEqual(['jobs', 'growth', 'social', 'environment', 'innovation']);
        expect(sections.flatMap(section => section.outcomes)).toHaveLength(12);
        expect(idsOfKind(untailored.questionSet, 'commitment')).toHaveLength(33);
        expect(idsOfKind(untailored.questionSet, 'method-statement')).toEqual(['employmentPlan', 'supplyChainPlan', 'communityPlan', 'netZeroPlan']);
        expect(untailored.questionSet.gates).toEqual(['realLivingWage', 'carbonReductionPlan']);
    });

    test('measures that only make sense on a building site, or in a service, are offered to those contracts only', () => {
        const categoriesOf = (code: string) => untailored.questionSet.questions.find(question => question.id === code)?.categories;
        expect(categoriesOf('RE11')).toEqual(['works']);
        expect(categoriesOf('RE14')).toEqual(['works']);
        expect(categoriesOf('NT32')).toEqual(['goods', 'services']);
        expect(categoriesOf('NT21')).toEqual(['services']);
        expect(categoriesOf('NT1')).toEqual([]);
    });

    test('method statements: weights 40/20/15/25%, each on a 0-5 or 0-100 scale with a word limit', () => {
        const statements = questionsOfKind(untailored.questionSet, 'method-statement');
        expect(statements.map(question => [question.id, question.weight, question.scale, question.wordLimit])).toEqual([
            ['employmentPlan', { kind: 'percentage', value: 40 }, 'fivePoint', 750],
            ['supplyChainPlan', { kind: 'percentage', value: 20 }, 'fivePoint', 500],
            ['communityPlan', { kind: 'percentage', value: 15 }, 'quarterSteps', 500],
            ['netZeroPlan', { kind: 'percentage', value: 25 }, 'quarterSteps', 750]
        ]);
        const scales = untailored.rubric.qualitative.questions.map(question => question.scale?.levels.map(level => level.score));
        expect(scales).toEqual([[0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5], [0, 25, 50, 75, 100], [0, 25, 50, 75, 100]]);
    });

    test('evaluation: 10% weighting, 60% commitments scored against the best bid, 40% method statements', () => {
        const { weighting, quantitative, qualitative } = untailored.rubric;
        expect(weighting).toBe(10);
        expect(quantitative).toMatchObject({ method: 'relative', target: null, shareOfSocialValueMarks: 60, shareOfTotalMarks: 6 });
        expect(quantitative.description).toMatch(/highest/i);
        expect(qualitative).toMatchObject({ shareOfSocialValueMarks: 40, shareOfTotalMarks: 4 });
    });

    test('the proportionality rules are carried in the order they are tried', () => {
        expect(untailored.questionSet.rules?.map(rule => rule.id)).toEqual(['belowThreshold', 'lightAsk', 'standardAsk', 'majorContract', 'strategicContract']);
    });
});

describe('how commitments are valued', () => {
    const proxyOf = (code: string) => untailored.rubric.quantitative.measures.find(measure => measure.code === code)?.proxy;

    test('net values per unit apply deadweight, attribution and displacement exactly', () => {
        // £24,000 less 20% deadweight.
        expect(proxyOf('NT1')).toMatchObject({ id: 'localJob', value: '24000.00', deadweight: 20, netValuePerUnit: '19200.00' });
        // £31,500 x 0.90 x 0.85.
        expect(proxyOf('NT3')).toMatchObject({ id: 'disadvantagedJob', value: '31500.00', netValuePerUnit: '24097.50' });
        // £0.60 per £1 of local spend less 25% displacement.
        expect(proxyOf('NT14')).toMatchObject({ value: '0.60', displacement: 25, netValuePerUnit: '0.45' });
    });

    test("Essex's published staff-time rates, named proxy and inline proxy alike", () => {
        expect(proxyOf('NT17')).toMatchObject({ value: '101.00', priceYear: 2023, netValuePerUnit: '101.00' });
        expect(proxyOf('NT22')).toMatchObject({ value: '16.93', priceYear: 2023, netValuePerUnit: '16.93' });
        expect(proxyOf('NT22')?.source).toContain('Essex County Council');
    });

    test('record-only measures are reported, never monetised', () => {
        const recordOnly = untailored.rubric.quantitative.measures.filter(measure => measure.recordOnly);
        expect(recordOnly.map(measure => measure.code)).toEqual(expect.arrayContaining(['RE11', 'NT18', 'NT19', 'NT33', 'NT40']));
        for (const measure of recordOnly) expect(measure.proxy, measure.code).toBeNull();
    });
});

describe('what each contract is asked', () => {
    test('an £18,000 goods contract: no social value ask', () => {
        const { questionSet, rubric } = compileExample(loaded, profileOf(baseline, 'goods-18k.json')).compiled;
        expect(questionSet.ruleApplied?.id).toBe('belowThreshold');
        expect(questionSet.socialValueAsked).toBe(false);
        expect(questionSet.weighting).toBe(0);
        expect(questionSet.questions).toEqual([]);
        expect(rubric.gates).toEqual([]);
    });

    test('a £7.5m services contract: 20%, three KPIs, 7.5 local FTE, 20% of the value committed, the Carbon Reduction Plan gate', () => {
        const { questionSet, rubric } = compileExample(loaded, profileOf(baseline, 'services-7.5m.json')).compiled;
        expect(questionSet.ruleApplied?.id).toBe('strategicContract');
        expect(questionSet.weighting).toBe(20);
        expect(questionSet.selection).toEqual({
            minMeasures: 3, maxMeasures: 6,
            requiredThemes: [{ theme: 'jobs', minMeasures: 1 }], requiredOutcomes: [],
            minimumCommitments: [{ measure: 'NT1', quantity: 7.5, perYear: null, years: null, basis: '1 per £1,000,000 of contract value' }]
        });
        expect(questionSet.targets).toEqual({ minimumSvRatio: 20, minimumSocialValue: '1500000.00', kpis: 3 });
        expect(questionSet.gates).toEqual(['realLivingWage', 'carbonReductionPlan']);
        const asked = questionSet.questions.map(question => question.id);
        expect(asked).not.toContain('RE14');
        expect(asked).toContain('NT32');
        expect(rubric.quantitative.shareOfTotalMarks).toBe(12);
        expect(rubric.qualitative.shareOfTotalMarks).toBe(8);
    });

    // Band edges: `from A to B` includes A and excludes B, so a contract of exactly £25,000
    // gets the light ask and one of £24,999.99 gets none.
    const bands: Array<[number, string, number]> = [
        [0, 'belowThreshold', 0],
        [24_999.99, 'belowThreshold', 0],
        [25_000, 'lightAsk', 5],
        [99_999.99, 'lightAsk', 5],
        [100_000, 'standardAsk', 10],
        [999_999.99, 'standardAsk', 10],
        [1_000_000, 'majorContract', 10],
        [4_999_999.99, 'majorContract', 10],
        [5_000_000, 'strategicContract', 20],
        [250_000_000, 'strategicContract', 20]
    ];
    const categories: ContractCategory[] = ['goods', 'services', 'works'];
    const cases = categories.flatMap(category => bands.map(([value, rule, weighting]) =>
        ({ category, value, rule, weighting, pounds: value.toLocaleString('en-GB') })));
    test.each(cases)('a £$pounds $category contract gets $rule at $weighting%', ({ category, value, rule, weighting }) => {
        const { questionSet } = applyContractProfile(untailored, { contractValue: value, category });
        expect(questionSet.ruleApplied?.id).toBe(rule);
        expect(questionSet.weighting).toBe(weighting);
    });

    test('social value is mandatory from £100,000: an Employment & Skills measure and the Real Living Wage gate', () => {
        const light = applyContractProfile(untailored, { contractValue: 99_999, category: 'services' }).questionSet;
        const mandatory = applyContractProfile(untailored, { contractValue: 100_000, category: 'services' }).questionSet;
        expect(light.selection.requiredThemes).toEqual([]);
        expect(light.gates).toEqual([]);
        expect(idsOfKind(light, 'method-statement')).toEqual([]);
        expect(mandatory.selection.requiredThemes).toEqual([{ theme: 'jobs', minMeasures: 1 }]);
        expect(mandatory.gates).toEqual(['realLivingWage']);
        expect(mandatory.targets.minimumSocialValue).toBe('5000.00');
    });
});
