import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { csvText, GOOD_ROWS, HEADER } from './measure-sheets.js';

afterAll(removeTemporaryFolders);

/** An .xlsx workbook written by exceljs: the sheets given, each a list of rows of cell values. */
async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) {
        const sheet = book.addWorksheet(name);
        for (const row of rows) sheet.addRow(row);
    }
    return Buffer.from(await book.xlsx.writeBuffer());
}

function written(folder: string): string {
    return fs.readFileSync(path.join(folder, 'out', 'framework.svf'), 'utf8');
}

describe('svf import from CSV', () => {
    test('writes a formatted framework that svf check and svf fmt --check accept; prints what it wrote and the check', () => {
        // CRLF line ends, a BOM, quoted fields with commas, quotes and a line break.
        const folder = temporaryFolder({ 'council-measures.csv': `\ufeff${csvText([HEADER, ...GOOD_ROWS])}` });
        const run = runSvf(['import', 'council-measures.csv', '--out', 'out'], folder);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.lines[0]).toBe('Wrote out/framework.svf: 5 measures in 2 themes and 3 outcomes, 3 units, 3 proxies.');
        // What svf check says of any imported list: no evaluation block; NT30's proxy names no source.
        expect(run.lines.slice(1).map(line => line.split(' ').slice(0, 3).join(' '))).toEqual([
            'out/framework.svf:4:11 warning evaluation/missing', 'out/framework.svf:29:21 warning proxy/missing-source', '0 errors, 2',
        ]);
        const text = written(folder);
        expect(text).toContain('framework councilMeasures "Council measures" {\n    version 1.0.0\n    currency GBP\n    priceYear 2024\n');
        expect(text).toContain('ask "How many local people (FTE) will you employ?"');
        expect(text).toContain('guidance "Say \\"against your baseline\\"."');
        expect(runSvf(['fmt', '--check', 'out'], folder)).toMatchObject({ exitCode: 0, stdout: '' });
        expect(runSvf(['check', 'out'], folder).exitCode).toBe(0);
    });

    test('--id, --title, --framework-version, --currency and --price-year set the header', () => {
        const folder = temporaryFolder({ 'm.csv': csvText([HEADER, ...GOOD_ROWS]) });
        const run = runSvf(['import', 'm.csv', '--out', 'out', '--id', 'eastshire.socialValue', '--title', 'Eastshire measures', '--framework-version', '2.1.0', '--currency', 'EUR', '--price-year', '2025'], folder);
        expect(run.exitCode).toBe(0);
        expect(written(folder)).toContain('framework eastshire.socialValue "Eastshire measures" {\n    version 2.1.0\n    currency EUR\n    priceYear 2025\n');
    });

    test('a semicolon-separated file and a UTF-16 file with a byte-order mark (Excel "Unicode text", tabs) are read', () => {
        const semicolons = csvText([HEADER, GOOD_ROWS[0]!]).replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/gm, ';');
        const tabs = [HEADER, GOOD_ROWS[4]!].map(row => row.join('\t')).join('\r\n');
        const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabs, 'utf16le')]);
        const folder = temporaryFolder({ 'a.csv': semicolons });
        fs.writeFileSync(path.join(folder, 'b.txt'), utf16);
        expect(runSvf(['import', 'a.csv', '--out', 'out'], folder).exitCode).toBe(0);
        expect(written(folder)).toContain('proxy localPeopleEmployed = £24,000.00 per peopleFte');
        const run = runSvf(['import', 'b.txt', '--out', 'out2'], folder);
        expect(run.exitCode).toBe(0);
        expect(fs.readFileSync(path.join(folder, 'out2', 'framework.svf'), 'utf8')).toContain('measure NT32 "Zero-emission deliveries"');
    });
});

describe('svf import from XLSX', () => {
    test('reads the Measures sheet: numbers, booleans, rich text and cached formula results', async () => {
        const rows: ExcelJS.CellValue[][] = GOOD_ROWS.map(row => [...row]);
        rows[0]![5] = 24000; // a number cell
        rows[0]![7] = { formula: '2023+1', result: 2024 } as ExcelJS.CellFormulaValue; // the value it showed when saved
        rows[0]![8] = false;
        rows[0]![3] = { richText: [{ text: 'Local people ' }, { font: { bold: true }, text: 'employed' }] };
        const folder = temporaryFolder();
        fs.writeFileSync(path.join(folder, 'measures.xlsx'), await workbook({ Notes: [['Read me']], Measures: [HEADER, ...rows] }));
        const run = runSvf(['import', 'measures.xlsx', '--out', 'out'], folder);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        const text = written(folder);
        expect(text).toContain('measure NT1 "Local people employed" {');
        expect(text).toContain('proxy localPeopleEmployed = £24,000.00 per peopleFte {\n    source "ILLUSTRATIVE after ONS ASHE"\n    priceYear 2024\n}');
    });

    test('--sheet picks another sheet; a sheet that is not there is named with the ones that are', async () => {
        const folder = temporaryFolder();
        fs.writeFileSync(path.join(folder, 'book.xlsx'), await workbook({ Cover: [['x']], 'Local list': [HEADER, GOOD_ROWS[4]!] }));
        expect(runSvf(['import', 'book.xlsx', '--out', 'out', '--sheet', 'local list'], folder).exitCode).toBe(0);
        const run = runSvf(['import', 'book.xlsx', '--out', 'out2', '--sheet', 'Measures'], folder);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toBe('svf: --sheet: book.xlsx has no sheet "Measures"; its sheets are "Cover", "Local list".\n');
    });

    test('bad rows: every problem with sheet, row and column, nothing written; a formula without a saved value is refused', async () => {
        const rows: ExcelJS.CellValue[][] = GOOD_ROWS.map(row => [...row]);
        rows[1]![5] = '£12,x';
        rows[2]![7] = { formula: 'YEAR(TODAY())' } as ExcelJS.CellFormulaValue;
        rows[3]![2] = 'NT1';
        const folder = temporaryFolder();
        fs.writeFileSync(path.join(folder, 'measures.xlsx'), await workbook({ Measures: [HEADER, ...rows] }));
        const run = runSvf(['import', 'measures.xlsx', '--out', 'out'], folder);
        expect(run.exitCode).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n')).toEqual([
            'measures.xlsx: sheet "Measures", row 3, column F (proxy value): "£12,x" is not an amount; write e.g. £12.50.',
            expect.stringMatching(/^measures\.xlsx: sheet "Measures", row 4, column H \(price year\): has a formula with no saved result .* paste the value in place of the formula\.$/),
            'measures.xlsx: sheet "Measures", row 5, column C (code): NT1 is already the code of row 2; each measure needs its own code.',
            'Nothing was written: 3 rows had problems. Correct them, or add --skip-bad-rows to import the others.',
            '',
        ]);
        expect(fs.existsSync(path.join(folder, 'out'))).toBe(false);
        expect(fs.readdirSync(folder)).toEqual(['measures.xlsx']);

        const skipped = runSvf(['import', 'measures.xlsx', '--out', 'out', '--skip-bad-rows'], folder);
        expect(skipped.exitCode).toBe(0);
        expect(skipped.stderr).toContain('\nSkipped 3 bad rows: 3, 4, 5.\n');
        expect(skipped.lines[0]).toBe('Wrote out/framework.svf: 2 measures in 2 themes and 2 outcomes, 2 units, 1 proxy.');
        expect(written(folder)).not.toContain('NT2');
    });
});

describe('svf import refuses what it cannot use, and never leaves a half-written folder', () => {
    test('a missing column: the header row is reported, nothing written', () => {
        const folder = temporaryFolder({ 'm.csv': csvText([HEADER.filter(h => h !== 'Ask'), GOOD_ROWS[0]!.slice(0, 10)]) });
        const run = runSvf(['import', 'm.csv', '--out', 'out'], folder);
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain('m.csv, row 1: the header row has no "Ask" column.');
        expect(fs.existsSync(path.join(folder, 'out'))).toBe(false);
    });

    test('a non-empty output folder is refused unless --force, which replaces it whole', () => {
        const folder = temporaryFolder({ 'm.csv': csvText([HEADER, ...GOOD_ROWS]), 'out/notes.txt': 'mine' });
        const run = runSvf(['import', 'm.csv', '--out', 'out'], folder);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toBe('svf: --out: out is not empty. Choose a new or empty folder, or add --force to replace it and everything in it.\n');
        expect(fs.readdirSync(path.join(folder, 'out'))).toEqual(['notes.txt']);
        expect(runSvf(['import', 'm.csv', '--out', 'out', '--force'], folder).exitCode).toBe(0);
        expect(fs.readdirSync(path.join(folder, 'out'))).toEqual(['framework.svf']);
        // A folder whose parents do not exist yet is made; one that cannot be written is refused cleanly.
        expect(runSvf(['import', 'm.csv', '--out', 'a/b/c'], folder).exitCode).toBe(0);
        expect(fs.readdirSync(path.join(folder, 'a', 'b', 'c'))).toEqual(['framework.svf']);
        const blocked = runSvf(['import', 'm.csv', '--out', 'out/framework.svf/x'], folder);
        expect(blocked.exitCode).toBe(2);
        expect(blocked.stderr).toMatch(/^svf: --out: cannot write out\/framework\.svf\/x \((EEXIST|ENOTDIR)\); nothing was written\.\n$/);
        // An empty folder is fine without --force.
        fs.mkdirSync(path.join(folder, 'empty'));
        expect(runSvf(['import', 'm.csv', '--out', 'empty'], folder).exitCode).toBe(0);
    });

    test.each([
        ['a folder', (folder: string) => fs.mkdirSync(path.join(folder, 'm.csv')), 'it is a folder'],
        ['a FIFO', (folder: string) => execFileSync('mkfifo', [path.join(folder, 'm.csv')]), 'FIFO'],
        ['an old .xls workbook', (folder: string) => fs.writeFileSync(path.join(folder, 'm.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), 'old-style .xls workbook'],
        ['a text file named .xlsx', (folder: string) => fs.writeFileSync(path.join(folder, 'm.xlsx'), 'Theme,Outcome\n'), 'an .xlsx file is a zip archive, and this is not one'],
        ['a zip that is not a workbook', (folder: string) => fs.writeFileSync(path.join(folder, 'm.xlsx'), zipOf({ 'hello.txt': Buffer.from('hi') })), 'it has no worksheets, so it is not a workbook svf can read'],
        ['a damaged workbook', (folder: string) => fs.writeFileSync(path.join(folder, 'm.xlsx'), zipOf({ '[Content_Types].xml': Buffer.from('<Types'), 'xl/workbook.xml': Buffer.from('<workbook><sheets><sheet') })), 'it is not a readable .xlsx workbook'],
        ['a zip bomb', (folder: string) => fs.writeFileSync(path.join(folder, 'm.xlsx'), zipOf({ 'xl/worksheets/sheet1.xml': Buffer.alloc(120 * 1024 * 1024, 0x20) })), 'possible zip bomb'],
        ['a zip of too many parts', (folder: string) => fs.writeFileSync(path.join(folder, 'm.xlsx'), zipOf(Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`p${i}.xml`, Buffer.from('x')])))), 'it has 10001 parts inside, more than the 10000'],
        ['a CSV in Windows-1252', (folder: string) => fs.writeFileSync(path.join(folder, 'm.csv'), Buffer.from('Theme,Proxy value\nJobs,\xa312\n', 'latin1')), "it is not UTF-8 text: byte 0xA3 on line 2 is not valid UTF-8 (it is '£' in Windows-1252"],
        ['UTF-16 without a byte-order mark', (folder: string) => fs.writeFileSync(path.join(folder, 'm.csv'), Buffer.from('Theme,Outcome\n', 'utf16le')), 'it has NUL bytes'],
        ['an unclosed quote', (folder: string) => fs.writeFileSync(path.join(folder, 'm.csv'), `${HEADER.join(',')}\nJobs,"Local jobs,NT1\n`), 'it is not well-formed CSV (Quote Not Closed'],
        ['a .json file', (folder: string) => fs.writeFileSync(path.join(folder, 'm.json'), '{}'), "svf import reads .xlsx and .csv files, and this one ends in '.json'"],
    ])('%s', (_kind, make, expected) => {
        const folder = temporaryFolder();
        make(folder);
        const file = fs.readdirSync(folder)[0]!;
        const run = runSvf(['import', file, '--out', 'out'], folder);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^svf: cannot read the measure list m\.\w+: /);
        expect(run.stderr).toContain(expected);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(fs.existsSync(path.join(folder, 'out'))).toBe(false);
    });

    test('a file over the size limit', () => {
        const folder = temporaryFolder({ 'm.csv': csvText([HEADER, ...GOOD_ROWS]) });
        const run = runSvf(['import', 'm.csv', '--out', 'out'], folder, { env: { SVF_MAX_FILE_SIZE: '1k' } });
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain('svf: cannot read the measure list m.csv: it is over the 1 KB limit for one input file');
    });

    test('wrong options are refused before the file is read', () => {
        const folder = temporaryFolder({ 'm.csv': csvText([HEADER, ...GOOD_ROWS]) });
        expect(runSvf(['import', 'm.csv', '--out', 'out', '--id', 'has space'], folder).stderr).toContain("svf: --id: 'has space' is not a framework id.");
        expect(runSvf(['import', 'm.csv', '--out', 'out', '--price-year', '3000'], folder).stderr).toContain("svf: --price-year: '3000' is not a price year");
        expect(runSvf(['import', 'm.csv'], folder)).toMatchObject({ exitCode: 2, stderr: "svf: required option '--out <dir>' not specified. See 'svf import --help'.\n" });
    });
});

/** A zip archive of the given files, deflated (a minimal writer: local headers, central directory, end record). */
function zipOf(files: Record<string, Buffer>): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const [name, data] of Object.entries(files)) {
        const packed = zlib.deflateRawSync(data);
        const nameBytes = Buffer.from(name);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
        local.writeUInt32LE(zlib.crc32(data), 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
        central.writeUInt32LE(zlib.crc32(data), 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24);
        central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
        locals.push(local, nameBytes, packed);
        centrals.push(central, nameBytes);
        offset += 30 + nameBytes.length + packed.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(files).length, 8); end.writeUInt16LE(Object.keys(files).length, 10);
    end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}
