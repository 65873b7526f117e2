import type { ContractCategory, ProportionalityRule } from '../model/rules/rule-types.js';

/**
 * The JSON the compiler emits (schemas/question-set.schema.json and
 * schemas/rubric.schema.json). Money is a string with two decimals, percentages are
 * numbers in percent, absent values are null so the shape never changes.
 */
export const SCHEMA_VERSION = '1.1.0';

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
    /** In the measure's answer type: a money string for money measures, else a number. */
    quantity: number | string;
    basis: string;
}

export interface Selection {
    minMeasures: number | null;
    maxMeasures: number | null;
    requiredThemes: Array<{ theme: string; minMeasures: number }>;
    minimumCommitments: MinimumCommitment[];
}

export interface UnitJson {
    id: string;
    label: string;
    kind: 'quantity' | 'money' | 'percentage' | 'text' | 'record';
}

export type AnswerType = 'number' | 'money' | 'percentage' | 'text' | 'yes-no';

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
    answer: { type: AnswerType; minimum: number | string | null; maximum: number | string | null; wholeNumbers: boolean };
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
}

export interface Section {
    theme: string;
    title: string | null;
    outcomes: Array<{ outcome: string; title: string | null; questions: string[] }>;
}

interface TailoredHeader {
    schemaVersion: typeof SCHEMA_VERSION;
    framework: FrameworkIdentityJson;
    profile: AppliedProfile | null;
    ruleApplied: { id: string; title: string | null } | null;
    socialValueAsked: boolean;
    /** Percent of total tender marks; null when the framework does not say. */
    weighting: number | null;
}

export interface QuestionSet extends TailoredHeader {
    selection: Selection;
    targets: Targets;
    sections: Section[];
    gates: string[];
    questions: Question[];
    /** The proportionality rules, in the order tried; null once tailored. */
    rules: ProportionalityRule[] | null;
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
}

import type { ScoringTarget } from '../model/scoring-method.js';
export type { ScoringTarget };

export interface Rubric extends TailoredHeader {
    quantitative: {
        method: 'relative' | 'absolute';
        description: string;
        target: ScoringTarget | null;
        shareOfSocialValueMarks: number;
        shareOfTotalMarks: number | null;
        measures: Array<{ code: string; title: string | null; unit: UnitJson; proxy: ProxyJson | null; recordOnly: boolean }>;
    };
    qualitative: {
        shareOfSocialValueMarks: number;
        shareOfTotalMarks: number | null;
        questions: Array<{ id: string; title: string | null; weight: WeightJson | null; scale: ScaleJson | null }>;
    };
    gates: Array<{ id: string; title: string | null; text: string }>;
    targets: Targets;
    rules: ProportionalityRule[] | null;
    warnings: TailoringWarning[];
}

export interface ScaleJson {
    id: string;
    title: string | null;
    levels: Array<{ score: number; label: string; descriptor: string | null }>;
}
