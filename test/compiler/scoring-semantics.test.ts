/**
 * The scoring semantics as data: rubric.scoring (defaults and each framework choice),
 * rubric.selection, multiYear and minimumLevel, and the tailored answer.minimum of a
 * commitment a rule sets a minimum for.
 */
import { describe, expect, test } from 'vitest';
import { compileFramework, serializeOutput, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { frameworkOf, loadSources } from './fixture-loading.js';
import { expectValid } from './schema-assertions.js';

/** A small framework; `evaluation` replaces the evaluation block's extra lines. */
function source(evaluationLines: string[] = []): string {
    return `framework scoring.test "Scoring" {
    version 1.0.0
    priceYear 2025
}
unit FTE "no. people FTE"
unit weeks "no. weeks"
unit notes "description" text
proxy localJob = £30,000 per FTE { source "Illustrative" dropOff 20% }
scale fivePoint { 0 "None" 1 "Poor" 2 "Fair" 3 "Good" 4 "Very good" 5 "Excellent" }
theme jobs "Jobs" {
    outcome localEmployment "More local people in work" {
        measure NT1 "Local FTE jobs" {
            unit FTE
            proxy localJob
            ask "How many local people (FTE) a year?"
            multi year
        }
        measure NT2 "Apprenticeship weeks" {
            unit weeks
            proxy £250 { source "Illustrative" }
            ask "How many apprenticeship weeks?"
            minimum 0
            whole numbers
        }
        measure NT3 "Placement weeks" {
            unit weeks
            proxy £100 { source "Illustrative" }
            ask "How many placement weeks?"
            minimum 2000
        }
        measure NT4 "Local recruitment story" {
            unit notes
            ask "Tell us."
        }
    }
}
question MS1 "Employment plan" {
    outcomes localEmployment
    scale fivePoint
    weight 60%
    minimum level 2
    ask "Describe how you will recruit locally."
}
question MS2 "Skills plan" {
    outcomes localEmployment
    scale fivePoint
    weight 40%
    ask "Describe how you will train people."
}
gate livingWage "Real Living Wage" { ask "Will you pay the Real Living Wage?" }
evaluation {
    weighting 10%
    split quantitative 60% qualitative 40%
    method absolute target 5%
${evaluationLines.map(line => `    ${line}\n`).join('')}}
rule standard "Standard" {
    select 1 to 3 measures
    require 1 from jobs
    minimum NT2 72 per £100k
    minimum NT3 10 per £1m
    ratio 10%
}
`;
}

async function compiled(evaluationLines: string[] = [], profile?: ContractProfile): Promise<CompiledFramework> {
    const loaded = await loadSources({ '/scoring/framework.svf': source(evaluationLines) });
    const result = compileFramework(frameworkOf(loaded), profile);
    expectValid('question-set.schema.json', result.questionSet);
    expectValid('rubric.schema.json', result.rubric);
    return result;
}

const PROFILE: ContractProfile = { contractValue: 2_600_000, category: 'works', durationMonths: 30 };

describe('rubric.scoring', () => {
    test('the defaults: unmet minimums and ratio score zero quantitative marks, record-only measures do not count, years unknown untailored', async () => {
        const { rubric } = await compiled();
        expect(rubric.scoring).toEqual({
            quantitative: {
                method: 'absolute',
                target: { kind: 'share-of-contract-value', percent: 5, amount: null },
                formula: 'marks = min(bid value / the target amount (5% x the contract value), 1) x the quantitative marks available (shareOfSocialValueMarks)',
                cap: true,
                zeroOffers: 'zero-marks'
            },
            qualitative: {
                formula: "level score / top score of the question's scale x the question's share of the qualitative marks; a question's share is its weight % (percentage weights) or its points / the sum of points",
                belowMinimumLevel: 'disqualify'
            },
            gates: { failed: 'disqualify' },
            minimumCommitments: { unmet: 'zero-quantitative' },
            minimumSvRatio: { unmet: 'zero-quantitative' },
            recordOnly: { valued: false, countsTowardsSelection: false },
            selection: { outsideLimits: 'invalid-bid' },
            ties: 'equal-rank',
            multiYear: {
                years: null,
                formula: 'value = sum over contract years y = 1..n of quantity x net value per unit x (1 - dropOff)^(y-1); a final part year counts pro rata; n = durationMonths / 12 (1 when the duration is unknown)'
            },
            rounding: 'exact decimals throughout; money rounded to pence and marks to 2 decimal places once, at output (half up)'
        });
        expect(rubric.selection).toEqual({ minMeasures: null, maxMeasures: null, requiredThemes: [], requiredOutcomes: [], minimumCommitments: [] });
    });

    test.each([
        [['unmet minimum disqualify'], { minimumCommitments: { unmet: 'disqualify' }, minimumSvRatio: { unmet: 'zero-quantitative' }, recordOnly: { valued: false, countsTowardsSelection: false } }],
        [['unmet minimum zero', 'unmet ratio disqualify'], { minimumCommitments: { unmet: 'zero-quantitative' }, minimumSvRatio: { unmet: 'disqualify' }, recordOnly: { valued: false, countsTowardsSelection: false } }],
        [['record only counts'], { minimumCommitments: { unmet: 'zero-quantitative' }, minimumSvRatio: { unmet: 'zero-quantitative' }, recordOnly: { valued: false, countsTowardsSelection: true } }]
    ])('the framework chooses %j', async (lines, expected) => {
        const { rubric } = await compiled(lines);
        expect(rubric.scoring).toMatchObject(expected);
        // Tailoring keeps the choices.
        expect((await compiled(lines, PROFILE)).rubric.scoring).toMatchObject(expected);
    });

    test('a relative method has no target, and its formula says what a highest value of 0 gives', async () => {
        const loaded = await loadSources({ '/scoring/framework.svf': source().replace('method absolute target 5%', 'method relative') });
        const { rubric } = compileFramework(frameworkOf(loaded));
        expect(rubric.scoring.quantitative).toEqual({
            method: 'relative', target: null, cap: true, zeroOffers: 'zero-marks',
            formula: 'marks = bid value / highest bid value among the bids not disqualified x the quantitative marks available (shareOfSocialValueMarks); when the highest bid value is 0, every bid gets 0 marks'
        });
    });

    test('tailored: the target amount and the contract years come from the profile; the rubric carries the question set\'s selection', async () => {
        const { questionSet, rubric } = await compiled([], PROFILE);
        // 5% x £2,600,000 = £130,000; 30 months / 12 = 2.5 years.
        expect(rubric.scoring.quantitative.target).toEqual({ kind: 'share-of-contract-value', percent: 5, amount: '130000.00' });
        expect(rubric.scoring.quantitative.formula).toBe('marks = min(bid value / the target amount (5% x the contract value = £130,000), 1) x the quantitative marks available (shareOfSocialValueMarks)');
        expect(rubric.scoring.multiYear.years).toBe(2.5);
        expect(rubric.selection).toEqual(questionSet.selection);
        expect(rubric.selection).toEqual({
            minMeasures: 1, maxMeasures: 3, requiredThemes: [{ theme: 'jobs', minMeasures: 1 }], requiredOutcomes: [],
            minimumCommitments: [
                { measure: 'NT2', quantity: 1872, perYear: null, years: null, basis: '72 per £100,000 of contract value' },
                { measure: 'NT3', quantity: 26, perYear: null, years: null, basis: '10 per £1,000,000 of contract value' }
            ]
        });
        expect((await compiled([], { contractValue: 2_600_000, category: 'works' })).rubric.scoring.multiYear.years).toBeNull();
    });
});

describe('measures and questions', () => {
    test('multiYear on a valued measure only; minimumLevel as written, else null', async () => {
        const { rubric } = await compiled();
        expect(rubric.quantitative.measures.map(measure => [measure.code, measure.multiYear, measure.recordOnly])).toEqual([
            ['NT1', true, false], ['NT2', false, false], ['NT3', false, false], ['NT4', false, true]
        ]);
        expect(rubric.qualitative.questions.map(question => [question.id, question.minimumLevel])).toEqual([['MS1', 2], ['MS2', null]]);
    });
});

describe('answer.minimum of a tailored commitment', () => {
    test("a rule demanding 72 weeks per £100k of a £2.6m contract makes the answer's minimum 1,872 (the measure's own is 0)", async () => {
        const untailored = await compiled();
        const minimumOf = (result: CompiledFramework, id: string) => result.questionSet.questions.find(question => question.id === id)!.answer.minimum;
        expect(minimumOf(untailored, 'NT2')).toBe(0);
        const tailored = await compiled([], PROFILE);
        // 72 x £2,600,000 / £100,000 = 1,872
        expect(minimumOf(tailored, 'NT2')).toBe(1872);
        // The measure's own minimum (2,000) is larger than the rule's (10 x 2.6 = 26): it stays.
        expect(minimumOf(tailored, 'NT3')).toBe(2000);
        // No rule minimum: unchanged.
        expect(minimumOf(tailored, 'NT1')).toBeNull();
    });
});

test('the same framework and profile give byte-identical rubrics', async () => {
    const first = serializeOutput((await compiled(['unmet ratio disqualify'], PROFILE)).rubric);
    const second = serializeOutput((await compiled(['unmet ratio disqualify'], PROFILE)).rubric);
    expect(second).toBe(first);
});
