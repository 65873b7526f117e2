import type { Decimal } from 'decimal.js';
import { AmountError, moneyString, parseAmount } from '../../model/amounts.js';

// Intl formats a decimal string exactly (no binary floating point on the way); the string
// overload is ES2023, newer than the project's `lib`, hence the cast.
const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const formatPoundsString = POUNDS.format as unknown as (value: string) => string;

/** Exact money for hovers, always with pence: `£2.5m` -> `£2,500,000.00`. */
export function formatMoney(amount: Decimal | string): string | undefined {
    let value: Decimal;
    try {
        value = typeof amount === 'string' ? parseAmount(amount) : amount;
    } catch (error) {
        if (error instanceof AmountError) return undefined;
        throw error;
    }
    return formatPoundsString(moneyString(value));
}
