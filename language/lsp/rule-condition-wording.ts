import type { Condition, Rule } from '../generated/ast.js';
import { amountText } from '../parser/written-amounts.js';
import { formatMoney } from './money-display.js';

/**
 * Which contracts a rule applies to, in plain English, for hovers: `when category is works
 * and contractValue from £10m` reads "Applies when the contract is for works and the
 * contract value is £10,000,000.00 or more."
 */
export function ruleApplicability(rule: Rule): string {
    return rule.condition
        ? `Applies when ${describeCondition(rule.condition)}.`
        : 'Applies to every contract: it has no `when` condition.';
}

function describeCondition(condition: Condition): string {
    switch (condition.$type) {
        case 'OrCondition':
            return `${grouped(condition.left, 'AndCondition')} or ${grouped(condition.right, 'AndCondition')}`;
        case 'AndCondition':
            return `${grouped(condition.left, 'OrCondition')} and ${grouped(condition.right, 'OrCondition')}`;
        case 'NotCondition':
            return `not (${describeCondition(condition.operand)})`;
        case 'CategoryCondition':
            return `the contract is for ${listWithOr(condition.categories)}`;
        case 'FlagCondition':
            return `the contract profile has the flag '${condition.flag}'`;
        case 'ValueComparison':
            return `${fieldName(condition.field)} is ${comparison(condition.op, amount(condition.field, amountText(condition.value)))}`;
        case 'ValueBand': {
            const low = amount(condition.field, amountText(condition.low));
            return condition.high === undefined
                ? `${fieldName(condition.field)} is ${low} or more`
                : `${fieldName(condition.field)} is from ${low} up to, but not including, ${amount(condition.field, amountText(condition.high))}`;
        }
    }
}

/** Brackets a part that mixes `and` with `or`, so the words keep the rule's meaning. */
function grouped(condition: Condition, mixedWith: Condition['$type']): string {
    const words = describeCondition(condition);
    return condition.$type === mixedWith ? `(${words})` : words;
}

function fieldName(field: string): string {
    return field === 'contractValue' ? 'the contract value' : 'the duration';
}

function amount(field: string, written: string): string {
    if (field === 'durationMonths') {
        return `${written} ${written === '1' ? 'month' : 'months'}`;
    }
    return formatMoney(written) ?? written;
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
