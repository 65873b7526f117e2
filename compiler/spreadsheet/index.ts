// Measure lists in spreadsheets: `svf import` (rows -> a framework's .svf text) and
// `svf export csv` (a framework -> rows). Pure: the CLI reads and writes the files.
export { MEASURE_COLUMNS, columnLetter, matchHeaderRow, normaliseHeader, type MeasureColumn, type MeasureColumnKey, type MeasureRowValues } from './measure-columns.js';
export { describeHeaderProblem, describeRowProblem, guessUnitKind, moneyLiteral, planMeasureImport, type ImportPlan, type MeasureImport, type MeasureImportOptions, type MeasureSheet, type RowProblem, type SheetCell } from './measure-import.js';
export { importedFrameworkText, svfString, type ImportedFrameworkHeader } from './framework-text.js';
export { measureRowsOf, measureTable } from './measure-export.js';
export { camelCaseName, NameAllocator, SVF_ID_PATTERN, SVF_KEYWORDS } from './svf-names.js';
