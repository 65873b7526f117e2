import type { ErrorObject, ValidateFunction } from 'ajv';
import { Decimal, type Decimal as DecimalType } from '../../model/amounts.js';
import { pointer } from '../../model/portal-input-error.js';
import * as generatedValidators from '../generated/schema-validators.js';
import { dayNumber } from './calendar.js';
import { CsvSyntaxError, parseCsv } from './csv-table.js';
import { netValuePerUnit } from '../../model/proxy-value.js';

/**
 * Input `svf report` cannot use. `problems` holds every problem found, one line each,
 * starting with where it is: `returns/q1.json: /periods/0/end: ...` for JSON (a JSON
 * Pointer), `returns/q1.csv:4:17: ...` for CSV (line:column).
 */
export class ReportInputError extends Error {
    override readonly name = 'ReportInputError';

    constructor(readonly problems: string[]) {
        super(problems.join('\n'));
    }
}

const validators = generatedValidators as unknown as Record<'returns' | 'contractRecord', ValidateFunction>;

/** One measure as a delivery report needs it, read from the rubric. */
export interface ReportMeasure {
    code: string;
    title: string | null;
    unit: string;
    kind: 'quantity' | 'money' | 'percentage' | 'text' | 'record';
    recordOnly: boolean;
    /** £ per unit after deadweight, attribution and displacement; null when never valued. */
    netValuePerUnit: DecimalType | null;
    theme: string | null;
    /** The committed quantity is per year of the contract (rubric 1.3.0 `multiYear`). */
    multiYear: boolean;
    /** The proxy's drop-off, a fraction (0.1 for 10%); null without a proxy. */
    dropOff: DecimalType | null;
    /** A reporting metric (rubric 1.4.0 stage after-award): how often it is reported; null for a commitment. */
    reportingFrequency: 'monthly' | 'quarterly' | 'annually' | null;
}

/** A supplier's commitments: its name and the committed quantity per measure code. */
export interface Commitments {
    supplier: string;
    /** Quantities in the measure's unit; text measures commit words, kept as null. */
    quantities: Map<string, DecimalType | null>;
}

/** A contract under monitoring (contract.json), as far as it is known. */
export interface ContractRecord {
    id: string | null;
    title: string | null;
    programme: string | null;
    start: string | null;
    durationMonths: number | null;
    contractValue: DecimalType | null;
}

/** One delivered figure: a measure in a period, with its evidence note and where it was read. */
export interface ReturnedFigure {
    measure: string;
    /** null for text measures (the evidence is the return). */
    delivered: DecimalType | null;
    evidence: string | null;
    /** `file:/periods/0/measures/2` or `file:7:1`, for messages. */
    where: string;
}

export interface ReturnPeriod {
    start: string;
    end: string;
    startDay: number;
    endDay: number;
    /** Where the period is written: `file:/periods/0` or `file:3:1` (its first row). */
    where: string;
    figures: ReturnedFigure[];
}

/** A supplier's returns for one contract, from one or more files, checked and in date order. */
export interface DeliveryReturns {
    contract: string | null;
    supplier: string | null;
    periods: ReturnPeriod[];
}

/** One returns file as written: JSON (returns.schema.json) or CSV. */
export interface ReturnsFile {
    file: string;
    contract: string | null;
    supplier: string | null;
    periods: ReturnPeriod[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DECIMAL = /^\d+(\.\d+)?$/;

function describeAjvError(error: ErrorObject): string {
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
        case 'required': return `'${String(params.missingProperty)}' is missing`;
        case 'additionalProperties': return `unknown field '${String(params.additionalProperty)}'`;
        case 'pattern': return String(params.pattern).includes('[0-9]{4}') ? 'must be an ISO date, YYYY-MM-DD' : 'must be a plain decimal number of zero or more, like 12 or "12500.00"';
        case 'oneOf': return 'must be a number of zero or more, or a plain decimal string like "12500.00"';
        default: return error.message ?? 'is invalid';
    }
}

/** Structure errors from a generated schema validator, one per place, the most useful first. */
function schemaProblems(validate: ValidateFunction, value: unknown, where: string, root = ''): string[] {
    if (validate(value)) return [];
    const byPlace = new Map<string, ErrorObject>();
    for (const error of validate.errors ?? []) {
        const place = error.instancePath;
        const known = byPlace.get(place);
        // Inside a oneOf, the branch errors (type, minimum, pattern) say less than the oneOf itself.
        if (!known || (error.keyword === 'oneOf' && known.keyword !== 'required' && known.keyword !== 'additionalProperties')) byPlace.set(place, error);
    }
    return [...byPlace.entries()].map(([place, error]) => `${where}: ${root}${place || '/'}: ${describeAjvError(error)}.`);
}

/**
 * The measures of a rubric (rubric.json as `svf compile` writes it), with their theme:
 * from `quantitative.measures[].theme` (rubric schema 1.3.0 on), else from the question
 * set's sections when one is given (older rubrics), else none.
 */
export function readRubricMeasures(rubric: unknown, where: string, questionSet?: { value: unknown; path: string }): Map<string, ReportMeasure> {
    const problems: string[] = [];
    const measures = new Map<string, ReportMeasure>();
    const list = isObject(rubric) && isObject(rubric.quantitative) ? rubric.quantitative.measures : undefined;
    if (!Array.isArray(list)) {
        throw new ReportInputError([`${where}: /quantitative/measures: missing; pass the rubric.json that \`svf compile\` wrote.`]);
    }
    const themes = questionSet === undefined ? new Map<string, string>() : themesOfQuestionSet(questionSet.value, questionSet.path);
    list.forEach((item, index) => {
        const at = `${where}: /quantitative/measures/${index}`;
        if (!isObject(item) || typeof item.code !== 'string' || !isObject(item.unit) || typeof item.recordOnly !== 'boolean') {
            problems.push(`${at}: a measure needs a code, a unit and recordOnly; pass the rubric.json that \`svf compile\` wrote.`);
            return;
        }
        const proxy = item.proxy;
        let net: DecimalType | null = null;
        if (isObject(proxy) && !item.recordOnly) {
            if (typeof proxy.netValuePerUnit !== 'string' || !/^-?\d+(\.\d+)?$/.test(proxy.netValuePerUnit)) {
                problems.push(`${at}/proxy/netValuePerUnit: must be money like "19200.00".`);
                return;
            }
            net = exactNetValue(proxy) ?? new Decimal(proxy.netValuePerUnit);
        }
        const theme = typeof item.theme === 'string' ? item.theme : themes.get(item.code) ?? null;
        // A measure answered yes/no, with a choice, a file or words (rubric 1.4.0 answer.type) is reported as text is: its evidence is the return.
        const answerType = isObject(item.answer) ? item.answer.type : undefined;
        const kind = (typeof answerType === 'string' && !['number', 'money', 'percentage'].includes(answerType) ? 'text' : item.unit.kind) as ReportMeasure['kind'];
        measures.set(item.code, {
            code: item.code,
            title: typeof item.title === 'string' ? item.title : null,
            unit: typeof item.unit.label === 'string' ? item.unit.label : String(item.unit.id),
            kind,
            recordOnly: item.recordOnly,
            netValuePerUnit: net,
            theme,
            multiYear: item.multiYear === true,
            dropOff: isObject(proxy) && typeof proxy.dropOff === 'number' ? new Decimal(String(proxy.dropOff)).div(100) : null,
            reportingFrequency: item.stage === 'after-award' && ['monthly', 'quarterly', 'annually'].includes(item.reportingFrequency as string)
                ? item.reportingFrequency as ReportMeasure['reportingFrequency'] : null
        });
    });
    if (problems.length > 0) throw new ReportInputError(problems);
    return measures;
}

/**
 * The proxy's net value per unit, exactly: value x (1 - deadweight) x (1 - attribution) x
 * (1 - displacement), as the scorer computes it (netValuePerUnit is the same, rounded to
 * pence for display). Undefined when the proxy lacks a part.
 */
function exactNetValue(proxy: Json): DecimalType | undefined {
    const parts = [proxy.deadweight, proxy.attribution, proxy.displacement];
    if (typeof proxy.value !== 'string' || !/^\d+(\.\d+)?$/.test(proxy.value) || !parts.every(part => typeof part === 'number' && Number.isFinite(part))) return undefined;
    return netValuePerUnit(proxy.value, String(proxy.deadweight), String(proxy.attribution), String(proxy.displacement));
}

/** Measure code -> theme, from a question set's sections. */
function themesOfQuestionSet(questionSet: unknown, where: string): Map<string, string> {
    const themes = new Map<string, string>();
    const sections = isObject(questionSet) ? questionSet.sections : undefined;
    if (!Array.isArray(sections)) throw new ReportInputError([`${where}: /sections: missing; pass the question-set.json that \`svf compile\` wrote.`]);
    for (const section of sections) {
        if (!isObject(section) || typeof section.theme !== 'string' || !Array.isArray(section.outcomes)) continue;
        for (const outcome of section.outcomes) {
            if (!isObject(outcome) || !Array.isArray(outcome.questions)) continue;
            for (const question of outcome.questions) if (typeof question === 'string') themes.set(question, section.theme);
        }
    }
    return themes;
}

/**
 * A supplier's commitments: one bid in the bids format (schemas/bids.schema.json,
 * `{ "bids": [ { "bidder", "commitments", ... } ] }` with exactly one bid) or the bid
 * object alone. Every committed measure must be in the rubric; quantities are zero or more.
 */
export function readCommitments(value: unknown, where: string, measures: Map<string, ReportMeasure>): Commitments {
    let bid = value;
    let root = '';
    if (isObject(value) && Array.isArray(value.bids)) {
        if (value.bids.length !== 1) {
            throw new ReportInputError([`${where}: /bids: holds ${value.bids.length} bids; a contract's commitments are the winning bid alone. Keep only the supplier's bid.`]);
        }
        bid = value.bids[0];
        root = '/bids/0';
    }
    if (!isObject(bid) || typeof bid.bidder !== 'string' || bid.bidder === '' || !isObject(bid.commitments)) {
        throw new ReportInputError([`${where}: ${root || '/'}: must be a bid { "bidder": "...", "commitments": { "NT1": 12, ... } }, or { "bids": [ that bid ] }.`]);
    }
    const problems: string[] = [];
    const quantities = new Map<string, DecimalType | null>();
    for (const [code, quantity] of Object.entries(bid.commitments)) {
        const at = `${where}: ${pointer(`${root}/commitments`, code)}`;
        const measure = measures.get(code);
        if (!measure) {
            problems.push(`${at}: '${code}' is not a measure of the rubric; check the code against the rubric's quantitative measures.`);
            continue;
        }
        if (measure.kind === 'text') {
            quantities.set(code, null);
            continue;
        }
        const amount = quantityOf(quantity);
        if (amount === undefined) {
            problems.push(`${at}: ${JSON.stringify(quantity)} is not a quantity; write a number of zero or more, like 12 or "250000.00".`);
            continue;
        }
        quantities.set(code, amount);
    }
    if (problems.length > 0) throw new ReportInputError(problems);
    return { supplier: bid.bidder, quantities };
}

function quantityOf(value: unknown): DecimalType | undefined {
    if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? new Decimal(String(value)) : undefined;
    if (typeof value === 'string' && DECIMAL.test(value)) return new Decimal(value);
    return undefined;
}

/** A contract.json (returns.schema.json#/$defs/contract). */
export function readContractRecord(value: unknown, where: string): ContractRecord {
    const problems = schemaProblems(validators.contractRecord, value, where);
    const record = value as Json;
    if (problems.length === 0 && dayNumber(record.start as string) === undefined) {
        problems.push(`${where}: /start: ${JSON.stringify(record.start)} is not a calendar date.`);
    }
    if (problems.length > 0) throw new ReportInputError(problems);
    return {
        id: record.id as string,
        title: (record.title as string | null | undefined) ?? null,
        programme: (record.programme as string | null | undefined) ?? null,
        start: record.start as string,
        durationMonths: (record.durationMonths as number | undefined) ?? null,
        contractValue: record.contractValue === undefined ? null : quantityOf(record.contractValue) ?? null
    };
}

/** A returns file in JSON (schemas/returns.schema.json). */
export function readReturnsJson(value: unknown, file: string): ReturnsFile {
    const problems = schemaProblems(validators.returns, value, file);
    if (problems.length > 0) throw new ReportInputError(problems);
    const returns = value as { contract: string; supplier: string; periods: Array<{ start: string; end: string; measures: Array<{ measure: string; delivered: number | string | null; evidence?: string | null }> }> };
    const periods = returns.periods.map((period, index) => {
        const where = `${file}:/periods/${index}`;
        const figures = period.measures.map((figure, figureIndex) => ({
            measure: figure.measure,
            delivered: figure.delivered === null ? null : quantityOf(figure.delivered)!,
            evidence: figure.evidence ?? null,
            where: `${where}/measures/${figureIndex}`
        }));
        return checkedPeriod(period.start, period.end, where, `${where}/start`, `${where}/end`, figures, problems);
    });
    if (problems.length > 0) throw new ReportInputError(problems);
    return { file, contract: returns.contract, supplier: returns.supplier, periods: periods.filter(period => period !== undefined) };
}

/** The columns of a CSV returns file, in the order `svf report` writes templates. */
export const RETURNS_CSV_COLUMNS = ['period_start', 'period_end', 'measure', 'delivered', 'evidence'] as const;

/**
 * A returns file in CSV: a header row naming the columns period_start, period_end,
 * measure, delivered and evidence (any order), then one row per measure per period. Rows
 * with the same start and end dates make one period.
 */
export function readReturnsCsv(text: string, file: string): ReturnsFile {
    let rows;
    try {
        rows = parseCsv(text);
    } catch (error) {
        if (error instanceof CsvSyntaxError) throw new ReportInputError([`${file}:${error.line}:${error.column}: ${error.message}`]);
        throw error;
    }
    const [header, ...body] = rows;
    if (!header) throw new ReportInputError([`${file}:1:1: the file is empty; the first line must be the header ${RETURNS_CSV_COLUMNS.join(',')}.`]);
    const problems: string[] = [];
    const column = new Map<string, number>();
    header.forEach((field, index) => {
        const name = field.text.trim().toLowerCase();
        if (!(RETURNS_CSV_COLUMNS as readonly string[]).includes(name)) {
            problems.push(`${file}:${field.line}:${field.column}: unknown column '${field.text}'; the header must be ${RETURNS_CSV_COLUMNS.join(',')}.`);
        } else if (column.has(name)) {
            problems.push(`${file}:${field.line}:${field.column}: the column '${name}' appears twice in the header.`);
        } else {
            column.set(name, index);
        }
    });
    const missing = RETURNS_CSV_COLUMNS.filter(name => !column.has(name));
    if (missing.length > 0) problems.push(`${file}:${header[0]!.line}:1: the header has no column ${missing.map(name => `'${name}'`).join(', ')}; it must be ${RETURNS_CSV_COLUMNS.join(',')}.`);
    if (problems.length > 0) throw new ReportInputError(problems);
    const cell = (row: typeof header, name: string) => row[column.get(name)!]!;
    const byPeriod = new Map<string, { start: string; end: string; where: string; startAt: string; endAt: string; figures: ReturnedFigure[] }>();
    for (const row of body) {
        const at = `${file}:${row[0]!.line}:${row[0]!.column}`;
        if (row.length !== header.length) {
            problems.push(`${at}: this row has ${row.length} fields, but the header has ${header.length}; put a field holding a comma in double quotes.`);
            continue;
        }
        const start = cell(row, 'period_start');
        const end = cell(row, 'period_end');
        const measure = cell(row, 'measure');
        const delivered = cell(row, 'delivered');
        const evidence = cell(row, 'evidence');
        const position = (field: typeof start) => `${file}:${field.line}:${field.column}`;
        if (measure.text.trim() === '') {
            problems.push(`${position(measure)}: the measure code is empty.`);
            continue;
        }
        // Spreadsheets write money as £12,500.00: the £ and thousands commas are allowed. Empty for text measures.
        const deliveredText = delivered.text.trim().replace(/^£/, '').replace(/,/g, '');
        const quantity = DECIMAL.test(deliveredText) ? new Decimal(deliveredText) : null;
        if (quantity === null && deliveredText !== '') {
            problems.push(`${position(delivered)}: '${delivered.text}' is not a quantity; write a number of zero or more, like 12 or 12500.00.`);
            continue;
        }
        const key = `${start.text.trim()}|${end.text.trim()}`;
        let period = byPeriod.get(key);
        if (!period) {
            period = { start: start.text.trim(), end: end.text.trim(), where: at, startAt: position(start), endAt: position(end), figures: [] };
            byPeriod.set(key, period);
        }
        period.figures.push({ measure: measure.text.trim(), delivered: quantity, evidence: evidence.text === '' ? null : evidence.text, where: at });
    }
    const periods = [...byPeriod.values()].map(period => checkedPeriod(period.start, period.end, period.where, period.startAt, period.endAt, period.figures, problems));
    if (problems.length > 0) throw new ReportInputError(problems);
    return { file, contract: null, supplier: null, periods: periods.filter(period => period !== undefined) };
}

function checkedPeriod(start: string, end: string, where: string, startAt: string, endAt: string, figures: ReturnedFigure[], problems: string[]): ReturnPeriod | undefined {
    const startDay = dayNumber(start);
    const endDay = dayNumber(end);
    const before = problems.length;
    if (startDay === undefined) problems.push(`${startAt}: the period start '${start}' is not a calendar date written YYYY-MM-DD.`);
    if (endDay === undefined) problems.push(`${endAt}: the period end '${end}' is not a calendar date written YYYY-MM-DD.`);
    if (startDay !== undefined && endDay !== undefined && endDay < startDay) {
        problems.push(`${endAt}: the period ends (${end}) before it starts (${start}).`);
    }
    const seen = new Map<string, string>();
    for (const figure of figures) {
        const first = seen.get(figure.measure);
        if (first !== undefined) {
            problems.push(`${figure.where}: ${figure.measure} is returned twice for the period ${start} to ${end} (also at ${first}); give one figure per measure per period.`);
        } else {
            seen.set(figure.measure, figure.where);
        }
    }
    if (problems.length > before) return undefined;
    return { start, end, startDay: startDay!, endDay: endDay!, where, figures };
}

/**
 * The returns files of one contract as one set of periods in date order: periods must
 * not repeat (the same dates twice) or overlap, whichever files they are in; the files
 * must name the same contract and supplier as each other and as `expected`.
 */
export function combineReturns(files: ReturnsFile[], expected: { contract: string | null; supplier: string | null }): DeliveryReturns {
    const problems: string[] = [];
    for (const file of files) {
        if (file.contract !== null && expected.contract !== null && file.contract !== expected.contract) {
            problems.push(`${file.file}: /contract: these returns are for contract '${file.contract}', but this is contract '${expected.contract}'.`);
        }
        if (file.supplier !== null && expected.supplier !== null && file.supplier !== expected.supplier) {
            problems.push(`${file.file}: /supplier: these returns are from '${file.supplier}', but the commitments are '${expected.supplier}''s.`);
        }
    }
    const periods = files.flatMap(file => file.periods).sort((a, b) => a.startDay - b.startDay || a.endDay - b.endDay);
    for (let index = 1; index < periods.length; index++) {
        const period = periods[index]!;
        // Any earlier period that reaches this one's start overlaps it (sorted by start).
        for (let earlier = index - 1; earlier >= 0; earlier--) {
            const other = periods[earlier]!;
            if (other.endDay < period.startDay) continue;
            if (other.startDay === period.startDay && other.endDay === period.endDay) {
                problems.push(`${period.where}: the period ${period.start} to ${period.end} is returned twice (also at ${other.where}); put all of a period's figures in one return.`);
            } else {
                problems.push(`${period.where}: the period ${period.start} to ${period.end} overlaps ${other.start} to ${other.end} (at ${other.where}); periods must not overlap.`);
            }
        }
    }
    if (problems.length > 0) throw new ReportInputError(problems);
    const first = files.find(file => file.contract !== null);
    const supplier = files.find(file => file.supplier !== null);
    return { contract: expected.contract ?? first?.contract ?? null, supplier: expected.supplier ?? supplier?.supplier ?? null, periods };
}
