/**
 * The evaluation checks of issue 9, each firing (with its message and where) and silent:
 * weighting ranges, award criteria, caps, and the silent combinations buyers did not notice.
 */
import { describe, expect, test } from 'vitest';
import { IssueCodes } from '../../model/issue-codes.js';
import { validateSources, type SvfDiagnostic } from '../helpers/validate.js';
import { boroughSource, DEFAULT_EVALUATION } from './evaluation-source.js';

const FILE = 'framework.svf';

async function diagnostics(evaluation?: string[], rules?: string[]): Promise<SvfDiagnostic[]> {
    return (await validateSources({ [FILE]: boroughSource(evaluation, rules) }))[FILE] ?? [];
}

function withCode(found: SvfDiagnostic[], code: string): SvfDiagnostic[] {
    return found.filter(diagnostic => diagnostic.code === code);
}

/** The 1-based line and column of the first `text` in the source (after `after`, when given). */
function positionOf(source: string, text: string, after = ''): { line: number; column: number } {
    const offset = source.indexOf(text, after ? source.indexOf(after) : 0);
    const before = source.slice(0, offset).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
}

const CRITERIA_CODES = [
    IssueCodes.WeightingDefaultBelowMinimum, IssueCodes.CriteriaWeightingNot, IssueCodes.CriterionOverlap, IssueCodes.CriterionUncovered,
    IssueCodes.UnknownCriterion, IssueCodes.ZeroWeightingWithSelect, IssueCodes.RatioWithoutQuantitativeShare, IssueCodes.InvalidMeasureCap
];

describe('evaluation checks are silent on a well-written evaluation', () => {
    test.each([
        ['two criteria covering every theme', DEFAULT_EVALUATION],
        ['a weighting range whose default is above the floor', ['weighting at least 10% default 12%', 'split quantitative 60% qualitative 40%']],
        ['a weighting range without a default', ['weighting at least 10%', 'split quantitative 60% qualitative 40%']],
        ['criteria whose weightings add up to the weighting', ['weighting 20%', ...DEFAULT_EVALUATION]],
        ['a cap of 100%', ['weighting 10%', 'split quantitative 60% qualitative 40%', 'cap per measure 100%']],
        ['a cap of 25%', ['weighting 10%', 'split quantitative 60% qualitative 40%', 'cap per measure 25%']]
    ])('%s', async (_, evaluation) => {
        const found = await diagnostics(evaluation);
        expect(found.filter(diagnostic => (CRITERIA_CODES as string[]).includes(diagnostic.code))).toEqual([]);
        expect(found.filter(diagnostic => diagnostic.severity === 'error')).toEqual([]);
    });

    test('a rule naming a declared criterion, with select and a weighting', async () => {
        const found = await diagnostics(DEFAULT_EVALUATION, ['rule big "Big" {', '    weighting environment 20%', '    select 1 to 3 measures', '    ratio 5%', '}']);
        expect(found.filter(diagnostic => (CRITERIA_CODES as string[]).includes(diagnostic.code))).toEqual([]);
    });
});

describe('weighting ranges', () => {
    test('a default below the floor is an error on the default', async () => {
        const evaluation = ['weighting at least 10% default 8%', 'split quantitative 60% qualitative 40%'];
        const [finding, ...others] = withCode(await diagnostics(evaluation), IssueCodes.WeightingDefaultBelowMinimum);
        expect(others).toEqual([]);
        expect(finding).toMatchObject({
            severity: 'error',
            message: 'The social value weighting defaults to 8%, below its minimum of 10%; the default is what a contract gets when the buyer sets nothing, so it must be at least the minimum. Write `at least 10% default 10%` or raise the default.',
            ...positionOf(boroughSource(evaluation), '8%', 'evaluation {')
        });
    });

    test('on a criterion too', async () => {
        const evaluation = ['criterion socialValue "Social value" at least 10% default 5% covers themes jobs', 'criterion environment "Environment" 15% covers themes climate', 'split quantitative 60% qualitative 40%'];
        const [finding] = withCode(await diagnostics(evaluation), IssueCodes.WeightingDefaultBelowMinimum);
        expect(finding?.message).toBe("The weighting of criterion 'socialValue' defaults to 5%, below its minimum of 10%; the default is what a contract gets when the buyer sets nothing, so it must be at least the minimum. Write `at least 10% default 10%` or raise the default.");
    });
});

describe('award criteria', () => {
    test('weightings that do not add up to the written weighting', async () => {
        const evaluation = ['weighting 10%', ...DEFAULT_EVALUATION];
        const [finding] = withCode(await diagnostics(evaluation), IssueCodes.CriteriaWeightingNot);
        expect(finding).toMatchObject({
            severity: 'error',
            message: "The evaluation's weighting is 10%, but its criteria's weightings add up to 20% (socialValue 5% + environment 15%). With criteria, the social value weighting is their sum: remove `weighting`, or make the criteria add up to 10%.",
            ...positionOf(boroughSource(evaluation), 'weighting 10%')
        });
    });

    test('a theme in two criteria is an error on the second', async () => {
        const evaluation = ['criterion socialValue "Social value" 5% covers themes jobs', 'criterion environment "Environment" 15% covers themes climate, jobs', 'split quantitative 60% qualitative 40%'];
        const found = withCode(await diagnostics(evaluation), IssueCodes.CriterionOverlap);
        // Once, for the theme: not again for each of its measures and questions.
        expect(found.map(diagnostic => diagnostic.message)).toEqual(["Criteria 'socialValue' (line 46) and 'environment' both cover theme 'jobs'; a theme can count towards one criterion only, or its marks would be counted twice. Take it out of one of them."]);
        expect(found[0]).toMatchObject({ severity: 'error', ...positionOf(boroughSource(evaluation), 'environment') });
    });

    test('a question in two criteria', async () => {
        const evaluation = ['criterion socialValue "Social value" 5% covers themes jobs questions MS4', 'criterion environment "Environment" 15% covers themes climate', 'split quantitative 60% qualitative 40%'];
        const found = withCode(await diagnostics(evaluation), IssueCodes.CriterionOverlap);
        expect(found.map(diagnostic => diagnostic.message)).toEqual(["Criteria 'socialValue' (line 46) and 'environment' both cover question 'MS4'; a question can count towards one criterion only, or its marks would be counted twice. Take it out of one of them."]);
    });

    test('a theme and a question in no criterion are warnings where they are declared', async () => {
        const evaluation = ['criterion socialValue "Social value" 5% covers themes jobs', 'split quantitative 60% qualitative 40%'];
        const source = boroughSource(evaluation);
        const found = withCode(await diagnostics(evaluation), IssueCodes.CriterionUncovered);
        expect(found).toMatchObject([
            { severity: 'warning', message: "Theme 'climate' is in no award criterion, so its measures earn no marks. Add `covers themes climate` (or the measures) to a criterion, or leave the theme out of the framework.", ...positionOf(source, 'climate "Climate"') },
            { severity: 'warning', message: "Method statement 'MS4' is in no award criterion, so it earns no marks. Add `covers questions MS4` to a criterion, or cover its theme 'climate'.", ...positionOf(source, 'MS4 "Net zero plan"') }
        ]);
    });

    test('a rule setting the weighting of an unknown criterion names the nearest', async () => {
        const rules = ['rule big "Big" {', '    weighting enviroment 20%', '}'];
        const [finding] = withCode(await diagnostics(DEFAULT_EVALUATION, rules), IssueCodes.UnknownCriterion);
        expect(finding).toMatchObject({
            severity: 'error',
            message: "Rule 'big' sets the weighting of criterion 'enviroment', but the evaluation has no such criterion: its criteria are 'socialValue', 'environment'. Did you mean 'environment'?",
            ...positionOf(boroughSource(DEFAULT_EVALUATION, rules), 'enviroment')
        });
    });

    test('without declared criteria, a named criterion weighting is unknown too', async () => {
        const evaluation = ['weighting 10%', 'split quantitative 60% qualitative 40%'];
        const [finding] = withCode(await diagnostics(evaluation, ['rule big "Big" {', '    weighting environment 20%', '}']), IssueCodes.UnknownCriterion);
        expect(finding?.message).toBe("Rule 'big' sets the weighting of criterion 'environment', but the evaluation has no such criterion: it declares no criteria, so write the social value weighting as `weighting 15%`.");
    });
});

describe('caps per measure', () => {
    test.each(['0%', '120%'])('cap per measure %s is an error', async cap => {
        const evaluation = ['weighting 10%', 'split quantitative 60% qualitative 40%', `cap per measure ${cap}`];
        const [finding] = withCode(await diagnostics(evaluation), IssueCodes.InvalidMeasureCap);
        expect(finding).toMatchObject({
            severity: 'error',
            message: `The cap per measure is ${cap}; it must be more than 0% and at most 100% of the quantitative marks (\`cap per measure 25%\`: one measure earns at most a quarter of them). Remove the line for no cap.`,
            ...positionOf(boroughSource(evaluation), cap, 'cap per measure')
        });
    });
});

describe('combinations that were silently accepted', () => {
    test('weighting 0% in the evaluation with select in a rule', async () => {
        const evaluation = ['weighting 0%', 'split quantitative 60% qualitative 40%'];
        const [finding] = withCode(await diagnostics(evaluation), IssueCodes.ZeroWeightingWithSelect);
        expect(finding).toMatchObject({
            severity: 'warning',
            message: "Rule 'standard' asks bidders to select measures, but with the evaluation's weighting of 0% they are worth no marks: bidders would do the work for nothing. Give social value a weighting, or use `no ask` for such contracts.",
            ...positionOf(boroughSource(evaluation), '1 to 3', 'select')
        });
    });

    test('weighting 0% in the rule that selects', async () => {
        const evaluation = ['weighting 10%', 'split quantitative 60% qualitative 40%'];
        const rules = ['rule small "Small" {', '    weighting 0%', '    select at least 1 measures', '}'];
        const [finding] = withCode(await diagnostics(evaluation, rules), IssueCodes.ZeroWeightingWithSelect);
        expect(finding?.message).toBe("Rule 'small' asks bidders to select measures, but with its `weighting 0%` they are worth no marks: bidders would do the work for nothing. Give social value a weighting, or use `no ask` for such contracts.");
    });

    test('silent when the rule gives a weighting back, or asks nothing', async () => {
        const evaluation = ['weighting 0%', 'split quantitative 60% qualitative 40%'];
        const rules = ['rule big "Big" {', '    weighting 10%', '    select at least 1 measures', '}', 'rule none "None" {', '    no ask', '}'];
        expect(withCode(await diagnostics(evaluation, rules), IssueCodes.ZeroWeightingWithSelect)).toEqual([]);
    });

    test('ratio 10% when commitments get 0% of the marks', async () => {
        const evaluation = ['weighting 10%', 'split quantitative 0% qualitative 100%'];
        const rules = ['rule standard "Standard" {', '    ratio 10%', '}'];
        const [finding] = withCode(await diagnostics(evaluation, rules), IssueCodes.RatioWithoutQuantitativeShare);
        expect(finding).toMatchObject({
            severity: 'warning',
            message: "Rule 'standard' asks for social value of at least 10% of the contract value, but the evaluation's split gives commitments 0% of the marks, so a bid that misses the ratio loses nothing (`unmet ratio zero` takes away quantitative marks, and there are none). Give commitments a share (`split quantitative 60% qualitative 40%`), or write `unmet ratio disqualify` in the evaluation.",
            ...positionOf(boroughSource(evaluation, rules), 'ratio 10%')
        });
    });

    test('a rule split with no quantitative share, and silent with unmet ratio disqualify', async () => {
        const evaluation = ['weighting 10%', 'split quantitative 60% qualitative 40%'];
        const rules = ['rule standard "Standard" {', '    split quantitative 0% qualitative 100%', '    ratio 10%', '}'];
        const [finding] = withCode(await diagnostics(evaluation, rules), IssueCodes.RatioWithoutQuantitativeShare);
        expect(finding?.message).toContain("but its split gives commitments 0% of the marks");
        const disqualify = ['weighting 10%', 'split quantitative 0% qualitative 100%', 'unmet ratio disqualify'];
        expect(withCode(await diagnostics(disqualify, ['rule standard "Standard" {', '    ratio 10%', '}']), IssueCodes.RatioWithoutQuantitativeShare)).toEqual([]);
    });
});
