import { AmountError, amountLiteralProblem, Decimal, parseAmount } from '../../model/amounts.js';
import { columnLetter, matchHeaderRow, MEASURE_COLUMNS, type MeasureColumnKey, type MeasureRowValues } from './measure-columns.js';
import { NameAllocator, SVF_ID_PATTERN, SVF_KEYWORDS } from './svf-names.js';

/** A cell as the file reader found it: its text, or why it has none svf can use (a formula without a saved value, a date). */
export type SheetCell = string | { problem: string };

/** A measure list as read from a CSV file or one sheet of a workbook. */
export interface MeasureSheet {
    /** The file as messages name it. */
    file: string;
    /** The worksheet's name; null for a CSV file. */
    sheet: string | null;
    /** The first row that is not empty: the column names. */
    header: string[];
    /** Its number as a spreadsheet shows it (1 unless rows above it are empty). */
    headerRowNumber: number;
    /** The rows after it, with their numbers as a spreadsheet shows them (the header is row 1). */
    rows: Array<{ rowNumber: number; cells: SheetCell[] }>;
}

/** One thing wrong with a row: its number, the column (index, or null for the whole row) and what is wrong. */
export interface RowProblem {
    rowNumber: number;
    column: number | null;
    /** The column's name (`proxy value`), when the problem is in one. */
    columnName: string | null;
    message: string;
}

export type UnitKindGuess = 'quantity' | 'money' | 'percentage' | 'text';

export interface PlannedUnit { name: string; label: string; kind: UnitKindGuess }
export interface PlannedProxy { name: string; value: Decimal; unit: string; source: string | null; priceYear: number | null }
export interface PlannedMeasure {
    code: string;
    title: string;
    unit: string;
    proxy: string | null;
    recordOnly: boolean;
    categories: string[];
    ask: string;
    guidance: string | null;
    evidence: string | null;
}
export interface PlannedOutcome { name: string; title: string; measures: PlannedMeasure[] }
export interface PlannedTheme { name: string; title: string; outcomes: PlannedOutcome[] }

/** What the imported framework declares, in first-seen order. */
export interface ImportPlan {
    units: PlannedUnit[];
    proxies: PlannedProxy[];
    themes: PlannedTheme[];
    /** Categories besides goods, services and works (declared in a `profile` block). */
    extraCategories: string[];
    /** The latest proxy price year, for the framework's default. */
    latestPriceYear: number | null;
    measureCount: number;
}

export interface MeasureImport {
    /** Null when the header row is unusable, or a row is bad and bad rows are not skipped, or no row is left. */
    plan: ImportPlan | null;
    /** Problems with the header row (the file cannot be read as a measure list at all). */
    headerProblems: Array<{ column: number | null; message: string }>;
    /** Every problem of every row, in row order. */
    problems: RowProblem[];
    /** With skipBadRows: the rows left out (each has problems above). */
    skippedRows: number[];
}

export interface MeasureImportOptions {
    /** Leave out bad rows instead of refusing the whole list. */
    skipBadRows: boolean;
    /** The current year: price years after it are refused (as `svf check` does). */
    currentYear: number;
}

/** The earliest price year `svf check` accepts (language/validation/header-checks.ts). */
const EARLIEST_PRICE_YEAR = 1990;
const STANDARD_CATEGORIES = ['goods', 'services', 'works'];
const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '']);
/**
 * Characters refused in texts: control characters other than tab and line breaks, and the
 * invisible and bidirectional-control characters `svf check` warns about in .svf texts.
 */
const REFUSED_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/**
 * Reads a measure list into the plan of a framework: each row checked (every problem found,
 * with its row and column), units and proxies shared where rows agree, names derived from
 * titles. Pure: the caller reads the file and writes the result.
 */
export function planMeasureImport(sheet: MeasureSheet, options: MeasureImportOptions): MeasureImport {
    const header = matchHeaderRow(sheet.header);
    if (!header.ok) return { plan: null, headerProblems: header.problems, problems: [], skippedRows: [] };
    const checked = sheet.rows
        .map(row => ({ rowNumber: row.rowNumber, cells: row.cells }))
        .filter(row => row.cells.some(cell => typeof cell !== 'string' || cell.trim() !== ''))
        .map(row => checkRow(row.rowNumber, row.cells, header.indexes, options));
    // Codes are unique: a later row repeating one is the bad one.
    const firstRowOfCode = new Map<string, number>();
    for (const row of checked) {
        if (row.code === undefined) continue;
        const first = firstRowOfCode.get(row.code);
        if (first === undefined) {
            firstRowOfCode.set(row.code, row.rowNumber);
        } else {
            row.problems.push(problem(row.rowNumber, header.indexes, 'code', `${row.code} is already the code of row ${first}; each measure needs its own code.`));
        }
    }
    for (const row of checked) row.problems.sort((a, b) => (a.column ?? -1) - (b.column ?? -1));
    const problems = checked.flatMap(row => row.problems);
    const bad = checked.filter(row => row.problems.length > 0 || !row.values);
    if (bad.length > 0 && !options.skipBadRows) return { plan: null, headerProblems: [], problems, skippedRows: [] };
    const good = checked.filter(row => row.problems.length === 0 && row.values).map(row => row.values!);
    return {
        plan: good.length > 0 ? buildPlan(good) : null,
        headerProblems: [],
        problems,
        skippedRows: bad.map(row => row.rowNumber),
    };
}

/** `measures.xlsx: sheet "Measures", row 7, column F (proxy value): ...` */
export function describeRowProblem(sheet: Pick<MeasureSheet, 'file' | 'sheet'>, problem: RowProblem): string {
    const column = problem.column === null ? '' : `, column ${columnLetter(problem.column)}${problem.columnName ? ` (${problem.columnName})` : ''}`;
    return `${placeOf(sheet)}, row ${problem.rowNumber}${column}: ${problem.message}`;
}

/** A header row problem, as describeRowProblem words row problems. */
export function describeHeaderProblem(sheet: Pick<MeasureSheet, 'file' | 'sheet' | 'headerRowNumber'>, problem: { column: number | null; message: string }): string {
    return `${placeOf(sheet)}, row ${sheet.headerRowNumber}${problem.column === null ? '' : `, column ${columnLetter(problem.column)}`}: ${problem.message}`;
}

function placeOf(sheet: Pick<MeasureSheet, 'file' | 'sheet'>): string {
    return sheet.sheet === null ? sheet.file : `${sheet.file}: sheet "${sheet.sheet}"`;
}

/** A row's values, normalised: what buildPlan needs. */
interface RowValues {
    theme: string;
    outcome: string;
    code: string;
    title: string;
    unitLabel: string;
    unitKind: UnitKindGuess;
    proxy: { value: Decimal; source: string | null; priceYear: number | null } | null;
    recordOnly: boolean;
    categories: string[];
    ask: string;
    guidance: string | null;
    evidence: string | null;
}

interface CheckedRow {
    rowNumber: number;
    /** The row's code when it is one (checked for repeats even in a row with other problems). */
    code: string | undefined;
    values: RowValues | undefined;
    problems: RowProblem[];
}

function problem(rowNumber: number, indexes: Partial<Record<MeasureColumnKey, number>>, key: MeasureColumnKey, message: string): RowProblem {
    const column = MEASURE_COLUMNS.find(c => c.key === key)!;
    return { rowNumber, column: indexes[key] ?? null, columnName: column.header.toLowerCase(), message };
}

function checkRow(rowNumber: number, cells: SheetCell[], indexes: Partial<Record<MeasureColumnKey, number>>, options: MeasureImportOptions): CheckedRow {
    const problems: RowProblem[] = [];
    const report = (key: MeasureColumnKey, message: string) => problems.push(problem(rowNumber, indexes, key, message));
    const raw = {} as MeasureRowValues;
    for (const column of MEASURE_COLUMNS) {
        const index = indexes[column.key];
        const cell = index === undefined ? '' : cells[index] ?? '';
        if (typeof cell !== 'string') {
            report(column.key, cell.problem);
            raw[column.key] = '';
            continue;
        }
        // Line breaks inside a cell are kept, as \n; a Windows \r\n is one break.
        const text = cell.replace(/\r\n?/g, '\n').trim();
        const refused = REFUSED_CHARACTER.exec(text);
        if (refused) {
            report(column.key, `the text has an invisible or control character (U+${refused[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at character ${refused.index + 1}. Delete it: it would reach the published questions unseen.`);
            raw[column.key] = '';
            continue;
        }
        raw[column.key] = text;
    }
    const required = (key: MeasureColumnKey, what: string) => {
        if (raw[key] === '' && !problems.some(p => p.columnName === MEASURE_COLUMNS.find(c => c.key === key)!.header.toLowerCase())) {
            report(key, `is empty; every measure needs ${what}.`);
        }
    };
    required('theme', 'the title of its theme');
    required('outcome', 'the title of its outcome');
    required('code', 'a code (e.g. NT1), unique in the list');
    required('title', 'a title');
    required('unitLabel', 'the label of its unit (e.g. no. people FTE, £, %)');
    required('ask', 'the question asked of bidders');

    const code = raw.code;
    let usableCode: string | undefined;
    if (code !== '' && !SVF_ID_PATTERN.test(code)) {
        const suggestion = code.replace(/[^\w]+/g, '').replace(/^(\d)/, 'M$1');
        report('code', `"${code}" cannot be a measure code: a code starts with a letter and has only letters, digits and _${suggestion && SVF_ID_PATTERN.test(suggestion) ? `; write e.g. ${suggestion}` : ''}.`);
    } else if (SVF_KEYWORDS.has(code)) {
        report('code', `"${code}" is a word of the SVF language, so it cannot be a measure code. Use another code, e.g. ${code.toUpperCase()}1.`);
    } else if (code !== '') {
        usableCode = code;
    }

    const unitKind = guessUnitKind(raw.unitLabel);
    const recordOnly = parseYesNo(raw.recordOnly);
    if (recordOnly === undefined) report('recordOnly', `"${raw.recordOnly}" is not yes or no. Write yes for a measure that is reported but never given a £ value, or no (or leave it empty).`);

    let proxy: RowValues['proxy'] = null;
    if (raw.proxyValue !== '') {
        const value = parseProxyValue(raw.proxyValue);
        if (typeof value === 'string') {
            report('proxyValue', value);
        } else if (recordOnly === true) {
            report('proxyValue', 'the measure is record only, so it is never given a £ value. Remove the proxy value, or write no under Record only.');
        } else if (unitKind === 'percentage' || unitKind === 'text') {
            report('proxyValue', `the measure is answered in "${raw.unitLabel}", a ${unitKind} unit, which cannot be given a £ value per unit. Remove the proxy value and write yes under Record only.`);
        } else {
            proxy = { value, source: raw.proxySource === '' ? null : raw.proxySource, priceYear: null };
        }
    } else {
        if (raw.proxySource !== '') report('proxySource', 'there is a proxy source but no proxy value. Add the £ value of one unit under Proxy value, or empty this cell.');
        if (raw.priceYear !== '') report('priceYear', 'there is a price year but no proxy value. Add the £ value of one unit under Proxy value, or empty this cell.');
        if (recordOnly === false && raw.unitLabel !== '' && (unitKind === 'quantity' || unitKind === 'money')) {
            report('proxyValue', `is empty, but the measure is counted in "${raw.unitLabel}" and is not record only. Give the £ value of one unit (e.g. £16.93), or write yes under Record only.`);
        }
    }
    let priceYear: number | null = null;
    if (raw.priceYear !== '') {
        const year = /^\d{4}$/.test(raw.priceYear) ? Number(raw.priceYear) : undefined;
        if (year === undefined) {
            report('priceYear', `"${raw.priceYear}" is not a year. Write the four-digit year the value is priced in, e.g. ${options.currentYear}.`);
        } else if (year > options.currentYear) {
            report('priceYear', `${year} is in the future (it is now ${options.currentYear}). Use the year the value is priced in, ${options.currentYear} at the latest.`);
        } else if (year < EARLIEST_PRICE_YEAR) {
            report('priceYear', `${year} is before ${EARLIEST_PRICE_YEAR}, which cannot be right for current values. Check the year.`);
        } else {
            priceYear = year;
        }
    }
    if (proxy) proxy.priceYear = priceYear;

    const categories: string[] = [];
    for (const part of raw.categories.split(/[,;]/).map(text => text.trim()).filter(text => text !== '')) {
        const standard = STANDARD_CATEGORIES.find(name => name === part.toLowerCase());
        if (standard) {
            if (!categories.includes(standard)) categories.push(standard);
        } else if (!SVF_ID_PATTERN.test(part) || SVF_KEYWORDS.has(part)) {
            report('categories', `"${part}" is not a category: write goods, services or works, or a one-word name of your own (e.g. grants), separated by commas.`);
        } else if (!categories.includes(part)) {
            categories.push(part);
        }
    }
    if (problems.length > 0) return { rowNumber, code: usableCode, values: undefined, problems };
    return {
        rowNumber,
        code: usableCode,
        problems,
        values: {
            theme: raw.theme, outcome: raw.outcome, code, title: raw.title, unitLabel: raw.unitLabel, unitKind, proxy,
            recordOnly: recordOnly === true, categories, ask: raw.ask,
            guidance: raw.guidance === '' ? null : raw.guidance, evidence: raw.evidence === '' ? null : raw.evidence,
        }
    };
}

/**
 * The kind of a unit, from its label: `£...` is money, `%` a percentage, `free text` text;
 * anything else is counted (a quantity).
 */
export function guessUnitKind(label: string): UnitKindGuess {
    const lower = label.trim().toLowerCase();
    if (lower.startsWith('£')) return 'money';
    if (lower.startsWith('%') || lower === 'percent' || lower === 'percentage') return 'percentage';
    if (lower === 'free text' || lower === 'text') return 'text';
    return 'quantity';
}

function parseYesNo(text: string): boolean | undefined {
    const lower = text.toLowerCase();
    if (YES.has(lower)) return true;
    if (NO.has(lower)) return false;
    return undefined;
}

/** A proxy value as a spreadsheet holds it (`£12.50`, `12.5`, `£1,250`, `2.5k`), or why it is not one. */
function parseProxyValue(text: string): Decimal | string {
    let value: Decimal;
    try {
        value = parseAmount(text);
    } catch (error) {
        if (!(error instanceof AmountError)) throw error;
        return `"${text}" is not an amount; write e.g. £12.50.`;
    }
    if (value.lte(0)) return `"${text}" is not more than £0; a proxy is the £ value of one unit, e.g. £16.93.`;
    const tooLong = amountLiteralProblem(moneyLiteral(value), 'money');
    if (tooLong) return tooLong;
    return value;
}

/** An exact amount as an SVF money literal: `£24,000.00`, `£0.60`, `£0.0125` (at least two decimals, never rounded). */
export function moneyLiteral(value: Decimal): string {
    const fixed = value.decimalPlaces() <= 2 ? value.toFixed(2) : value.toFixed();
    const [whole, fraction] = fixed.split('.');
    return `£${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

function buildPlan(rows: RowValues[]): ImportPlan {
    const unitNames = new NameAllocator('unit');
    const proxyNames = new NameAllocator('proxy');
    const themeNames = new NameAllocator('theme');
    const outcomeNames = new NameAllocator('outcome');
    const units = new Map<string, PlannedUnit>();
    const proxies = new Map<string, PlannedProxy>();
    const themes = new Map<string, PlannedTheme & { byTitle: Map<string, PlannedOutcome> }>();
    const extraCategories: string[] = [];
    let latestPriceYear: number | null = null;
    for (const row of rows) {
        let unit = units.get(row.unitLabel);
        if (!unit) {
            unit = { name: unitNames.nameFor(row.unitLabel === '£' ? 'pounds' : row.unitLabel === '%' ? 'percent' : row.unitLabel), label: row.unitLabel, kind: row.unitKind };
            units.set(row.unitLabel, unit);
        }
        let proxyName: string | null = null;
        if (row.proxy) {
            const key = JSON.stringify([unit.name, row.proxy.value.toString(), row.proxy.source, row.proxy.priceYear]);
            let proxy = proxies.get(key);
            if (!proxy) {
                proxy = { name: proxyNames.nameFor(row.title), value: row.proxy.value, unit: unit.name, source: row.proxy.source, priceYear: row.proxy.priceYear };
                proxies.set(key, proxy);
            }
            proxyName = proxy.name;
            if (row.proxy.priceYear !== null && (latestPriceYear === null || row.proxy.priceYear > latestPriceYear)) latestPriceYear = row.proxy.priceYear;
        }
        let theme = themes.get(row.theme);
        if (!theme) {
            theme = { name: themeNames.nameFor(row.theme), title: row.theme, outcomes: [], byTitle: new Map() };
            themes.set(row.theme, theme);
        }
        let outcome = theme.byTitle.get(row.outcome);
        if (!outcome) {
            outcome = { name: outcomeNames.nameFor(row.outcome), title: row.outcome, measures: [] };
            theme.byTitle.set(row.outcome, outcome);
            theme.outcomes.push(outcome);
        }
        for (const category of row.categories) {
            if (!STANDARD_CATEGORIES.includes(category) && !extraCategories.includes(category)) extraCategories.push(category);
        }
        outcome.measures.push({
            code: row.code, title: row.title, unit: unit.name, proxy: proxyName, recordOnly: row.recordOnly, categories: row.categories,
            ask: row.ask, guidance: row.guidance, evidence: row.evidence,
        });
    }
    return {
        units: [...units.values()],
        proxies: [...proxies.values()],
        themes: [...themes.values()].map(({ name, title, outcomes }) => ({ name, title, outcomes })),
        extraCategories,
        latestPriceYear,
        measureCount: rows.length,
    };
}
