import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
    camelCaseName, columnLetter, describeRowProblem, importedFrameworkText, matchHeaderRow, moneyLiteral, NameAllocator,
    planMeasureImport, SVF_KEYWORDS, type SheetCell
} from '../../compiler/spreadsheet/index.js';
import { Decimal } from '../../model/amounts.js';
import { GOOD_ROWS, HEADER, sheetOf, withCell } from './measure-sheets.js';

const OPTIONS = { skipBadRows: false, currentYear: 2026 };

/** The one message for a list whose only bad row is `cells` (row 2). */
function messagesFor(...rows: SheetCell[][]): string[] {
    const sheet = sheetOf(rows, HEADER, 'Measures');
    const result = planMeasureImport(sheet, OPTIONS);
    expect(result.plan).toBeNull();
    return result.problems.map(problem => describeRowProblem(sheet, problem));
}

describe('planMeasureImport: a good list', () => {
    const result = planMeasureImport(sheetOf(GOOD_ROWS), OPTIONS);
    const plan = result.plan!;

    test('declares each theme, outcome, unit and proxy once, in first-seen order', () => {
        expect(result.problems).toEqual([]);
        expect(plan.themes.map(theme => [theme.name, theme.title, theme.outcomes.map(o => o.name)])).toEqual([
            ['jobs', 'Jobs: local skills and employment', ['moreLocalPeopleEmployment', 'fairerAccessWork']],
            ['environment', 'Environment', ['carbonReduced']],
        ]);
        expect(plan.units.map(unit => [unit.name, unit.label, unit.kind])).toEqual([
            ['peopleFte', 'no. people FTE', 'quantity'], ['tonnesCo2e', 'tonnes CO2e', 'quantity'], ['percent', '%', 'percentage'],
        ]);
        // NT1 and NT2 write £24,000.00 and 24000 with the same source and year: one proxy.
        expect(plan.proxies.map(proxy => [proxy.name, proxy.value.toString(), proxy.unit, proxy.priceYear])).toEqual([
            ['localPeopleEmployed', '24000', 'peopleFte', 2024], ['longTermUnemployedPeople', '31500', 'peopleFte', 2024], ['carbonSaved', '280', 'tonnesCo2e', null],
        ]);
        expect(plan.themes[0]!.outcomes[0]!.measures.map(m => m.proxy)).toEqual(['localPeopleEmployed', 'localPeopleEmployed']);
        expect(plan.extraCategories).toEqual(['grants']);
        expect(plan.latestPriceYear).toBe(2024);
    });

    test('writes the .svf text: texts escaped, line breaks as \\n, the custom category declared', () => {
        const text = importedFrameworkText(plan, { id: 'council', title: 'Council "measures"', version: '1.0.0', currency: 'GBP', priceYear: 2024, sourceFile: 'measures.csv' });
        expect(text).toContain('framework council "Council \\"measures\\"" {');
        expect(text).toContain('profile {\n    categories goods, services, works, grants\n}');
        expect(text).toContain('proxy localPeopleEmployed = £24,000.00 per peopleFte {\n    source "ILLUSTRATIVE after ONS ASHE"\n    priceYear 2024\n}');
        expect(text).toContain('proxy carbonSaved = £280.00 per tonnesCo2e\n');
        expect(text).toContain('            guidance "Unemployed for a year or more,\\nas DWP defines it."');
        expect(text).toContain('        measure NT32 "Zero-emission deliveries" {\n            unit percent\n            record only\n            categories goods\n');
    });
});

describe('planMeasureImport: bad rows, each with its sheet, row and column', () => {
    test.each([
        ['Proxy value', '£12,x', 'column F (proxy value): "£12,x" is not an amount; write e.g. £12.50.'],
        ['Proxy value', '£0', 'column F (proxy value): "£0" is not more than £0'],
        ['Proxy value', '', 'column F (proxy value): is empty, but the measure is counted in "tonnes CO2e" and is not record only.', 3],
        ['Price year', '24', 'column H (price year): "24" is not a year.'],
        ['Price year', '2031', 'column H (price year): 2031 is in the future (it is now 2026).'],
        ['Price year', '1850', 'column H (price year): 1850 is before 1990'],
        ['Record only', 'maybe', 'column I (record only): "maybe" is not yes or no.'],
        ['Record only', 'yes', 'column F (proxy value): the measure is record only, so it is never given a £ value.'],
        ['Unit label', 'free text', 'column F (proxy value): the measure is answered in "free text", a text unit, which cannot be given a £ value per unit.'],
        ['Code', 'NT-1', 'column C (code): "NT-1" cannot be a measure code: a code starts with a letter and has only letters, digits and _; write e.g. NT1.'],
        ['Code', 'measure', 'column C (code): "measure" is a word of the SVF language'],
        ['Code', '', 'column C (code): is empty; every measure needs a code'],
        ['Ask', '', 'column K (ask): is empty; every measure needs the question asked of bidders.'],
        ['Theme', '', 'column A (theme): is empty; every measure needs the title of its theme.'],
        ['Categories', 'goods, mining-x', 'column J (categories): "mining-x" is not a category'],
        ['Title', 'Jobs\u202eevil', 'column D (title): the text has an invisible or control character (U+202E) at character 5.'],
        ['Guidance', 'bell\u0007', 'column L (guidance): the text has an invisible or control character (U+0007)'],
        ['Price year', { problem: 'has a formula with no saved result (...)' }, 'column H (price year): has a formula with no saved result'],
    ])('%s = %j', (column, value, expected, row = 0) => {
        const [message, ...others] = messagesFor(withCell(row as number, column, value as SheetCell));
        expect(others).toEqual([]);
        expect(message).toContain(`measures.xlsx: sheet "Measures", row 2, ${expected}`);
    });

    test('a proxy source or price year without a proxy value', () => {
        const cells = withCell(4, 'Proxy source', 'ONS');
        cells[HEADER.indexOf('Price year')] = '2024';
        expect(messagesFor(cells)).toEqual([
            expect.stringContaining('row 2, column G (proxy source): there is a proxy source but no proxy value.'),
            expect.stringContaining('row 2, column H (price year): there is a price year but no proxy value.'),
        ]);
    });

    test('every problem of every row at once, in row and column order; a repeated code on the later row', () => {
        const messages = messagesFor(GOOD_ROWS[0]!, withCell(1, 'Code', 'NT1'), withCell(2, 'Proxy value', 'lots'), withCell(3, 'Ask', '').map((cell, index) => index === 2 ? 'NT1' : cell));
        expect(messages).toEqual([
            'measures.xlsx: sheet "Measures", row 3, column C (code): NT1 is already the code of row 2; each measure needs its own code.',
            'measures.xlsx: sheet "Measures", row 4, column F (proxy value): "lots" is not an amount; write e.g. £12.50.',
            expect.stringMatching(/^measures\.xlsx: sheet "Measures", row 5, column C \(code\): NT1 is already the code of row 2/),
            'measures.xlsx: sheet "Measures", row 5, column K (ask): is empty; every measure needs the question asked of bidders.',
        ]);
    });

    test('with skipBadRows the good rows are planned and the bad ones listed', () => {
        const result = planMeasureImport(sheetOf([GOOD_ROWS[0]!, withCell(1, 'Proxy value', 'x'), GOOD_ROWS[2]!]), { ...OPTIONS, skipBadRows: true });
        expect(result.skippedRows).toEqual([3]);
        expect(result.plan!.themes.flatMap(t => t.outcomes.flatMap(o => o.measures.map(m => m.code)))).toEqual(['NT1', 'NT3']);
        expect(describeRowProblem(sheetOf([]), result.problems[0]!)).toBe('measures.csv, row 3, column F (proxy value): "x" is not an amount; write e.g. £12.50.');
    });

    test('blank rows are ignored; a list of only blank rows has no plan', () => {
        const result = planMeasureImport(sheetOf([['', '  '], GOOD_ROWS[0]!, []]), OPTIONS);
        expect(result.plan!.measureCount).toBe(1);
        expect(planMeasureImport(sheetOf([['', '']]), OPTIONS).plan).toBeNull();
    });
});

describe('the header row', () => {
    test('names are matched ignoring case, spaces, _ and -; order is free; empty headers are ignored', () => {
        const match = matchHeaderRow(['ASK', 'unit_label', ' Theme ', 'outcome', '', 'code', 'TITLE', 'record-only']);
        expect(match).toEqual({ ok: true, indexes: { ask: 0, unitLabel: 1, theme: 2, outcome: 3, code: 5, title: 6, recordOnly: 7 } });
    });

    test('an unknown, a repeated and a missing column are each reported', () => {
        const match = matchHeaderRow(['Theme', 'Outcome', 'Code', 'Title', 'Notes', 'Theme', 'Ask']);
        expect(match.ok).toBe(false);
        expect(!match.ok && match.problems.map(p => [p.column === null ? null : columnLetter(p.column), p.message])).toEqual([
            ['E', expect.stringContaining('"Notes" is not a column svf knows. Rename it to one of Theme, Outcome, Code')],
            ['F', '"Theme" repeats column A (Theme). Keep one of them.'],
            [null, expect.stringContaining('the header row has no "Unit label" column. Add it')],
        ]);
    });
});

describe('names', () => {
    test('readable camelCase from titles: the part before a colon, filler words dropped, at most four words', () => {
        expect(camelCaseName('Jobs: promote local skills')).toBe('jobs');
        expect(camelCaseName('More local people in employment and training')).toBe('moreLocalPeopleEmployment');
        expect(camelCaseName('no. people FTE')).toBe('peopleFte');
        expect(camelCaseName('2030 net zero')).toBe('n2030NetZero');
        expect(camelCaseName('Économie locale')).toBe('economieLocale');
        expect(camelCaseName('£')).toBeUndefined();
    });

    test('unique within a kind, never a keyword, the same for the same titles', () => {
        const names = new NameAllocator('unit');
        expect(['no. weeks', 'weeks', 'Weeks!', '£', 'text'].map(title => names.nameFor(title))).toEqual(['weeksUnit', 'weeksUnit2', 'weeksUnit3', 'unnamedUnit', 'textUnit']);
    });

    test('SVF_KEYWORDS is every keyword of the grammar', () => {
        const grammar = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'language', 'svf.langium'), 'utf8');
        const keywords = new Set(grammar.split('\n').filter(line => !line.trim().startsWith('//'))
            .flatMap(line => [...line.matchAll(/'([A-Za-z]+)'/g)].map(match => match[1]!)));
        expect([...SVF_KEYWORDS].sort()).toEqual([...keywords].sort());
    });
});

test('money literals are exact, with at least two decimals', () => {
    expect(['24000', '0.6', '16.93', '0.0125', '1250000.5'].map(value => moneyLiteral(new Decimal(value))))
        .toEqual(['£24,000.00', '£0.60', '£16.93', '£0.0125', '£1,250,000.50']);
});
