import { Decimal } from 'decimal.js';

/** Text that should be an amount (of money, a percentage or a number) and is not. */
export class AmountError extends Error {}

const MULTIPLIERS: Record<string, Decimal> = {
    '': new Decimal(1),
    k: new Decimal(1_000),
    m: new Decimal(1_000_000),
    bn: new Decimal(1_000_000_000)
};

// Digits either plain (1250000) or grouped in well-formed thousands (1,250,000).
const MONEY_PATTERN = /^(-)?£?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|m|bn)?$/i;
const PERCENT_PATTERN = /^(-?\d+(?:\.\d+)?)%$/;
const NUMBER_PATTERN = /^-?\d+(?:\.\d+)?$/;

/**
 * An amount of money as users type it on a command line or in the DSL: `2.5m`, `£2.5m`,
 * `250k`, `£1,250,000`, `60000`, `£16.93`. Exact (decimal), in pounds.
 */
export function parseAmount(text: string): Decimal {
    const match = MONEY_PATTERN.exec(text.trim());
    if (!match) {
        throw new AmountError(`'${text}' is not an amount of money. Write it like 60000, £16.93, 250k, £2.5m or £1,250,000.`);
    }
    const [, sign, digits, fraction, suffix] = match;
    const amount = new Decimal(`${digits!.replace(/,/g, '')}${fraction ?? ''}`)
        .times(MULTIPLIERS[(suffix ?? '').toLowerCase()]!);
    return sign ? amount.negated() : amount;
}

/** A DSL percentage such as `12.5%`, as the number of percent (12.5). */
export function parsePercentage(text: string): Decimal {
    const match = PERCENT_PATTERN.exec(text.trim());
    if (!match) {
        throw new AmountError(`'${text}' is not a percentage. Write it like 10% or 12.5%.`);
    }
    return new Decimal(match[1]!);
}

/** A plain DSL number such as `36` or `2.5`. */
export function parseNumber(text: string): Decimal {
    const trimmed = text.trim();
    if (!NUMBER_PATTERN.test(trimmed)) {
        throw new AmountError(`'${text}' is not a number. Write it with digits, like 36 or 2.5.`);
    }
    return new Decimal(trimmed);
}

/** Money as emitted in JSON: a string with exactly two decimals, rounded half up once here. */
export function moneyString(amount: Decimal.Value): string {
    const rounded = new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    // Never "-0.00".
    return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(2);
}

/** A percentage (or any non-money quantity) as a JSON number, rounded half up to hundredths. */
export function hundredthsNumber(value: Decimal.Value): number {
    const rounded = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    // Avoid emitting -0.
    return rounded.isZero() ? 0 : rounded.toNumber();
}

/** Money for people: `£1,250,000`, `£16.93` (pence only when not whole pounds). */
export function formatPounds(amount: Decimal.Value): string {
    const value = new Decimal(amount);
    const pence = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const fixed = pence.isInteger() ? pence.abs().toFixed(0) : pence.abs().toFixed(2);
    const [whole, fraction] = fixed.split('.');
    const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${pence.isNegative() && !pence.isZero() ? '-' : ''}£${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A JSON money string or number from a portal or the emitted rules, as a Decimal. */
export function decimalOf(value: string | number): Decimal {
    return new Decimal(typeof value === 'number' ? String(value) : value);
}

/** An amount in a measure's unit as JSON: money as a string, anything else as a number. */
export function amountInUnitJson(value: Decimal, answerType: string): number | string {
    return answerType === 'money' ? moneyString(value) : value.toNumber();
}
