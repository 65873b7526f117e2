import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, test } from 'vitest';
import {
    importedFrameworkText, MEASURE_COLUMNS, measureRowsOf, measureTable, planMeasureImport, type MeasureRowValues
} from '../../compiler/spreadsheet/index.js';
import { repositoryRoot, removeTemporaryFolders, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { frameworkOf, loadSources } from '../compiler/fixture-loading.js';

afterAll(removeTemporaryFolders);

/** The examples that load on their own (eastshire needs its base package installed). */
const EXAMPLES = ['central-government', 'council', 'lep-programme', 'national-baseline', 'orbis-base', 'orbis-base-next'];

describe('svf export csv -> svf import -> svf export csv on the examples', () => {
    test.each(EXAMPLES)('%s: the second CSV is the first, byte for byte, and the imported framework compiles', example => {
        const folder = temporaryFolder();
        const first = runSvf(['export', 'csv', path.join(repositoryRoot, 'examples', example), '--out', 'first.csv'], folder);
        expect(first.exitCode).toBe(0);
        const csv = fs.readFileSync(path.join(folder, 'first.csv'), 'utf8');
        const rows = parse(csv.replace(/^\ufeff/, '')) as string[][];
        expect(rows[0]).toEqual(MEASURE_COLUMNS.map(column => column.header));
        expect(rows.length).toBeGreaterThan(5);

        const imported = runSvf(['import', 'first.csv', '--out', 'imported'], folder);
        expect(imported.stderr).toBe('');
        expect(imported.exitCode).toBe(0);
        expect(imported.lines.at(-1)).toMatch(/^0 errors, /);
        const compiled = runSvf(['compile', 'imported', '--out', 'json'], folder);
        expect(compiled.exitCode).toBe(0);
        const questionSet = JSON.parse(fs.readFileSync(path.join(folder, 'json', 'question-set.json'), 'utf8')) as unknown;
        expect(JSON.stringify(questionSet)).toContain(`"${rows[1]![2]}"`);

        const second = runSvf(['export', 'csv', 'imported'], folder);
        expect(second.exitCode).toBe(0);
        expect(second.stdout).toBe(csv);
    });

    test('a framework with errors is not exported', () => {
        const folder = temporaryFolder({ 'framework.svf': 'framework x "X" {\n    version 1.0.0\n}\nunit a "a"\ntheme t "T" {\n    outcome o "O" {\n        measure M1 "M" {\n            unit a\n        }\n    }\n}\n' });
        const run = runSvf(['export', 'csv', '.', '--out', 'm.csv'], folder);
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain("error declaration/missing-property Measure 'M1' has no `ask`.");
        expect(run.stderr).toContain('Nothing was written: fix the errors above, then export again.');
        expect(fs.existsSync(path.join(folder, 'm.csv'))).toBe(false);
    });

    test('CSV output: RFC 4180 quoting (commas, quotes, line breaks), CRLF, a byte-order mark', () => {
        const run = runSvf(['export', 'csv', path.join(repositoryRoot, 'examples', 'national-baseline')], repositoryRoot);
        expect(run.stdout.startsWith('\ufeffTheme,Outcome,Code,Title,Unit label,Proxy value,Proxy source,Price year,Record only,Categories,Ask,Guidance,Evidence\r\n')).toBe(true);
        expect(run.stdout).toContain('Jobs: promote local skills and employment,More local people in employment,NT1,Local people employed on the contract,no. people FTE,"£24,000.00",');
        expect(run.stdout.split('\r\n').length).toBeGreaterThan(30);
    });
});

// ---------------------------------------------------------------- property

const word = fc.constantFrom('local', 'jobs', 'carbon', 'Skills', 'people', 'weeks', 'text', 'unit', 'Economy', '2030', 'and', 'training', 'Élan');
const title = fc.array(word, { minLength: 1, maxLength: 5 }).map(words => words.join(' '));
const prose = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\\', '\n', '£', '%', 'é', ':', '\t'), minLength: 1, maxLength: 40 })
    .filter(text => text.trim() === text.replace(/\r\n?/g, '\n') && text.trim() !== '');
const unitLabel = fc.constantFrom('no. people FTE', 'no. weeks', '£', '£ invested', 'tonnes', '%', 'free text', 'hours');
const amount = fc.bigInt({ min: 1n, max: 10n ** 12n }).chain(pence => fc.integer({ min: 2, max: 6 }).map(scale => {
    const digits = pence.toString().padStart(scale + 1, '0');
    return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}));

interface RandomMeasure {
    theme: string; outcome: string; title: string; unitLabel: string; proxy: { value: string; source: string; priceYear: string } | null;
    categories: string[]; ask: string; guidance: string; evidence: string;
}

const measure: fc.Arbitrary<RandomMeasure> = fc.record({
    theme: fc.constantFrom('Jobs', 'Environment: net zero', 'Social'),
    outcome: fc.constantFrom('More local jobs', 'Less carbon', 'Stronger communities'),
    title, unitLabel,
    proxy: fc.option(fc.record({ value: amount, source: fc.oneof(fc.constant(''), prose), priceYear: fc.constantFrom('', '2019', '2024') })),
    categories: fc.subarray(['goods', 'services', 'works', 'grants']),
    ask: prose, guidance: fc.oneof(fc.constant(''), prose), evidence: fc.oneof(fc.constant(''), prose),
});

/** A list as `svf export csv` would write it: valid rows, grouped by theme and outcome, proxies only where the unit can be valued. */
function asRows(measures: RandomMeasure[]): MeasureRowValues[] {
    const rows = measures.map((m, index): MeasureRowValues => {
        const valued = m.proxy !== null && !['%', 'free text'].includes(m.unitLabel);
        const value = valued ? Number(m.proxy!.value) > 0 ? m.proxy!.value : null : null;
        return {
            theme: m.theme, outcome: m.outcome, code: `M${index + 1}`, title: m.title, unitLabel: m.unitLabel,
            proxyValue: value === null ? '' : `£${value}`, proxySource: value === null ? '' : m.proxy!.source, priceYear: value === null ? '' : m.proxy!.priceYear,
            recordOnly: value === null ? 'yes' : 'no', categories: m.categories.join(', '), ask: m.ask, guidance: m.guidance, evidence: m.evidence,
        };
    });
    // Export order: theme by theme, outcome by outcome, in first-seen order.
    const themes = [...new Set(rows.map(r => r.theme))];
    return themes.flatMap(theme => {
        const inTheme = rows.filter(r => r.theme === theme);
        return [...new Set(inTheme.map(r => r.outcome))].flatMap(outcome => inTheme.filter(r => r.outcome === outcome));
    });
}

/** What a value looks like after export: money with thousands separators and at least two decimals, trailing zeros beyond them dropped. */
function normalised(row: MeasureRowValues): MeasureRowValues {
    if (row.proxyValue === '') return row;
    const [whole, fraction = ''] = row.proxyValue.slice(1).split('.');
    const decimals = fraction.replace(/0+$/, '').padEnd(2, '0');
    return { ...row, proxyValue: `£${whole!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals}` };
}

test('property: any measure list, imported and exported again, is the list (after normalising money)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(measure, { minLength: 1, maxLength: 8 }), async measures => {
        const rows = asRows(measures);
        const table = measureTable(rows);
        const result = planMeasureImport({ file: 'random.csv', sheet: null, header: table[0]!, headerRowNumber: 1, rows: table.slice(1).map((cells, index) => ({ rowNumber: index + 2, cells })) }, { skipBadRows: false, currentYear: 2026 });
        expect(result.problems).toEqual([]);
        const text = importedFrameworkText(result.plan!, { id: 'random', title: 'Random', version: '1.0.0', currency: 'GBP', priceYear: 2025, sourceFile: 'random.csv' });
        const loaded = await loadSources({ '/random/framework.svf': text });
        expect(measureRowsOf(frameworkOf(loaded))).toEqual(rows.map(normalised));
    }), { numRuns: 60 });
});
