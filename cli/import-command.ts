import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { URI } from 'langium';
import {
    camelCaseName, describeHeaderProblem, describeRowProblem, importedFrameworkText, planMeasureImport, SVF_ID_PATTERN, SVF_KEYWORDS
} from '../compiler/spreadsheet/index.js';
import { formatSvfDocument } from '../language/lsp/svf-formatter.js';
import { createSvfServices } from '../language/svf-module.js';
import { createSvfNodeFileSystem, parseFileSize } from '../language/workspace/svf-file-system.js';
import { writeFolderAtomically } from './atomic-write.js';
import { buildDiagnosticReport, displayPath, escapeControlCharacters, formatDiagnosticReport } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';
import { readMeasureSheet } from './spreadsheet-files.js';
import { loadFrameworkFromDisk, MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

interface ImportOptions extends FileLimitOptions {
    out: string;
    id?: string;
    title?: string;
    frameworkVersion: string;
    currency: string;
    priceYear?: string;
    sheet?: string;
    skipBadRows?: boolean;
    force?: boolean;
}

/** The file `svf import` writes into the output folder. */
export const IMPORTED_FRAMEWORK_FILE = 'framework.svf';

export function registerImportCommand(program: Command, finish: (code: ExitCode) => void): void {
    program.command('import')
        .description('Turn a measure list in a spreadsheet (.xlsx or .csv) into a framework: a formatted framework.svf, then checked.')
        .argument('<measures>', 'the measure list: an .xlsx workbook or a .csv file, one row per measure (see the README for the columns)')
        .requiredOption('--out <dir>', 'folder to write framework.svf into (created; must be empty unless --force)')
        .option('--id <id>', "the framework's id (default: from the file name, e.g. measures.csv -> measures)")
        .option('--title <title>', "the framework's title (default: from the file name, e.g. \"Measures\")")
        .option('--framework-version <version>', "the framework's version", '1.0.0')
        .option('--currency <code>', "the framework's currency", 'GBP')
        .option('--price-year <year>', "the framework's price year (default: the latest proxy price year in the list, else this year)")
        .option('--sheet <name>', 'the worksheet of an .xlsx file to read (default: the one named Measures, else the first)')
        .option('--skip-bad-rows', 'leave out rows with problems (listed) instead of writing nothing')
        .option('--force', 'replace the output folder even if it is not empty')
        .option(...MAX_FILE_SIZE_OPTION)
        .addHelpText('after', [
            '',
            'Columns (matched by name, any order, any case): Theme, Outcome, Code, Title, Unit label, Proxy value,',
            'Proxy source, Price year, Record only, Categories, Ask, Guidance, Evidence.',
            'Every problem in every row is listed (file, sheet, row, column, what is wrong); nothing is written',
            'then, unless --skip-bad-rows. The output folder appears whole or not at all.',
            `Exits with ${ExitCode.Ok} when the framework was written and checks clean (warnings allowed), ${ExitCode.ValidationErrors} when a row is bad`,
            `(nothing written) or the check finds errors, ${ExitCode.UsageOrInputError} when the file cannot be read or the options are wrong.`,
        ].join('\n'))
        .action(async (measures: string, options: ImportOptions) => {
            finish(await runImport(measures, options));
        });
}

async function runImport(measures: string, options: ImportOptions): Promise<ExitCode> {
    const shown = displayPath(path.resolve(measures));
    const header = headerFromOptions(measures, options);
    refuseOccupiedFolder(options.out, options.force === true);
    let maxFileSize: number | undefined;
    if (options.maxFileSize !== undefined) {
        maxFileSize = parseFileSize(options.maxFileSize);
        if (maxFileSize === undefined) throw new UsageError(`--max-file-size: '${options.maxFileSize}' is not a size; write e.g. 256MB, 500k or 1048576.`);
    }
    const sheet = await readMeasureSheet(measures, shown, { sheet: options.sheet, maxFileSize });
    const currentYear = new Date().getFullYear();
    const result = planMeasureImport(sheet, { skipBadRows: options.skipBadRows === true, currentYear });
    if (result.headerProblems.length > 0) {
        writeLines(process.stderr, [...result.headerProblems.map(problem => escapeControlCharacters(describeHeaderProblem(sheet, problem))),
            'Nothing was written: the first row must name the columns.']);
        return ExitCode.ValidationErrors;
    }
    const problemLines = result.problems.map(problem => escapeControlCharacters(describeRowProblem(sheet, problem)));
    if (!result.plan) {
        const why = result.problems.length > 0
            ? `Nothing was written: ${countOf(new Set(result.problems.map(p => p.rowNumber)).size, 'row')} ${result.skippedRows.length > 0 ? 'were all bad' : 'had problems'}. Correct them, or add --skip-bad-rows to import the others.`
            : 'Nothing was written: the list has no measures (no rows after the header).';
        writeLines(process.stderr, [...problemLines, why]);
        return ExitCode.ValidationErrors;
    }
    if (result.skippedRows.length > 0) {
        writeLines(process.stderr, [...problemLines, `Skipped ${countOf(result.skippedRows.length, 'bad row')}: ${result.skippedRows.join(', ')}.`]);
    }
    const plan = result.plan;
    const priceYear = header.priceYear ?? plan.latestPriceYear ?? currentYear;
    const text = formatted(importedFrameworkText(plan, { ...header, priceYear, sourceFile: path.basename(measures) }), path.resolve(options.out, IMPORTED_FRAMEWORK_FILE));
    try {
        fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
        writeFolderAtomically(options.out, folder => fs.writeFileSync(path.join(folder, IMPORTED_FRAMEWORK_FILE), text, { flag: 'wx' }));
    } catch (error) {
        const why = (error as NodeJS.ErrnoException)?.code ?? String(error);
        throw new UsageError(`--out: cannot write ${displayPath(path.resolve(options.out))} (${why}); nothing was written.`);
    }
    const outputFile = displayPath(path.resolve(options.out, IMPORTED_FRAMEWORK_FILE));
    writeLines(process.stdout, [escapeControlCharacters(
        `Wrote ${outputFile}: ${countOf(plan.measureCount, 'measure')} in ${countOf(plan.themes.length, 'theme')} and ${countOf(plan.themes.reduce((n, t) => n + t.outcomes.length, 0), 'outcome')}, ` +
        `${countOf(plan.units.length, 'unit')}, ${countOf(plan.proxies.length, 'proxy', 'proxies')}.`)]);
    // The same check `svf check <out>` runs.
    const loaded = await loadFrameworkFromDisk({ paths: [options.out] }, { maxFileSize: options.maxFileSize });
    const report = buildDiagnosticReport(loaded);
    writeLines(process.stdout, formatDiagnosticReport(report));
    return report.summary.errors > 0 ? ExitCode.ValidationErrors : ExitCode.Ok;
}

function countOf(count: number, noun: string, plural = `${noun}s`): string {
    return `${count} ${count === 1 ? noun : plural}`;
}

/** Options checked before the file is read: a mistyped option should not wait for a large workbook. */
function headerFromOptions(measures: string, options: ImportOptions): { id: string; title: string; version: string; currency: string; priceYear: number | undefined } {
    const base = path.basename(measures, path.extname(measures));
    let id = options.id;
    if (id === undefined) {
        id = camelCaseName(base) ?? 'imported';
        if (SVF_KEYWORDS.has(id)) id = `${id}Framework`;
    } else if (!id.split('.').every(part => SVF_ID_PATTERN.test(part) && !SVF_KEYWORDS.has(part))) {
        throw new UsageError(`--id: '${options.id}' is not a framework id. Write names of letters, digits and _ (starting with a letter) joined by dots, e.g. council.socialValue.`);
    }
    const title = options.title ?? (base.replace(/[_-]+/g, ' ').trim().replace(/^./, c => c.toUpperCase()) || 'Imported measures');
    if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(options.frameworkVersion)) {
        throw new UsageError(`--framework-version: '${options.frameworkVersion}' is not a semantic version; write e.g. 1.0.0.`);
    }
    if (!/^[A-Z]{3}$/.test(options.currency)) {
        throw new UsageError(`--currency: '${options.currency}' is not an ISO 4217 currency code; write e.g. GBP.`);
    }
    let priceYear: number | undefined;
    if (options.priceYear !== undefined) {
        priceYear = /^\d{4}$/.test(options.priceYear) ? Number(options.priceYear) : undefined;
        if (priceYear === undefined || priceYear > new Date().getFullYear() || priceYear < 1990) {
            throw new UsageError(`--price-year: '${options.priceYear}' is not a price year; write a four-digit year from 1990 to this year.`);
        }
    }
    if (/[\u0000-\u001f\u007f]/.test(title)) throw new UsageError('--title: the title has a control character; write it on one line.');
    return { id, title, version: options.frameworkVersion, currency: options.currency, priceYear };
}

/** An existing output folder must be empty, unless --force (then it is replaced whole). */
function refuseOccupiedFolder(out: string, force: boolean): void {
    let stats: fs.Stats | undefined;
    try {
        stats = fs.lstatSync(out, { throwIfNoEntry: false });
    } catch (error) {
        // ENOTDIR (a file on the way), EACCES ...
        throw new UsageError(`--out: cannot write ${displayPath(path.resolve(out))} (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was written.`);
    }
    if (!stats) return;
    if (!stats.isDirectory()) {
        throw new UsageError(`--out: ${displayPath(path.resolve(out))} is ${stats.isSymbolicLink() ? 'a symbolic link' : 'a file'}, not a folder. Choose a new folder.`);
    }
    if (!force && fs.readdirSync(out).length > 0) {
        throw new UsageError(`--out: ${displayPath(path.resolve(out))} is not empty. Choose a new or empty folder, or add --force to replace it and everything in it.`);
    }
}

/** The text as `svf fmt` leaves it (the generated text is already laid out so; this makes sure). */
function formatted(text: string, file: string): string {
    const { Svf: services, shared } = createSvfServices(createSvfNodeFileSystem(), { batch: true });
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
    const result = formatSvfDocument(document, services.parser.Lexer, { tabSize: 4, insertSpaces: true });
    if (result.firstError) {
        // The generator writes only what the grammar reads: this is a bug, not the user's input.
        throw new Error(`the generated framework does not parse (line ${result.firstError.line + 1}: ${result.firstError.message})`);
    }
    return result.text;
}
