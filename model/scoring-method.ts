import { decimalOf, formatPounds, roundedToHundredths, type Decimal } from './amounts.js';

/** A scoring target as the rubric states it: money, or a share of the contract value (an amount once the value is known). */
export type ScoringTarget =
    | { kind: 'money'; percent: null; amount: string }
    | { kind: 'share-of-contract-value'; percent: number; amount: string | null };

/**
 * How quantitative marks are worked out, in words a portal can show bidders. Written by
 * emit and rewritten when a profile fixes a target that is a share of the contract value.
 */
export function describeScoringMethod(method: 'relative' | 'absolute', target: ScoringTarget | null, measureCap: number | null = null): string {
    const capped = measureCap === null ? '' : ` No one measure earns more than ${measureCap}% of the quantitative marks available: the marks a measure's value earns, worked out as above for that value alone, count at most ${measureCap}% of them, and the bid's marks are the sum over its measures.`;
    const netValue = `A bid's net social value is the sum, over its commitments, of quantity x the measure's net value per unit (record-only and unmonetised measures are not scored).${capped}`;
    if (method === 'relative' || target === null) {
        return `Quantitative marks = (the bid's net social value / the highest net social value among the bids not disqualified) x the quantitative marks available; when the highest is 0, every bid gets 0. ${netValue}`;
    }
    const amount = target.amount === null ? '' : ` = ${formatPounds(target.amount)}`;
    const targetText = target.kind === 'money'
        ? `the target of ${formatPounds(target.amount)}`
        : `the target of ${target.percent}% of the contract value${amount}`;
    return `Quantitative marks = (the bid's net social value / ${targetText}) x the quantitative marks available, capped at the full quantitative marks. ${netValue}`;
}

/** What a bid that misses a minimum gets, as the rubric says it. */
export type UnmetConsequence = 'disqualify' | 'zero-quantitative';

/**
 * Every rule a scorer needs, as data (rubric.scoring): two portals implementing the rubric
 * give the same marks. The README's "How a bid is scored" explains each with an example.
 */
export interface ScoringRules {
    quantitative: {
        method: 'relative' | 'absolute';
        target: ScoringTarget | null;
        formula: string;
        /** Marks never exceed the quantitative marks available. */
        cap: true;
        /** A bid of no scored value gets 0 marks; a highest value of 0 gives every bid 0 (never a division by zero). */
        zeroOffers: 'zero-marks';
        /** `cap per measure`: one measure's contribution is at most this percent of the quantitative marks; absent: no cap. */
        measureCap?: number;
    };
    /** Present when the evaluation declares award criteria: each is scored on its own (CRITERIA_FORMULA). */
    criteria?: { declared: true; formula: string };
    qualitative: { formula: string; belowMinimumLevel: 'disqualify' };
    gates: { failed: 'disqualify' };
    minimumCommitments: { unmet: UnmetConsequence };
    minimumSvRatio: { unmet: UnmetConsequence };
    recordOnly: { valued: false; countsTowardsSelection: boolean };
    selection: { outsideLimits: 'invalid-bid' };
    ties: 'equal-rank';
    multiYear: { years: number | null; formula: string };
    rounding: string;
}

/** The framework's scoring choices, as the evaluation block makes them (defaults when it does not). */
export interface ScoringChoices {
    unmetMinimum: 'disqualify' | 'zero';
    unmetRatio: 'disqualify' | 'zero';
    recordOnlyCounts: boolean;
}

/** The evaluation's cap per measure and whether it declares award criteria (both change how marks are worked out). */
export interface ScoringShape {
    measureCap: number | null;
    criteriaDeclared: boolean;
}

export const CRITERIA_FORMULA = "each award criterion (rubric.criteria) is scored on its own, out of its weighting: its quantitative marks compare the value of the measures it covers (relative: with the highest such value among the bids not disqualified; absolute: with the target), its qualitative marks come from the method statements it covers, each question's share being its weight / the sum of the weights of the criterion's questions (equal shares when unweighted); within a criterion the marks divide as quantitative.shareOfSocialValueMarks and qualitative.shareOfSocialValueMarks, except that a criterion with no valued measures gives all its marks to its method statements and one with no method statements all to its measures; criterion marks = (quantitative marks + qualitative marks) / 100 x the criterion's weighting; final marks = the sum of the criterion marks; a measure or question no criterion covers earns no marks";

/** How a cap per measure changes the quantitative formula, for the rubric and the README. */
export function measureCapFormula(cap: number): string {
    return `with a cap per measure of ${cap}%: each valued measure's contribution = its value / the reference (the highest bid value, or the target) x the quantitative marks available, counted at most ${cap}% of the quantitative marks available; quantitative marks = min(the sum of the capped contributions, the quantitative marks available)`;
}

const QUALITATIVE_FORMULA = "level score / top score of the question's scale x the question's share of the qualitative marks; a question's share is its weight % (percentage weights) or its points / the sum of points";
const MULTI_YEAR_FORMULA = 'value = sum over contract years y = 1..n of quantity x net value per unit x (1 - dropOff)^(y-1); a final part year counts pro rata; n = durationMonths / 12 (1 when the duration is unknown)';
const ROUNDING = 'exact decimals throughout; money rounded to pence and marks to 2 decimal places once, at output (half up)';

/** The quantitative formula in the rubric's terms, with the target's amount once it is known. */
export function quantitativeFormula(method: 'relative' | 'absolute', target: ScoringTarget | null): string {
    if (method === 'relative' || target === null) {
        return 'marks = bid value / highest bid value among the bids not disqualified x the quantitative marks available (shareOfSocialValueMarks); when the highest bid value is 0, every bid gets 0 marks';
    }
    const amount = target.kind === 'money'
        ? `the target amount (${formatPounds(target.amount)})`
        : target.amount === null
            ? `the target amount (${target.percent}% x the contract value)`
            : `the target amount (${target.percent}% x the contract value = ${formatPounds(target.amount)})`;
    return `marks = min(bid value / ${amount}, 1) x the quantitative marks available (shareOfSocialValueMarks)`;
}

/** The rubric's `scoring`: the framework's choices and the contract's years (null untailored or when the duration is unknown). */
export function scoringRules(method: 'relative' | 'absolute', target: ScoringTarget | null, choices: ScoringChoices, durationMonths: number | null, shape: ScoringShape = { measureCap: null, criteriaDeclared: false }): ScoringRules {
    const consequence = (choice: 'disqualify' | 'zero'): UnmetConsequence => (choice === 'disqualify' ? 'disqualify' : 'zero-quantitative');
    const formula = quantitativeFormula(method, target);
    return {
        quantitative: shape.measureCap === null
            ? { method, target, formula, cap: true, zeroOffers: 'zero-marks' }
            : { method, target, formula: `${formula}; ${measureCapFormula(shape.measureCap)}`, cap: true, zeroOffers: 'zero-marks', measureCap: shape.measureCap },
        ...(shape.criteriaDeclared ? { criteria: { declared: true, formula: CRITERIA_FORMULA } } : {}),
        qualitative: { formula: QUALITATIVE_FORMULA, belowMinimumLevel: 'disqualify' },
        gates: { failed: 'disqualify' },
        minimumCommitments: { unmet: consequence(choices.unmetMinimum) },
        minimumSvRatio: { unmet: consequence(choices.unmetRatio) },
        recordOnly: { valued: false, countsTowardsSelection: choices.recordOnlyCounts },
        selection: { outsideLimits: 'invalid-bid' },
        ties: 'equal-rank',
        multiYear: { years: durationMonths === null ? null : decimalOf(durationMonths).dividedBy(12).toNumber(), formula: MULTI_YEAR_FORMULA },
        rounding: ROUNDING
    };
}

/**
 * What the qualitative marks are, in words a portal can show bidders, with what a minimum
 * level means (the "below it, the bid fails that question").
 */
export function describeQualitativeScoring(minimumLevels: boolean): string {
    const marks = "Qualitative marks = the sum over the method statements of (the level the evaluators give / the top score of the question's scale) x the question's share of the qualitative marks available.";
    return minimumLevels
        ? `${marks} A method statement scored below its question's minimum level (minimumLevel) fails that question, and a bid that fails a question is disqualified: it gets no marks and no rank.`
        : marks;
}

/** A part's share of total tender marks: the social value weighting x its share of it. */
export function shareOfTotalMarks(weighting: number | null, shareOfSocialValueMarks: number): number | null {
    return weighting === null ? null : roundedToHundredths(decimalOf(weighting).times(decimalOf(shareOfSocialValueMarks)).dividedBy(100));
}

/** Money string for a share of the contract value. */
export function shareOfContractValue(percent: number, contractValue: string): Decimal {
    return decimalOf(percent).times(decimalOf(contractValue)).dividedBy(100);
}
