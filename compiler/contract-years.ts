import { Decimal, decimalOf, formatPounds } from '../model/amounts.js';
import type { OutlastingAction } from '../model/rules/rule-types.js';
import type { Question, TailoringWarning } from './compiled-framework.js';

/**
 * Time in tailoring: minimums asked per year of the contract (`minimum NT1 1 per £1m per
 * year`), and measures whose horizon (a year of employment, a 52-week apprenticeship) is
 * longer than the contract (`outlasting measures exclude|scale`). Works on the JSON alone.
 */

/** Codes of the tailoring warnings about measures that outlast the contract. */
export const OutlastingWarningCodes = {
    OutlastingExcluded: 'profile/outlasting-excluded',
    OutlastingScaled: 'profile/outlasting-scaled'
} as const;

// The quantity a minimum asks is worked out in model/ (the editor's inlay hints show it too).
export { exactMinimum, roundedUp, type ExactMinimum } from '../model/rules/minimum-quantity.js';

/** How the basis of a minimum says the years: `3 years`, `1 year`, `1.5 years`. */
export function yearsWords(years: Decimal): string {
    const shown = years.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    return `${shown.toString()} ${shown.eq(1) ? 'year' : 'years'}`;
}

/** An amount in a measure's answer type, for a basis: £1,000 for money, else the number (to hundredths). */
export function amountWords(value: Decimal, type: string): string {
    return type === 'money' ? formatPounds(value) : value.toDecimalPlaces(2, Decimal.ROUND_UP).toString();
}

/** Months for messages: `12`, `2.31`. */
export function monthsWords(months: number): string {
    return decimalOf(months).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString();
}

/** A measure asked although it outlasts the contract: its minimum is multiplied by duration / horizon. */
export interface OutlastingScale {
    factor: Decimal;
    horizonMonths: number;
    durationMonths: number;
}

/**
 * The commitment questions whose horizon is longer than the contract (horizonMonths >
 * durationMonths), under the policy in force: `exclude` drops them, `scale` keeps them and
 * scales their minimum commitments by durationMonths / horizonMonths. Each gets a warning.
 * Without a policy or a duration, every question is asked as it is.
 */
export function applyOutlasting(questions: Question[], policy: OutlastingAction | null, durationMonths: number | null, warnings: TailoringWarning[]): { asked: Question[]; scaled: Map<string, OutlastingScale> } {
    const scaled = new Map<string, OutlastingScale>();
    if (policy === null || durationMonths === null) return { asked: questions, scaled };
    const asked = questions.filter(question => {
        const horizonMonths = question.horizonMonths;
        if (question.kind !== 'commitment' || horizonMonths === null || horizonMonths === undefined || !(horizonMonths > durationMonths)) return true;
        const outlasts = `Measure '${question.id}' takes ${monthsWords(horizonMonths)} months to deliver (its horizon), longer than this ${monthsWords(durationMonths)}-month contract`;
        if (policy === 'exclude') {
            warnings.push({ code: OutlastingWarningCodes.OutlastingExcluded, message: `${outlasts}, so it is not asked (\`outlasting measures exclude\`).` });
            return false;
        }
        const factor = decimalOf(durationMonths).dividedBy(decimalOf(horizonMonths));
        scaled.set(question.id, { factor, horizonMonths, durationMonths });
        warnings.push({
            code: OutlastingWarningCodes.OutlastingScaled,
            message: `${outlasts}, so it is asked with any minimum commitment of it scaled by ${monthsWords(durationMonths)}/${monthsWords(horizonMonths)} (\`outlasting measures scale\`).`
        });
        return true;
    });
    return { asked, scaled };
}

/** How a basis says an outlasting scale: `, scaled by 6/12 (a 6-month contract, a 12-month horizon) to 3`. */
export function scaleWords(scale: OutlastingScale | undefined, scaledTotal: Decimal, type: string): string {
    if (!scale) return '';
    return `, scaled by ${monthsWords(scale.durationMonths)}/${monthsWords(scale.horizonMonths)} (a ${monthsWords(scale.durationMonths)}-month contract, a ${monthsWords(scale.horizonMonths)}-month horizon) to ${amountWords(scaledTotal, type)}`;
}
