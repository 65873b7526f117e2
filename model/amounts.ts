import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal type of model/ and compiler/: decimal.js configured once, here, so that
 * every amount a user can write (see AMOUNT_DIGIT_LIMITS) stays exact through the
 * arithmetic. 200 significant digits is far more than any product of amounts within the
 * limits needs (30 + 10 digits each); only divisions that do not terminate (x / 3) are
 * rounded, half up, at the 200th digit. toString never switches to exponent notation.
 * Import `Decimal` from here, not from 'decimal.js': the library's default constructor
 * rounds every result to 20 significant digits.
 */
export const Decimal = DecimalJs.clone({
    precision: 200,
    rounding: DecimalJs.ROUND_HALF_UP,
    toExpNeg: -9e15,
    toExpPos: 9e15
});
export type Decimal = DecimalJs;
/** What the Decimal constructor accepts: a number, a decimal string or a Decimal. */
export type DecimalValue = DecimalJs.Value;

/** Text that should be an amount (of money, a percentage or a number) and is not. */
export class AmountError extends Error {
    override readonly name = 'AmountError';
}

/**
 * The most digits an amount literal may have before and after the decimal point (before
 * any k/m/bn multiplier). Within these, every amount is exact end to end: parsed, used in
 * arithmetic and emitted (money rounded once, to pence, at output). Percentages and plain
 * numbers are published as JSON numbers, which keep 15 significant digits exactly, so
 * they may have at most 15.
 */
export const AMOUNT_DIGIT_LIMITS = { beforePoint: 30, afterPoint: 10, numberSignificantDigits: 15 } as const;

const MULTIPLIERS: Record<string, DecimalJs> = {
    '': new Decimal(1),
    k: new Decimal(1_000),
    m: new Decimal(1_000_000),
    bn: new Decimal(1_000_000_000)
};

/**
 * The money syntax, the same as the grammar's MONEY terminal (language/svf.langium, a test
 * checks they accept the same strings): an optional minus, £, digits either plain
 * (1250000) or in well-formed thousands groups (1,250,000), optional decimals and an
 * optional lower-case multiplier k, m or bn. On the command line the £ may be left out.
 */
export const MONEY_LITERAL_PATTERN = /^(-)?£(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|m|bn)?$/;
const COMMAND_LINE_MONEY_PATTERN = /^(-)?£?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|m|bn)?$/;
const UPPER_CASE_MULTIPLIER = /^-?£?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(k|m|bn)$/i;
const PERCENT_PATTERN = /^(-?\d+(?:\.\d+)?)%$/;
const NUMBER_PATTERN = /^-?\d+(?:\.\d+)?$/;

const HOW_TO_WRITE_MONEY = 'Write it like 60000, £16.93, 250k, £2.5m, £1.2bn or £1,250,000.';

/**
 * An amount of money as users type it on a command line (`2.5m`, `250k`, `£1,250,000`,
 * `60000`) or in the DSL (`£2.5m`, `£16.93`: the same syntax with the £). Exact, in pounds.
 */
export function parseAmount(text: string): DecimalJs {
    const trimmed = text.trim();
    const match = COMMAND_LINE_MONEY_PATTERN.exec(trimmed);
    if (!match) {
        const upper = UPPER_CASE_MULTIPLIER.exec(trimmed);
        if (upper) {
            const lower = `${trimmed.slice(0, trimmed.length - upper[1]!.length)}${upper[1]!.toLowerCase()}`;
            throw new AmountError(`'${text}': write the multiplier in lower case: ${lower}.`);
        }
        throw new AmountError(`'${text}' is not an amount of money. ${HOW_TO_WRITE_MONEY}`);
    }
    const [, sign, digits, fraction, suffix] = match;
    const amount = new Decimal(`${digits!.replace(/,/g, '')}${fraction ?? ''}`).times(MULTIPLIERS[suffix ?? '']!);
    return sign ? amount.negated() : amount;
}

/** A DSL percentage such as `12.5%`, as the number of percent (12.5). */
export function parsePercentage(text: string): DecimalJs {
    const match = PERCENT_PATTERN.exec(text.trim());
    if (!match) {
        throw new AmountError(`'${text}' is not a percentage. Write it like 10% or 12.5%.`);
    }
    return new Decimal(match[1]!);
}

/** A plain DSL number such as `36` or `2.5`. */
export function parseNumber(text: string): DecimalJs {
    const trimmed = text.trim();
    if (!NUMBER_PATTERN.test(trimmed)) {
        throw new AmountError(`'${text}' is not a number. Write it with digits, like 36 or 2.5.`);
    }
    return new Decimal(trimmed);
}

/**
 * Why an amount literal (DSL NUMBER, MONEY or PERCENT text, of the kind the grammar says) is too long to stay exact, or
 * undefined when it is within AMOUNT_DIGIT_LIMITS. For the validator: an error on the
 * literal, with this message.
 */
export function amountLiteralProblem(text: string, kind: 'money' | 'percentage' | 'number'): string | undefined {
    const trimmed = text.trim();
    const digits = /(\d[\d,]*)(?:\.(\d+))?/.exec(trimmed);
    if (!digits) return undefined;
    const whole = digits[1]!.replace(/,/g, '').replace(/^0+(?=\d)/, '');
    const fraction = digits[2] ?? '';
    const { beforePoint, afterPoint, numberSignificantDigits } = AMOUNT_DIGIT_LIMITS;
    if (whole.length > beforePoint) {
        return `'${trimmed}' has ${whole.length} digits before the decimal point; amounts may have at most ${beforePoint} (use k, m or bn for large money amounts, e.g. £2.5bn).`;
    }
    if (fraction.length > afterPoint) {
        return `'${trimmed}' has ${fraction.length} decimals; amounts may have at most ${afterPoint}. Round it.`;
    }
    if (kind !== 'money') {
        const significant = `${whole}${fraction}`.replace(/^0+/, '').replace(/0+$/, '').length;
        if (significant > numberSignificantDigits) {
            return `'${trimmed}' has ${significant} significant digits; percentages and numbers are published as JSON numbers, which keep at most ${numberSignificantDigits}. Round it.`;
        }
    }
    return undefined;
}

/** Money as emitted in JSON: a string with exactly two decimals, rounded half up once here. */
export function moneyString(amount: DecimalValue): string {
    const rounded = new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    // Never "-0.00".
    return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(2);
}

/**
 * A percentage or other quantity the user wrote (a deadweight, a weighting, a weight), as
 * a JSON number with the value the arithmetic used: not rounded, so what is published and
 * what was computed agree (12.345% is published as 12.345). Exact for values within
 * AMOUNT_DIGIT_LIMITS.numberSignificantDigits.
 */
export function exactNumber(value: DecimalValue): number {
    const decimal = new Decimal(value);
    // Avoid emitting -0.
    return decimal.isZero() ? 0 : Number(decimal.toString());
}

/** A derived percentage (a share of total marks, a rescaled weight) as a JSON number, rounded half up to hundredths. */
export function roundedToHundredths(value: DecimalValue): number {
    return exactNumber(new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
}

/** How formatPounds shows pence: only when the amount is not whole pounds, or always. */
export interface FormatPoundsOptions {
    pence?: 'when-needed' | 'always';
}

/**
 * The one money formatter, for people: `£1,250,000`, `£16.93` (pence only when not whole
 * pounds), or with `pence: 'always'` (hovers) `£1,250,000.00`. Rounded half up to pence;
 * exact for any size.
 */
export function formatPounds(amount: DecimalValue, options: FormatPoundsOptions = {}): string {
    const pence = new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const fixed = pence.isInteger() && options.pence !== 'always' ? pence.abs().toFixed(0) : pence.abs().toFixed(2);
    const [whole, fraction] = fixed.split('.');
    const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${pence.isNegative() && !pence.isZero() ? '-' : ''}£${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A JSON money string or number from a portal or the emitted rules, as a Decimal. Only
 * plain decimals: no hexadecimal ('0x10'), exponents, NaN or Infinity.
 */
export function decimalOf(value: string | number): DecimalJs {
    if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new AmountError(`${value} is not an amount.`);
        return new Decimal(String(value));
    }
    if (!NUMBER_PATTERN.test(value)) throw new AmountError(`'${value}' is not a plain decimal amount.`);
    return new Decimal(value);
}

/** An amount in a measure's unit as JSON: money as a string, anything else as a number. */
export function amountInUnitJson(value: DecimalJs, answerType: string): number | string {
    return answerType === 'money' ? moneyString(value) : exactNumber(value);
}
