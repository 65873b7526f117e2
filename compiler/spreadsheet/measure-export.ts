import type { Framework } from '../../model/framework.js';
import { MEASURE_COLUMNS, type MeasureRowValues } from './measure-columns.js';
import { moneyLiteral } from './measure-import.js';

/**
 * One row per measure, theme by theme, in the columns `svf import` reads: what a council
 * hands to colleagues who do not use git. A measure whose unit cannot be valued (a
 * percentage, free text, a `record` unit) is written as record only: that is what the layout
 * can say about it. Proxy values are exact, with at least two decimals (`£24,000.00`).
 */
export function measureRowsOf(framework: Pick<Framework, 'themes' | 'units' | 'proxies'>): MeasureRowValues[] {
    const units = new Map(framework.units.map(unit => [unit.id, unit]));
    const proxies = new Map(framework.proxies.map(proxy => [proxy.id, proxy]));
    const rows: MeasureRowValues[] = [];
    for (const theme of framework.themes) {
        for (const outcome of theme.outcomes) {
            for (const measure of outcome.measures) {
                const unit = measure.unit === null ? undefined : units.get(measure.unit);
                const proxy = measure.proxy === null ? undefined : proxies.get(measure.proxy);
                rows.push({
                    theme: theme.title ?? theme.id,
                    outcome: outcome.title ?? outcome.id,
                    code: measure.code,
                    title: measure.title ?? measure.code,
                    unitLabel: unit?.label ?? measure.unit ?? '',
                    proxyValue: proxy ? moneyLiteral(proxy.value) : '',
                    proxySource: proxy?.source ?? '',
                    priceYear: proxy?.ownPriceYear && proxy.priceYear !== null ? String(proxy.priceYear) : '',
                    recordOnly: measure.recordOnly || (unit !== undefined && !unit.monetisable) ? 'yes' : 'no',
                    categories: measure.categories.join(', '),
                    ask: measure.ask ?? '',
                    guidance: measure.guidance ?? '',
                    evidence: measure.evidence ?? '',
                });
            }
        }
    }
    return rows;
}

/** The header row and the rows as lists of cells, in MEASURE_COLUMNS order. */
export function measureTable(rows: readonly MeasureRowValues[]): string[][] {
    return [MEASURE_COLUMNS.map(column => column.header), ...rows.map(row => MEASURE_COLUMNS.map(column => row[column.key]))];
}
