import type { Decimal } from '../../model/amounts.js';
import { parseAmount, parseNumber, parsePercentage } from '../../model/amounts.js';
import { isMoneyAmount, isPercentAmount, type Amount } from '../generated/ast.js';

/** What an amount was written as; the grammar decides it (MoneyAmount, PercentAmount, NumberAmount). */
export type WrittenAmountKind = 'money' | 'percentage' | 'number';

export function amountKind(amount: Amount): WrittenAmountKind {
    return isMoneyAmount(amount) ? 'money' : isPercentAmount(amount) ? 'percentage' : 'number';
}

/** The amount exactly as written (`£2.5m`, `12.5%`, `36`), for messages. */
export function amountText(amount: Amount | undefined): string {
    if (!amount) return '';
    return (isMoneyAmount(amount) ? amount.money : isPercentAmount(amount) ? amount.percent : amount.number) ?? '';
}

/** The exact value: pounds, percent or the number; undefined while the literal is half-typed. */
export function amountValue(amount: Amount | undefined): Decimal | undefined {
    const text = amountText(amount);
    if (!amount || !text) return undefined;
    try {
        switch (amountKind(amount)) {
            case 'money': return parseAmount(text);
            case 'percentage': return parsePercentage(text);
            default: return parseNumber(text);
        }
    } catch {
        return undefined;
    }
}
