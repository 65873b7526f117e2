/**
 * Proportionality rules as plain data: the form resolve produces, the emitted JSON carries
 * (schemas/rules.schema.json) and applyContractProfile evaluates. Money is a string with
 * two decimals, as everywhere in our JSON.
 */

/** goods, services, works, or a category the framework's `profile` block declares (grants, loans...). */
export type ContractCategory = string;
/** The categories of a framework that declares none. */
export const CONTRACT_CATEGORIES: readonly ContractCategory[] = ['goods', 'services', 'works'];

/** annualValue: contractValue per 12 months of durationMonths (unknown without a duration). */
export type ProfileField = 'contractValue' | 'durationMonths' | 'annualValue';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '=' | '!=';

/** `contractValue >= £5m`; value is a money string for contractValue and annualValue, a number for durationMonths. */
export interface ComparisonCondition {
    field: ProfileField;
    op: ComparisonOperator;
    value: string | number;
}

/** `contractValue from £1m to £5m`: from inclusive, to exclusive; `to` null = no upper end. */
export interface BandCondition {
    field: ProfileField;
    from: string | number;
    to: string | number | null;
}

export interface CategoryRuleCondition { category: ContractCategory[] }
export interface FlagRuleCondition { flag: string }
/**
 * `programme is cityDeal`, `area in east, coastal`: true when the profile's choice is one of
 * the values, or its set has any of them (facts[fact] in the profile).
 */
export interface FactRuleCondition { fact: string; values: string[] }
export interface AllCondition { all: RuleCondition[] }
export interface AnyCondition { any: RuleCondition[] }
export interface NegatedCondition { not: RuleCondition }

export type RuleCondition =
    | ComparisonCondition | BandCondition | CategoryRuleCondition | FlagRuleCondition | FactRuleCondition
    | AllCondition | AnyCondition | NegatedCondition;

/** Themes, measures, method-statement questions and gates named by a rule. */
export interface ElementSelection {
    themes: string[];
    measures: string[];
    questions: string[];
    gates: string[];
}

export interface MinimumCommitmentRule {
    measure: string;
    quantity: number;
    /** Money string: the quantity is asked per this much contract value; null = a fixed minimum. */
    per: string | null;
    /**
     * `per year`: the quantity is a yearly minimum (per `per` of the annual value when `per`
     * is given), asked for each year of the contract's duration. Absent in older JSON: false.
     */
    perYear?: boolean;
}

/** A theme or an outcome at least `count` measures must come from. Exactly one of theme and outcome is set (older JSON has theme only). */
export interface RequireRule {
    theme?: string;
    outcome?: string;
    count: number;
}

export type OutlastingAction = 'exclude' | 'scale';

export interface RuleEffects {
    noAsk: boolean;
    /** The social value weighting (the first criterion's, when the evaluation names criteria). */
    weighting: number | null;
    include: ElementSelection | null;
    exclude: ElementSelection | null;
    select: { min: number | null; max: number | null } | null;
    require: RequireRule[];
    minimumCommitments: MinimumCommitmentRule[];
    minimumSvRatio: number | null;
    kpis: number | null;
    /** `weighting environment 15%`: a named criterion's weighting. Absent in older JSON: none. */
    criterionWeightings?: Array<{ criterion: string; weighting: number }>;
    /** `split quantitative 60% qualitative 40%` in a rule: replaces the evaluation's. */
    split?: { quantitative: number; qualitative: number } | null;
    /** `method ...` in a rule: replaces the evaluation's scoring method. */
    method?: RuleScoringMethod | null;
    /** `include chosen outcomes|themes`: ask what the buyer chose in the profile. */
    includeChosen?: Array<'outcomes' | 'themes'>;
    /** `outlasting measures exclude|scale` in a rule: replaces the evaluation's policy. */
    outlasting?: OutlastingAction | null;
}

/** A scoring method as rules JSON carries it: money as a string, a percentage as a number. */
export type RuleScoringMethod =
    | { kind: 'relative' }
    | { kind: 'absolute'; target: { kind: 'money'; amount: string } | { kind: 'share-of-contract-value'; percent: number } };

export interface ProportionalityRule {
    id: string;
    title: string | null;
    /** null: the rule matches every contract. */
    condition: RuleCondition | null;
    effects: RuleEffects;
}

/** What a buyer knows about a contract when it asks for social value. */
export interface ContractProfile {
    /** Pounds: a JSON number or a decimal string such as "2500000" or "2500000.00". */
    contractValue: number | string;
    category: ContractCategory;
    durationMonths?: number;
    flags?: string[];
    /** The declared choices (one value each) and sets (a list of values): `{"programme": "cityDeal", "priorities": ["skills"]}`. */
    facts?: Record<string, string | string[]>;
    /** What the buyer chose for this contract, where the framework declares `chosen outcomes|themes`. */
    chosen?: { outcomes?: string[]; themes?: string[] };
    /** The buyer's weighting of each criterion in percent (`socialValue` when the evaluation names no criteria); never below the framework's floor. */
    weightings?: Record<string, number>;
}

export function emptySelection(): ElementSelection {
    return { themes: [], measures: [], questions: [], gates: [] };
}

export function emptyEffects(): RuleEffects {
    return {
        noAsk: false, weighting: null, include: null, exclude: null, select: null,
        require: [], minimumCommitments: [], minimumSvRatio: null, kpis: null
    };
}
