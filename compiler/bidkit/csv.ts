/**
 * CSV as spreadsheets write it (RFC 4180): comma separated, fields with a comma, quote or
 * line break in double quotes, a quote inside doubled. Read with the line each record
 * starts on, so a problem can be reported as `bid.csv:12`.
 */

export interface CsvRecord {
    /** 1-based line of the file the record starts on. */
    line: number;
    fields: string[];
}

/** One field as CSV: quoted only when it must be. */
export function csvField(value: string): string {
    return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as CSV text, CRLF-free (\n) with a final newline. */
export function csvText(rows: readonly (readonly string[])[]): string {
    return rows.map(row => row.map(csvField).join(',')).join('\n') + '\n';
}

export class CsvSyntaxError extends Error {
    constructor(readonly line: number, message: string) {
        super(message);
    }
}

/**
 * Parses CSV text into records. A UTF-8 byte order mark (Excel writes one) is skipped;
 * blank lines are dropped. Throws CsvSyntaxError for a quote left open or text after a
 * closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let line = 1;
    while (index < text.length) {
        const startLine = line;
        const fields: string[] = [];
        for (;;) {
            let field = '';
            if (text[index] === '"') {
                const quoteLine = line;
                index++;
                for (;;) {
                    if (index >= text.length) throw new CsvSyntaxError(quoteLine, `a quoted field is never closed: add the closing double quote (")`);
                    const char = text[index]!;
                    if (char === '"') {
                        if (text[index + 1] === '"') { field += '"'; index += 2; continue; }
                        index++;
                        break;
                    }
                    if (char === '\n') line++;
                    field += char;
                    index++;
                }
                if (index < text.length && !',\r\n'.includes(text[index]!)) {
                    throw new CsvSyntaxError(line, `text after a closing double quote; a quote inside a quoted field is written twice ("")`);
                }
            } else {
                while (index < text.length && !',\r\n'.includes(text[index]!)) field += text[index++];
            }
            fields.push(field);
            if (text[index] === ',') { index++; continue; }
            break;
        }
        if (text[index] === '\r') index++;
        if (text[index] === '\n') { index++; line++; }
        if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: startLine, fields });
    }
    return records;
}
