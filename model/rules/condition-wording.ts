import { formatPounds } from '../amounts.js';
import type { ComparisonOperator, ContractCategory, ProfileField, RuleCondition } from './rule-types.js';

/** A part of a condition that is not written yet (the user is still typing it). */
export interface MissingPart {
    missing: true;
}

/**
 * A rule's condition as far as it is written: a RuleCondition whose parts may be missing
 * while a user types (`when category is works and contractValue {`). Every RuleCondition
 * is a complete WrittenCondition.
 */
export type WrittenCondition =
    | { all: WrittenCondition[] }
    | { any: WrittenCondition[] }
    | { not: WrittenCondition }
    | { category: ContractCategory[] }
    | { flag: string }
    | { fact: string; values: string[] }
    | { field: ProfileField | MissingPart; op: ComparisonOperator | MissingPart; value: string | number | MissingPart }
    | { field: ProfileField | MissingPart; from: string | number | MissingPart; to: string | number | null | MissingPart }
    | MissingPart;

export const MISSING_PART: MissingPart = { missing: true };

function isMissing(part: unknown): part is MissingPart {
    return typeof part === 'object' && part !== null && 'missing' in part;
}

/** Stands for a part of the condition that is not written yet. */
const ELLIPSIS = '…';

/**
 * Which contracts a rule applies to, in plain English: `contractValue >= £5m and category
 * is works` reads "Applies when the contract value is £5,000,000.00 or more and the contract
 * is for works." A condition still being written says what the written part means, shows
 * each missing part as `…` and says it is unfinished. `null`: the rule has no condition
 * (`whenWritten`: the `when` keyword is there, with nothing after it yet).
 */
export function describeApplicability(condition: WrittenCondition | null, whenWritten = false, facts?: FactKinds): string {
    if (condition === null) {
        return whenWritten ? 'The `when` condition is not written yet.' : 'Applies to every contract: it has no `when` condition.';
    }
    const wording = new ConditionWording(facts);
    const words = wording.describe(condition);
    return wording.complete
        ? `Applies when ${words}.`
        : `The \`when\` condition is not finished. So far it reads: applies when ${words}${words.endsWith(ELLIPSIS) ? '' : '.'}`;
}

/**
 * The framework's declared sets (and choices), so `priorities in skills` reads "the
 * priorities include skills"; a fact not declared as a set reads as a choice ("the
 * programme is cityDeal").
 */
export interface FactKinds {
    sets: ReadonlyArray<{ name: string }>;
}

/** The condition without its missing parts, as the rules carry it; null when nothing usable is written. */
export function writtenPartsOf(condition: WrittenCondition): RuleCondition | null {
    if (isMissing(condition)) return null;
    const parts = (list: WrittenCondition[]) => list.map(writtenPartsOf).filter((part): part is RuleCondition => part !== null);
    if ('all' in condition) return { all: parts(condition.all) };
    if ('any' in condition) return { any: parts(condition.any) };
    if ('not' in condition) {
        const operand = writtenPartsOf(condition.not);
        return operand === null ? null : { not: operand };
    }
    if ('category' in condition || 'flag' in condition || 'fact' in condition) return condition;
    if (isMissing(condition.field)) return null;
    if ('op' in condition) {
        return isMissing(condition.op) || isMissing(condition.value) ? null : { field: condition.field, op: condition.op, value: condition.value };
    }
    return isMissing(condition.from) || isMissing(condition.to) ? null : { field: condition.field, from: condition.from, to: condition.to };
}

class ConditionWording {
    /** False once a part of the condition turned out to be missing. */
    complete = true;

    constructor(private readonly facts?: FactKinds) {}

    describe(condition: WrittenCondition): string {
        if (isMissing(condition)) return this.missing();
        if ('any' in condition) return this.joined(condition.any, 'or', 'all');
        if ('all' in condition) return this.joined(condition.all, 'and', 'any');
        if ('not' in condition) return `not (${this.describe(condition.not)})`;
        if ('category' in condition) {
            return `the contract is for ${condition.category.length > 0 ? listWithOr(condition.category) : this.missing()}`;
        }
        if ('flag' in condition) return `the contract profile has the flag '${condition.flag}'`;
        if ('fact' in condition) {
            const values = condition.values.length > 0 ? listWithOr(condition.values) : this.missing();
            const isSet = this.facts?.sets.some(set => set.name === condition.fact) ?? false;
            return `the ${condition.fact} ${isSet ? 'include' : 'is'} ${values}`;
        }
        const field = condition.field;
        if ('op' in condition) {
            return `${this.fieldName(field)} is ${isMissing(condition.op) ? this.missing() : comparison(condition.op, this.amount(field, condition.value))}`;
        }
        const low = this.amount(field, condition.from);
        return condition.to === null
            ? `${this.fieldName(field)} is ${low} or more`
            : `${this.fieldName(field)} is from ${low} up to, but not including, ${this.amount(field, condition.to)}`;
    }

    /** Parts joined by `and`/`or`; a part that mixes in the other brackets, so the words keep the rule's meaning. */
    private joined(parts: WrittenCondition[], conjunction: 'and' | 'or', other: 'all' | 'any'): string {
        if (parts.length === 0) return this.missing();
        return parts.map(part => {
            const words = this.describe(part);
            return typeof part === 'object' && other in part ? `(${words})` : words;
        }).join(` ${conjunction} `);
    }

    private missing(): string {
        this.complete = false;
        return ELLIPSIS;
    }

    private fieldName(field: ProfileField | MissingPart): string {
        if (isMissing(field)) return this.missing();
        return field === 'contractValue' ? 'the contract value' : field === 'annualValue' ? 'the annual value' : 'the duration';
    }

    private amount(field: ProfileField | MissingPart, value: string | number | MissingPart): string {
        if (isMissing(value)) return this.missing();
        if (field === 'durationMonths') return `${value} ${String(value) === '1' ? 'month' : 'months'}`;
        return formatPounds(value, { pence: 'always' });
    }
}

function comparison(op: ComparisonOperator, value: string): string {
    switch (op) {
        case '<': return `less than ${value}`;
        case '<=': return `${value} or less`;
        case '>': return `more than ${value}`;
        case '>=': return `${value} or more`;
        case '=': return `exactly ${value}`;
        default: return `anything but ${value}`;
    }
}

function listWithOr(items: string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
