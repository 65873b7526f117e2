import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import type { MeasureSheet, SheetCell } from '../compiler/spreadsheet/index.js';
import {
    decodeSourceText, formatFileSize, maxFileSizeFromEnvironment, readSourceBytes, SourceFileError
} from '../language/workspace/svf-file-system.js';
import { UsageError } from './exit-codes.js';
import { whyUnreadable } from './input-file.js';

/**
 * Reading a measure list from an .xlsx or .csv file, and writing one as CSV: the part of
 * `svf import` and `svf export csv` that needs the file formats (exceljs, csv-parse,
 * csv-stringify). What the rows mean is compiler/spreadsheet's.
 */

/**
 * The most an .xlsx file may unpack to (all its parts together) and the most parts it may
 * have. A measure list is a few hundred KB unpacked; the limits stop a zip bomb (a small
 * file that unpacks to gigabytes) before the spreadsheet library unpacks anything.
 */
export const XLSX_LIMITS = { unpackedBytes: 100 * 1024 * 1024, entries: 10_000 } as const;

export interface ReadMeasureSheetOptions {
    /** The worksheet to read; by default the one named Measures, else the first. */
    sheet?: string;
    maxFileSize?: number;
}

/** Reads a measure list; every reason it cannot be read becomes a UsageError naming the file. */
export async function readMeasureSheet(file: string, shownAs: string, options: ReadMeasureSheetOptions = {}): Promise<MeasureSheet> {
    const maxFileSize = options.maxFileSize ?? maxFileSizeFromEnvironment();
    const cannot = (why: string) => new UsageError(`cannot read the measure list ${shownAs}: ${why}`);
    let bytes: Uint8Array;
    try {
        bytes = readSourceBytes(file, maxFileSize);
    } catch (error) {
        if (!(error instanceof SourceFileError)) throw error;
        throw cannot(`${whyUnreadable(error, maxFileSize)}.`);
    }
    const extension = path.extname(file).toLowerCase();
    const isZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
    if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
        throw cannot('it is an old-style .xls workbook (or a password-protected one). Save it as .xlsx (Excel Workbook) or as CSV UTF-8, without a password.');
    }
    if (extension === '.xlsx' || extension === '.xlsm') {
        if (!isZip) throw cannot('it is not an .xlsx workbook (an .xlsx file is a zip archive, and this is not one). Save it from your spreadsheet app as Excel Workbook (.xlsx) or CSV UTF-8.');
        return readWorkbook(bytes, shownAs, options.sheet, cannot);
    }
    if (extension === '.csv' || extension === '.tsv' || extension === '.txt') {
        if (isZip) throw cannot(`it is a zip archive (perhaps an .xlsx workbook named ${extension}). Give it the .xlsx extension, or save it as CSV UTF-8.`);
        if (options.sheet !== undefined) throw new UsageError(`--sheet: ${shownAs} is a CSV file, which has no sheets. Leave out --sheet.`);
        return readCsv(bytes, shownAs, cannot);
    }
    throw cannot(`svf import reads .xlsx and .csv files, and this one ends in '${extension || '(nothing)'}'. Save it as .xlsx or CSV UTF-8.`);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
    return prefix.every((byte, index) => bytes[index] === byte);
}

// ---------------------------------------------------------------- CSV

function readCsv(bytes: Uint8Array, shownAs: string, cannot: (why: string) => Error): MeasureSheet {
    let text: string;
    if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
        // Excel's "Unicode text" is UTF-16 with a byte-order mark: read it as what it says it is.
        text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: false }).decode(bytes.subarray(2));
    } else {
        if (bytes.includes(0)) {
            throw cannot('it has NUL bytes, so it is not UTF-8 text (perhaps UTF-16 without a byte-order mark, or not a CSV file at all). Save it as CSV UTF-8.');
        }
        const decoded = decodeSourceText(bytes);
        if (decoded.encodingProblem) {
            throw cannot(decoded.encodingProblem.message.replace(/^This file is not UTF-8: /, 'it is not UTF-8 text: ').replace(/Save the file as UTF-8 \(.*\)\.$/, 'Save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8).'));
        }
        text = decoded.text;
    }
    text = text.replace(/^\ufeff/, '');
    let records: string[][];
    try {
        records = parseCsv(text, { delimiter: guessDelimiter(text), relax_column_count: true, skip_empty_lines: false }) as string[][];
    } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw cannot(`it is not well-formed CSV (${detail.replace(/\.$/, '')}). Check the quotes on that line: a field with a comma, a quote or a line break is written in double quotes, and a quote inside it is doubled ("").`);
    }
    const headerIndex = records.findIndex(record => record.some(cell => cell.trim() !== ''));
    if (headerIndex < 0) throw cannot('it is empty. The first row names the columns; each row after it is one measure.');
    return {
        file: shownAs,
        sheet: null,
        header: records[headerIndex]!,
        headerRowNumber: headerIndex + 1,
        rows: records.slice(headerIndex + 1).map((cells, index) => ({ rowNumber: headerIndex + index + 2, cells })),
    };
}

/** Comma, semicolon (Excel in some locales) or tab: whichever the first line has most of outside quotes. */
function guessDelimiter(text: string): string {
    const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
    let quoted = false;
    for (const character of text) {
        if (character === '"') quoted = !quoted;
        else if (!quoted && (character === '\n' || character === '\r')) break;
        else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1);
    }
    let best = ',';
    for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
    return best;
}

/** A measure table as CSV: RFC 4180 (fields quoted when they need it, CRLF line ends), UTF-8 with a byte-order mark so Excel reads £ right. */
export function measureCsv(table: string[][]): string {
    return stringifyCsv(table, { bom: true, record_delimiter: 'windows' });
}

// ---------------------------------------------------------------- XLSX

async function readWorkbook(bytes: Uint8Array, shownAs: string, sheetName: string | undefined, cannot: (why: string) => Error): Promise<MeasureSheet> {
    const zipProblem = zipArchiveProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (zipProblem) throw cannot(zipProblem);
    // Loaded only here: the library is large, and the other commands never need it.
    const { default: excel } = await import('exceljs');
    const workbook = new excel.Workbook();
    try {
        await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
    } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw cannot(`it is not a readable .xlsx workbook (${detail.replace(/\.$/, '')}). Open it in your spreadsheet app and save it again as Excel Workbook (.xlsx), or as CSV UTF-8.`);
    }
    const sheets = workbook.worksheets;
    if (sheets.length === 0) throw cannot('it has no worksheets, so it is not a workbook svf can read. Save it from your spreadsheet app as Excel Workbook (.xlsx), or as CSV UTF-8.');
    const names = sheets.map(sheet => `"${sheet.name}"`).join(', ');
    let worksheet: ExcelJS.Worksheet | undefined;
    if (sheetName !== undefined) {
        worksheet = sheets.find(sheet => sheet.name === sheetName) ?? sheets.find(sheet => sheet.name.toLowerCase() === sheetName.toLowerCase());
        if (!worksheet) throw new UsageError(`--sheet: ${shownAs} has no sheet "${sheetName}"; its sheets are ${names}.`);
    } else {
        worksheet = sheets.find(sheet => sheet.name.trim().toLowerCase() === 'measures') ?? sheets[0]!;
    }
    const rows: Array<{ rowNumber: number; cells: SheetCell[] }> = [];
    let header: { rowNumber: number; cells: string[] } | undefined;
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const width = header ? header.cells.length : row.cellCount;
        const cells: SheetCell[] = [];
        for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column).value));
        if (!header) {
            if (cells.every(cell => cell === '')) return;
            header = { rowNumber, cells: cells.map(cell => typeof cell === 'string' ? cell : '') };
        } else {
            rows.push({ rowNumber, cells });
        }
    });
    if (!header) throw cannot(`its sheet "${worksheet.name}" is empty. The first row names the columns; each row after it is one measure.`);
    const found = header as { rowNumber: number; cells: string[] };
    return { file: shownAs, sheet: worksheet.name, header: found.cells, headerRowNumber: found.rowNumber, rows };
}

/**
 * A cell's value as text. A formula counts as the value it showed when the file was last
 * saved (its cached result), as a reader of the sheet sees it; one without a saved value,
 * an error value and a date are refused, with what to do.
 */
function cellText(value: ExcelJS.CellValue, inFormula = false): SheetCell {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : { problem: `${value} is not a number svf can use.` };
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (value instanceof Date) return { problem: 'is a date; write the value as text or a number (a price year as a number, e.g. 2024).' };
    if ('error' in value) return { problem: `${inFormula ? 'the formula\'s result is' : 'is'} the error ${value.error}. Correct it in the spreadsheet, or type the value.` };
    if ('richText' in value) return value.richText.map(part => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
        const result = (value as { result?: unknown }).result;
        if (result === undefined || result === null) {
            return { problem: 'has a formula with no saved result (the file was not saved by a spreadsheet app after the formula was written). Open it in your spreadsheet app and save it, or paste the value in place of the formula.' };
        }
        return cellText(result as ExcelJS.CellValue, true);
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('text' in value && value.text && typeof value.text === 'object' && 'richText' in value.text) {
        return (value.text as ExcelJS.CellRichTextValue).richText.map(part => part.text).join('');
    }
    return { problem: 'holds something svf cannot read as text (an embedded object?). Type the value instead.' };
}

/**
 * Why an .xlsx zip archive is refused before it is unpacked: more parts than XLSX_LIMITS
 * allows, parts that unpack to more than its byte limit (measured by unpacking each part
 * with a cap on the output, so sizes an archive lies about do not matter), encryption, or
 * a structure that is not a zip archive. Undefined when it is within the limits.
 */
export function zipArchiveProblem(zip: Buffer): string | undefined {
    const notZip = 'it is not an .xlsx workbook: its zip structure is damaged. Open it in your spreadsheet app and save it again, or save it as CSV UTF-8.';
    const endRecord = findEndOfCentralDirectory(zip);
    if (endRecord < 0) return notZip;
    const entryCount = zip.readUInt16LE(endRecord + 10);
    const directoryOffset = zip.readUInt32LE(endRecord + 16);
    if (entryCount === 0xffff || directoryOffset === 0xffffffff) return 'it is a zip64 archive, which no spreadsheet app writes for a measure list. Save it again as Excel Workbook (.xlsx).';
    if (entryCount > XLSX_LIMITS.entries) return `it has ${entryCount} parts inside, more than the ${XLSX_LIMITS.entries} an .xlsx measure list could need; it is refused as a possible zip bomb.`;
    const tooBig = `it unpacks to more than ${formatFileSize(XLSX_LIMITS.unpackedBytes)}, far more than a measure list; it is refused as a possible zip bomb. Save the measures alone in a new workbook, or as CSV UTF-8.`;
    let offset = directoryOffset;
    let unpacked = 0;
    for (let index = 0; index < entryCount; index++) {
        if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) return notZip;
        const flags = zip.readUInt16LE(offset + 8);
        const method = zip.readUInt16LE(offset + 10);
        const compressedSize = zip.readUInt32LE(offset + 20);
        const nameLength = zip.readUInt16LE(offset + 28);
        const extraLength = zip.readUInt16LE(offset + 30);
        const commentLength = zip.readUInt16LE(offset + 32);
        const localOffset = zip.readUInt32LE(offset + 42);
        offset += 46 + nameLength + extraLength + commentLength;
        if (flags & 0x1) return 'it is encrypted (password-protected). Remove the password in your spreadsheet app, or save the measures as CSV UTF-8.';
        if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== 0x04034b50) return notZip;
        const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
        if (dataStart + compressedSize > zip.length) return notZip;
        const data = zip.subarray(dataStart, dataStart + compressedSize);
        const budget = XLSX_LIMITS.unpackedBytes - unpacked;
        if (method === 0) {
            unpacked += data.length;
        } else if (method === 8) {
            try {
                unpacked += zlib.inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) return tooBig;
                return notZip;
            }
        } else {
            return `it uses zip compression method ${method}, which .xlsx files do not use. Save it again as Excel Workbook (.xlsx).`;
        }
        if (unpacked > XLSX_LIMITS.unpackedBytes) return tooBig;
    }
    return undefined;
}

function findEndOfCentralDirectory(zip: Buffer): number {
    const earliest = Math.max(0, zip.length - 22 - 0xffff);
    for (let offset = zip.length - 22; offset >= earliest; offset--) {
        if (zip.readUInt32LE(offset) === 0x06054b50) return offset;
    }
    return -1;
}
