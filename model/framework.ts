import type { Decimal } from 'decimal.js';
import type { ContractCategory, ProportionalityRule } from './rules/rule-types.js';

/**
 * The resolved framework: one plain model of everything the import closure declares,
 * with no Langium types, money and percentages exact (decimal.js). Produced by resolve,
 * consumed by emit.
 */
export interface Framework {
    identity: FrameworkIdentity;
    units: UnitDefinition[];
    proxies: FinancialProxy[];
    scales: ScoringScale[];
    themes: Theme[];
    questions: MethodStatementQuestion[];
    gates: PassFailGate[];
    evaluation: EvaluationSettings;
    /** In the order they are tried: the entry file's first, then those of the files it imports. */
    rules: ProportionalityRule[];
}

export type FrameworkStatus = 'draft' | 'published' | 'retired';

export interface FrameworkIdentity {
    id: string;
    title: string | null;
    version: string;
    currency: string;
    priceYear: number | null;
    publisher: string | null;
    status: FrameworkStatus;
    description: string | null;
    /** sha256 (hex) of the closure's file texts keyed by their path relative to the entry file's folder. */
    sourceHash: string;
}

export type UnitKind = 'quantity' | 'money' | 'percentage' | 'text' | 'record';

export interface UnitDefinition {
    id: string;
    label: string;
    kind: UnitKind;
    /** Only quantities and money can carry a financial proxy. */
    monetisable: boolean;
}

export interface FinancialProxy {
    /** The declared name, or for a proxy written inside a measure `<measure code>-proxy`. */
    id: string;
    title: string | null;
    unit: string;
    value: Decimal;
    source: string | null;
    /** The proxy's own price year, else the framework's. */
    priceYear: number | null;
    /** SROI adjustments in percent. */
    deadweight: Decimal;
    attribution: Decimal;
    displacement: Decimal;
    dropOff: Decimal;
    /** value x (1 - deadweight) x (1 - attribution) x (1 - displacement), exact. */
    netValuePerUnit: Decimal;
}

export interface ScoringScale {
    id: string;
    title: string | null;
    /** Ordered by score, lowest first. */
    levels: Array<{ score: Decimal; label: string; descriptor: string | null }>;
}

export interface Theme {
    id: string;
    title: string | null;
    description: string | null;
    outcomes: Outcome[];
}

export interface Outcome {
    id: string;
    title: string | null;
    description: string | null;
    theme: string;
    measures: Measure[];
}

export interface Measure {
    code: string;
    title: string | null;
    theme: string;
    outcome: string;
    unit: string;
    /** The id of its financial proxy; null for record-only and unmonetised measures. */
    proxy: string | null;
    ask: string;
    guidance: string | null;
    evidence: string | null;
    minimum: Decimal | null;
    maximum: Decimal | null;
    wholeNumbers: boolean;
    /** Empty: relevant to every category. */
    categories: ContractCategory[];
    recordOnly: boolean;
}

/** A weight as a share of the qualitative marks (`40%`) or as points (`10`). */
export interface QuestionWeight {
    kind: 'percentage' | 'points';
    value: Decimal;
}

export interface MethodStatementQuestion {
    id: string;
    title: string | null;
    outcomes: string[];
    /** The theme of its first outcome. */
    theme: string | null;
    scale: string | null;
    wordLimit: number | null;
    weight: QuestionWeight | null;
    ask: string;
    guidance: string | null;
    evidence: string | null;
}

export interface PassFailGate {
    id: string;
    title: string | null;
    ask: string;
    guidance: string | null;
    evidence: string | null;
}

export type EvaluationMethod =
    | { kind: 'relative' }
    | { kind: 'absolute'; target: { kind: 'money'; amount: Decimal } | { kind: 'share-of-contract-value'; percent: Decimal } };

export interface EvaluationSettings {
    /** Share of total tender marks for social value, in percent; null when no evaluation says. */
    weighting: Decimal | null;
    split: { quantitative: Decimal; qualitative: Decimal };
    method: EvaluationMethod;
}
