import type { Question, QuestionSet } from '../compiled-framework.js';
import { csvLines } from '../report/csv-table.js';
import type { AttachmentAnswer } from '../answer-shapes.js';

/**
 * A fillable bid for a tailored question set, for suppliers working offline: the bids
 * format (schemas/bids.schema.json) with every key present and null, and the questions
 * beside it. A key left null is a commitment not chosen; `svf bid check --out` writes the
 * filled bid without the nulls and the questions, ready to submit.
 */
export interface BidTemplate {
    $comment: string;
    /** What the template was made for, so a check against another question set is caught. */
    questionSet: TemplateOrigin;
    bids: [TemplateBid];
    questions: TemplateQuestion[];
}

export interface TemplateOrigin {
    framework: string;
    version: string;
    contractValue: string | null;
    category: string | null;
}

export interface TemplateBid {
    bidder: string | null;
    commitments: Record<string, number | string | boolean | AttachmentAnswer | null>;
    methodStatements: Record<string, number | null>;
    gates: Record<string, boolean | null>;
}

/** A question as the bidder needs it beside the form. */
export interface TemplateQuestion {
    id: string;
    kind: Question['kind'];
    /** Where the answer goes in the bid: `commitments`, `methodStatements` or `gates`. */
    answerIn: 'commitments' | 'methodStatements' | 'gates';
    theme: string | null;
    title: string | null;
    text: string;
    unit: string | null;
    answer: Question['answer'];
    recordOnly: boolean;
    wordLimit: number | null;
    guidance: string | null;
    evidence: string | null;
}

export const ANSWER_IN = {
    'commitment': 'commitments',
    'method-statement': 'methodStatements',
    'pass-fail': 'gates',
} as const satisfies Record<Question['kind'], TemplateQuestion['answerIn']>;

const TEMPLATE_COMMENT = [
    'A fillable bid. Write your organisation\'s name in bids[0].bidder.',
    'Commitments: a quantity in the question\'s unit for each measure you commit to (money as "250000.00"); leave the others null.',
    'A measure whose answer.type is yes-no takes true or false; choice: one of answer.options, exactly as written; text: a string within wordLimit words; attachment: {"name": "<file you submit with the bid>", "sha256": "<optional digest>"}.',
    'Gates: true or false. Method statements: leave null, the evaluators enter the level they award.',
    'Check it with `svf bid check question-set.json bid.json`; `--out FILE` writes the bid to submit.',
].join(' ');

/** The fillable JSON bid for a question set. Deterministic: keys in the question set's order. */
export function bidTemplate(questionSet: QuestionSet): BidTemplate {
    const bid: TemplateBid = { bidder: null, commitments: {}, methodStatements: {}, gates: {} };
    const asked = bidQuestions(questionSet);
    for (const question of asked) {
        bid[ANSWER_IN[question.kind]][question.id] = null;
    }
    return {
        $comment: TEMPLATE_COMMENT,
        questionSet: templateOrigin(questionSet),
        bids: [bid],
        questions: asked.map(templateQuestion),
    };
}

/** The questions a bid answers: all but the reporting metrics, which are reported after award. */
export function bidQuestions(questionSet: QuestionSet): Question[] {
    return questionSet.questions.filter(question => question.stage !== 'after-award');
}

export function templateOrigin(questionSet: QuestionSet): TemplateOrigin {
    return {
        framework: questionSet.framework.id,
        version: questionSet.framework.version,
        contractValue: questionSet.profile?.contractValue ?? null,
        category: questionSet.profile?.category ?? null,
    };
}

function templateQuestion(question: Question): TemplateQuestion {
    return {
        id: question.id,
        kind: question.kind,
        answerIn: ANSWER_IN[question.kind],
        theme: question.theme,
        title: question.title,
        text: question.text,
        unit: question.unit?.label ?? null,
        answer: question.answer,
        recordOnly: question.recordOnly,
        wordLimit: question.wordLimit,
        guidance: question.guidance,
        evidence: question.evidence,
    };
}

/** The CSV columns, in order; `svf bid check` reads a CSV by these names. */
export const CSV_COLUMNS = ['id', 'kind', 'theme', 'title', 'question', 'unit', 'minimum', 'maximum', 'your answer'] as const;

/** The id of the CSV row that holds the bidder's name. */
export const BIDDER_ROW_ID = 'bidder';

/**
 * The fillable bid as CSV for spreadsheet users: a row for the bidder's name, then one row
 * per question with its text and unit and an empty `your answer` cell.
 */
export function bidTemplateCsv(questionSet: QuestionSet): string {
    const rows: string[][] = [
        [...CSV_COLUMNS],
        [BIDDER_ROW_ID, 'bidder', '', 'Bidder', "Your organisation's registered name", '', '', '', ''],
    ];
    for (const question of bidQuestions(questionSet)) {
        rows.push([
            question.id,
            question.kind,
            question.theme ?? '',
            question.title ?? '',
            question.text,
            csvUnit(question),
            boundText(question.answer.minimum),
            boundText(question.answer.maximum),
            '',
        ]);
    }
    return csvLines(rows).join('\n') + '\n';
}

/** What goes in the unit cell: the unit, or how the answer is given when there is none. */
function csvUnit(question: Question): string {
    if (question.kind === 'pass-fail') return 'yes or no';
    if (question.kind === 'method-statement') return 'level awarded by the evaluators (leave blank)';
    const { answer } = question;
    if (answer.type === 'yes-no') return 'yes or no (record only: reported, not scored)';
    if (answer.type === 'choice') return `one of: ${answer.options!.join(' | ')} (record only: reported, not scored)`;
    if (answer.type === 'attachment') return `the file name of ${answer.description ?? 'the document'} you submit with the bid (record only: reported, not scored)`;
    if (answer.type === 'text' && question.wordLimit !== null) return `text, at most ${question.wordLimit} words (record only: reported, not scored)`;
    const unit = question.unit?.label ?? question.answer.type;
    return question.recordOnly ? `${unit} (record only: reported, not scored)` : unit;
}

function boundText(bound: number | string | null): string {
    return bound === null ? '' : String(bound);
}
