import { describe, expect, test } from 'vitest';
import { parseCsv, reportContract, ReportInputError, type ContractInputs } from '../../compiler/report/index.js';
import { expectValid, isValid } from '../compiler/schema-assertions.js';
import { bid, contract, questionSet, quarter1, quarter2Csv, rubric } from './report-fixtures.js';

const json = (path: string, value: unknown) => ({ path, text: JSON.stringify(value) });
const header = 'period_start,period_end,measure,delivered,evidence\n';

function problemsOf(overrides: Partial<ContractInputs>, settings = {}): string[] {
    try {
        reportContract({
            rubric: json('rubric.json', rubric),
            questionSet: json('question-set.json', questionSet),
            commitments: json('bid.json', bid),
            contract: json('returns/contract.json', contract),
            returns: [json('returns/q1.json', quarter1)],
            ...overrides
        }, settings);
    } catch (error) {
        if (error instanceof ReportInputError) return error.problems;
        throw error;
    }
    throw new Error('expected the report to refuse its input');
}

describe('parsing CSV as spreadsheets save it', () => {
    const texts = (text: string) => parseCsv(text).map(row => row.map(field => field.text));

    test('quotes, commas, doubled quotes and line breaks inside quotes', () => {
        expect(texts('a,"b, c","say ""hi""","two\nlines"\n')).toEqual([['a', 'b, c', 'say "hi"', 'two\nlines']]);
    });

    test('CRLF line ends, a byte order mark, blank lines and no final line break', () => {
        expect(texts('\ufeffa,b\r\n\r\n1,2\r\n3,"4"')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    });

    test('empty fields, a quoted empty field, and a row of one empty quoted field', () => {
        expect(texts('a,,c\n"",x,\n""\n')).toEqual([['a', '', 'c'], ['', 'x', ''], ['']]);
    });

    test('fields know their line and column, after multi-line fields too', () => {
        const rows = parseCsv('a,"x\ny",b\nc,d\n');
        expect(rows[0]!.map(field => [field.line, field.column])).toEqual([[1, 1], [1, 3], [2, 4]]);
        expect(rows[1]!.map(field => [field.line, field.column])).toEqual([[3, 1], [3, 3]]);
    });

    test('an unclosed quote and text after a closing quote are errors at line:column', () => {
        expect(problemsOf({ returns: [{ path: 'q.csv', text: `${header}2026-04-01,2026-06-30,NT1,1,"never closed\n` }] }))
            .toEqual(['q.csv:2:29: this quoted field is never closed: add the closing double quote (a quote inside a field is written twice, "").']);
        expect(problemsOf({ returns: [{ path: 'q.csv', text: `${header}2026-04-01,2026-06-30,NT1,1,"note"x\n` }] }))
            .toEqual(['q.csv:2:35: text after a closing double quote: quote the whole field, and write a quote inside it twice ("").']);
        expect(problemsOf({ returns: [{ path: 'q.csv', text: `${header}2026-04-01,2026-06-30,NT1,1,a "b"\n` }] }))
            .toEqual(['q.csv:2:31: a double quote inside an unquoted field: put the whole field in double quotes and write the quote twice ("").']);
    });
});

describe('returns are checked before use, every problem with its place', () => {
    test('CSV: header, field counts, dates and quantities', () => {
        expect(problemsOf({ returns: [{ path: 'q.csv', text: 'period_start,period_end,measure,qty,evidence\n' }] })).toEqual([
            "q.csv:1:33: unknown column 'qty'; the header must be period_start,period_end,measure,delivered,evidence.",
            "q.csv:1:1: the header has no column 'delivered'; it must be period_start,period_end,measure,delivered,evidence."
        ]);
        expect(problemsOf({ returns: [{ path: 'q.csv', text: `${header}2026-04-01,2026-06-30,NT1,1,a,b\n2026-04-01,2026-06-31,NT8,-2,\n2026-07-01,2026-06-30,NT22,3,\n` }] })).toEqual([
            'q.csv:2:1: this row has 6 fields, but the header has 5; put a field holding a comma in double quotes.',
            "q.csv:3:27: '-2' is not a quantity; write a number of zero or more, like 12 or 12500.00.",
            'q.csv:4:12: the period ends (2026-06-30) before it starts (2026-07-01).'
        ]);
        expect(problemsOf({ returns: [{ path: 'q.csv', text: `${header}2026-04-01,2026-06-31,NT8,2,\n` }] }))
            .toEqual(["q.csv:2:12: the period end '2026-06-31' is not a calendar date written YYYY-MM-DD."]);
        expect(problemsOf({ returns: [{ path: 'q.csv', text: '' }] }))
            .toEqual(['q.csv:1:1: the file is empty; the first line must be the header period_start,period_end,measure,delivered,evidence.']);
    });

    test('JSON: schema problems by JSON path, all of them', () => {
        const broken = { contract: 'ECC-2026-014', periods: [{ start: '2026-4-1', end: '2026-06-30', measures: [{ measure: 'NT1', delivered: -1, note: 'x' }] }] };
        expect(problemsOf({ returns: [json('q1.json', broken)] })).toEqual([
            "q1.json: /: 'supplier' is missing.",
            'q1.json: /periods/0/start: must be an ISO date, YYYY-MM-DD.',
            "q1.json: /periods/0/measures/0: unknown field 'note'.",
            'q1.json: /periods/0/measures/0/delivered: must be a number of zero or more, or a plain decimal string like "12500.00".'
        ]);
        expect(problemsOf({ returns: [{ path: 'q1.json', text: '{ "contract": ' }] })[0]).toMatch(/^q1\.json: is not valid JSON \(/);
    });

    test('a period repeated in another file is an error naming both', () => {
        const again = `${header}2026-04-01,2026-06-30,NT1,0.25,\n`;
        expect(problemsOf({ returns: [json('returns/q1.json', quarter1), { path: 'returns/q1-again.csv', text: again }] })).toEqual([
            'returns/q1.json:/periods/0: the period 2026-04-01 to 2026-06-30 is returned twice (also at returns/q1-again.csv:2:1); put all of a period\'s figures in one return.'
        ]);
    });

    test('overlapping periods are an error naming both', () => {
        const overlapping = `${header}2026-06-01,2026-08-31,NT1,0.25,\n`;
        expect(problemsOf({ returns: [json('returns/q1.json', quarter1), { path: 'returns/summer.csv', text: overlapping }] })).toEqual([
            'returns/summer.csv:2:1: the period 2026-06-01 to 2026-08-31 overlaps 2026-04-01 to 2026-06-30 (at returns/q1.json:/periods/0); periods must not overlap.'
        ]);
    });

    test('one measure twice in a period is an error naming both', () => {
        const twice = `${header}2026-04-01,2026-06-30,NT1,0.25,\n2026-04-01,2026-06-30,NT1,0.5,\n`;
        expect(problemsOf({ returns: [{ path: 'q.csv', text: twice }] })).toEqual([
            'q.csv:3:1: NT1 is returned twice for the period 2026-04-01 to 2026-06-30 (also at q.csv:2:1); give one figure per measure per period.'
        ]);
    });

    test('a measure the rubric does not have, a missing quantity, and periods outside the contract', () => {
        const text = `${header}2026-01-01,2026-03-31,NT1,1,\n2026-04-01,2026-06-30,XX9,1,\n2026-07-01,2026-09-30,NT8,,\n2028-04-01,2028-06-30,NT1,1,\n`;
        expect(problemsOf({ returns: [{ path: 'q.csv', text }] })).toEqual([
            'q.csv:2:1: the period 2026-01-01 to 2026-03-31 starts before the contract does (2026-04-01).',
            "q.csv:3:1: 'XX9' is not a measure of the rubric; check the code.",
            'q.csv:4:1: no quantity delivered for NT8; write 0 when nothing was delivered.',
            'q.csv:5:1: the period 2028-04-01 to 2028-06-30 ends after the contract does (2028-03-31, 24 months from 2026-04-01).'
        ]);
    });

    test('returns for another contract or from another supplier', () => {
        expect(problemsOf({ returns: [json('q1.json', { ...quarter1, contract: 'OTHER-1', supplier: 'Other Ltd' })] })).toEqual([
            "q1.json: /contract: these returns are for contract 'OTHER-1', but this is contract 'ECC-2026-014'.",
            "q1.json: /supplier: these returns are from 'Other Ltd', but the commitments are 'Acme Construction Ltd''s."
        ]);
    });

    test('commitments: one bid, measures of the rubric, quantities of zero or more', () => {
        expect(problemsOf({ commitments: json('bid.json', { bids: [bid.bids[0], bid.bids[0]] }) }))
            .toEqual(["bid.json: /bids: holds 2 bids; a contract's commitments are the winning bid alone. Keep only the supplier's bid."]);
        expect(problemsOf({ commitments: json('bid.json', { bidder: 'Acme', commitments: { NT1: -1, ZZ1: 2 } }) })).toEqual([
            'bid.json: /commitments/NT1: -1 is not a quantity; write a number of zero or more, like 12 or "250000.00".',
            "bid.json: /commitments/ZZ1: 'ZZ1' is not a measure of the rubric; check the code against the rubric's quantitative measures."
        ]);
    });

    test('the contract start and duration must be known', () => {
        expect(problemsOf({ contract: undefined, rubric: json('rubric.json', { ...rubric, profile: null }) })).toEqual([
            'no contract start date: give --start YYYY-MM-DD or a contract.json with "start".',
            'no contract duration: give --duration MONTHS, a contract.json with "durationMonths", or a rubric tailored to a profile with a duration.'
        ]);
        expect(problemsOf({ contract: json('contract.json', { id: 'X', start: '2026-02-30' }) })).toEqual(['contract.json: /start: "2026-02-30" is not a calendar date.']);
    });

    test('the example files follow returns.schema.json; a broken one does not', () => {
        expectValid('returns.schema.json', quarter1);
        expect(isValid('returns.schema.json', { ...quarter1, periods: [{ start: '2026-04-01', end: '2026-06-30', measures: [{ measure: 'NT1' }] }] })).toBe(false);
        expect(quarter2Csv.startsWith('\ufeff')).toBe(true);
    });
});
