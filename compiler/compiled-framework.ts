import type { ContractCategory, OutlastingAction, ProportionalityRule } from '../model/rules/rule-types.js';

/**
 * The JSON the compiler emits (schemas/question-set.schema.json and
 * schemas/rubric.schema.json). Money is a string with two decimals, percentages are
 * numbers in percent, absent values are null so the shape never changes.
 */
export const SCHEMA_VERSION = '1.4.0';

/** A framework by id and version, as provenance and the chain name it. */
export interface FrameworkRefJson {
    id: string;
    version: string;
}

/** One property an override changed: its inherited value and its new one. */
export interface PropertyChangeJson {
    property: string;
    /**
     * JSON, as the property is written: money as a string with two decimals, other decimals
     * (percentages, weights, limits) as exact decimal strings, null when there was none.
     */
    previous: JsonValue;
    value: JsonValue;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One override applied to a declaration: by which framework, why, and what changed. */
export interface OverrideJson {
    framework: FrameworkRefJson;
    reason: string | null;
    changes: PropertyChangeJson[];
}

/**
 * Where a question, proxy, scale, rule or the evaluation comes from: the framework that
 * declared it and the overrides applied to it since, oldest first (empty when none).
 */
export interface Provenance {
    framework: FrameworkRefJson;
    overrides: OverrideJson[];
}

/** One framework of the resolved chain: the compiled framework first, then its base, and so on. */
export interface ChainLinkJson {
    id: string;
    version: string;
    /** The npm package the framework was installed from; null when it was not. */
    package: { name: string; version: string } | null;
    sourceHash: string;
}

export interface CompiledFramework {
    questionSet: QuestionSet;
    rubric: Rubric;
}

/** The framework's identity as the outputs carry it. */
export interface FrameworkIdentityJson {
    id: string;
    title: string | null;
    version: string;
    currency: string;
    priceYear: number | null;
    publisher: string | null;
    status: 'draft' | 'published' | 'retired';
    description: string | null;
    /** sha256 (hex) of the framework's file texts keyed by their path relative to the entry file's folder. */
    sourceHash: string;
}

/** The contract profile the outputs were tailored to, normalised. */
export interface AppliedProfile {
    contractValue: string;
    category: ContractCategory;
    durationMonths: number | null;
    flags: string[];
    /** contractValue x 12 / durationMonths (money); null without a duration. */
    annualValue: string | null;
    /** The declared choices and sets the profile gave, keys sorted (a set's values sorted). */
    facts: Record<string, string | string[]>;
    /** What the buyer chose for this contract (empty when nothing). */
    chosen: { outcomes: string[]; themes: string[] };
    /** The buyer's criterion weightings in percent, by criterion id, keys sorted. */
    weightings: Record<string, number>;
}

/**
 * What a contract profile may say about a contract: the framework's `profile` block. For a
 * framework without one (declared false), the flags are those its rules test and the
 * categories goods, services and works; applyContractProfile checks profiles against this.
 */
export interface ProfileFactsJson {
    declared: boolean;
    flags: Array<{ id: string; title: string | null }>;
    choices: Array<{ id: string; title: string | null; values: string[] }>;
    sets: Array<{ id: string; title: string | null; values: string[] }>;
    chosen: Array<{ kind: 'outcomes' | 'themes'; title: string | null }>;
    categories: string[];
}

export interface TailoringWarning {
    code: string;
    message: string;
}

export interface Targets {
    /** Percent of contract value. */
    minimumSvRatio: number | null;
    /** Money: minimumSvRatio x contract value. */
    minimumSocialValue: string | null;
    kpis: number | null;
}

export interface MinimumCommitment {
    measure: string;
    /**
     * The least answer, in the measure's answer type (a money string for money measures, else
     * a number): over the whole contract, or per year for a multi-year measure (whose answer is
     * per year).
     */
    quantity: number | string;
    /** `per year` minimums: the yearly quantity, rounded up to hundredths (a multi-year measure's: equal to quantity); null otherwise. */
    perYear: number | string | null;
    /** `per year` minimums: the contract's duration in years (durationMonths / 12); null otherwise. */
    years: number | null;
    basis: string;
}

export interface Selection {
    minMeasures: number | null;
    maxMeasures: number | null;
    requiredThemes: Array<{ theme: string; minMeasures: number }>;
    /** `require N from <outcome>`: at least minMeasures measures of that outcome chosen. */
    requiredOutcomes: Array<{ outcome: string; minMeasures: number }>;
    minimumCommitments: MinimumCommitment[];
}

export interface UnitJson {
    id: string;
    label: string;
    kind: 'quantity' | 'money' | 'percentage' | 'text' | 'record';
}

/** number, money and percentage from the unit; the others from the measure's `answer` (text also from a text unit). */
export type AnswerType = 'number' | 'money' | 'percentage' | 'text' | 'yes-no' | 'choice' | 'attachment';

/** What a question takes as its answer. */
export interface AnswerJson {
    type: AnswerType;
    minimum: number | string | null;
    maximum: number | string | null;
    wholeNumbers: boolean;
    /** A choice's options, in order; null for other types. */
    options: string[] | null;
    /** An attachment's description ("A timed project plan"); null for other types. */
    description: string | null;
}

/** `bid`: answered in the bid; `after-award`: a reporting metric, reported during the contract only. */
export type QuestionStage = 'bid' | 'after-award';
export type ReportingFrequencyJson = 'monthly' | 'quarterly' | 'annually';

export interface WeightJson {
    kind: 'percentage' | 'points';
    value: number;
}

export interface Question {
    id: string;
    kind: 'commitment' | 'method-statement' | 'pass-fail';
    title: string | null;
    text: string;
    guidance: string | null;
    evidence: string | null;
    unit: UnitJson | null;
    answer: AnswerJson;
    theme: string | null;
    /** Commitments: the measure's outcome. */
    outcome: string | null;
    /** Method statements: the outcomes they address. */
    outcomes: string[] | null;
    categories: ContractCategory[];
    recordOnly: boolean;
    wordLimit: number | null;
    scale: string | null;
    weight: WeightJson | null;
    /** `codes NT1, RE1`: the measure's (or question's) codes in other measure sets; [] for gates. */
    codes: string[];
    /** `tags sdg8, ppn.tacklingInequality`; [] for gates. */
    tags: string[];
    /** Commitments marked `after award ...` are reporting metrics: not asked in the bid. */
    stage: QuestionStage;
    /** How often a reporting metric is reported; null when asked at bid time. */
    reportingFrequency: ReportingFrequencyJson | null;
    /** Commitments: how long one unit takes to deliver (`horizon 52 weeks`), in months, exact; null when not stated. */
    horizonMonths: number | null;
    provenance: Provenance;
}

export interface Section {
    theme: string;
    title: string | null;
    outcomes: Array<{ outcome: string; title: string | null; questions: string[] }>;
}

/** A proportionality rule as the outputs carry it: the rule as data, and where it comes from. */
export interface RuleJson extends ProportionalityRule {
    provenance: Provenance;
}

interface TailoredHeader {
    schemaVersion: typeof SCHEMA_VERSION;
    framework: FrameworkIdentityJson;
    /** The compiled framework, then the framework it extends, and so on: one link when it extends nothing. */
    chain: ChainLinkJson[];
    /** The chain in words: `eastshire 1.4.0 extends orbis.base 2.1.0 (from @orbis/social-value 2.1.3)`. */
    chainDescription: string;
    profile: AppliedProfile | null;
    ruleApplied: { id: string; title: string | null; provenance: Provenance } | null;
    socialValueAsked: boolean;
    /** Percent of total tender marks; null when the framework does not say. */
    weighting: number | null;
    /**
     * What happens to a measure whose horizonMonths is longer than the contract's duration:
     * untailored, the evaluation's `outlasting measures` policy; tailored, the policy applied
     * (the rule's, else the evaluation's). null: such measures are asked as they are.
     */
    outlasting: OutlastingAction | null;
}

export interface QuestionSet extends TailoredHeader {
    /** The facts, choices and categories a contract profile may give (see ProfileFactsJson). */
    profileFacts: ProfileFactsJson;
    selection: Selection;
    targets: Targets;
    sections: Section[];
    gates: string[];
    questions: Question[];
    /** The proportionality rules, in the order tried; null once tailored. */
    rules: RuleJson[] | null;
    warnings: TailoringWarning[];
}

export interface ProxyJson {
    id: string;
    title: string | null;
    value: string;
    priceYear: number | null;
    source: string | null;
    deadweight: number;
    attribution: number;
    displacement: number;
    dropOff: number;
    netValuePerUnit: string;
    provenance: Provenance;
}

import type { ScoringRules, ScoringTarget } from '../model/scoring-method.js';
export type { ScoringRules, ScoringTarget };

export interface Rubric extends TailoredHeader {
    quantitative: {
        method: 'relative' | 'absolute';
        description: string;
        target: ScoringTarget | null;
        shareOfSocialValueMarks: number;
        shareOfTotalMarks: number | null;
        /** multiYear: the quantity is per contract year, valued year by year with the proxy's dropOff (false for record-only measures). */
        /**
         * `cap per measure 25%`: one measure's contribution is at most this percent of the
         * quantitative marks (of its criterion); null: no cap.
         */
        measureCap: number | null;
        measures: Array<RubricMeasureJson>;
    };
    qualitative: {
        /** The qualitative marks in words, with what a minimum level means when a question has one. */
        description: string;
        shareOfSocialValueMarks: number;
        shareOfTotalMarks: number | null;
        /** minimumLevel: a level score below it disqualifies the bid; null when the question sets none. */
        questions: Array<{ id: string; title: string | null; weight: WeightJson | null; scale: ScaleJson | null; minimumLevel: number | null; criterion: string | null; provenance: Provenance }>;
    };
    /**
     * The award criteria, always at least one: the declared `criterion` lines, or one
     * implicit criterion `socialValue` covering everything with the evaluation's weighting.
     * `weighting` (above) is the sum of their weightings.
     */
    criteria: CriterionJson[];
    gates: Array<{ id: string; title: string | null; text: string; provenance: Provenance }>;
    /** Where the evaluation (weighting, split, method) comes from; null when the framework has no evaluation block. */
    evaluationProvenance: Provenance | null;
    targets: Targets;
    /** The question set's selection (the same object), so that the rubric alone can score. */
    selection: Selection;
    /** Every rule a scorer needs, as data: see the README's "How a bid is scored". */
    scoring: ScoringRules;
    rules: RuleJson[] | null;
    warnings: TailoringWarning[];
}

/** One award criterion of the rubric (OCDS award criteria, eForms BT-539..BT-5423 map onto it). */
export interface CriterionJson {
    id: string;
    title: string | null;
    description: string | null;
    /** Percent of total tender marks: the framework's (or the rule's, or the buyer's in the profile); null when nothing says. */
    weighting: number | null;
    /** `at least 10%`: the buyer may raise the weighting in the profile, never lower it; null: fixed. */
    weightingMinimum: number | null;
    themes: string[];
    measures: string[];
    questions: string[];
    gates: string[];
}

/**
 * A measure as the rubric carries it. recordOnly: not valued (declared so, unmonetised, a
 * non-number answer, or a reporting metric). answer/stage/reportingFrequency/codes/tags
 * since schemaVersion 1.4.0.
 */
export interface RubricMeasureJson {
    code: string;
    title: string | null;
    theme: string;
    outcome: string;
    unit: UnitJson;
    proxy: ProxyJson | null;
    recordOnly: boolean;
    multiYear: boolean;
    answer: { type: AnswerType; options: string[] | null; wordLimit: number | null };
    stage: QuestionStage;
    reportingFrequency: ReportingFrequencyJson | null;
    codes: string[];
    tags: string[];
    /** The award criterion the measure counts towards; null when no declared criterion covers it (then it earns no marks). */
    criterion: string | null;
    provenance: Provenance;
}

export interface ScaleJson {
    id: string;
    title: string | null;
    levels: Array<{ score: number; label: string; descriptor: string | null }>;
    provenance: Provenance;
}
