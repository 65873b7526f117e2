import { Decimal, exactNumber, formatPounds, moneyString, type Decimal as DecimalType } from '../../model/amounts.js';
import { addMonths, dayNumber, elapsedMonths, isoDate } from './calendar.js';
import { ReportInputError, type Commitments, type DeliveryReturns, type ReportMeasure } from './report-input.js';

/** Money as emitted: a string with two decimals. Quantities: numbers (money measures: money strings), rounded to 2 decimals. */
export type Money = string;
export type Quantity = number | string;

export interface ReturnLine {
    periodStart: string;
    periodEnd: string;
    delivered: Quantity | null;
    deliveredValue: Money | null;
    evidence: string | null;
}

/** One measure: committed vs delivered, in its unit and in £. */
export interface MeasureDelivery {
    measure: string;
    title: string | null;
    theme: string | null;
    unit: string;
    recordOnly: boolean;
    multiYear: boolean;
    netValuePerUnit: Money | null;
    /** Over the whole contract (a multi-year measure's yearly quantity x the years); null when never committed. */
    committed: Quantity | null;
    committedValue: Money | null;
    /** The committed quantity x the elapsed share of the contract (percentages: the committed figure itself). */
    planToDate: Quantity | null;
    planToDateValue: Money | null;
    /** Sum of the returns (percentages: the latest return's figure). */
    delivered: Quantity | null;
    deliveredValue: Money | null;
    /** delivered / plan to date x 100, 2 decimals; null when nothing is planned yet. */
    percentOfPlan: number | null;
    /** delivered / committed x 100, 2 decimals. */
    percentOfCommitment: number | null;
    behindPlan: boolean;
    /** plan to date - delivered, when behind plan. */
    shortfall: Quantity | null;
    shortfallValue: Money | null;
    /** Returned, but the supplier never committed to it: listed, flagged, never counted in the totals. */
    uncommitted: boolean;
    /** A reporting metric (`after award quarterly`): reported, never committed or counted in the totals; null for a commitment. */
    reportingFrequency: 'monthly' | 'quarterly' | 'annually' | null;
    returns: ReturnLine[];
}

export interface ValueTotals {
    committedValue: Money;
    planToDateValue: Money;
    deliveredValue: Money;
    /** delivered / plan to date x 100 (in £), 2 decimals; null when nothing is planned yet. */
    percentOfPlan: number | null;
}

export interface ThemeDelivery extends ValueTotals {
    theme: string | null;
    measures: number;
    measuresBehindPlan: number;
}

export interface ReportWarning {
    code: 'uncommitted-measure' | 'returns-after-as-of';
    /** The measure concerned; null for a warning about periods. */
    measure: string | null;
    message: string;
}

/** A contract's delivery report (schemas/delivery-report.schema.json). */
export interface DeliveryReport {
    contract: {
        id: string | null;
        supplier: string;
        start: string;
        end: string;
        durationMonths: number;
    };
    /** The date the plan is measured at: --as-of, else the end of the last return; null when there are no returns. */
    asOf: string | null;
    /** Share of the contract's months elapsed at asOf, in percent (2 decimals). */
    elapsedPercent: number;
    measures: MeasureDelivery[];
    themes: ThemeDelivery[];
    /** The social value statement: £ delivered to date by theme and in all, and what was committed. */
    statement: ValueTotals & { byTheme: Array<{ theme: string | null; deliveredValue: Money }> };
    periods: Array<{ start: string; end: string; deliveredValue: Money }>;
    warnings: ReportWarning[];
}

export interface DeliveryReportOptions {
    /** ISO date; default: the end of the last return. */
    asOf?: string;
    /** ISO date the contract started. */
    contractStart: string;
    durationMonths: number;
    contractId?: string | null;
}

/** Exact figures behind a report, for the portfolio's totals (rounded only when emitted). */
export interface DeliveryFigures {
    committedValue: DecimalType;
    planToDateValue: DecimalType;
    deliveredValue: DecimalType;
    byTheme: Map<string | null, { committed: DecimalType; plan: DecimalType; delivered: DecimalType; measures: number; behind: number }>;
    /** £ delivered per period (the period's end day -> value). */
    byPeriodEnd: Array<{ endDay: number; value: DecimalType }>;
    behindPlan: Array<{ measure: string; shortfall: Quantity; shortfallValue: Money | null }>;
}

const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

function quantityJson(value: DecimalType, measure: ReportMeasure): Quantity {
    return measure.kind === 'money' ? moneyString(value) : exactNumber(value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
}

/**
 * Percentages are shown to 2 decimals: 34 significant digits (decimal128's) are far more
 * than that needs, and a division at the model's 200 digits costs twice as much (a
 * portfolio works out about 100,000 of them).
 */
const PercentDecimal = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP });

function percent(part: DecimalType, whole: DecimalType): number | null {
    if (whole.isZero()) return null;
    const ratio = new PercentDecimal(part).times(100).div(new PercentDecimal(whole));
    return exactNumber(ratio.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString());
}

/**
 * Compares a supplier's commitments with its returns, measure by measure, theme by theme:
 * committed vs delivered in units and £ (delivered x the proxy's net value per unit,
 * exact, rounded once at output), against the pro-rata plan (committed x the elapsed share
 * of the contract at `asOf`), with the measures behind plan and the social value
 * statement (£ delivered by theme). Returns for measures never committed are flagged and
 * left out of the totals. Throws ReportInputError for a return that names a measure the
 * rubric does not have, lacks a quantity, or falls outside the contract's term.
 */
export function buildDeliveryReport(
    measures: Map<string, ReportMeasure>,
    commitments: Commitments,
    returns: DeliveryReturns,
    options: DeliveryReportOptions
): DeliveryReport {
    return buildDelivery(measures, commitments, returns, options).report;
}

export function buildDelivery(
    measures: Map<string, ReportMeasure>,
    commitments: Commitments,
    returns: DeliveryReturns,
    options: DeliveryReportOptions,
    detail: { returnLines: boolean } = { returnLines: true }
): { report: DeliveryReport; figures: DeliveryFigures } {
    const startDay = dayNumber(options.contractStart);
    if (startDay === undefined) throw new ReportInputError([`the contract start '${options.contractStart}' is not a calendar date written YYYY-MM-DD.`]);
    if (!Number.isInteger(options.durationMonths) || options.durationMonths < 1) {
        throw new ReportInputError([`the contract duration ${options.durationMonths} is not a whole number of months of 1 or more.`]);
    }
    const endDay = addMonths(startDay, options.durationMonths) - 1;
    const problems: string[] = [];
    for (const period of returns.periods) {
        if (period.startDay < startDay) problems.push(`${period.where}: the period ${period.start} to ${period.end} starts before the contract does (${options.contractStart}).`);
        else if (period.endDay > endDay) problems.push(`${period.where}: the period ${period.start} to ${period.end} ends after the contract does (${isoDate(endDay)}, ${options.durationMonths} months from ${options.contractStart}).`);
        for (const figure of period.figures) {
            const measure = measures.get(figure.measure);
            if (!measure) problems.push(`${figure.where}: '${figure.measure}' is not a measure of the rubric; check the code.`);
            else if (figure.delivered === null && measure.kind !== 'text') problems.push(`${figure.where}: no quantity delivered for ${figure.measure}; write 0 when nothing was delivered.`);
        }
    }
    let asOfDay: number | undefined;
    if (options.asOf !== undefined) {
        asOfDay = dayNumber(options.asOf);
        if (asOfDay === undefined) problems.push(`the as-of date '${options.asOf}' is not a calendar date written YYYY-MM-DD.`);
    } else if (returns.periods.length > 0) {
        asOfDay = Math.max(...returns.periods.map(period => period.endDay));
    }
    if (problems.length > 0) throw new ReportInputError(problems);
    const warnings: ReportWarning[] = [];
    // As of a date, only the periods that have ended by then count: later returns are left out, and said to be.
    const later = options.asOf === undefined ? [] : returns.periods.filter(period => period.endDay > asOfDay!);
    if (later.length > 0) {
        warnings.push({
            code: 'returns-after-as-of',
            measure: null,
            message: `${later.length === 1 ? '1 return period ends' : `${later.length} return periods end`} after the as-of date ${options.asOf} and ${later.length === 1 ? 'is' : 'are'} left out (${later.map(period => `${period.start} to ${period.end}, at ${period.where}`).join('; ')}).`
        });
        returns = { ...returns, periods: returns.periods.filter(period => period.endDay <= asOfDay!) };
    }

    const [wholeMonths, days, monthLength] = asOfDay === undefined ? [0, 0, 1] : elapsedMonths(startDay, asOfDay);
    const duration = new Decimal(options.durationMonths);
    // The elapsed months as a fraction elapsedParts / monthLength, so that the plan (committed x
    // elapsed / duration) is divided once, at the end, and behind-plan tests compare exactly.
    const elapsedParts = Decimal.min(new Decimal(wholeMonths).times(monthLength).plus(days), duration.times(monthLength));
    const contractParts = duration.times(monthLength);
    const share = elapsedParts.div(contractParts);
    const years = duration.div(12);

    // Returns per measure, in date order (periods are sorted).
    const returned = new Map<string, Array<{ period: DeliveryReturns['periods'][number]; delivered: DecimalType | null; evidence: string | null; where: string }>>();
    for (const period of returns.periods) {
        for (const figure of period.figures) {
            let list = returned.get(figure.measure);
            if (!list) returned.set(figure.measure, list = []);
            list.push({ period, delivered: figure.delivered, evidence: figure.evidence, where: figure.where });
        }
    }

    /** The drop-off factor of the contract year a day falls in: (1 - dropOff)^(year - 1). */
    const yearOf = (day: number) => {
        let year = 1;
        while (addMonths(startDay, 12 * year) <= day) year++;
        return year;
    };

    const figures: DeliveryFigures = { committedValue: ZERO, planToDateValue: ZERO, deliveredValue: ZERO, byTheme: new Map(), byPeriodEnd: [], behindPlan: [] };
    const periodValues = new Map<DeliveryReturns['periods'][number], { start: string; end: string; endDay: number; value: DecimalType }>();
    for (const period of returns.periods) periodValues.set(period, { start: period.start, end: period.end, endDay: period.endDay, value: ZERO });
    const lines: MeasureDelivery[] = [];
    // Reporting metrics are reported whether or not there are returns for them yet: monitoring asks for them.
    const metrics = [...measures.values()].filter(measure => measure.reportingFrequency !== null && !commitments.quantities.has(measure.code)).map(measure => measure.code);
    const listed = new Set([...commitments.quantities.keys(), ...metrics]);
    const codes = [...listed, ...[...returned.keys()].filter(code => !listed.has(code)).sort()];
    for (const code of codes) {
        const measure = measures.get(code)!;
        const committedQuantity = commitments.quantities.get(code);
        const metric = measure.reportingFrequency !== null;
        const uncommitted = !commitments.quantities.has(code) && !metric;
        const entries = returned.get(code) ?? [];
        const net = measure.recordOnly || measure.kind === 'percentage' ? null : measure.netValuePerUnit;
        const dropOff = measure.multiYear && measure.dropOff !== null ? measure.dropOff : ZERO;
        const factorOf = (day: number) => dropOff.isZero() ? new Decimal(1) : new Decimal(1).minus(dropOff).pow(yearOf(day) - 1);
        const returnLines: ReturnLine[] = [];
        let delivered: DecimalType | null = measure.kind === 'text' ? null : ZERO;
        let deliveredValue: DecimalType | null = net === null ? null : ZERO;
        const oneFactor = dropOff.isZero();
        for (const entry of entries) {
            let value: DecimalType | null = null;
            if (entry.delivered !== null && measure.kind !== 'text') {
                delivered = measure.kind === 'percentage' ? entry.delivered : delivered!.plus(entry.delivered);
                if (net !== null) {
                    value = oneFactor ? entry.delivered.times(net) : entry.delivered.times(net).times(factorOf(entry.period.startDay));
                    // Without drop-off the measure's value is worked out once, from the total (below).
                    if (!oneFactor) deliveredValue = deliveredValue!.plus(value);
                    if (!uncommitted) {
                        const bucket = periodValues.get(entry.period)!;
                        bucket.value = bucket.value.plus(value);
                    }
                }
            }
            if (detail.returnLines) {
                returnLines.push({
                    periodStart: entry.period.start,
                    periodEnd: entry.period.end,
                    delivered: entry.delivered === null || measure.kind === 'text' ? null : quantityJson(entry.delivered, measure),
                    deliveredValue: value === null ? null : moneyString(value),
                    evidence: entry.evidence
                });
            }
        }
        if (oneFactor && net !== null && delivered !== null) deliveredValue = delivered.times(net);
        let committed: DecimalType | null = null;
        let committedValue: DecimalType | null = null;
        let plan: DecimalType | null = null;
        let planValue: DecimalType | null = null;
        // plan = numerator / denominator, exactly: behind plan is delivered x denominator < numerator.
        let planBasis: { numerator: DecimalType; denominator: DecimalType } | null = null;
        if (!uncommitted && committedQuantity !== null && committedQuantity !== undefined) {
            if (measure.kind === 'percentage') {
                committed = plan = committedQuantity;
                planBasis = { numerator: committedQuantity, denominator: new Decimal(1) };
            } else if (measure.multiYear) {
                committed = committedQuantity.times(years);
                plan = committedQuantity.times(elapsedParts).div(monthLength * 12);
                planBasis = { numerator: committedQuantity.times(elapsedParts), denominator: new Decimal(monthLength * 12) };
                if (net !== null) {
                    committedValue = ZERO;
                    planValue = ZERO;
                    // Year by year with the drop-off; a final part year counts pro rata.
                    for (let year = 1; new Decimal(12 * (year - 1)).lessThan(duration); year++) {
                        const yearly = committedQuantity.times(net).times(new Decimal(1).minus(dropOff).pow(year - 1));
                        const inContract = Decimal.min(duration.minus(12 * (year - 1)), 12);
                        const inElapsedParts = Decimal.max(Decimal.min(elapsedParts.minus(12 * (year - 1) * monthLength), 12 * monthLength), 0);
                        committedValue = committedValue.plus(yearly.times(inContract).div(12));
                        planValue = planValue.plus(yearly.times(inElapsedParts).div(12 * monthLength));
                    }
                }
            } else {
                committed = committedQuantity;
                plan = committedQuantity.times(elapsedParts).div(contractParts);
                planBasis = { numerator: committedQuantity.times(elapsedParts), denominator: contractParts };
                if (net !== null) {
                    committedValue = committed.times(net);
                    planValue = committedQuantity.times(net).times(elapsedParts).div(contractParts);
                }
            }
        }
        const behind = planBasis !== null && delivered !== null && delivered.times(planBasis.denominator).lessThan(planBasis.numerator);
        const shortfall = behind ? plan!.minus(delivered!) : null;
        const shortfallValue = behind && planValue !== null ? planValue.minus(deliveredValue!) : null;
        if (uncommitted) {
            const total = delivered === null ? 'a statement' : measure.kind === 'money' ? formatPounds(delivered, { pence: 'always' }) : `${quantityJson(delivered, measure)} ${measure.unit}`;
            warnings.push({
                code: 'uncommitted-measure',
                measure: code,
                message: `${code} was returned (${total}${deliveredValue === null ? '' : `, worth ${formatPounds(deliveredValue, { pence: 'always' })}`}, first at ${entries[0]!.where}) but the supplier never committed to it: it is listed and flagged, and not counted in the totals.`
            });
        } else if (net !== null) {
            figures.committedValue = figures.committedValue.plus(committedValue ?? ZERO);
            figures.planToDateValue = figures.planToDateValue.plus(planValue ?? ZERO);
            figures.deliveredValue = figures.deliveredValue.plus(deliveredValue!);
        }
        if (!uncommitted && !metric) {
            let theme = figures.byTheme.get(measure.theme);
            if (!theme) figures.byTheme.set(measure.theme, theme = { committed: ZERO, plan: ZERO, delivered: ZERO, measures: 0, behind: 0 });
            theme.measures++;
            if (behind) theme.behind++;
            if (net !== null) {
                theme.committed = theme.committed.plus(committedValue ?? ZERO);
                theme.plan = theme.plan.plus(planValue ?? ZERO);
                theme.delivered = theme.delivered.plus(deliveredValue!);
            }
            if (behind) figures.behindPlan.push({ measure: code, shortfall: quantityJson(shortfall!, measure), shortfallValue: shortfallValue === null ? null : moneyString(shortfallValue) });
        }
        lines.push({
            measure: code,
            title: measure.title,
            theme: measure.theme,
            unit: measure.unit,
            recordOnly: measure.recordOnly,
            multiYear: measure.multiYear,
            netValuePerUnit: net === null ? null : moneyString(net),
            committed: committed === null ? null : quantityJson(committed, measure),
            committedValue: committedValue === null ? null : moneyString(committedValue),
            planToDate: plan === null ? null : quantityJson(plan, measure),
            planToDateValue: planValue === null ? null : moneyString(planValue),
            delivered: delivered === null ? null : quantityJson(delivered, measure),
            deliveredValue: deliveredValue === null ? null : moneyString(deliveredValue),
            percentOfPlan: plan === null || delivered === null ? null : percent(delivered, plan),
            percentOfCommitment: committed === null || delivered === null ? null : percent(delivered, committed),
            behindPlan: behind,
            shortfall: shortfall === null ? null : quantityJson(shortfall, measure),
            shortfallValue: shortfallValue === null ? null : moneyString(shortfallValue),
            uncommitted,
            reportingFrequency: measure.reportingFrequency,
            returns: returnLines
        });
    }
    figures.byPeriodEnd = [...periodValues.values()].map(period => ({ endDay: period.endDay, value: period.value }));
    const themes: ThemeDelivery[] = [...figures.byTheme.entries()].map(([theme, totals]) => ({
        theme,
        measures: totals.measures,
        measuresBehindPlan: totals.behind,
        ...valueTotals(totals.committed, totals.plan, totals.delivered)
    }));
    const report: DeliveryReport = {
        contract: { id: options.contractId ?? returns.contract ?? null, supplier: commitments.supplier, start: options.contractStart, end: isoDate(endDay), durationMonths: options.durationMonths },
        asOf: asOfDay === undefined ? null : isoDate(asOfDay),
        elapsedPercent: exactNumber(share.times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
        measures: lines,
        themes,
        statement: {
            ...valueTotals(figures.committedValue, figures.planToDateValue, figures.deliveredValue),
            byTheme: themes.map(theme => ({ theme: theme.theme, deliveredValue: theme.deliveredValue }))
        },
        periods: [...periodValues.values()].map(period => ({ start: period.start, end: period.end, deliveredValue: moneyString(period.value) })),
        warnings
    };
    return { report, figures };
}

export function valueTotals(committed: DecimalType, plan: DecimalType, delivered: DecimalType): ValueTotals {
    return {
        committedValue: moneyString(committed),
        planToDateValue: moneyString(plan),
        deliveredValue: moneyString(delivered),
        percentOfPlan: percent(delivered, plan)
    };
}
