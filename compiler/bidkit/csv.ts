/**
 * Writing CSV as spreadsheets read it (RFC 4180): comma separated, fields with a comma,
 * quote or line break in double quotes, a quote inside doubled. Reading is the report's
 * parser (compiler/report/csv-table.ts), which gives each field's line.
 */

/** One field as CSV: quoted only when it must be. */
export function csvField(value: string): string {
    return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as CSV text, CRLF-free (\n) with a final newline. */
export function csvText(rows: readonly (readonly string[])[]): string {
    return rows.map(row => row.map(csvField).join(',')).join('\n') + '\n';
}
