import type { Decimal } from './amounts.js';
import type {
    AwardCriterion, EvaluationMethod, FinancialProxy, UnmetOutcome, Measure, MethodStatementQuestion, Outcome, PassFailGate, QuestionWeight, RuleEffectOrigins
} from './framework.js';
import type { FrameworkRef, Origin, PropertyOrigins } from './origin.js';
import type { ContractCategory, OutlastingAction, RuleCondition, RuleEffects } from './rules/rule-types.js';

/**
 * A framework that extends another (`extends "@orbis/social-value" ^2.0` in its header)
 * declares its own things as any framework does, and says how it changes the base's:
 * overrides (each with a reason), retirements, outcomes and measures added inside the
 * base's themes and outcomes, and where its rules go among the base's. Resolve records
 * these as written (FrameworkChanges); mergeFramework (model/merge/) applies them to the
 * base. A framework that extends nothing has no changes.
 */

/** The `extends` line of a framework header, as written. */
export interface BaseReference {
    /** `@orbis/social-value` or `../orbis-base`, as written. */
    specifier: string;
    /** The semver range written after it (`^2.0`), or null. */
    range: string | null;
    /** The `extends` line. */
    origin: Origin;
}

/** Where an installed base framework came from, when it came from an npm package. */
export interface PackageRef {
    name: string;
    version: string;
}

/** One framework of a resolved chain: the framework itself first, then its base, and so on. */
export interface ChainLink {
    id: string;
    version: string | null;
    /** The npm package the framework was installed from, if any. */
    package: PackageRef | null;
    /** sha256 (hex) of the framework's own file texts (FrameworkIdentity.sourceHash). */
    sourceHash: string;
}

/** The reason written after `because`, and where. */
export interface WrittenReason {
    text: string;
    origin: Origin;
}

interface OverrideCommon {
    /** The name of the base's declaration being overridden (`localJob`, `NT1`); '' for the evaluation. */
    target: string;
    /** null when no `because` was written (an error the validator reports). */
    reason: WrittenReason | null;
    /** The name after `override <kind>` (for the evaluation: the `override` keyword). */
    origin: Origin;
}

export type ProxyOverrideChanges = Partial<Pick<FinancialProxy, 'title' | 'value' | 'source' | 'priceYear' | 'deadweight' | 'attribution' | 'displacement' | 'dropOff'>>;
export type MeasureOverrideChanges = Partial<Pick<Measure, 'title' | 'proxy' | 'ask' | 'guidance' | 'evidence' | 'minimum' | 'maximum' | 'wholeNumbers' | 'categories' | 'recordOnly' | 'multiYear' | 'codes' | 'tags' | 'horizon' | 'answer' | 'afterAward'>>;
export type QuestionOverrideChanges = Partial<Pick<MethodStatementQuestion, 'title' | 'outcomes' | 'scale' | 'wordLimit' | 'weight' | 'minimumLevel' | 'ask' | 'guidance' | 'evidence' | 'codes' | 'tags'>>;
export type GateOverrideChanges = Partial<Pick<PassFailGate, 'title' | 'ask' | 'guidance' | 'evidence'>>;
export interface EvaluationOverrideChanges {
    weighting?: Decimal;
    split?: { quantitative: Decimal; qualitative: Decimal };
    method?: EvaluationMethod;
    unmetMinimum?: UnmetOutcome;
    unmetRatio?: UnmetOutcome;
    recordOnlyCounts?: boolean;
    /** With `weighting`: the new floor (null: the weighting is now fixed). */
    weightingMinimum?: Decimal | null;
    /** The criteria, all of them, when the override writes any. */
    criteria?: AwardCriterion[];
    measureCap?: Decimal;
    outlasting?: OutlastingAction;
}
export interface RuleOverrideChanges {
    title?: string;
    /** Present when the override has a `when`: the new condition. */
    condition?: RuleCondition;
    /** Present when the override has a `{ ... }` block: the new effects, replacing all of the base's. */
    effects?: RuleEffects;
    effectOrigins?: RuleEffectOrigins;
}

/**
 * One `override`: only the properties written are in `changes` (and `origins`), so what is
 * not written is inherited. Values are resolved as in a declaration (money exact).
 */
export type FrameworkOverride =
    | OverrideCommon & {
        kind: 'proxy'; changes: ProxyOverrideChanges;
        origins: PropertyOrigins<keyof ProxyOverrideChanges & string>;
        /** When the value changes: the new figures' net value per unit is recomputed by the merge. */
    }
    | OverrideCommon & {
        kind: 'measure'; changes: MeasureOverrideChanges;
        origins: PropertyOrigins<keyof MeasureOverrideChanges & string>;
        /** An inline proxy written in the override (`proxy £16.93 { ... }`): replaces the measure's proxy. */
        inlineProxy: FinancialProxy | null;
    }
    | OverrideCommon & {
        kind: 'scale'; changes: { title?: string };
        /** Levels by score: each replaces the label and descriptor of the base's level with that score. */
        levels: Array<{ score: Decimal; label: string; descriptor: string | null; origin: Origin }>;
        origins: PropertyOrigins<'title'>;
    }
    | OverrideCommon & { kind: 'question'; changes: QuestionOverrideChanges; origins: PropertyOrigins<keyof QuestionOverrideChanges & string> }
    | OverrideCommon & { kind: 'gate'; changes: GateOverrideChanges; origins: PropertyOrigins<keyof GateOverrideChanges & string> }
    | OverrideCommon & { kind: 'evaluation'; changes: EvaluationOverrideChanges; origins: PropertyOrigins<keyof EvaluationOverrideChanges & string> }
    | OverrideCommon & { kind: 'rule'; changes: RuleOverrideChanges; origins: PropertyOrigins<'title' | 'condition' | 'effects'> };

export type OverrideKind = FrameworkOverride['kind'];

/** `retire measure NT3 because "..."`. */
export interface FrameworkRetirement {
    kind: 'measure' | 'question' | 'gate' | 'rule';
    target: string;
    reason: WrittenReason | null;
    /** The name retired. */
    origin: Origin;
}

/** `add to theme jobs { outcome ... }`: outcomes (with their measures) added to a base theme. */
export interface OutcomeAddition {
    theme: string;
    outcomes: Outcome[];
    /** The theme's name after `add to theme`. */
    origin: Origin;
}

/** `add to outcome localEmployment { measure ... }`: measures added to a base outcome. */
export interface MeasureAddition {
    outcome: string;
    measures: Measure[];
    /** The outcome's name after `add to outcome`. */
    origin: Origin;
}

/** What a framework changes in its base, in the order written (declaration order of its files). */
export interface FrameworkChanges {
    overrides: FrameworkOverride[];
    retirements: FrameworkRetirement[];
    outcomeAdditions: OutcomeAddition[];
    measureAdditions: MeasureAddition[];
}

export function noChanges(): FrameworkChanges {
    return { overrides: [], retirements: [], outcomeAdditions: [], measureAdditions: [] };
}

/** `rule local "..." before smallContracts when ...`: where a child's rule goes among the base's. */
export interface RulePlacement {
    position: 'before' | 'after';
    /** The base rule's name. */
    rule: string;
    /** The `before`/`after` anchor name. */
    origin: Origin;
}

/** One property changed by an override, with the value before and after, as JSON. */
export interface PropertyChange {
    property: string;
    /** The inherited value (money and percentages as exact decimal strings); null when it had none. */
    previous: unknown;
    value: unknown;
}

/**
 * Provenance of an overridden declaration in a merged framework: which framework changed
 * it, why, and what it was before. Kept in the order applied (a base's own overrides of its
 * base first).
 */
export interface OverrideRecord {
    framework: FrameworkRef;
    reason: string | null;
    changes: PropertyChange[];
    /** Where the override is written. */
    origin: Origin;
}

/** Categories as the model lists them (re-exported for the merge's narrowing check). */
export type { ContractCategory, QuestionWeight };
