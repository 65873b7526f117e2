import { Decimal, decimalOf, moneyString } from '../../model/amounts.js';
import type { Rubric } from '../compiled-framework.js';
import type { FilledBid } from './filled-bid.js';

/** The social value a bid would be credited with, before marks (which depend on the other bids). */
export interface CreditedValue {
    measures: Array<{ code: string; quantity: number | string; netValuePerUnit: string | null; value: string | null; recordOnly: boolean }>;
    total: string;
    /** Percent of the contract value, to 2 decimals; null when the rubric has no contract value. */
    svRatio: number | null;
    /** The rubric's minimum SV ratio (percent), if any. */
    minimumSvRatio: number | null;
}

/** quantity x net value per unit for each commitment; record-only and unmonetised measures count nothing. */
export function creditedValue(rubric: Rubric, bid: FilledBid): CreditedValue {
    const measures = new Map(rubric.quantitative.measures.map(measure => [measure.code, measure]));
    let total = new Decimal(0);
    const lines: CreditedValue['measures'] = [];
    // In the rubric's order, which is the question set's.
    const order = new Map(rubric.quantitative.measures.map((measure, index) => [measure.code, index]));
    const codes = Object.keys(bid.commitments).sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
    for (const code of codes) {
        const quantity = bid.commitments[code]!;
        const measure = measures.get(code);
        if (!measure || measure.recordOnly || !measure.proxy) {
            lines.push({ code, quantity, netValuePerUnit: null, value: null, recordOnly: measure?.recordOnly ?? false });
            continue;
        }
        const value = decimalOf(quantity).times(decimalOf(measure.proxy.netValuePerUnit));
        total = total.plus(value);
        lines.push({ code, quantity, netValuePerUnit: measure.proxy.netValuePerUnit, value: moneyString(value), recordOnly: false });
    }
    const contractValue = rubric.profile ? decimalOf(rubric.profile.contractValue) : undefined;
    const svRatio = contractValue && !contractValue.isZero() ? Number(total.div(contractValue).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()) : null;
    return { measures: lines, total: moneyString(total), svRatio, minimumSvRatio: rubric.targets.minimumSvRatio };
}
