import { Decimal, decimalOf } from '../amounts.js';
import type { MinimumCommitmentRule } from './rule-types.js';

/**
 * The quantity a rule's minimum commitment asks of one contract (`minimum NT1 1 per £1m`,
 * `... per year`), exact, and the one rounding applied at output. applyContractProfile
 * tailors with these; the editor's inlay hints show them for a typical contract.
 */

/** A rule's minimum for one contract, exact: before the one rounding at output. */
export interface ExactMinimum {
    /** Over the whole contract. */
    total: Decimal;
    /** `per year`: the yearly quantity (before any outlasting scale); null otherwise. */
    yearly: Decimal | null;
    /** `per year`: the contract's duration in years (durationMonths / 12); null otherwise. */
    years: Decimal | null;
}

/**
 * The exact quantity a minimum asks of a contract. `per £x`: quantity x contract value / x.
 * `per year`: a yearly quantity (quantity, or quantity x annual value / x with annual value =
 * contract value x 12 / durationMonths) for each of durationMonths / 12 years, so the total
 * is the yearly quantity x years. Each total is computed as one division of exact products, so
 * that a whole-number total stays whole. `durationMonths` must be above 0 for a `per year`
 * minimum (the caller says so to the user).
 */
export function exactMinimum(minimum: Pick<MinimumCommitmentRule, 'quantity' | 'per' | 'perYear'>, contractValue: Decimal, durationMonths: number | null): ExactMinimum {
    const quantity = decimalOf(minimum.quantity);
    if (!minimum.perYear) {
        const total = minimum.per === null ? quantity : quantity.times(contractValue).dividedBy(decimalOf(minimum.per));
        return { total, yearly: null, years: null };
    }
    if (durationMonths === null || !(durationMonths > 0)) throw new RangeError('A per-year minimum needs a duration above 0 months.');
    const months = decimalOf(durationMonths);
    const years = months.dividedBy(12);
    if (minimum.per === null) {
        return { total: quantity.times(months).dividedBy(12), yearly: quantity, years };
    }
    const per = decimalOf(minimum.per);
    // yearly = quantity x (value x 12 / months) / per; total = yearly x months / 12 = quantity x value / per.
    return {
        total: quantity.times(contractValue).dividedBy(per),
        yearly: quantity.times(contractValue).times(12).dividedBy(months.times(per)),
        years
    };
}

/** A quantity rounded up, once: to a whole number for whole-number measures, else to hundredths. */
export function roundedUp(exact: Decimal, wholeNumbers: boolean): Decimal {
    return wholeNumbers ? exact.ceil() : exact.toDecimalPlaces(2, Decimal.ROUND_UP);
}
