/**
 * Evaluation as buyers write it, in the compiled JSON: award criteria in the rubric (the
 * implicit socialValue one and declared ones), the cap, the minimum level in words, and
 * tailoring: a rule's split, method and criterion weighting, and the profile's weightings.
 */
import { describe, expect, test } from 'vitest';
import { applyContractProfile, compileFramework, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { ProfileError } from '../../compiler/contract-profile.js';
import { frameworkOf, loadSources } from '../compiler/fixture-loading.js';
import { expectValid } from '../compiler/schema-assertions.js';
import { boroughSource, DEFAULT_EVALUATION } from './evaluation-source.js';

async function compiled(evaluation?: string[], rules?: string[], profile?: ContractProfile): Promise<CompiledFramework> {
    const loaded = await loadSources({ '/borough/framework.svf': boroughSource(evaluation, rules) });
    const result = compileFramework(frameworkOf(loaded), profile);
    expectValid('question-set.schema.json', result.questionSet);
    expectValid('rubric.schema.json', result.rubric);
    return result;
}

const PROFILE: ContractProfile = { contractValue: 5_000_000, category: 'services', durationMonths: 36 };
const PLAIN = ['weighting 10%', 'split quantitative 60% qualitative 40%'];

describe('rubric criteria', () => {
    test('without criteria: one implicit socialValue criterion with the weighting, covering everything', async () => {
        const { rubric } = await compiled(PLAIN);
        expect(rubric.criteria).toEqual([{
            id: 'socialValue', title: 'Social value', description: null, weighting: 10, weightingMinimum: null,
            themes: ['jobs', 'climate'], measures: ['NT1', 'NT2', 'RE1'], questions: ['MS1', 'MS4'], gates: ['livingWage']
        }]);
        expect(rubric.weighting).toBe(10);
        expect(rubric.quantitative.measures.map(measure => measure.criterion)).toEqual(['socialValue', 'socialValue', 'socialValue']);
        expect(rubric.qualitative.questions.map(question => question.criterion)).toEqual(['socialValue', 'socialValue']);
        expect(rubric.quantitative.measureCap).toBeNull();
        // Nothing changes in how such a rubric is scored.
        expect(rubric.scoring.criteria).toBeUndefined();
        expect(rubric.scoring.quantitative.measureCap).toBeUndefined();
    });

    test('a weighting range: the floor travels with the criterion, the default is the weighting', async () => {
        const { rubric } = await compiled(['weighting at least 10% default 12%', 'split quantitative 60% qualitative 40%']);
        expect(rubric.criteria[0]).toMatchObject({ id: 'socialValue', weighting: 12, weightingMinimum: 10 });
        expect(rubric.weighting).toBe(12);
    });

    test('declared criteria: each with its themes, their measures and method statements; the weighting is their sum', async () => {
        const { rubric, questionSet } = await compiled();
        expect(rubric.criteria).toEqual([
            { id: 'socialValue', title: 'Social value', description: null, weighting: 5, weightingMinimum: null, themes: ['jobs'], measures: ['NT1', 'NT2'], questions: ['MS1'], gates: [] },
            { id: 'environment', title: 'Environment', description: 'Carbon and nature', weighting: 15, weightingMinimum: null, themes: ['climate'], measures: ['RE1'], questions: ['MS4'], gates: [] }
        ]);
        // 5% + 15%
        expect(rubric.weighting).toBe(20);
        expect(questionSet.weighting).toBe(20);
        expect(rubric.quantitative.measures.map(measure => [measure.code, measure.criterion])).toEqual([['NT1', 'socialValue'], ['NT2', 'socialValue'], ['RE1', 'environment']]);
        expect(rubric.qualitative.questions.map(question => [question.id, question.criterion])).toEqual([['MS1', 'socialValue'], ['MS4', 'environment']]);
        expect(rubric.scoring.criteria?.declared).toBe(true);
        expect(rubric.scoring.criteria?.formula).toContain('each award criterion (rubric.criteria) is scored on its own, out of its weighting');
    });

    test('a criterion may name questions and measures outside its themes; what no criterion covers has criterion null', async () => {
        const { rubric } = await compiled(['criterion socialValue "Social value" 5% covers measures NT1 questions MS1', 'criterion environment "Environment" at least 10% covers themes climate', 'split quantitative 60% qualitative 40%']);
        expect(rubric.criteria.map(criterion => [criterion.id, criterion.measures, criterion.questions, criterion.weighting, criterion.weightingMinimum]))
            .toEqual([['socialValue', ['NT1'], ['MS1'], 5, null], ['environment', ['RE1'], ['MS4'], 10, 10]]);
        expect(rubric.quantitative.measures.find(measure => measure.code === 'NT2')?.criterion).toBeNull();
    });

    test('a cap per measure is in the rubric and in its scoring formula', async () => {
        const { rubric } = await compiled([...PLAIN, 'cap per measure 25%']);
        expect(rubric.quantitative.measureCap).toBe(25);
        expect(rubric.scoring.quantitative.measureCap).toBe(25);
        expect(rubric.quantitative.description).toContain("No one measure earns more than 25% of the quantitative marks available: the marks a measure's value earns, worked out as above for that value alone, count at most 25% of them, and the bid's marks are the sum over its measures.");
        expect(rubric.scoring.quantitative.formula).toBe('marks = bid value / highest bid value among the bids not disqualified x the quantitative marks available (shareOfSocialValueMarks); when the highest bid value is 0, every bid gets 0 marks; with a cap per measure of 25%: each valued measure\'s contribution = its value / the reference (the highest bid value, or the target) x the quantitative marks available, counted at most 25% of the quantitative marks available; quantitative marks = min(the sum of the capped contributions, the quantitative marks available)');
    });

    test('a minimum level is in the rubric, and its description says a bid below it fails the question', async () => {
        const { rubric } = await compiled(PLAIN);
        expect(rubric.qualitative.questions.map(question => [question.id, question.minimumLevel])).toEqual([['MS1', 2], ['MS4', null]]);
        expect(rubric.qualitative.description).toContain("A method statement scored below its question's minimum level (minimumLevel) fails that question, and a bid that fails a question is disqualified: it gets no marks and no rank.");
        expect(rubric.scoring.qualitative.belowMinimumLevel).toBe('disqualify');
    });
});

describe('tailoring', () => {
    test('a rule\'s split and method replace the evaluation\'s, with the description and scoring rules following', async () => {
        const rules = ['rule big "Big" {', '    split quantitative 80% qualitative 20%', '    method absolute target 10%', '}'];
        const { rubric } = await compiled(PLAIN, rules, PROFILE);
        expect(rubric.quantitative).toMatchObject({
            method: 'absolute',
            // 10% x £5,000,000
            target: { kind: 'share-of-contract-value', percent: 10, amount: '500000.00' },
            shareOfSocialValueMarks: 80,
            shareOfTotalMarks: 8
        });
        expect(rubric.quantitative.description).toContain('the target of 10% of the contract value = £500,000');
        expect(rubric.qualitative).toMatchObject({ shareOfSocialValueMarks: 20, shareOfTotalMarks: 2 });
        expect(rubric.scoring.quantitative).toMatchObject({ method: 'absolute', target: { kind: 'share-of-contract-value', percent: 10, amount: '500000.00' } });
        expect(rubric.scoring.quantitative.formula).toBe('marks = min(bid value / the target amount (10% x the contract value = £500,000), 1) x the quantitative marks available (shareOfSocialValueMarks)');
    });

    test('a rule\'s method with a money target, and back to relative', async () => {
        const absolute = await compiled(PLAIN, ['rule big "Big" {', '    method absolute target £250k', '}'], PROFILE);
        expect(absolute.rubric.quantitative.target).toEqual({ kind: 'money', percent: null, amount: '250000.00' });
        const relative = await compiled(['weighting 10%', 'split quantitative 60% qualitative 40%', 'method absolute target £1m'], ['rule big "Big" {', '    method relative', '}'], PROFILE);
        expect(relative.rubric.quantitative).toMatchObject({ method: 'relative', target: null });
        expect(relative.rubric.scoring.quantitative).toMatchObject({ method: 'relative', target: null });
    });

    test('a rule\'s `weighting environment 25%` sets that criterion; the weighting is the new sum', async () => {
        const { rubric, questionSet } = await compiled(DEFAULT_EVALUATION, ['rule big "Big" {', '    weighting environment 25%', '}'], PROFILE);
        expect(rubric.criteria.map(criterion => [criterion.id, criterion.weighting])).toEqual([['socialValue', 5], ['environment', 25]]);
        // 5% + 25%
        expect(rubric.weighting).toBe(30);
        expect(questionSet.weighting).toBe(30);
        expect(rubric.quantitative.shareOfTotalMarks).toBe(18);
    });

    test('a rule\'s plain weighting sets the implicit criterion', async () => {
        const { rubric } = await compiled(PLAIN, ['rule big "Big" {', '    weighting 20%', '}'], PROFILE);
        expect(rubric.criteria[0]).toMatchObject({ id: 'socialValue', weighting: 20 });
        expect(rubric.weighting).toBe(20);
    });

    test('tailored criteria list only what the contract asks', async () => {
        const { rubric } = await compiled(DEFAULT_EVALUATION, ['rule small "Small" {', '    exclude measures NT2', '    exclude questions MS4', '}'], PROFILE);
        expect(rubric.criteria.map(criterion => [criterion.id, criterion.measures, criterion.questions])).toEqual([['socialValue', ['NT1'], ['MS1']], ['environment', ['RE1'], []]]);
    });

    test('no ask: criteria worth 0 and covering nothing', async () => {
        const { rubric } = await compiled(DEFAULT_EVALUATION, ['rule none "None" {', '    no ask', '}'], PROFILE);
        expect(rubric.criteria.map(criterion => [criterion.id, criterion.weighting, criterion.measures])).toEqual([['socialValue', 0, []], ['environment', 0, []]]);
    });
});

describe('the profile\'s weightings', () => {
    const RANGE = ['weighting at least 10% default 12%', 'split quantitative 60% qualitative 40%'];

    test('a buyer may set a weighting above the floor', async () => {
        const { rubric, questionSet } = await compiled(RANGE, undefined, { ...PROFILE, weightings: { socialValue: 15 } });
        expect(rubric.criteria[0]).toMatchObject({ weighting: 15, weightingMinimum: 10 });
        expect(rubric.weighting).toBe(15);
        expect(questionSet.weighting).toBe(15);
        // 15% x 60%
        expect(rubric.quantitative.shareOfTotalMarks).toBe(9);
    });

    test('exactly the floor is allowed', async () => {
        const { rubric } = await compiled(RANGE, undefined, { ...PROFILE, weightings: { socialValue: 10 } });
        expect(rubric.weighting).toBe(10);
    });

    async function refusal(evaluation: string[], weightings: Record<string, number>): Promise<ProfileError> {
        const loaded = await loadSources({ '/borough/framework.svf': boroughSource(evaluation) });
        const untailored = compileFramework(frameworkOf(loaded));
        let caught: unknown;
        try {
            applyContractProfile(untailored, { ...PROFILE, weightings });
        } catch (error) {
            caught = error;
        }
        expect(caught).toBeInstanceOf(ProfileError);
        // compileFramework --profile refuses it too, with the path within the profile.
        const id = Object.keys(weightings)[0]!;
        expect(() => compileFramework(frameworkOf(loaded), { ...PROFILE, weightings })).toThrow(expect.objectContaining({ name: 'ProfileError', path: `/weightings/${id}` }));
        return caught as ProfileError;
    }

    test('below the floor is refused, with the pointer and the minimum', async () => {
        const error = await refusal(RANGE, { socialValue: 8 });
        expect(error.path).toBe('/profile/weightings/socialValue');
        expect(error.message).toBe('/profile/weightings/socialValue: 8% is below the minimum of 10% the framework sets for the social value weighting (`at least 10%`); a buyer may set a higher weighting, never a lower one. Give at least 10.');
    });

    test('a fixed weighting may not be changed', async () => {
        const error = await refusal(DEFAULT_EVALUATION, { environment: 20 });
        expect(error.path).toBe('/profile/weightings/environment');
        expect(error.message).toBe("/profile/weightings/environment: 20% differs from the weighting of criterion 'environment', which the framework fixes at 15%; only a weighting written `at least` may be set in the profile. Remove it or give 15.");
    });

    test('an unknown criterion is refused with the criteria there are', async () => {
        const error = await refusal(DEFAULT_EVALUATION, { enviroment: 20 });
        expect(error.path).toBe('/profile/weightings/enviroment');
        expect(error.message).toBe("/profile/weightings/enviroment: 'enviroment' is not an award criterion of this framework; its criteria are 'socialValue', 'environment'. Did you mean 'environment'?");
    });

    test('a framework that gives no weighting leaves it to the buyer', async () => {
        const { rubric } = await compiled(['split quantitative 60% qualitative 40%'], undefined, { ...PROFILE, weightings: { socialValue: 12.5 } });
        expect(rubric.weighting).toBe(12.5);
        expect(rubric.quantitative.shareOfTotalMarks).toBe(7.5);
    });

    test('a contract asked nothing is refused an unknown criterion too', async () => {
        const loaded = await loadSources({ '/borough/framework.svf': boroughSource(DEFAULT_EVALUATION, ['rule none "None" {', '    no ask', '}']) });
        expect(() => compileFramework(frameworkOf(loaded), { ...PROFILE, weightings: { social: 10 } })).toThrow(expect.objectContaining({ path: '/weightings/social' }));
    });

    test('the same fixed value is accepted; a declared range criterion may be raised', async () => {
        const evaluation = ['criterion socialValue "Social value" 5% covers themes jobs', 'criterion environment "Environment" at least 10% default 15% covers themes climate', 'split quantitative 60% qualitative 40%'];
        const { rubric } = await compiled(evaluation, undefined, { ...PROFILE, weightings: { socialValue: 5, environment: 20 } });
        expect(rubric.criteria.map(criterion => [criterion.id, criterion.weighting, criterion.weightingMinimum])).toEqual([['socialValue', 5, null], ['environment', 20, 10]]);
        expect(rubric.weighting).toBe(25);
    });
});
