/** Measure lists for the spreadsheet tests, as rows of cells. */
import type { MeasureSheet, SheetCell } from '../../compiler/spreadsheet/index.js';

export const HEADER = ['Theme', 'Outcome', 'Code', 'Title', 'Unit label', 'Proxy value', 'Proxy source', 'Price year', 'Record only', 'Categories', 'Ask', 'Guidance', 'Evidence'];

/** Two themes, three outcomes, a shared unit and a shared proxy, a record-only measure, a custom category. */
export const GOOD_ROWS: string[][] = [
    ['Jobs: local skills and employment', 'More local people in employment', 'NT1', 'Local people employed', 'no. people FTE', '£24,000.00', 'ILLUSTRATIVE after ONS ASHE', '2024', 'no', '', 'How many local people (FTE) will you employ?', 'Count full-time equivalents.', 'Payroll records.'],
    ['Jobs: local skills and employment', 'More local people in employment', 'NT2', 'Local people employed in the supply chain', 'no. people FTE', '24000', 'ILLUSTRATIVE after ONS ASHE', '2024', '', 'works', 'How many local people will your subcontractors employ?', '', ''],
    ['Jobs: local skills and employment', 'Fairer access to work', 'NT3', 'Long-term unemployed people employed', 'no. people FTE', '£31,500', 'ILLUSTRATIVE after DWP', '2024', 'no', 'services, works', 'How many long-term unemployed people will you employ?', 'Unemployed for a year or more,\nas DWP defines it.', ''],
    ['Environment', 'Carbon is reduced', 'NT30', 'Carbon saved', 'tonnes CO2e', '£280', '', '', 'no', 'grants', 'How many tonnes of CO2e will you save?', 'Say "against your baseline".', ''],
    ['Environment', 'Carbon is reduced', 'NT32', 'Zero-emission deliveries', '%', '', '', '', 'yes', 'goods', 'What share of deliveries will be zero-emission?', '', 'Fleet list.'],
];

export function sheetOf(rows: SheetCell[][], header: string[] = HEADER, sheet: string | null = null): MeasureSheet {
    return { file: sheet === null ? 'measures.csv' : 'measures.xlsx', sheet, header, headerRowNumber: 1, rows: rows.map((cells, index) => ({ rowNumber: index + 2, cells })) };
}

/** A copy of GOOD_ROWS[row] with one column changed. */
export function withCell(row: number, column: string, value: SheetCell): SheetCell[] {
    const cells: SheetCell[] = [...GOOD_ROWS[row]!];
    cells[HEADER.indexOf(column)] = value;
    return cells;
}

/** RFC 4180 CSV text of a header and rows (for files the tests write). */
export function csvText(rows: string[][], lineEnd = '\r\n'): string {
    const field = (text: string) => /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    return rows.map(row => row.map(field).join(',')).join(lineEnd) + lineEnd;
}
