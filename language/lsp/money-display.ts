import { AmountError, formatPounds, parseAmount, type Decimal } from '../../model/amounts.js';

/**
 * Exact money for hovers, always with pence: `£2.5m` -> `£2,500,000.00`; undefined when
 * the text is not an amount of money. The formatting is model/amounts.ts's formatPounds,
 * the one money formatter.
 */
export function formatMoney(amount: Decimal | string): string | undefined {
    let value: Decimal;
    try {
        value = typeof amount === 'string' ? parseAmount(amount) : amount;
    } catch (error) {
        if (error instanceof AmountError) return undefined;
        throw error;
    }
    return formatPounds(value, { pence: 'always' });
}
