import { decimalOf, formatPounds, roundedToHundredths, type Decimal } from './amounts.js';

/** A scoring target as the rubric states it: money, or a share of the contract value (an amount once the value is known). */
export type ScoringTarget =
    | { kind: 'money'; percent: null; amount: string }
    | { kind: 'share-of-contract-value'; percent: number; amount: string | null };

/**
 * How quantitative marks are worked out, in words a portal can show bidders. Written by
 * emit and rewritten when a profile fixes a target that is a share of the contract value.
 */
export function describeScoringMethod(method: 'relative' | 'absolute', target: ScoringTarget | null): string {
    const netValue = "A bid's net social value is the sum, over its commitments, of quantity x the measure's net value per unit (record-only and unmonetised measures are not scored).";
    if (method === 'relative' || target === null) {
        return `Quantitative marks = (the bid's net social value / the highest net social value among the bids) x the quantitative marks available. ${netValue}`;
    }
    const amount = target.amount === null ? '' : ` = ${formatPounds(target.amount)}`;
    const targetText = target.kind === 'money'
        ? `the target of ${formatPounds(target.amount)}`
        : `the target of ${target.percent}% of the contract value${amount}`;
    return `Quantitative marks = (the bid's net social value / ${targetText}) x the quantitative marks available, capped at the full quantitative marks. ${netValue}`;
}

/** A part's share of total tender marks: the social value weighting x its share of it. */
export function shareOfTotalMarks(weighting: number | null, shareOfSocialValueMarks: number): number | null {
    return weighting === null ? null : roundedToHundredths(decimalOf(weighting).times(decimalOf(shareOfSocialValueMarks)).dividedBy(100));
}

/** Money string for a share of the contract value. */
export function shareOfContractValue(percent: number, contractValue: string): Decimal {
    return decimalOf(percent).times(decimalOf(contractValue)).dividedBy(100);
}
