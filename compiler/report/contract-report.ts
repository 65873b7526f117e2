import { buildDelivery, type DeliveryFigures, type DeliveryReport } from './delivery-report.js';
import {
    combineReturns, readCommitments, readContractRecord, readReturnsCsv, readReturnsJson, readRubricMeasures, ReportInputError,
    type ContractRecord, type ReturnsFile
} from './report-input.js';

/** A file's path (as it should appear in messages) and its text. */
export interface InputText {
    path: string;
    text: string;
}

/** What one contract's report is built from: the texts of its files. */
export interface ContractInputs {
    rubric: InputText;
    commitments: InputText;
    /** .json files follow schemas/returns.schema.json; .csv files are one row per measure per period. */
    returns: InputText[];
    /** contract.json: id, title, programme, start, durationMonths, contractValue. */
    contract?: InputText;
    /** Gives measures their themes when the rubric does not carry them. */
    questionSet?: InputText;
}

/** What the command line may set, over contract.json: the start, the duration and the as-of date. */
export interface ContractSettings {
    start?: string;
    durationMonths?: number;
    asOf?: string;
    /** A portfolio needs every contract.json to name its programme. */
    requireProgramme?: boolean;
    /** List each measure's returns (period, quantity, £, evidence); a portfolio, which does not show them, leaves them out. */
    returnLines?: boolean;
}

function parseJson(input: InputText): unknown {
    try {
        return JSON.parse(input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text);
    } catch (error) {
        throw new ReportInputError([`${input.path}: is not valid JSON (${error instanceof Error ? error.message : String(error)}).`]);
    }
}

/**
 * One contract's delivery report from its files' texts: every input is checked first and
 * every problem reported (ReportInputError, one line each with its file and place). The
 * contract starts at `settings.start` or contract.json's start; it lasts
 * `settings.durationMonths`, contract.json's durationMonths or the rubric profile's.
 */
export function reportContract(inputs: ContractInputs, settings: ContractSettings = {}): { record: ContractRecord; report: DeliveryReport; figures: DeliveryFigures } {
    const problems: string[] = [];
    const attempt = <T>(read: () => T): T | undefined => {
        try {
            return read();
        } catch (error) {
            if (!(error instanceof ReportInputError)) throw error;
            problems.push(...error.problems);
            return undefined;
        }
    };
    const read = attempt(() => inputs.contract ? readContractRecord(parseJson(inputs.contract), inputs.contract.path) : undefined);
    // A contract.json that cannot be read has said what is wrong: no second message about its start.
    const contractUnreadable = inputs.contract !== undefined && read === undefined;
    const record: ContractRecord = read ?? { id: null, title: null, programme: null, start: null, durationMonths: null, contractValue: null };
    const rubric = attempt(() => parseJson(inputs.rubric));
    const questionSet = inputs.questionSet ? attempt(() => parseJson(inputs.questionSet!)) : undefined;
    const measures = rubric === undefined ? undefined
        : attempt(() => readRubricMeasures(rubric, inputs.rubric.path, inputs.questionSet && questionSet !== undefined ? { value: questionSet, path: inputs.questionSet.path } : undefined));
    const commitments = measures && attempt(() => readCommitments(parseJson(inputs.commitments), inputs.commitments.path, measures));
    const files: ReturnsFile[] = [];
    for (const input of [...inputs.returns].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) {
        const file = attempt(() => input.path.toLowerCase().endsWith('.csv') ? readReturnsCsv(input.text, input.path) : readReturnsJson(parseJson(input), input.path));
        if (file) files.push(file);
    }
    if (inputs.contract && settings.requireProgramme && problems.length === 0 && !record.programme) {
        problems.push(`${inputs.contract.path}: /programme: missing; a portfolio totals by programme, so name the contract's (e.g. "Growth Deal").`);
    }
    const start = settings.start ?? record.start;
    const profile = (rubric as { profile?: { durationMonths?: unknown } } | undefined)?.profile;
    const profileDuration = typeof profile?.durationMonths === 'number' ? profile.durationMonths : null;
    const durationMonths = settings.durationMonths ?? record.durationMonths ?? profileDuration;
    if (start === null && !contractUnreadable) problems.push(`no contract start date: give --start YYYY-MM-DD or a contract.json with "start".`);
    if (durationMonths === null && rubric !== undefined && !contractUnreadable) problems.push(`no contract duration: give --duration MONTHS, a contract.json with "durationMonths", or a rubric tailored to a profile with a duration.`);
    if (problems.length > 0 || !measures || !commitments) throw new ReportInputError(problems);
    const returns = combineReturns(files, { contract: record.id, supplier: commitments.supplier });
    const { report, figures } = buildDelivery(measures, commitments, returns, {
        contractStart: start!, durationMonths: durationMonths!, asOf: settings.asOf, contractId: record.id
    }, { returnLines: settings.returnLines ?? true });
    return { record, report, figures };
}
