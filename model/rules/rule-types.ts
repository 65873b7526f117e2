/**
 * Proportionality rules as plain data: the form resolve produces, the emitted JSON carries
 * (schemas/rules.schema.json) and applyContractProfile evaluates. Money is a string with
 * two decimals, as everywhere in our JSON.
 */

export type ContractCategory = 'goods' | 'services' | 'works';
export const CONTRACT_CATEGORIES: readonly ContractCategory[] = ['goods', 'services', 'works'];

export type ProfileField = 'contractValue' | 'durationMonths';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '=' | '!=';

/** `contractValue >= £5m`; value is a money string for contractValue, a number for durationMonths. */
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
export interface AllCondition { all: RuleCondition[] }
export interface AnyCondition { any: RuleCondition[] }
export interface NegatedCondition { not: RuleCondition }

export type RuleCondition =
    | ComparisonCondition | BandCondition | CategoryRuleCondition | FlagRuleCondition
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
}

export interface RuleEffects {
    noAsk: boolean;
    weighting: number | null;
    include: ElementSelection | null;
    exclude: ElementSelection | null;
    select: { min: number | null; max: number | null } | null;
    require: Array<{ theme: string; count: number }>;
    minimumCommitments: MinimumCommitmentRule[];
    minimumSvRatio: number | null;
    kpis: number | null;
}

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
