/**
 * What scoreBids returns (schemas/score-result.schema.json). Money is a string with two
 * decimals, marks and percentages are numbers rounded half up to two decimals: all worked
 * out exactly and rounded once, here at the output. Bidders are in the order of the bids.
 */
export const SCORE_RESULT_VERSION = '1.1.0';

export type Consequence = 'disqualify' | 'zero-quantitative';

export interface ScoreResult {
    schemaVersion: typeof SCORE_RESULT_VERSION;
    framework: { id: string; version: string; sourceHash: string };
    contract: {
        contractValue: string;
        /** Percent of total tender marks given to social value; null when the rubric does not say (then final marks are out of 100). */
        weighting: number | null;
        /** What final marks are out of: the weighting, or 100 when it is null. */
        marksOutOf: number;
        quantitative: {
            method: 'relative' | 'absolute';
            /** Percent of the social value marks: the quantitative marks available. */
            marksAvailable: number;
            /** Absolute: the target amount bids are scored against; null for relative. */
            targetAmount: string | null;
            /** Relative: the highest social value among the bids not disqualified; null for absolute. */
            highestSocialValue: string | null;
        };
        qualitative: { marksAvailable: number };
        /** Years a multi-year commitment is valued over (durationMonths / 12; 1 when unknown). */
        years: number;
        minimumSvRatio: number | null;
        consequences: { minimumCommitments: Consequence; minimumSvRatio: Consequence };
        /** Present when the rubric caps measures: a measure earns at most this percent of the quantitative marks (of its criterion). */
        measureCap?: number;
        /** Present when the rubric declares award criteria or caps measures: what each criterion's marks are made of. */
        criteria?: CriterionContract[];
    };
    bidders: BidderScore[];
}

/** One award criterion of the contract, as scored. */
export interface CriterionContract {
    criterion: string;
    title: string | null;
    /** Percent of total tender marks: what the criterion's marks are out of. */
    weighting: number;
    /** Of the criterion's 100 marks: the evaluation's split, moved to one side when the criterion has no valued measures or no method statements. */
    quantitativeMarksAvailable: number;
    qualitativeMarksAvailable: number;
    /** Relative: the highest value of the criterion's measures among the bids not disqualified; null for absolute. */
    highestSocialValue: string | null;
}

/** One bidder's marks in one award criterion (out of the criterion's 100, then out of its weighting). */
export interface CriterionScore {
    criterion: string;
    /** The bid's value of the measures the criterion covers. */
    socialValue: string;
    /** Each valued measure of the criterion the bid commits to: its share of the quantitative marks, before and after the cap. */
    contributions: Array<{ measure: string; socialValue: string; uncapped: number; marks: number; capped: boolean }>;
    quantitativeMarks: number;
    qualitativeMarks: number;
    /** (quantitativeMarks + qualitativeMarks) / 100 x the criterion's weighting. */
    marks: number;
}

export interface CommitmentValue {
    measure: string;
    unit: string;
    /** The quantity as the bid gave it. */
    quantity: number | string | boolean | { name: string; sha256?: string };
    /** False for record-only, unmonetised and free-text measures: answered, never valued. */
    valued: boolean;
    /** Exact (not rounded): proxy value x (1 - deadweight) x (1 - attribution) x (1 - displacement); null when not valued. */
    netValuePerUnit: string | null;
    /** Multi-year measures: the yearly factors (1 - dropOff)^(y-1), a final part year times its fraction; null otherwise. */
    multiYear: { dropOff: number; yearFactors: Array<{ year: number; fraction: number; factor: string }> } | null;
    socialValue: string;
}

export interface BidderScore {
    bidder: string;
    /** 1 for the best; equal final marks (compared exactly, before rounding) share a rank (1, 1, 3); null when disqualified. */
    rank: number | null;
    disqualified: boolean;
    /** Why, in plain English; empty when not disqualified. */
    disqualificationReasons: string[];
    commitments: CommitmentValue[];
    socialValue: string;
    /** socialValue / contract value, in percent; null when the contract value is 0. */
    svRatio: number | null;
    minimumSvRatio: { required: number; met: boolean; consequence: Consequence | null } | null;
    unmetMinimumCommitments: Array<{ measure: string; required: number | string; committed: number | string; consequence: Consequence }>;
    /** Why quantitative marks are 0 although the bid offers social value (an unmet minimum with consequence zero-quantitative). */
    quantitativeZeroedBecause: string[];
    quantitativeMarks: number;
    methodStatements: Array<{
        question: string;
        level: number;
        topScore: number;
        /** The marks this question can give: its share of the qualitative marks. */
        marksAvailable: number;
        /** How the share is set, e.g. "40% of 30" or "2 of 6 points of 30". */
        share: string;
        minimumLevel: number | null;
        belowMinimumLevel: boolean;
        marks: number;
    }>;
    qualitativeMarks: number;
    gates: Array<{ gate: string; passed: boolean }>;
    /** Quantitative + qualitative, out of 100. */
    socialValueMarks: number;
    /** socialValueMarks / 100 x weighting, out of contract.marksOutOf; 0 when disqualified. */
    finalMarks: number;
    /**
     * Present when the rubric declares award criteria or caps measures: the marks criterion by
     * criterion. Then quantitativeMarks and qualitativeMarks are the criteria's, each weighted
     * by its weighting / the total weighting, and finalMarks is the sum of the criteria's marks.
     */
    criteria?: CriterionScore[];
}
