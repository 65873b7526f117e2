import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import {
    buildPortfolioReport, formatDeliveryCsv, formatDeliveryTable, formatPortfolioCsv, formatPortfolioTable, reportContract, ReportInputError,
    type BrokenContract, type ContractInputs, type InputText, type PortfolioContract
} from '../compiler/report/index.js';
import { escapeControlCharacters } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';
import { InputFileError, readInputFile } from './input-file.js';

interface ReportOptions {
    rubric?: string;
    commitments?: string;
    returns?: string;
    questionSet?: string;
    portfolio?: string;
    start?: string;
    duration?: string;
    asOf?: string;
    format: 'table' | 'json' | 'csv';
}

/** The files of a contract folder in a portfolio, and of a returns folder. */
const CONTRACT_FILE = 'contract.json';
const RUBRIC_FILE = 'rubric.json';
const COMMITMENTS_FILE = 'commitments.json';
const QUESTION_SET_FILE = 'question-set.json';
const RETURNS_FOLDER = 'returns';

export function registerReportCommand(program: Command, finish: (code: ExitCode) => void): void {
    program.command('report')
        .description("Monitor delivery: a supplier's returns against its commitments (one contract), or totals over a portfolio of contracts.")
        .option('--rubric <file>', 'rubric.json of the contract (as `svf compile` wrote it)')
        .option('--commitments <file>', "the supplier's commitments: its bid (bids format, one bid, or the bid object)")
        .option('--returns <folder-or-file>', "the supplier's returns: a folder of .json and .csv files (and optionally contract.json), or one file")
        .option('--question-set <file>', 'question-set.json, to give measures their themes when the rubric does not')
        .option('--start <date>', 'the contract start date, YYYY-MM-DD (overrides contract.json)')
        .option('--duration <months>', "the contract's length in months (overrides contract.json and the rubric's profile)")
        .option('--as-of <date>', 'measure the plan at this date, YYYY-MM-DD (default: the end of the last return)')
        .option('--portfolio <folder>', 'a folder with one folder per contract (contract.json, rubric.json, commitments.json, returns/)')
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
        .addHelpText('after', [
            '',
            'One contract:  svf report --rubric rubric.json --commitments bid.json --returns returns/ [--start 2026-04-01] [--duration 36]',
            'A portfolio:   svf report --portfolio contracts/ [--as-of 2027-03-31]',
            'Exits with 1 when an input is invalid (every problem is printed, with its file and JSON path or line:column),',
            'or, for a portfolio, when any contract folder could not be reported (the others still are);',
            '2 for a wrong command line or a file that cannot be read.',
        ].join('\n'))
        .action((options: ReportOptions) => {
            finish(options.portfolio !== undefined ? runPortfolio(options.portfolio, options) : runContract(options));
        });
}

/**
 * How a file that cannot be read ends the run: for one contract, a usage error (exit 2, as
 * everywhere in svf); in a portfolio, that contract folder is broken and the others go on.
 */
type Unreadable = (message: string) => Error;
const usageError: Unreadable = message => new UsageError(message);
const brokenFolder: Unreadable = message => new ReportInputError([message]);

function readText(file: string, unreadable: Unreadable): InputText {
    try {
        return { path: file, text: readInputFile(file, 'file') };
    } catch (error) {
        if (error instanceof InputFileError) throw unreadable(error.message.replace(/^cannot read the file /, '').replace(/^(.*?): /, '$1: cannot be read: '));
        throw error;
    }
}

/** The returns files of a folder (.json and .csv, except contract.json), or one file. */
function returnsOf(target: string, unreadable: Unreadable): { returns: InputText[]; contract?: InputText } {
    let stat;
    try {
        stat = fs.statSync(target);
    } catch {
        throw unreadable(`${target}: no such folder or file of returns.`);
    }
    if (!stat.isDirectory()) return { returns: [readText(target, unreadable)] };
    const names = fs.readdirSync(target).sort();
    return {
        returns: names.filter(name => /\.(json|csv)$/i.test(name) && name !== CONTRACT_FILE).map(name => readText(path.join(target, name), unreadable)),
        contract: names.includes(CONTRACT_FILE) ? readText(path.join(target, CONTRACT_FILE), unreadable) : undefined
    };
}

function durationOf(text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--duration '${text}' is not a whole number of months, like 36.`);
    return Number(text);
}

function dateOption(name: string, text: string | undefined): string | undefined {
    if (text !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new UsageError(`${name} '${text}' is not a date written YYYY-MM-DD, like 2026-04-01.`);
    return text;
}

function printProblems(problems: string[]): void {
    writeLines(process.stderr, problems.map(problem => `svf: ${escapeControlCharacters(problem)}`));
}

function runContract(options: ReportOptions): ExitCode {
    const missing = (['rubric', 'commitments', 'returns'] as const).filter(name => options[name] === undefined);
    if (missing.length > 0) {
        throw new UsageError(`${missing.map(name => `--${name}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} needed for one contract's report (or give --portfolio FOLDER).`);
    }
    const settings = { start: dateOption('--start', options.start), durationMonths: durationOf(options.duration), asOf: dateOption('--as-of', options.asOf) };
    try {
        const { returns, contract } = returnsOf(options.returns!, usageError);
        const inputs: ContractInputs = {
            rubric: readText(options.rubric!, usageError),
            commitments: readText(options.commitments!, usageError),
            questionSet: options.questionSet === undefined ? undefined : readText(options.questionSet, usageError),
            returns,
            contract
        };
        const { report } = reportContract(inputs, settings);
        writeLines(process.stdout, options.format === 'json' ? [JSON.stringify(report, null, 2)] : options.format === 'csv' ? formatDeliveryCsv(report) : formatDeliveryTable(report));
        if (options.format !== 'table') printProblems(report.warnings.map(warning => `warning: ${warning.message}`));
        return ExitCode.Ok;
    } catch (error) {
        if (!(error instanceof ReportInputError)) throw error;
        printProblems(error.problems);
        printProblems([`no report: ${error.problems.length === 1 ? 'fix the problem above' : `fix the ${error.problems.length} problems above`}.`]);
        return ExitCode.ValidationErrors;
    }
}

function runPortfolio(folder: string, options: ReportOptions): ExitCode {
    for (const name of ['rubric', 'commitments', 'returns', 'questionSet', 'start', 'duration'] as const) {
        if (options[name] !== undefined) throw new UsageError(`--${name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)} cannot be combined with --portfolio: each contract folder holds its own files.`);
    }
    const asOf = dateOption('--as-of', options.asOf);
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
        throw new UsageError(`--portfolio '${folder}': no such folder.`);
    }
    const contracts: PortfolioContract[] = [];
    const broken: BrokenContract[] = [];
    for (const entry of entries.filter(entry => entry.isDirectory()).sort((a, b) => a.name < b.name ? -1 : 1)) {
        const contractFolder = path.join(folder, entry.name);
        try {
            const has = (name: string) => fs.existsSync(path.join(contractFolder, name));
            const absent = [CONTRACT_FILE, RUBRIC_FILE, COMMITMENTS_FILE, RETURNS_FOLDER].filter(name => !has(name));
            if (absent.length > 0) throw new ReportInputError([`${contractFolder}: ${absent.join(', ')} missing; a contract folder holds ${CONTRACT_FILE}, ${RUBRIC_FILE}, ${COMMITMENTS_FILE} and ${RETURNS_FOLDER}/.`]);
            const { returns } = returnsOf(path.join(contractFolder, RETURNS_FOLDER), brokenFolder);
            const { record, report, figures } = reportContract({
                contract: readText(path.join(contractFolder, CONTRACT_FILE), brokenFolder),
                rubric: readText(path.join(contractFolder, RUBRIC_FILE), brokenFolder),
                commitments: readText(path.join(contractFolder, COMMITMENTS_FILE), brokenFolder),
                questionSet: has(QUESTION_SET_FILE) ? readText(path.join(contractFolder, QUESTION_SET_FILE), brokenFolder) : undefined,
                returns
            }, { asOf, requireProgramme: true, returnLines: false });
            contracts.push({ folder: contractFolder, record, report, figures });
        } catch (error) {
            if (!(error instanceof ReportInputError)) throw error;
            broken.push({ folder: contractFolder, problems: error.problems });
        }
    }
    if (contracts.length === 0 && broken.length === 0) throw new UsageError(`--portfolio '${folder}' holds no contract folders.`);
    const report = buildPortfolioReport(contracts, broken, asOf ?? null);
    writeLines(process.stdout, options.format === 'json' ? [JSON.stringify(report, null, 2)] : options.format === 'csv' ? formatPortfolioCsv(report) : formatPortfolioTable(report));
    if (broken.length > 0) {
        printProblems(broken.flatMap(contract => contract.problems.map(problem => problem.startsWith(contract.folder) ? problem : `${contract.folder}: ${problem}`)));
        printProblems([`${broken.length} contract folder${broken.length === 1 ? '' : 's'} could not be reported; the totals leave ${broken.length === 1 ? 'it' : 'them'} out.`]);
        return ExitCode.ValidationErrors;
    }
    return ExitCode.Ok;
}
