import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, compileFramework, PortalInputError, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { loadFixture, frameworkOf } from './fixture-loading.js';
import { expectValid } from './schema-assertions.js';

let county: CompiledFramework;
let tailoring: CompiledFramework;
beforeAll(async () => {
    const loadedCounty = await loadFixture('county');
    county = compileFramework(frameworkOf(loadedCounty));
    const loadedTailoring = await loadFixture('tailoring');
    tailoring = compileFramework(frameworkOf(loadedTailoring));
});

/** Applies a profile and checks both outputs against the schemas, as compileFramework does. */
function tailor(compiled: CompiledFramework, profile: ContractProfile): CompiledFramework {
    const tailored = applyContractProfile(compiled, profile);
    expectValid('question-set.schema.json', tailored.questionSet);
    expectValid('rubric.schema.json', tailored.rubric);
    return tailored;
}

const ids = (compiled: CompiledFramework) => compiled.questionSet.questions.map(question => question.id);

describe('which rule applies', () => {
    test.each([
        [24_999.99, 'noAskSmall'],
        [25_000, 'light'],
        ['99999.99', 'light'],
        [100_000, 'standard'],
        ['4999999.99', 'standard'],
        [5_000_000, 'major']
    ])('a £%s services contract gets rule %s (from inclusive, to exclusive)', (contractValue, rule) => {
        expect(tailor(county, { contractValue, category: 'services' }).questionSet.ruleApplied?.id).toBe(rule);
    });

    test("the entry file's own rule is tried first: a £12m works contract gets the local rule, a £12m services contract does not", () => {
        expect(tailor(county, { contractValue: 12_000_000, category: 'works' }).questionSet.ruleApplied).toEqual({ id: 'bigWorks', title: 'Major works', provenance: { framework: { id: 'eastshire', version: '2.1.0' }, overrides: [] } });
        expect(tailor(county, { contractValue: 12_000_000, category: 'services' }).questionSet.ruleApplied?.id).toBe('major');
    });
});

describe('no ask under the threshold', () => {
    test('a £20k contract is asked nothing and social value carries no marks', () => {
        const { questionSet, rubric } = tailor(county, { contractValue: 20_000, category: 'services' });
        expect(questionSet).toMatchObject({
            profile: { contractValue: '20000.00', category: 'services', durationMonths: null, flags: [] },
            ruleApplied: { id: 'noAskSmall', title: 'No ask under £25k' },
            socialValueAsked: false, weighting: 0, questions: [], sections: [], gates: [], rules: null, warnings: []
        });
        expect(rubric).toMatchObject({ socialValueAsked: false, weighting: 0, gates: [], rules: null });
        expect(rubric.quantitative.measures).toEqual([]);
        expect(rubric.qualitative.questions).toEqual([]);
        expect(rubric.quantitative.shareOfTotalMarks).toBe(0);
    });
});

describe('the light ask', () => {
    test('only what the rule includes remains: two measures and one method statement, no gate', () => {
        const { questionSet, rubric } = tailor(county, { contractValue: 60_000, category: 'services' });
        expect(ids({ questionSet, rubric })).toEqual(['NT1', 'NT28', 'MS1']);
        expect(questionSet.weighting).toBe(5);
        expect(questionSet.gates).toEqual([]);
        expect(questionSet.selection).toEqual({ minMeasures: null, maxMeasures: 2, requiredThemes: [], requiredOutcomes: [], minimumCommitments: [] });
        expect(questionSet.sections.map(section => [section.theme, section.outcomes.map(outcome => outcome.questions)])).toEqual([
            ['jobs', [['NT1', 'MS1']]],
            ['social', [['NT28']]]
        ]);
        expect(rubric.quantitative.measures.map(measure => measure.code)).toEqual(['NT1', 'NT28']);
        expect(rubric.quantitative.shareOfTotalMarks).toBe(3.5);
        expect(rubric.qualitative.shareOfTotalMarks).toBe(1.5);
    });

    test('the remaining method statement carries all the qualitative weight', () => {
        const { questionSet, rubric } = tailor(county, { contractValue: 60_000, category: 'services' });
        expect(questionSet.questions.find(question => question.id === 'MS1')!.weight).toEqual({ kind: 'percentage', value: 100 });
        expect(rubric.qualitative.questions).toMatchObject([{ id: 'MS1', weight: { kind: 'percentage', value: 100 } }]);
    });
});

describe('the standard ask for a £2.5m contract', () => {
    test('works: weighting, selection, the jobs requirement, a minimum rounded up to whole people, and the SV target', () => {
        const { questionSet } = tailor(county, { contractValue: 2_500_000, category: 'works', durationMonths: 36 });
        expect(questionSet.profile).toEqual({ contractValue: '2500000.00', category: 'works', durationMonths: 36, flags: [], annualValue: '833333.33', facts: {}, chosen: { outcomes: [], themes: [] }, weightings: {} });
        expect(questionSet.weighting).toBe(10);
        expect(questionSet.selection).toEqual({
            minMeasures: 1,
            maxMeasures: 6,
            requiredThemes: [{ theme: 'jobs', minMeasures: 1 }], requiredOutcomes: [],
            minimumCommitments: [{ measure: 'NT1', quantity: 3, perYear: null, years: null, basis: '1 per £1,000,000 of contract value, rounded up to a whole number' }]
        });
        expect(questionSet.targets).toEqual({ minimumSvRatio: 10, minimumSocialValue: '250000.00', kpis: null });
    });

    test('measures not relevant to the category are dropped: works keeps NT3 and loses NT18; goods the other way round', () => {
        const works = ids(tailor(county, { contractValue: 2_500_000, category: 'works' }));
        expect(works).toEqual(['NT1', 'NT3', 'NT28', 'NT29', 'RE1', 'RE2', 'MS1', 'livingWage']);
        const goods = tailor(county, { contractValue: 2_500_000, category: 'goods' });
        expect(ids(goods)).toEqual(['NT1', 'NT18', 'NT28', 'NT29', 'RE1', 'RE2', 'MS1', 'livingWage']);
        expect(goods.rubric.quantitative.measures.map(measure => measure.code)).toEqual(['NT1', 'NT18', 'NT28', 'NT29', 'RE1', 'RE2']);
    });

    test('an excluded method statement leaves its outcome with only the measures', () => {
        const { questionSet, rubric } = tailor(county, { contractValue: 2_500_000, category: 'works' });
        expect(questionSet.sections.find(section => section.theme === 'environment')!.outcomes[0]!.questions).toEqual(['RE1', 'RE2']);
        expect(rubric.qualitative.questions.map(question => [question.id, question.weight?.value])).toEqual([['MS1', 100]]);
    });
});

describe('big contracts', () => {
    test('£12m works: the local rule, an exact scaled minimum, KPIs and the SV target', () => {
        const { questionSet, rubric } = tailor(county, { contractValue: 12_000_000, category: 'works', flags: ['lotted'] });
        expect(questionSet.weighting).toBe(20);
        expect(questionSet.selection.minimumCommitments).toEqual([{ measure: 'NT3', quantity: 624, perYear: null, years: null, basis: '52 per £1,000,000 of contract value' }]);
        expect(questionSet.targets).toEqual({ minimumSvRatio: 15, minimumSocialValue: '1800000.00', kpis: 3 });
        expect(rubric.qualitative.questions.map(question => question.weight?.value)).toEqual([60, 40]);
        expect(rubric.quantitative.shareOfTotalMarks).toBe(14);
        expect(questionSet.profile!.flags).toEqual(['lotted']);
    });

    test('a minimum of a measure that takes fractions is rounded up to hundredths', () => {
        const { questionSet } = tailor(county, { contractValue: '7333333.33', category: 'services' });
        expect(questionSet.selection.minimumCommitments).toEqual([{ measure: 'NT29', quantity: 73.34, perYear: null, years: null, basis: '10 per £1,000,000 of contract value, rounded up' }]);
    });
});

describe('tailoring edge cases', () => {
    test('no rule matches: the full ask applies, less irrelevant measures, with a warning', () => {
        const { questionSet, rubric } = tailor(tailoring, { contractValue: 500_000, category: 'works' });
        expect(questionSet.ruleApplied).toBeNull();
        expect(questionSet.weighting).toBe(10);
        expect(ids({ questionSet, rubric })).toEqual(['J1', 'S1', 'Q1', 'Q2', 'Q3', 'Q4']);
        expect(questionSet.warnings).toEqual([{
            code: 'profile/no-rule-matched',
            message: "No proportionality rule matches this £500,000 works contract, so the framework's full ask applies, without the measures that are not relevant to works contracts. Add a rule for such contracts, or a final rule without `when`."
        }]);
        expect(rubric.warnings).toEqual(questionSet.warnings);
    });

    test('a condition on the duration does not match a profile without one', () => {
        expect(tailor(tailoring, { contractValue: 500_000, category: 'works', durationMonths: 60 }).questionSet.weighting).toBe(15);
        expect(tailor(tailoring, { contractValue: 500_000, category: 'works' }).questionSet.ruleApplied).toBeNull();
    });

    test('percentage weights are rescaled over the remaining questions and still add up to 100', () => {
        const { questionSet } = tailor(tailoring, { contractValue: 2_000_000, category: 'services' });
        const weights = questionSet.questions.filter(question => question.kind === 'method-statement').map(question => question.weight!.value);
        expect(weights).toEqual([33.34, 33.33, 33.33]);
    });

    test('a target that is a share of the contract value becomes an amount', () => {
        const { rubric } = tailor(tailoring, { contractValue: 2_000_000, category: 'services' });
        expect(rubric.quantitative.target).toEqual({ kind: 'share-of-contract-value', percent: 10, amount: '200000.00' });
        expect(rubric.quantitative.description).toContain('/ the target of 10% of the contract value = £200,000) x the quantitative marks available, capped at the full quantitative marks');
        expect(tailoring.rubric.quantitative.target).toEqual({ kind: 'share-of-contract-value', percent: 10, amount: null });
    });

    test('when no method statements remain, their marks move to the commitments', () => {
        const { rubric } = tailor(tailoring, { contractValue: 2_000_000, category: 'services', flags: ['lotted'] });
        expect(rubric.ruleApplied?.id).toBe('lottedBig');
        expect(rubric.quantitative.shareOfSocialValueMarks).toBe(100);
        expect(rubric.qualitative.shareOfSocialValueMarks).toBe(0);
        expect(rubric.warnings).toEqual([{ code: 'profile/marks-moved', message: 'No method-statement questions are asked of this contract, so their 40% of the social value marks go to the commitments (now 100%).' }]);
    });

    test('the input is not changed, the result shares nothing with it, and tailored outputs cannot be tailored again', () => {
        const before = structuredClone(county);
        const tailored = applyContractProfile(county, { contractValue: 2_500_000, category: 'works' });
        expect(county).toEqual(before);
        tailored.questionSet.questions[0]!.text = 'changed by a portal';
        tailored.rubric.quantitative.measures[0]!.proxy!.value = '0.00';
        expect(county).toEqual(before);
        expect(() => applyContractProfile(tailored, { contractValue: 1, category: 'works' })).toThrow(PortalInputError);
    });

    test('compileFramework with a profile gives what applying the profile to the untailored outputs gives', async () => {
        const { services, entry } = await loadFixture('county');
        const profile: ContractProfile = { contractValue: '2500000', category: 'works', durationMonths: 36 };
        expect(compileFramework(frameworkOf({ services, entry }), profile)).toEqual(applyContractProfile(county, profile));
    });
});
