import type { QuestionSet } from '../compiled-framework.js';
import { ANSWER_IN, BIDDER_ROW_ID, CSV_COLUMNS } from './bid-template.js';
import { CsvSyntaxError, parseCsv } from '../report/csv-table.js';
import type { AttachmentAnswer } from '../answer-shapes.js';

/** One bid in the bids format (schemas/bids.schema.json). */
export interface FilledBid {
    bidder: string;
    commitments: Record<string, number | string | boolean | AttachmentAnswer>;
    methodStatements: Record<string, number>;
    gates: Record<string, boolean>;
}

/**
 * A problem with a filled-in bid: `where` is a JSON Pointer into the bid file
 * (`/bids/0/commitments/NT1`) or a CSV line (`line 12`), and the message says what to change.
 */
export interface BidProblem {
    where: string;
    message: string;
}

/** A filled-in bid read from a file, with where each answer was found (for messages). */
export interface ReadBid {
    bid: FilledBid;
    /** Where each answer came from, keyed like a JSON Pointer into the bids format: `/bids/0/commitments/NT1` -> `line 12`. */
    locations: Map<string, string>;
}

export interface ReadBidsResult {
    bids: ReadBid[];
    problems: BidProblem[];
}

const TEMPLATE_ONLY_KEYS = new Set(['$comment', 'questionSet', 'questions']);

/**
 * Reads a filled-in JSON bid: the template `svf bid template` wrote, or a plain bids file.
 * Null answers are dropped (a commitment not chosen; a level the evaluators have not
 * entered); the template's questions and comment are dropped. Shapes it cannot read are
 * problems, never exceptions.
 */
export function readJsonBids(value: unknown): ReadBidsResult {
    const problems: BidProblem[] = [];
    if (!isObject(value)) {
        return { bids: [], problems: [{ where: '', message: 'The bid must be a JSON object with a "bids" list, as `svf bid template` writes it.' }] };
    }
    for (const key of Object.keys(value)) {
        if (key !== 'bids' && !TEMPLATE_ONLY_KEYS.has(key)) {
            problems.push({ where: `/${key}`, message: `unknown key "${key}"; a bid file has "bids" (and, in a template, "$comment", "questionSet" and "questions").` });
        }
    }
    const list = value.bids;
    if (!Array.isArray(list) || list.length === 0) {
        problems.push({ where: '/bids', message: 'must be a list with at least one bid.' });
        return { bids: [], problems };
    }
    const bids: ReadBid[] = [];
    list.forEach((entry, index) => {
        const path = `/bids/${index}`;
        if (!isObject(entry)) {
            problems.push({ where: path, message: `must be an object with "bidder", "commitments", "methodStatements" and "gates".` });
            return;
        }
        const bid: FilledBid = { bidder: '', commitments: {}, methodStatements: {}, gates: {} };
        const locations = new Map<string, string>();
        for (const key of Object.keys(entry)) {
            if (!['bidder', 'commitments', 'methodStatements', 'gates'].includes(key)) {
                problems.push({ where: `${path}/${key}`, message: `unknown key "${key}"; a bid has "bidder", "commitments", "methodStatements" and "gates".` });
            }
        }
        if (typeof entry.bidder === 'string') bid.bidder = entry.bidder;
        else problems.push({ where: `${path}/bidder`, message: `write your organisation's name here, as text.` });
        for (const part of ['commitments', 'methodStatements', 'gates'] as const) {
            const answers = entry[part];
            if (answers === undefined) continue;
            if (!isObject(answers)) {
                problems.push({ where: `${path}/${part}`, message: `must be an object keyed by question id.` });
                continue;
            }
            for (const [id, answer] of Object.entries(answers)) {
                if (answer === null) continue;
                (bid[part] as Record<string, unknown>)[id] = answer;
                locations.set(`/bids/${index}/${part}/${id}`, `/bids/${index}/${part}/${id}`);
            }
        }
        bids.push({ bid, locations });
    });
    return { bids, problems };
}

/**
 * Reads a filled-in CSV bid (the columns `svf bid template --format csv` writes; only
 * `id` and `your answer` are read). Answers are typed by the question set: numbers,
 * money as a decimal string, yes/no for gates, a level for a method statement. Every
 * problem names its line.
 */
export function readCsvBid(text: string, questionSet: QuestionSet): ReadBidsResult {
    let records: Array<{ line: number; fields: string[] }>;
    try {
        records = parseCsv(text).map(row => ({ line: row[0]!.line, fields: row.map(field => field.text) }));
    } catch (error) {
        if (error instanceof CsvSyntaxError) return { bids: [], problems: [{ where: `line ${error.line}`, message: error.message }] };
        throw error;
    }
    const problems: BidProblem[] = [];
    const header = records[0];
    const idColumn = header?.fields.findIndex(field => field.trim().toLowerCase() === 'id') ?? -1;
    const answerColumn = header?.fields.findIndex(field => field.trim().toLowerCase() === 'your answer') ?? -1;
    if (!header || idColumn < 0 || answerColumn < 0) {
        return { bids: [], problems: [{ where: 'line 1', message: `the first line must name the columns (${CSV_COLUMNS.join(', ')}), with at least "id" and "your answer", as \`svf bid template --format csv\` writes it.` }] };
    }
    const questions = new Map(questionSet.questions.map(question => [question.id, question]));
    const bid: FilledBid = { bidder: '', commitments: {}, methodStatements: {}, gates: {} };
    const locations = new Map<string, string>();
    const seen = new Map<string, number>();
    for (const record of records.slice(1)) {
        const where = `line ${record.line}`;
        const id = (record.fields[idColumn] ?? '').trim();
        const answer = (record.fields[answerColumn] ?? '').trim();
        if (seen.has(id)) {
            problems.push({ where, message: `"${id}" is answered twice (first on line ${seen.get(id)}); keep one row per question.` });
            continue;
        }
        seen.set(id, record.line);
        if (id === BIDDER_ROW_ID) {
            bid.bidder = answer;
            locations.set('/bids/0/bidder', where);
            continue;
        }
        const question = questions.get(id);
        if (!question) {
            if (answer !== '') problems.push({ where, message: `"${id}" is not a question in this question set; answer only the rows \`svf bid template\` wrote.` });
            continue;
        }
        if (answer === '') continue;
        const part = ANSWER_IN[question.kind];
        const pointer = `/bids/0/${part}/${id}`;
        locations.set(pointer, where);
        const typed = csvAnswer(answer, question.kind === 'pass-fail' ? 'yes-no' : question.kind === 'method-statement' ? 'level' : question.answer.type);
        if (typeof typed === 'object' && typed !== null && 'problem' in typed) {
            problems.push({ where, message: `${id}: ${typed.problem}` });
            continue;
        }
        (bid[part] as Record<string, unknown>)[id] = typed;
    }
    if (!locations.has('/bids/0/bidder')) {
        problems.push({ where: 'line 2', message: `add a row with id "${BIDDER_ROW_ID}" and your organisation's name as the answer.` });
    }
    return { bids: [{ bid, locations }], problems };
}

type CsvAnswer = number | string | boolean | AttachmentAnswer | { problem: string };

/** A CSV cell as the bids format writes the answer; money stays an exact decimal string. */
function csvAnswer(cell: string, type: string): CsvAnswer {
    switch (type) {
        case 'yes-no': {
            const answer = cell.toLowerCase();
            if (['yes', 'y', 'true'].includes(answer)) return true;
            if (['no', 'n', 'false'].includes(answer)) return false;
            return { problem: `"${cell}" is not an answer to a pass/fail question; write yes or no.` };
        }
        case 'text':
        case 'choice':
            return cell;
        case 'attachment':
            // A spreadsheet cell holds the file's name; the JSON bid may add its sha256.
            return { name: cell };
        case 'money': {
            const plain = cell.replace(/^£/, '').replace(/,(?=\d{3}(\D|$))/g, '');
            if (!/^-?\d+(\.\d{1,2})?$/.test(plain)) return { problem: `"${cell}" is not an amount of money; write pounds and pence, like 250000 or 250000.00.` };
            const [whole, pence = ''] = plain.split('.');
            return `${whole}.${pence.padEnd(2, '0')}`;
        }
        default: {
            const plain = cell.replace(/%$/, '');
            if (!/^-?\d+(\.\d+)?$/.test(plain)) {
                return { problem: `"${cell}" is not a number; write digits only${type === 'level' ? ' (the level awarded)' : ', in the question\'s unit'}.` };
            }
            return Number(plain);
        }
    }
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
