import { Decimal, moneyString, type Decimal as DecimalType } from '../../model/amounts.js';
import { financialQuarter } from './calendar.js';
import { valueTotals, type DeliveryFigures, type DeliveryReport, type Money, type Quantity, type ValueTotals } from './delivery-report.js';
import type { ContractRecord } from './report-input.js';

/** One contract of a portfolio, reported: its folder, its contract.json and its delivery report. */
export interface PortfolioContract {
    folder: string;
    record: ContractRecord;
    report: DeliveryReport;
    figures: DeliveryFigures;
}

/** A contract folder that could not be reported, and why (each problem one line, with its file). */
export interface BrokenContract {
    folder: string;
    problems: string[];
}

export interface ContractSummary extends ValueTotals {
    id: string;
    title: string | null;
    programme: string;
    folder: string;
    supplier: string;
    contractValue: Money | null;
    asOf: string | null;
    elapsedPercent: number;
    behindPlan: boolean;
    measuresBehindPlan: number;
}

/** The portfolio view (schemas/portfolio-report.schema.json). */
export interface PortfolioReport {
    /** --as-of when given, else null (each contract is measured at its own last return). */
    asOf: string | null;
    totals: ValueTotals & { contracts: number; contractsBehindPlan: number; brokenContracts: number };
    byProgramme: Array<ValueTotals & { programme: string; contracts: number; contractsBehindPlan: number; contractValue: Money }>;
    byTheme: Array<ValueTotals & { theme: string | null }>;
    /** £ delivered by UK financial-year quarter (April to June is Q1) of each return period's end. */
    byPeriod: Array<{ period: string; deliveredValue: Money; contracts: number }>;
    contracts: ContractSummary[];
    behindPlan: Array<{ id: string; title: string | null; programme: string; folder: string; planToDateValue: Money; deliveredValue: Money; percentOfPlan: number | null; measures: Array<{ measure: string; shortfall: Quantity; shortfallValue: Money | null }> }>;
    warnings: Array<{ contract: string; message: string }>;
    broken: BrokenContract[];
}

const ZERO = new Decimal(0);

interface Sums { committed: DecimalType; plan: DecimalType; delivered: DecimalType }
const sums = (): Sums => ({ committed: ZERO, plan: ZERO, delivered: ZERO });
const add = (into: Sums, committed: DecimalType, plan: DecimalType, delivered: DecimalType) => {
    into.committed = into.committed.plus(committed);
    into.plan = into.plan.plus(plan);
    into.delivered = into.delivered.plus(delivered);
};
const compareText = (a: string | null, b: string | null) => a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/**
 * Totals over many contracts (an LEP's Growth Deal, City Deal and business-support
 * programmes): by programme, theme and financial quarter, with the contracts behind plan.
 * Exact sums of each contract's exact figures, rounded once here. Contracts are listed in
 * folder order; broken folders are listed with their problems and counted nowhere else.
 */
export function buildPortfolioReport(contracts: PortfolioContract[], broken: BrokenContract[], asOf: string | null = null): PortfolioReport {
    const ordered = [...contracts].sort((a, b) => compareText(a.folder, b.folder));
    const total = sums();
    const programmes = new Map<string, Sums & { contracts: number; behind: number; value: DecimalType }>();
    const themes = new Map<string | null, Sums>();
    const periods = new Map<string, { value: DecimalType; contracts: Set<string> }>();
    const summaries: ContractSummary[] = [];
    const behindPlan: PortfolioReport['behindPlan'] = [];
    const warnings: PortfolioReport['warnings'] = [];
    for (const contract of ordered) {
        const { figures, report, record } = contract;
        const id = record.id ?? contract.folder;
        const programme = record.programme ?? '(no programme)';
        add(total, figures.committedValue, figures.planToDateValue, figures.deliveredValue);
        let inProgramme = programmes.get(programme);
        if (!inProgramme) programmes.set(programme, inProgramme = { ...sums(), contracts: 0, behind: 0, value: ZERO });
        add(inProgramme, figures.committedValue, figures.planToDateValue, figures.deliveredValue);
        inProgramme.contracts++;
        inProgramme.value = inProgramme.value.plus(record.contractValue ?? ZERO);
        const isBehind = figures.behindPlan.length > 0;
        if (isBehind) inProgramme.behind++;
        for (const [theme, totals] of figures.byTheme) {
            let inTheme = themes.get(theme);
            if (!inTheme) themes.set(theme, inTheme = sums());
            add(inTheme, totals.committed, totals.plan, totals.delivered);
        }
        for (const period of figures.byPeriodEnd) {
            const key = financialQuarter(period.endDay);
            let inPeriod = periods.get(key);
            if (!inPeriod) periods.set(key, inPeriod = { value: ZERO, contracts: new Set() });
            inPeriod.value = inPeriod.value.plus(period.value);
            inPeriod.contracts.add(contract.folder);
        }
        const totals = valueTotals(figures.committedValue, figures.planToDateValue, figures.deliveredValue);
        summaries.push({
            id, title: record.title, programme, folder: contract.folder, supplier: report.contract.supplier,
            contractValue: record.contractValue === null ? null : moneyString(record.contractValue),
            asOf: report.asOf, elapsedPercent: report.elapsedPercent, ...totals,
            behindPlan: isBehind, measuresBehindPlan: figures.behindPlan.length
        });
        if (isBehind) {
            behindPlan.push({ id, title: record.title, programme, folder: contract.folder, planToDateValue: totals.planToDateValue, deliveredValue: totals.deliveredValue, percentOfPlan: totals.percentOfPlan, measures: figures.behindPlan });
        }
        for (const warning of report.warnings) warnings.push({ contract: id, message: warning.message });
    }
    return {
        asOf,
        totals: { contracts: ordered.length, contractsBehindPlan: behindPlan.length, brokenContracts: broken.length, ...valueTotals(total.committed, total.plan, total.delivered) },
        byProgramme: [...programmes.entries()].sort(([a], [b]) => compareText(a, b)).map(([programme, totals]) => ({
            programme, contracts: totals.contracts, contractsBehindPlan: totals.behind, contractValue: moneyString(totals.value),
            ...valueTotals(totals.committed, totals.plan, totals.delivered)
        })),
        byTheme: [...themes.entries()].sort(([a], [b]) => compareText(a, b)).map(([theme, totals]) => ({ theme, ...valueTotals(totals.committed, totals.plan, totals.delivered) })),
        byPeriod: [...periods.entries()].sort(([a], [b]) => compareText(a, b)).map(([period, totals]) => ({ period, deliveredValue: moneyString(totals.value), contracts: totals.contracts.size })),
        contracts: summaries,
        behindPlan,
        warnings,
        broken: [...broken].sort((a, b) => compareText(a.folder, b.folder))
    };
}
