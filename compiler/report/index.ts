/**
 * Monitoring delivery (`svf report`): a supplier's returns against its commitments, one
 * contract or a portfolio. Plain data in, plain data out: no Langium, no file system (the
 * CLI reads the files), so a portal can run the same report.
 */
export { buildDeliveryReport, buildDelivery } from './delivery-report.js';
export type { DeliveryReport, DeliveryReportOptions, DeliveryFigures, MeasureDelivery, ThemeDelivery, ReturnLine, ReportWarning, ValueTotals } from './delivery-report.js';
export { buildPortfolioReport } from './portfolio-report.js';
export type { PortfolioReport, PortfolioContract, BrokenContract, ContractSummary } from './portfolio-report.js';
export {
    ReportInputError, readRubricMeasures, readCommitments, readContractRecord, readReturnsJson, readReturnsCsv, combineReturns, RETURNS_CSV_COLUMNS
} from './report-input.js';
export type { ReportMeasure, Commitments, ContractRecord, DeliveryReturns, ReturnsFile, ReturnPeriod, ReturnedFigure } from './report-input.js';
export { parseCsv, CsvSyntaxError, type CsvField } from './csv-table.js';
export { formatDeliveryTable, formatDeliveryCsv, formatPortfolioTable, formatPortfolioCsv } from './report-format.js';
export { reportContract, type ContractInputs, type ContractSettings, type InputText } from './contract-report.js';
