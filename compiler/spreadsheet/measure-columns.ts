/**
 * The column layout of a measure list (`svf import`, `svf export csv`): one row per measure,
 * a header row naming the columns. Header names are matched ignoring case, spaces, `_` and
 * `-`; the columns may come in any order.
 */

export type MeasureColumnKey =
    | 'theme' | 'outcome' | 'code' | 'title' | 'unitLabel' | 'proxyValue' | 'proxySource'
    | 'priceYear' | 'recordOnly' | 'categories' | 'ask' | 'guidance' | 'evidence';

export interface MeasureColumn {
    key: MeasureColumnKey;
    /** The header `svf export csv` writes, and the name messages use. */
    header: string;
    /** Without this column a list cannot be imported. */
    required: boolean;
}

/** In the order `svf export csv` writes them. */
export const MEASURE_COLUMNS: readonly MeasureColumn[] = [
    { key: 'theme', header: 'Theme', required: true },
    { key: 'outcome', header: 'Outcome', required: true },
    { key: 'code', header: 'Code', required: true },
    { key: 'title', header: 'Title', required: true },
    { key: 'unitLabel', header: 'Unit label', required: true },
    { key: 'proxyValue', header: 'Proxy value', required: false },
    { key: 'proxySource', header: 'Proxy source', required: false },
    { key: 'priceYear', header: 'Price year', required: false },
    { key: 'recordOnly', header: 'Record only', required: false },
    { key: 'categories', header: 'Categories', required: false },
    { key: 'ask', header: 'Ask', required: true },
    { key: 'guidance', header: 'Guidance', required: false },
    { key: 'evidence', header: 'Evidence', required: false },
];

/** A measure row's cells by column, trimmed; '' for an empty cell or a missing column. */
export type MeasureRowValues = Record<MeasureColumnKey, string>;

/** `Unit label`, `unit_label`, ` UNIT-LABEL ` all read as `unit label`. */
export function normaliseHeader(text: string): string {
    return text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
    let letters = '';
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
        letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    }
    return letters;
}

/** Where each known column is (its index in the row), or why the header row cannot be used. */
export type HeaderMatch =
    | { ok: true; indexes: Partial<Record<MeasureColumnKey, number>> }
    | { ok: false; problems: Array<{ column: number | null; message: string }> };

/** Reads the header row: every non-empty header must name a known column, once; the required ones must be there. */
export function matchHeaderRow(headers: readonly string[]): HeaderMatch {
    const byName = new Map(MEASURE_COLUMNS.map(column => [normaliseHeader(column.header), column]));
    const indexes: Partial<Record<MeasureColumnKey, number>> = {};
    const problems: Array<{ column: number | null; message: string }> = [];
    headers.forEach((text, index) => {
        if (text.trim() === '') return;
        const column = byName.get(normaliseHeader(text));
        if (!column) {
            problems.push({ column: index, message: `"${text.trim()}" is not a column svf knows. Rename it to one of ${MEASURE_COLUMNS.map(c => c.header).join(', ')}, or delete the column.` });
            return;
        }
        const earlier = indexes[column.key];
        if (earlier !== undefined) {
            problems.push({ column: index, message: `"${text.trim()}" repeats column ${columnLetter(earlier)} (${column.header}). Keep one of them.` });
            return;
        }
        indexes[column.key] = index;
    });
    const missing = MEASURE_COLUMNS.filter(column => column.required && indexes[column.key] === undefined);
    if (missing.length > 0) {
        problems.push({ column: null, message: `the header row has no ${missing.map(c => `"${c.header}"`).join(', ')} column${missing.length > 1 ? 's' : ''}. Add ${missing.length > 1 ? 'them' : 'it'}: the first row names the columns (${MEASURE_COLUMNS.map(c => c.header).join(', ')}).` });
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, indexes };
}
