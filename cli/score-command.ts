import { Option, type Command } from 'commander';
import { explainBid } from '../compiler/scoring/explain-bid.js';
import { formatPounds } from '../model/amounts.js';
import { scoreBids } from '../compiler/scoring/score-bids.js';
import type { BidderScore, ScoreResult } from '../compiler/scoring/score-result.js';
import { validateScoringDocument } from '../compiler/scoring/score-result-schema.js';
import { describeProblem, ScoringInputError } from '../compiler/scoring/scoring-input-error.js';
import { escapeControlCharacters } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { countOf, writeLines } from './output.js';
import { InputFileError, readInputFile } from './input-file.js';
import { maxFileSizeFromEnvironment } from '../language/workspace/svf-file-system.js';
import { csvLines } from '../compiler/report/csv-table.js';

interface ScoreOptions {
    rubric: string;
    bids: string;
    format: 'table' | 'json' | 'csv';
    explain?: string;
}

/** Larger inputs than this are refused before reading: 10,000 bids of 50 commitments are about 20 MB. */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export function registerScoreCommand(program: Command, finish: (code: ExitCode) => void): void {
    program.command('score')
        .description('Score bids with a tailored rubric: social value, SV ratio, marks, gates, disqualifications and ranks.')
        .requiredOption('--rubric <file>', 'the tailored rubric.json written by `svf compile --profile ...`')
        .requiredOption('--bids <file>', 'the bids JSON (schemas/bids.schema.json)')
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
        .option('--explain <bidder>', "print the arithmetic behind one bidder's marks, line by line")
        .addHelpText('after', [
            '',
            'Exits with 1 if the rubric or the bids are invalid (every problem is listed, with its JSON path',
            'and the bidder), 2 if a file cannot be read or the command line is wrong.',
        ].join('\n'))
        .action((options: ScoreOptions) => {
            finish(runScore(options));
        });
}

function runScore(options: ScoreOptions): ExitCode {
    const rubric = readJson(options.rubric, 'rubric');
    const bids = readJson(options.bids, 'bids');
    if (rubric.problem || bids.problem) {
        writeLines(process.stderr, [rubric.problem, bids.problem].filter((line): line is string => line !== undefined).map(escapeControlCharacters));
        writeLines(process.stderr, ['svf: cannot score: the input is not JSON (nothing scored).']);
        return ExitCode.ValidationErrors;
    }
    let result: ScoreResult;
    try {
        result = scoreBids(rubric.value, bids.value);
    } catch (error) {
        if (!(error instanceof ScoringInputError)) throw error;
        const lines = error.problems.map(problem => `${problem.document === 'rubric' ? options.rubric : options.bids}: ${describeProblem(problem)}`);
        writeLines(process.stderr, lines.map(escapeControlCharacters));
        const inRubric = error.problems.some(problem => problem.document === 'rubric');
        writeLines(process.stderr, [`svf: cannot score: ${countOf(error.problems.length, 'problem')} in the ${inRubric ? 'rubric' : 'bids'} (nothing scored).`]);
        return ExitCode.ValidationErrors;
    }
    if (options.explain !== undefined) {
        let lines: string[];
        try {
            lines = explainBid(result, options.explain);
        } catch (error) {
            if (error instanceof RangeError) throw new UsageError(`--explain: ${error.message}`);
            throw error;
        }
        writeLines(process.stdout, lines.map(escapeControlCharacters));
        return ExitCode.Ok;
    }
    switch (options.format) {
        case 'json': {
            const errors = validateScoringDocument('scoreResult', result);
            if (errors.length > 0) {
                throw new Error(`the score result breaks schemas/score-result.schema.json: ${errors.slice(0, 3).map(error => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ')}`);
            }
            writeLines(process.stdout, [JSON.stringify(result, null, 2)]);
            break;
        }
        case 'csv':
            writeLines(process.stdout, scoreCsv(result));
            break;
        default:
            writeLines(process.stdout, scoreTable(result).map(escapeControlCharacters));
    }
    return ExitCode.Ok;
}

function readJson(file: string, what: string): { value?: unknown; problem?: string } {
    let text: string;
    try {
        text = readInputFile(file, what, Math.max(MAX_INPUT_BYTES, maxFileSizeFromEnvironment()));
    } catch (error) {
        if (error instanceof InputFileError) throw new UsageError(error.message);
        throw error;
    }
    try {
        return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
    } catch (error) {
        return { problem: `${file}: (the whole document): is not JSON: ${(error as Error).message}. Fix the syntax and score again.` };
    }
}

/** Bidders best first (equal ranks in the bids' order), the disqualified last. */
function byRank(result: ScoreResult): BidderScore[] {
    return [...result.bidders].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
}

function gatesText(bidder: BidderScore): string {
    if (bidder.gates.length === 0) return '-';
    const failed = bidder.gates.filter(gate => !gate.passed).map(gate => gate.gate);
    return failed.length === 0 ? 'passed' : `failed: ${failed.join(', ')}`;
}

function scoreTable(result: ScoreResult): string[] {
    const { contract } = result;
    const outOf = contract.marksOutOf;
    const header = ['Rank', 'Bidder', 'Social value', 'SV ratio', `Quant. /${contract.quantitative.marksAvailable}`, `Qual. /${contract.qualitative.marksAvailable}`, 'Gates', `Final /${outOf}`, 'Disqualified'];
    const rows = byRank(result).map(bidder => [
        bidder.rank === null ? '-' : String(bidder.rank),
        bidder.bidder,
        poundsText(bidder.socialValue),
        bidder.svRatio === null ? '-' : `${bidder.svRatio.toFixed(2)}%`,
        bidder.quantitativeMarks.toFixed(2),
        bidder.qualitativeMarks.toFixed(2),
        gatesText(bidder),
        bidder.finalMarks.toFixed(2),
        bidder.disqualified ? bidder.disqualificationReasons.join('; ') : ''
    ]);
    const numeric = new Set([0, 2, 3, 4, 5, 7]);
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
    const line = (cells: string[]) => cells.map((cell, column) => column === cells.length - 1 ? cell : numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)).join('  ').trimEnd();
    const method = contract.quantitative.method === 'relative'
        ? `relative to the highest bid not disqualified (${contract.quantitative.highestSocialValue === null ? '-' : poundsText(contract.quantitative.highestSocialValue)})`
        : `against the target of ${poundsText(contract.quantitative.targetAmount!)}`;
    return [
        `Framework ${result.framework.id} ${result.framework.version}; contract value ${poundsText(contract.contractValue)}; social value ${contract.weighting === null ? 'marks out of 100' : `weighting ${contract.weighting}%`}`,
        `Quantitative marks ${method}`,
        '',
        line(header),
        ...rows.map(line),
        '',
        `${countOf(result.bidders.length, 'bid')}, ${result.bidders.filter(bidder => bidder.disqualified).length} disqualified. Use --explain BIDDER for the arithmetic.`
    ];
}

function poundsText(amount: string): string {
    return formatPounds(amount, { pence: 'always' });
}

/** The table's figures, one row per bidder in the bids' order, for spreadsheets (RFC 4180). */
function scoreCsv(result: ScoreResult): string[] {
    const header = ['bidder', 'rank', 'social_value', 'sv_ratio_percent', 'quantitative_marks', 'qualitative_marks', 'gates', 'social_value_marks', 'final_marks', 'marks_out_of', 'disqualified', 'disqualification_reasons'];
    const rows = result.bidders.map(bidder => [
        bidder.bidder,
        bidder.rank === null ? '' : String(bidder.rank),
        bidder.socialValue,
        bidder.svRatio === null ? '' : bidder.svRatio.toFixed(2),
        bidder.quantitativeMarks.toFixed(2),
        bidder.qualitativeMarks.toFixed(2),
        gatesText(bidder),
        bidder.socialValueMarks.toFixed(2),
        bidder.finalMarks.toFixed(2),
        String(result.contract.marksOutOf),
        bidder.disqualified ? 'yes' : 'no',
        bidder.disqualificationReasons.join('; ')
    ]);
    return csvLines([header, ...rows]);
}
