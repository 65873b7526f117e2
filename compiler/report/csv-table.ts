/** One field of a CSV file with where it starts (1-based line and column), for messages. */
export interface CsvField {
    text: string;
    line: number;
    column: number;
}

/** A CSV file's problem at a line and column (1-based). */
export class CsvSyntaxError extends Error {
    override readonly name = 'CsvSyntaxError';

    constructor(readonly line: number, readonly column: number, message: string) {
        super(message);
    }
}

/**
 * Parses CSV as spreadsheets write it (RFC 4180): fields separated by commas, optionally in
 * double quotes, where a quoted field may hold commas, line breaks and doubled quotes ("");
 * lines end with LF or CRLF; a leading byte order mark (Excel's "CSV UTF-8") is dropped;
 * blank lines are skipped. Each row is its fields with their positions, so a message can
 * point at line:column. Throws CsvSyntaxError on a quote that is never closed or text
 * after a closing quote.
 */
export function parseCsv(text: string): CsvField[][] {
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const rows: CsvField[][] = [];
    let row: CsvField[] = [];
    let line = 1;
    let lineStart = 0;
    let index = 0;
    const length = source.length;
    const endRow = () => {
        // A line with nothing on it (one empty, unquoted field) is blank, not a row.
        if (!(row.length === 1 && row[0]!.text === '' && !quotedEmpty)) rows.push(row);
        row = [];
    };
    let quotedEmpty = false;
    while (index <= length) {
        const fieldLine = line;
        const fieldColumn = index - lineStart + 1;
        let value = '';
        quotedEmpty = false;
        if (source[index] === '"') {
            index++;
            let closed = false;
            while (index < length) {
                const char = source[index]!;
                if (char === '"') {
                    if (source[index + 1] === '"') {
                        value += '"';
                        index += 2;
                        continue;
                    }
                    index++;
                    closed = true;
                    break;
                }
                if (char === '\n') {
                    line++;
                    lineStart = index + 1;
                }
                value += char;
                index++;
            }
            if (!closed) {
                throw new CsvSyntaxError(fieldLine, fieldColumn, 'this quoted field is never closed: add the closing double quote (a quote inside a field is written twice, "").');
            }
            quotedEmpty = value === '';
            const next = source[index];
            if (index < length && next !== ',' && next !== '\n' && !(next === '\r' && source[index + 1] === '\n')) {
                throw new CsvSyntaxError(line, index - lineStart + 1, 'text after a closing double quote: quote the whole field, and write a quote inside it twice ("").');
            }
        } else {
            const start = index;
            while (index < length) {
                const char = source[index]!;
                if (char === ',' || char === '\n' || (char === '\r' && source[index + 1] === '\n')) break;
                if (char === '"') {
                    throw new CsvSyntaxError(line, index - lineStart + 1, 'a double quote inside an unquoted field: put the whole field in double quotes and write the quote twice ("").');
                }
                index++;
            }
            value = source.slice(start, index);
        }
        row.push({ text: value, line: fieldLine, column: fieldColumn });
        if (index >= length) {
            endRow();
            break;
        }
        if (source[index] === ',') {
            index++;
            continue;
        }
        // A line break: \n or \r\n.
        index += source[index] === '\r' ? 2 : 1;
        line++;
        lineStart = index;
        if (index >= length) {
            endRow();
            break;
        }
        endRow();
    }
    return rows;
}

/**
 * One value as a CSV cell, as spreadsheets read it (RFC 4180): quoted when it holds a
 * comma, quote or line break (or starts or ends with a space), a quote inside doubled. A
 * text starting with = + - @ (or a tab or return) would run as a formula when the file is
 * opened in a spreadsheet, so it is kept text with a leading `'`; numbers stay numbers.
 * The one CSV writer of `svf score`, `svf report` and `svf bid template`.
 */
export function csvCell(value: string | number | boolean | null): string {
    let text = value === null ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?%?$/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV lines (join them with a line break; no line ends with one). */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string[] {
    return rows.map(row => row.map(csvCell).join(','));
}
