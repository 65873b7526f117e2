import { Option, type Command } from 'commander';
import { formatPounds } from '../model/amounts.js';
import type { QuestionSet } from '../compiler/index.js';
import { serializeOutput } from '../compiler/index.js';
import { bidTemplate, bidTemplateCsv, templateOrigin } from '../compiler/bidkit/bid-template.js';
import { checkBidAgainstQuestionSet, type BidCheck } from '../compiler/bidkit/check-bid.js';
import { creditBids, type CreditedBid } from '../compiler/bidkit/credited-value.js';
import { describeProblem, ScoringInputError } from '../compiler/scoring/scoring-input-error.js';
import { readScoringRubric } from '../compiler/scoring/scoring-rubric.js';
import { readCsvBid, readJsonBids, type BidProblem } from '../compiler/bidkit/filled-bid.js';
import { readInputJson, readInputText, readRubric, readTailoredQuestionSet } from './bid-input.js';
import { escapeControlCharacters } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { countOf, writeLines } from './output.js';
import { writeFileAtomically } from './atomic-write.js';

interface TemplateOptions { format: 'json' | 'csv'; out?: string }
interface CheckOptions { rubric?: string; out?: string }

export function registerBidCommand(program: Command, finish: (code: ExitCode) => void): void {
    const bid = program.command('bid')
        .description('For bidders, offline: a fillable bid for a tailored question set, and a check of the filled-in bid before it is submitted.');
    bid.command('template')
        .description('Write a fillable bid (JSON, or CSV for spreadsheets) for the questions of a tailored question set.')
        .argument('<question-set.json>', 'the tailored question set (`svf compile --profile ...` writes it)')
        .addOption(new Option('--format <format>', 'json, or csv for spreadsheet users').choices(['json', 'csv']).default('json'))
        .option('--out <file>', 'file to write (default: standard output)')
        .action((questionSetFile: string, options: TemplateOptions) => {
            const questionSet = readTailoredQuestionSet(questionSetFile);
            const text = options.format === 'csv' ? bidTemplateCsv(questionSet) : serializeOutput(bidTemplate(questionSet));
            writeOutput(options.out, text);
            finish(ExitCode.Ok);
        });
    bid.command('check')
        .description('Check a filled-in bid against the question set, and show the social value and SV ratio it would be credited with (with --rubric). No marks: they depend on the other bids.')
        .argument('<question-set.json>', 'the tailored question set the bid answers')
        .argument('<bid>', 'the filled-in bid: .json (the template or a bids file) or .csv')
        .option('--rubric <rubric.json>', "the contract's rubric, for the social value (net of deadweight, attribution and displacement) and SV ratio")
        .option('--out <file>', 'when the bid is valid, write it in the bids format (schemas/bids.schema.json), ready to submit')
        .addHelpText('after', '\nExit 1 when the bid is invalid (every problem is listed with its JSON path or CSV line); 2 when a file cannot be read.')
        .action((questionSetFile: string, bidFile: string, options: CheckOptions) => {
            finish(runCheck(questionSetFile, bidFile, options));
        });
}

function runCheck(questionSetFile: string, bidFile: string, options: CheckOptions): ExitCode {
    const questionSet = readTailoredQuestionSet(questionSetFile);
    const rubric = options.rubric === undefined ? undefined : readRubric(options.rubric);
    if (rubric) {
        try {
            readScoringRubric(rubric);
        } catch (error) {
            if (!(error instanceof ScoringInputError)) throw error;
            throw new UsageError(`'${options.rubric}' cannot be used to value bids:\n${error.problems.map(describeProblem).join('\n')}`);
        }
    }
    if (rubric && rubric.framework.sourceHash !== questionSet.framework.sourceHash) {
        throw new UsageError(`'${options.rubric}' was compiled from another framework than '${questionSetFile}' (${rubric.chainDescription} against ${questionSet.chainDescription}); use the pair one \`svf compile\` wrote.`);
    }
    const isCsv = /\.csv$/i.test(bidFile);
    const json = isCsv ? undefined : readInputJson(bidFile, 'bid');
    const read = isCsv ? readCsvBid(readInputText(bidFile, 'bid'), questionSet) : readJsonBids(json);
    const problems = [...read.problems, ...(isCsv ? [] : templateMismatch(questionSet, json))];
    const checks: BidCheck[] = read.bids.map((bid, index) => checkBidAgainstQuestionSet(questionSet, bid, index, { scorerChecks: rubric !== undefined }));
    const credit = rubric === undefined ? undefined : creditBids(rubric, read.bids);
    const errors = [...problems, ...checks.flatMap(check => check.errors), ...(credit?.errors ?? [])];
    const out = (problem: BidProblem) => escapeControlCharacters(`${bidFile}${problemPlace(problem)}: ${problem.message}`);
    if (errors.length > 0) {
        writeLines(process.stderr, [...errors.map(out), `The bid is not valid: ${countOf(errors.length, 'problem')}. Fix ${errors.length === 1 ? 'it' : 'them'} and check again.`]);
        return ExitCode.ValidationErrors;
    }
    const lines: string[] = [];
    checks.forEach((check, index) => {
        lines.push(`Bid from ${check.bidder}: valid for ${questionSet.chainDescription}, ${formatPounds(questionSet.profile!.contractValue)} ${questionSet.profile!.category} contract.`);
        for (const notice of check.notices) lines.push(`  note: ${notice.where}: ${notice.message}`);
        const credited = credit?.credited[index];
        if (credited) lines.push(...consequenceNotes(credited), '', ...creditedLines(credited));
    });
    if (!rubric) {
        lines.push('', 'Pass --rubric rubric.json to see the social value and SV ratio the bid would be credited with.');
    }
    lines.push('No marks are shown: they depend on the other bids.');
    writeLines(process.stdout, lines.map(escapeControlCharacters));
    if (options.out !== undefined) {
        writeOutput(options.out, serializeOutput({ bids: read.bids.map(({ bid }) => bid) }));
        writeLines(process.stdout, [`Wrote ${options.out}`]);
    }
    return ExitCode.Ok;
}

/** `:12` for a CSV line, `:/bids/0/commitments/NT1` for a JSON path, nothing for the whole file. */
function problemPlace(problem: BidProblem): string {
    if (problem.where === '') return '';
    return `:${problem.where.startsWith('line ') ? problem.where.slice(5) : problem.where}`;
}

/** What the scorer says the bid's answers lead to, whatever the other bids: a gate failed, a minimum unmet. */
function consequenceNotes(credited: CreditedBid): string[] {
    const { score } = credited;
    const notes = score.disqualificationReasons.map(reason => `  note: the bid would be disqualified: ${reason}`);
    for (const unmet of score.unmetMinimumCommitments) {
        if (unmet.consequence !== 'disqualify') notes.push(`  note: ${unmet.measure}: the minimum commitment is ${unmet.required}, the bid commits ${unmet.committed}: its quantitative marks would be 0.`);
    }
    for (const reason of score.quantitativeZeroedBecause) notes.push(`  note: quantitative marks would be 0: ${reason}`);
    return [...new Set(notes)];
}

function creditedLines(credited: CreditedBid): string[] {
    const { score } = credited;
    const lines = [`Social value credited to ${score.bidder} (net of deadweight, attribution and displacement):`];
    for (const commitment of score.commitments) {
        // Money measures read as money: "£250,000.00", "£20,000.00 invested including staff time".
        const given = commitment.quantity;
        const money = commitment.unit.startsWith('£') && /^\d+(\.\d+)?$/.test(String(given));
        const answered = typeof given === 'boolean' || typeof given === 'object'
            ? (typeof given === 'object' ? `file ${given.name}` : given ? 'yes' : 'no')
            : money
            ? `${formatPounds(given, { pence: 'always' })}${commitment.unit === '£' ? '' : ` ${commitment.unit.replace(/^£\s*/, '')}`}`
            : `${commitment.quantity} ${commitment.unit}`;
        const years = commitment.multiYear ? ` over ${commitment.multiYear.yearFactors.length} years with ${commitment.multiYear.dropOff}% drop-off` : '';
        lines.push(!commitment.valued
            ? `  ${commitment.measure.padEnd(8)} ${answered}: not valued (record only, or no proxy)`
            : `  ${commitment.measure.padEnd(8)} ${answered} x ${formatPounds(commitment.netValuePerUnit!, { pence: 'always' })}${years} = ${formatPounds(commitment.socialValue, { pence: 'always' })}`);
    }
    const ratio = score.svRatio === null ? '' : `, an SV ratio of ${score.svRatio}% of the contract value`;
    const minimum = score.minimumSvRatio === null ? '' : ` (the minimum is ${score.minimumSvRatio.required}%: ${score.minimumSvRatio.met ? 'met' : 'NOT met'})`;
    lines.push(`  Total ${formatPounds(score.socialValue, { pence: 'always' })}${ratio}${minimum}.`);
    return lines;
}

/** A template made for another question set (another framework or contract) is an error. */
function templateMismatch(questionSet: QuestionSet, value: unknown): BidProblem[] {
    const origin = (value as { questionSet?: unknown } | null)?.questionSet;
    if (typeof origin !== 'object' || origin === null) return [];
    const expected = templateOrigin(questionSet);
    const found = origin as Record<string, unknown>;
    const differs = (Object.keys(expected) as Array<keyof typeof expected>).filter(key => found[key] !== expected[key]);
    return differs.length === 0 ? [] : [{
        where: '/questionSet',
        message: `this template was made for another question set (${differs.map(key => `${key} ${JSON.stringify(found[key])}, not ${JSON.stringify(expected[key])}`).join('; ')}); make a new template with \`svf bid template\` and copy your answers over.`,
    }];
}

function writeOutput(file: string | undefined, text: string): void {
    if (file === undefined) {
        process.stdout.write(text);
        return;
    }
    try {
        writeFileAtomically(file, text);
    } catch (error) {
        throw new UsageError(`cannot write '${file}': ${(error as Error).message}.`);
    }
}
