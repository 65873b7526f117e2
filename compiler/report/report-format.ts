import { formatPounds } from '../../model/amounts.js';
import type { DeliveryReport, Money, Quantity } from './delivery-report.js';
import type { PortfolioReport } from './portfolio-report.js';
import { csvLines } from './csv-table.js';

/**
 * The delivery and portfolio reports as people read them (a table for the terminal) and as
 * spreadsheets read them (CSV): the same figures as the JSON, which is the reference.
 */

const pounds = (money: Money | null) => money === null ? '-' : formatPounds(money, { pence: 'always' });
const units = (quantity: Quantity | null) => quantity === null ? '-' : String(quantity);
const pct = (value: number | null) => value === null ? '-' : `${value}%`;
const themeName = (theme: string | null) => theme ?? '(no theme)';

/** Columns padded to their widest cell; numbers (all but the first `textColumns`) right-aligned. */
function table(rows: string[][], textColumns: number): string[] {
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => (row[column] ?? '').length)));
    return rows.map(row => row.map((cell, column) => column < textColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)).join('  ').trimEnd());
}

export function formatDeliveryTable(report: DeliveryReport): string[] {
    const { contract } = report;
    const lines = [
        `Contract ${contract.id ?? '(no id)'}, ${contract.supplier}: ${contract.start} to ${contract.end} (${contract.durationMonths} months)`,
        report.asOf === null ? 'No returns yet: nothing is planned to date.' : `As of ${report.asOf}: ${report.elapsedPercent}% of the contract elapsed; the plan to date is that share of each commitment.`,
        ''
    ];
    lines.push(...table([
        ['Measure', 'Theme', 'Unit', 'Committed', 'Plan to date', 'Delivered', '% of plan', 'Committed £', 'Plan to date £', 'Delivered £', 'Status'],
        ...report.measures.map(measure => [
            measure.measure, themeName(measure.theme), measure.unit, units(measure.committed), units(measure.planToDate), units(measure.delivered),
            pct(measure.percentOfPlan), pounds(measure.committedValue), pounds(measure.planToDateValue), pounds(measure.deliveredValue),
            measure.reportingFrequency !== null ? `reporting metric (${measure.reportingFrequency})`
                : measure.uncommitted ? 'NOT COMMITTED (not in totals)'
                : measure.behindPlan ? `BEHIND PLAN by ${units(measure.shortfall)}${measure.shortfallValue === null ? '' : ` (${pounds(measure.shortfallValue)})`}`
                    : measure.recordOnly ? 'on plan (record only)' : 'on plan'
        ])
    ], 3));
    lines.push('', ...table([
        ['Theme', 'Measures', 'Behind plan', 'Committed £', 'Plan to date £', 'Delivered £', '% of plan'],
        ...report.themes.map(theme => [themeName(theme.theme), String(theme.measures), String(theme.measuresBehindPlan), pounds(theme.committedValue), pounds(theme.planToDateValue), pounds(theme.deliveredValue), pct(theme.percentOfPlan)])
    ], 1));
    lines.push('', 'Social value statement: delivered to date');
    lines.push(...table([
        ...report.statement.byTheme.map(theme => [`  ${themeName(theme.theme)}`, pounds(theme.deliveredValue)]),
        ['  Total', pounds(report.statement.deliveredValue)]
    ], 1));
    lines.push(`  of ${pounds(report.statement.committedValue)} committed; ${pounds(report.statement.planToDateValue)} planned to date (${pct(report.statement.percentOfPlan)} delivered)`);
    const evidence = report.measures.flatMap(measure => measure.returns.filter(line => line.evidence !== null).map(line => `  ${measure.measure} ${line.periodStart} to ${line.periodEnd}: ${line.evidence}`));
    if (evidence.length > 0) lines.push('', 'Evidence', ...evidence);
    if (report.warnings.length > 0) lines.push('', ...report.warnings.map(warning => `warning: ${warning.message}`));
    return lines;
}

/** One row per measure: the figures, the flags, and the evidence notes as `start..end: note`, separated by ' | '. */
export function formatDeliveryCsv(report: DeliveryReport): string[] {
    return csvLines([
        ['contract', 'measure', 'theme', 'unit', 'committed', 'plan_to_date', 'delivered', 'percent_of_plan', 'committed_value', 'plan_to_date_value', 'delivered_value', 'behind_plan', 'shortfall', 'shortfall_value', 'uncommitted', 'evidence'],
        ...report.measures.map(measure => [
            report.contract.id, measure.measure, measure.theme, measure.unit, measure.committed, measure.planToDate, measure.delivered, measure.percentOfPlan,
            measure.committedValue, measure.planToDateValue, measure.deliveredValue, measure.behindPlan, measure.shortfall, measure.shortfallValue, measure.uncommitted,
            measure.returns.filter(line => line.evidence !== null).map(line => `${line.periodStart}..${line.periodEnd}: ${line.evidence}`).join(' | ')
        ])
    ]);
}

export function formatPortfolioTable(report: PortfolioReport): string[] {
    const { totals } = report;
    const lines = [
        `Portfolio: ${totals.contracts} contracts${totals.brokenContracts > 0 ? ` (${totals.brokenContracts} more could not be read)` : ''}, ${totals.contractsBehindPlan} behind plan${report.asOf === null ? '' : `, as of ${report.asOf}`}`,
        `Social value delivered ${pounds(totals.deliveredValue)} of ${pounds(totals.planToDateValue)} planned to date (${pct(totals.percentOfPlan)}); ${pounds(totals.committedValue)} committed`,
        '',
        ...table([
            ['Programme', 'Contracts', 'Behind plan', 'Contract value', 'Committed £', 'Plan to date £', 'Delivered £', '% of plan'],
            ...report.byProgramme.map(row => [row.programme, String(row.contracts), String(row.contractsBehindPlan), pounds(row.contractValue), pounds(row.committedValue), pounds(row.planToDateValue), pounds(row.deliveredValue), pct(row.percentOfPlan)])
        ], 1),
        '',
        ...table([
            ['Theme', 'Committed £', 'Plan to date £', 'Delivered £', '% of plan'],
            ...report.byTheme.map(row => [themeName(row.theme), pounds(row.committedValue), pounds(row.planToDateValue), pounds(row.deliveredValue), pct(row.percentOfPlan)])
        ], 1),
        '',
        ...table([
            ['Quarter', 'Contracts', 'Delivered £'],
            ...report.byPeriod.map(row => [row.period, String(row.contracts), pounds(row.deliveredValue)])
        ], 1)
    ];
    if (report.behindPlan.length > 0) {
        lines.push('', 'Contracts behind plan');
        for (const contract of report.behindPlan) {
            lines.push(`  ${contract.id}${contract.title === null ? '' : ` "${contract.title}"`} (${contract.programme}): ${pounds(contract.deliveredValue)} of ${pounds(contract.planToDateValue)} planned (${pct(contract.percentOfPlan)}); behind on ${contract.measures.map(measure => `${measure.measure} by ${measure.shortfall}${measure.shortfallValue === null ? '' : ` (${pounds(measure.shortfallValue)})`}`).join(', ')}`);
        }
    }
    if (report.warnings.length > 0) lines.push('', ...report.warnings.map(warning => `warning: ${warning.contract}: ${warning.message}`));
    // Broken folders' problems go to stderr (the CLI), not into the table.
    return lines;
}

/**
 * One CSV for the whole view, a row per total: `section` is total, programme, theme,
 * period (financial quarter) or contract; `name` names the row.
 */
export function formatPortfolioCsv(report: PortfolioReport): string[] {
    const header = ['section', 'name', 'programme', 'contracts', 'committed_value', 'plan_to_date_value', 'delivered_value', 'percent_of_plan', 'behind_plan'];
    const { totals } = report;
    return csvLines([
        header,
        ['total', 'all contracts', null, totals.contracts, totals.committedValue, totals.planToDateValue, totals.deliveredValue, totals.percentOfPlan, totals.contractsBehindPlan],
        ...report.byProgramme.map(row => ['programme', row.programme, row.programme, row.contracts, row.committedValue, row.planToDateValue, row.deliveredValue, row.percentOfPlan, row.contractsBehindPlan]),
        ...report.byTheme.map(row => ['theme', themeName(row.theme), null, null, row.committedValue, row.planToDateValue, row.deliveredValue, row.percentOfPlan, null]),
        ...report.byPeriod.map(row => ['period', row.period, null, row.contracts, null, null, row.deliveredValue, null, null]),
        ...report.contracts.map(row => ['contract', row.id, row.programme, 1, row.committedValue, row.planToDateValue, row.deliveredValue, row.percentOfPlan, row.behindPlan])
    ]);
}
