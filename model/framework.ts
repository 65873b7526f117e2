import type { Decimal } from './amounts.js';
import type { BaseReference, ChainLink, FrameworkChanges, OverrideRecord, PackageRef, RulePlacement } from './extension.js';
import type { Origin, PropertyOrigins } from './origin.js';
import type { ContractCategory, OutlastingAction, ProportionalityRule } from './rules/rule-types.js';

/**
 * The resolved framework: one plain model of everything a framework's files declare, with
 * no Langium types, money and percentages exact (decimal.js), and the origin of every
 * declaration and property. Produced by resolve (language/), consumed by the framework
 * checks (model/checks/) and every stage after resolve (compiler/).
 *
 * Resolve is tolerant, because the editor checks frameworks that are still being written:
 * a name that does not resolve is kept as written, and a missing required property is
 * null. The compiler refuses a framework with errors before it gets here, so emit may
 * treat such a null as a bug.
 */
export interface Framework {
    identity: FrameworkIdentity;
    units: UnitDefinition[];
    proxies: FinancialProxy[];
    scales: ScoringScale[];
    themes: Theme[];
    questions: MethodStatementQuestion[];
    gates: PassFailGate[];
    /** The framework's evaluation block: the first in import order (the entry file's own first); null when there is none. */
    evaluation: EvaluationSettings | null;
    /** In the order they are tried: the entry file's first, then those of the files it imports. */
    rules: FrameworkRule[];
    /** The header's `extends` line; null for a framework that extends nothing. */
    extends: BaseReference | null;
    /**
     * What this framework changes in its base (overrides, retirements, additions), as
     * written; empty when it extends nothing, and after merging (the merge applies them).
     */
    changes: FrameworkChanges;
    /** The facts a contract profile gives (the `profile` block), and the contract categories. */
    profile: ProfileDeclarations;
    /** `acknowledge "<code>" for "<subject>" because "..."`: warnings the authors accept. */
    acknowledgements: Acknowledgement[];
    /**
     * The resolved chain, this framework first, then its base, its base's base...: one link
     * for a framework that extends nothing. Filled in by mergeFramework.
     */
    chain: ChainLink[];
}

/**
 * The facts a contract profile gives, which rules may test. A framework without a `profile`
 * block (declared false) is read as before: the flags its rules use count as declared (the
 * validator warns that they should be declared), and the categories are goods, services, works.
 */
export interface ProfileDeclarations {
    /** True when the framework (or a framework it extends) has a `profile` block. */
    declared: boolean;
    flags: FlagFact[];
    choices: ChoiceFact[];
    sets: SetFact[];
    /** `chosen outcomes` / `chosen themes`: the buyer picks some of the framework's outcomes/themes per contract. */
    chosen: ChosenFact[];
    /** The contract categories, in the order declared; CONTRACT_CATEGORIES when the framework declares none. */
    categories: CategoryDeclaration[];
    /** True when a `categories` line declares them. */
    categoriesDeclared: boolean;
}

export interface FlagFact { name: string; title: string | null; origin: Origin }
/** Exactly one of `values` per contract. */
export interface ChoiceFact { name: string; title: string | null; values: string[]; origin: Origin; valueOrigins: Origin[] }
/** Any number of `values` per contract. */
export interface SetFact { name: string; title: string | null; values: string[]; origin: Origin; valueOrigins: Origin[] }
export interface ChosenFact { kind: 'outcomes' | 'themes'; title: string | null; origin: Origin }
/** origin: where it is declared; for a default category, the framework header. */
export interface CategoryDeclaration { name: ContractCategory; origin: Origin }

/** A warning the framework's authors accept, so it is no longer reported. */
export interface Acknowledgement {
    /** The finding's stable code, e.g. `rule/gap`. */
    code: string;
    /** Only the findings whose subject (a gap's region, a rule or measure name) is this text; null: every finding with the code. */
    subject: string | null;
    reason: string | null;
    origin: Origin;
}

/** Provenance, on each declaration an extending framework may override: the overrides applied to it, oldest first. */
export interface Overridable {
    overrides?: OverrideRecord[];
}

export type FrameworkStatus = 'draft' | 'published' | 'retired';

export interface FrameworkIdentity {
    id: string;
    title: string | null;
    /** null when the header has none (an error the validator reports). */
    version: string | null;
    currency: string;
    priceYear: number | null;
    publisher: string | null;
    status: FrameworkStatus;
    description: string | null;
    /** Years a proxy's price year may lag the framework's before a warning (default 3). */
    maxProxyAge: number;
    /** The npm package the framework was loaded from (its entry is the package's entry), else null. */
    package?: PackageRef | null;
    /** sha256 (hex) of the framework's file texts keyed by their path relative to the entry file's folder. */
    sourceHash: string;
    /** The header's name; for a file without a header, its first character. */
    origin: Origin;
    /** False for a file analysed on its own because it has no `framework` header. */
    hasHeader: boolean;
    origins: PropertyOrigins<'version' | 'currency' | 'priceYear' | 'maxProxyAge'>;
}

export type UnitKind = 'quantity' | 'money' | 'percentage' | 'text' | 'record';

/** Only counts and sums of money can be valued with a financial proxy. */
export function isMonetisableUnitKind(kind: UnitKind): boolean {
    return kind === 'quantity' || kind === 'money';
}

export interface UnitDefinition {
    id: string;
    label: string;
    kind: UnitKind;
    /** Only quantities and money can carry a financial proxy. */
    monetisable: boolean;
    origin: Origin;
}

export type ProxyProperty = 'value' | 'source' | 'priceYear' | 'deadweight' | 'attribution' | 'displacement' | 'dropOff';

export interface FinancialProxy extends Overridable {
    /** The declared name, or for a proxy written inside a measure `<measure code>-proxy`. */
    id: string;
    title: string | null;
    /** The measure code for a proxy written inside a measure (`proxy £16.93 { ... }`); null for a declared proxy. */
    inlineIn: string | null;
    unit: string;
    value: Decimal;
    source: string | null;
    /** The proxy's own price year, else the framework's. */
    priceYear: number | null;
    /** True when the proxy states its own price year (false: the framework's is used). */
    ownPriceYear: boolean;
    /** SROI adjustments in percent. */
    deadweight: Decimal;
    attribution: Decimal;
    displacement: Decimal;
    dropOff: Decimal;
    /** value x (1 - deadweight) x (1 - attribution) x (1 - displacement), exact. */
    netValuePerUnit: Decimal;
    /** The proxy's name, or for an inline proxy its value. */
    origin: Origin;
    origins: PropertyOrigins<ProxyProperty>;
}

export interface ScoringScale extends Overridable {
    id: string;
    title: string | null;
    /** Ordered by score, lowest first. */
    levels: Array<{ score: Decimal; label: string; descriptor: string | null; origin: Origin }>;
    origin: Origin;
}

export interface Theme {
    id: string;
    title: string | null;
    description: string | null;
    outcomes: Outcome[];
    origin: Origin;
}

export interface Outcome {
    id: string;
    title: string | null;
    description: string | null;
    theme: string;
    measures: Measure[];
    origin: Origin;
}

export type MeasureProperty = 'unit' | 'proxy' | 'ask' | 'guidance' | 'evidence' | 'minimum' | 'maximum' | 'wholeNumbers' | 'categories' | 'recordOnly' | 'multiYear'
    | 'codes' | 'tags' | 'horizon' | 'answer' | 'afterAward';

/** What a bidder answers to a measure: a number (the default, in the measure's unit) or one of these. */
export type MeasureAnswer =
    | { kind: 'number' }
    | { kind: 'yes-no' }
    | { kind: 'choice'; options: string[] }
    | { kind: 'text'; wordLimit: number | null }
    | { kind: 'attachment'; description: string | null };

export type ReportingFrequency = 'monthly' | 'quarterly' | 'annually';

/** `horizon 52 weeks`: as written, and in months (weeks x 12 / 52, years x 12), exact. */
export interface MeasureHorizon {
    value: Decimal;
    period: 'months' | 'weeks' | 'years';
    months: Decimal;
}

export interface Measure extends Overridable {
    code: string;
    title: string | null;
    theme: string;
    outcome: string;
    /** null when the measure has no `unit` (an error the validator reports). */
    unit: string | null;
    /** The id of its financial proxy; null for record-only and unmonetised measures. */
    proxy: string | null;
    /** null when the measure has no `ask` (an error the validator reports). */
    ask: string | null;
    guidance: string | null;
    evidence: string | null;
    minimum: Decimal | null;
    maximum: Decimal | null;
    wholeNumbers: boolean;
    /** Empty: relevant to every category. */
    categories: ContractCategory[];
    recordOnly: boolean;
    /** `multi year`: the committed quantity is per year of the contract, valued year by year with the proxy's dropOff. */
    multiYear: boolean;
    /** `codes NT1, RE1`: the measure's codes in other measure sets. */
    codes: string[];
    /** `tags sdg8, ppn.tacklingInequality`. */
    tags: string[];
    /** How long one unit takes to deliver; null when not stated. */
    horizon: MeasureHorizon | null;
    /** `answer ...`; { kind: 'number' } when not written. */
    answer: MeasureAnswer;
    /** `after award quarterly`: a reporting metric, asked after award only; null: asked at bid time. */
    afterAward: ReportingFrequency | null;
    origin: Origin;
    origins: PropertyOrigins<MeasureProperty>;
}

/** A weight as a share of the qualitative marks (`40%`) or as points (`10`). */
export interface QuestionWeight {
    kind: 'percentage' | 'points';
    value: Decimal;
}

export interface MethodStatementQuestion extends Overridable {
    id: string;
    title: string | null;
    outcomes: string[];
    /** The theme of its first outcome. */
    theme: string | null;
    scale: string | null;
    wordLimit: number | null;
    weight: QuestionWeight | null;
    /** `minimum level 2`: an answer scored below this score of the question's scale disqualifies the bid; null when none. */
    minimumLevel: Decimal | null;
    /** The `ask`, else the title; null when it has neither. */
    ask: string | null;
    guidance: string | null;
    evidence: string | null;
    codes: string[];
    tags: string[];
    origin: Origin;
    origins: PropertyOrigins<'outcomes' | 'scale' | 'words' | 'weight' | 'minimumLevel' | 'ask' | 'guidance' | 'evidence' | 'codes' | 'tags'>;
}

export interface PassFailGate extends Overridable {
    id: string;
    title: string | null;
    /** The `ask`, else the title; null when it has neither. */
    ask: string | null;
    guidance: string | null;
    evidence: string | null;
    origin: Origin;
    origins: PropertyOrigins<'ask' | 'guidance' | 'evidence'>;
}

export type EvaluationMethod =
    | { kind: 'relative' }
    | { kind: 'absolute'; target: { kind: 'money'; amount: Decimal } | { kind: 'share-of-contract-value'; percent: Decimal } };

/** An award criterion with its own weighting: `criterion environment "Environment" 15% covers themes climate`. */
export interface AwardCriterion {
    id: string;
    title: string | null;
    description: string | null;
    /** In percent of total tender marks: the fixed weighting, or the default of a range. */
    weighting: Decimal;
    /** `at least 10%`: the floor a buyer may raise it from; null for a fixed weighting. */
    weightingMinimum: Decimal | null;
    /** What the criterion covers (names as written). */
    covers: { themes: string[]; measures: string[]; questions: string[]; gates: string[] };
    origin: Origin;
}

export interface EvaluationSettings extends Overridable {
    /**
     * Share of total tender marks for social value, in percent (the default, for `at least`);
     * null when the block does not say.
     */
    weighting: Decimal | null;
    /** `weighting at least 10%`: the buyer may set a higher weighting in the profile, never a lower one; null: fixed. */
    weightingMinimum: Decimal | null;
    /** `criterion ...` lines, in order; empty: one social value criterion with `weighting`. */
    criteria: AwardCriterion[];
    /** `cap per measure 25%`: one measure earns at most this share of the quantitative marks; null: no cap. */
    measureCap: Decimal | null;
    /** `outlasting measures exclude|scale`: what happens to a measure whose horizon is longer than the contract; null: nothing. */
    outlasting: OutlastingAction | null;
    /** null when the block has no `split`. */
    split: { quantitative: Decimal; qualitative: Decimal } | null;
    method: EvaluationMethod;
    /** `unmet minimum ...`: what a bid that misses a rule's minimum commitment gets (default zero: no quantitative marks). */
    unmetMinimum: UnmetOutcome;
    /** `unmet ratio ...`: what a bid that misses the rule's minimum SV ratio gets (default zero: no quantitative marks). */
    unmetRatio: UnmetOutcome;
    /** `record only counts`: record-only measures count towards `select` limits (default false). */
    recordOnlyCounts: boolean;
    /** The `evaluation` keyword. */
    origin: Origin;
    origins: PropertyOrigins<EvaluationProperty>;
}

/** What a bid that does not meet a minimum gets: disqualified, or zero quantitative marks (its qualitative marks stand). */
export type UnmetOutcome = 'disqualify' | 'zero';

export type EvaluationProperty = 'weighting' | 'split' | 'method' | 'unmetMinimum' | 'unmetRatio' | 'recordOnlyCounts' | 'measureCap' | 'outlasting' | 'criteria';

/** The scoring choices an evaluation block may leave out, and what they then are. */
export const DEFAULT_SCORING_CHOICES = { unmetMinimum: 'zero', unmetRatio: 'zero', recordOnlyCounts: false } as const satisfies Pick<EvaluationSettings, 'unmetMinimum' | 'unmetRatio' | 'recordOnlyCounts'>;

/**
 * A proportionality rule as the model holds it: the plain rule the JSON carries, plus where
 * each of its parts was written, so the rule checks can point at the effect at fault.
 */
export interface FrameworkRule extends ProportionalityRule, Overridable {
    /** `before`/`after` a base rule, in a framework that extends another; null: at the start (local rules win). */
    placement?: RulePlacement | null;
    /** The rule's name. */
    origin: Origin;
    origins: PropertyOrigins<'title' | 'condition'>;
    effectOrigins: RuleEffectOrigins;
}

export interface RuleEffectOrigins {
    noAsk: Origin | null;
    /** The `select` numbers. */
    selectMin: Origin | null;
    selectMax: Origin | null;
    /** Each `require`'s count, parallel to effects.require. */
    require: Origin[];
    /** Each `minimum`'s measure and quantity, parallel to effects.minimumCommitments. */
    minimumCommitments: Array<{ measure: Origin; quantity: Origin }>;
    /** Each measure named by an `include`, in the order written (names may repeat). */
    includedMeasures: Array<{ measure: string; origin: Origin }>;
    /** `weighting 5%` (the plain one), `ratio 10%`, `split ...`: where written; absent when not. */
    weighting?: Origin;
    ratio?: Origin;
    split?: Origin;
    /** Each `weighting <criterion> 15%`'s criterion name, parallel to effects.criterionWeightings. */
    criterionWeightings?: Origin[];
}

/** Every measure of a framework, theme by theme. */
export function measuresOf(framework: Pick<Framework, 'themes'>): Measure[] {
    return framework.themes.flatMap(theme => theme.outcomes.flatMap(outcome => outcome.measures));
}

/** What the compiler and the CLI say when given a file that is not a framework's entry file. */
export function noFrameworkHeaderMessage(file: string): string {
    return `${file} has no \`framework\` header, so it is not a framework's entry file. Compile the file that starts with \`framework <id> "<title>" { ... }\`, or the folder that holds it as framework.svf.`;
}
