import { GrammarUtils } from 'langium';
import type { Amount, Condition, Rule } from '../generated/ast.js';
import { amountText } from '../parser/written-amounts.js';
import { formatMoney } from './money-display.js';

/**
 * Which contracts a rule applies to, in plain English, for hovers: `when category is works
 * and contractValue from £10m` reads "Applies when the contract is for works and the
 * contract value is £10,000,000.00 or more."
 *
 * While the user types, the condition is often half-written and the parser recovers with
 * parts missing (`when category is works and contractValue {` has no right-hand side to its
 * `and`). The wording then says what the written part means, shows each missing part as `…`
 * and says the condition is unfinished; it never throws.
 */
export function ruleApplicability(rule: Rule): string {
    if (!rule.condition) {
        return rule.$cstNode && GrammarUtils.findNodeForKeyword(rule.$cstNode, 'when')
            ? 'The `when` condition is not written yet.'
            : 'Applies to every contract: it has no `when` condition.';
    }
    const wording = new ConditionWording();
    const words = wording.describe(rule.condition);
    return wording.complete
        ? `Applies when ${words}.`
        : `The \`when\` condition is not finished. So far it reads: applies when ${words}${words.endsWith(MISSING) ? '' : '.'}`;
}

/** Stands for a part of the condition that is not written yet. */
const MISSING = '…';

class ConditionWording {
    /** False once a part of the condition turned out to be missing. */
    complete = true;

    describe(condition: Condition | undefined): string {
        switch (condition?.$type) {
            case 'OrCondition':
                return `${this.grouped(condition.left, 'AndCondition')} or ${this.grouped(condition.right, 'AndCondition')}`;
            case 'AndCondition':
                return `${this.grouped(condition.left, 'OrCondition')} and ${this.grouped(condition.right, 'OrCondition')}`;
            case 'NotCondition':
                return `not (${this.describe(condition.operand)})`;
            case 'CategoryCondition': {
                const categories = (condition.categories ?? []).filter(category => typeof category === 'string' && category.length > 0);
                return `the contract is for ${categories.length > 0 ? listWithOr(categories) : this.missing()}`;
            }
            case 'FlagCondition':
                return condition.flag ? `the contract profile has the flag '${condition.flag}'` : this.missing();
            case 'ValueComparison':
                return `${this.fieldName(condition.field)} is ${condition.op ? comparison(condition.op, this.amount(condition.field, condition.value)) : this.missing()}`;
            case 'ValueBand': {
                const low = this.amount(condition.field, condition.low);
                return condition.high === undefined
                    ? `${this.fieldName(condition.field)} is ${low} or more`
                    : `${this.fieldName(condition.field)} is from ${low} up to, but not including, ${this.amount(condition.field, condition.high)}`;
            }
            default:
                return this.missing();
        }
    }

    private missing(): string {
        this.complete = false;
        return MISSING;
    }

    /** Brackets a part that mixes `and` with `or`, so the words keep the rule's meaning. */
    private grouped(condition: Condition | undefined, mixedWith: Condition['$type']): string {
        const words = this.describe(condition);
        return condition?.$type === mixedWith ? `(${words})` : words;
    }

    private fieldName(field: string | undefined): string {
        switch (field) {
            case 'contractValue': return 'the contract value';
            case 'durationMonths': return 'the duration';
            default: return this.missing();
        }
    }

    private amount(field: string | undefined, amount: Amount | undefined): string {
        const written = amountText(amount);
        if (!written) return this.missing();
        if (field === 'durationMonths') {
            return `${written} ${written === '1' ? 'month' : 'months'}`;
        }
        return formatMoney(written) ?? written;
    }
}

function comparison(op: string, value: string): string {
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
