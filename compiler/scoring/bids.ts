import { pointer, PortalInputError } from '../../model/portal-input-error.js';
import { checkJsonStructure } from '../json-structure.js';
import { plainDecimalText } from './scaled-decimal.js';
import type { ScoringRubric } from './scoring-rubric.js';
import { ScoringInputError, type ScoringProblem } from './scoring-input-error.js';
import { answerShapeProblem, commitsSomething, QUANTITY_TYPES, type AttachmentAnswer } from '../answer-shapes.js';

/**
 * The bids for one contract, as evaluators hand them to the scorer
 * (schemas/bids.schema.json). Example:
 * { "bids": [ { "bidder": "Acme Construction Ltd",
 *               "commitments": { "NT1": 12, "NT14": "250000.00" },
 *               "methodStatements": { "employmentPlan": 4 },
 *               "gates": { "realLivingWage": true } } ] }
 */
export interface Bids {
    bids: Bid[];
}

export interface Bid {
    /** The bidder's name, unique among the bids. */
    bidder: string;
    /** Measure code -> the quantity committed, in the measure's unit (money as a string or a number); for measures answered otherwise, the answer's shape (see answer-shapes.ts). */
    commitments: Record<string, number | string | boolean | AttachmentAnswer>;
    /** Method-statement question id -> the level score the evaluators gave (one of the scale's scores). */
    methodStatements?: Record<string, number>;
    /** Gate id -> whether the bid passes it. */
    gates?: Record<string, boolean>;
}

/** A commitment as the scorer uses it: the quantity as given, and as plain decimal text (null for free text). */
export interface CheckedCommitment {
    measureIndex: number;
    /** A quantity; for a measure answered otherwise, its answer (true/false, a choice, text, an attachment). */
    given: number | string | boolean | AttachmentAnswer;
    quantity: string | null;
}

export interface CheckedBid {
    bidder: string;
    /** In the rubric's measure order. */
    commitments: CheckedCommitment[];
    levels: number[];
    gates: boolean[];
}

const BID_KEYS = new Set(['bidder', 'commitments', 'methodStatements', 'gates']);
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const NEGATIVE = /^-[0-9]+(\.[0-9]+)?$/;

/**
 * Checks the bids against the rubric (already read by readScoringRubric) and returns them
 * in the form the scorer uses. Throws ScoringInputError listing every problem: the JSON
 * Pointer into the bids document, the bidder's name and what to change.
 */
export function checkBids(rubric: ScoringRubric, bids: unknown): CheckedBid[] {
    try {
        checkJsonStructure(bids, '');
    } catch (error) {
        if (error instanceof PortalInputError) throw new ScoringInputError([{ document: 'bids', path: error.path, bidder: null, message: error.message }]);
        throw error;
    }
    const problems: ScoringProblem[] = [];
    const problem = (path: string, bidder: string | null, message: string) => problems.push({ document: 'bids', path, bidder, message });
    if (!isObject(bids) || !Array.isArray(bids.bids)) {
        problem(isObject(bids) ? '/bids' : '', null, 'The bids must be an object {"bids": [...]} with one entry per bidder (see schemas/bids.schema.json).');
        throw new ScoringInputError(problems);
    }
    for (const key of Object.keys(bids)) {
        if (key !== 'bids' && key !== '$schema') problem(pointer('', key), null, `is not a field of the bids document: only "bids" (and "$schema") may be given.`);
    }
    const context = new BidContext(rubric);
    const firstByName = new Map<string, string>();
    const checked: CheckedBid[] = [];
    bids.bids.forEach((bid: unknown, index: number) => {
        const path = `/bids/${index}`;
        if (!isObject(bid)) {
            problem(path, null, `is ${JSON.stringify(bid)}, but each bid must be an object with "bidder", "commitments", "methodStatements" and "gates".`);
            return;
        }
        const name = typeof bid.bidder === 'string' ? bid.bidder.trim() : '';
        const bidder = name === '' ? null : name;
        if (bidder === null) {
            problem(`${path}/bidder`, null, bid.bidder === undefined ? 'is missing: give the bidder\'s name.' : `is ${JSON.stringify(bid.bidder)}, but it must be the bidder's name (a non-empty string).`);
        } else {
            const key = bidder.toLowerCase();
            const first = firstByName.get(key);
            if (first !== undefined) problem(`${path}/bidder`, bidder, `duplicate bidder name: ${first} is also '${bidder}' (names are compared ignoring case and outer spaces). Give each bid its bidder's own name.`);
            else firstByName.set(key, `${path}/bidder`);
        }
        for (const key of Object.keys(bid)) {
            if (!BID_KEYS.has(key)) problem(pointer(path, key), bidder, `is not a field of a bid: a bid has "bidder", "commitments", "methodStatements" and "gates".`);
        }
        const result = context.check(bid, path, (at, message) => problem(at, bidder, message));
        if (result) checked.push({ bidder: bidder ?? '', ...result });
    });
    if (problems.length > 0) throw new ScoringInputError(problems);
    return checked;
}

/** What a bid's answers are checked against: the rubric's measures, questions and gates by id. */
class BidContext {
    private readonly measures = new Map<string, number>();
    private readonly questions = new Map<string, number>();
    private readonly gates = new Map<string, number>();
    private readonly levelsOf: Array<Set<number>>;
    private readonly measureList: string;

    constructor(private readonly rubric: ScoringRubric) {
        rubric.quantitative.measures.forEach((measure, index) => this.measures.set(measure.code, index));
        rubric.qualitative.questions.forEach((question, index) => this.questions.set(question.id, index));
        rubric.gates.forEach((gate, index) => this.gates.set(gate.id, index));
        this.levelsOf = rubric.qualitative.questions.map(question => new Set(question.scale!.levels.map(level => level.score)));
        const codes = rubric.quantitative.measures.map(measure => measure.code);
        this.measureList = codes.length === 0 ? 'it asks for no commitments' : `its measures are ${codes.length > 12 ? `${codes.slice(0, 12).join(', ')} and ${codes.length - 12} more` : codes.join(', ')}`;
    }

    check(bid: Record<string, unknown>, path: string, problem: (path: string, message: string) => void): Omit<CheckedBid, 'bidder'> | undefined {
        const before = { count: 0 };
        const report = (at: string, message: string) => { before.count++; problem(at, message); };
        const commitments = this.commitments(bid.commitments, `${path}/commitments`, report);
        const levels = this.levels(bid.methodStatements, `${path}/methodStatements`, report);
        const gates = this.gateAnswers(bid.gates, `${path}/gates`, report);
        if (commitments) this.selection(commitments, `${path}/commitments`, report);
        return before.count === 0 && commitments && levels && gates ? { commitments, levels, gates } : undefined;
    }

    private commitments(value: unknown, path: string, problem: (path: string, message: string) => void): CheckedCommitment[] | undefined {
        if (!isObject(value)) {
            problem(path, value === undefined
                ? 'is missing: give the bid\'s commitments as {"<measure code>": quantity} ({} for none).'
                : `is ${JSON.stringify(value)}, but it must be an object {"<measure code>": quantity}.`);
            return undefined;
        }
        const found: CheckedCommitment[] = [];
        for (const code in value) {
            const given = value[code];
            const measureIndex = this.measures.get(code);
            if (measureIndex === undefined) {
                problem(pointer(path, code), this.notAMeasure(code));
                continue;
            }
            const measure = this.rubric.quantitative.measures[measureIndex]!;
            if (measure.stage === 'after-award') {
                problem(pointer(path, code), `'${code}' is a reporting metric, reported ${measure.reportingFrequency ?? 'periodically'} after award: a bid does not commit to it. Leave it out of the bid.`);
                continue;
            }
            if (measure.answer && !QUANTITY_TYPES.has(measure.answer.type) && measure.answer.type !== 'text') {
                const shape = answerShapeProblem(measure.answer, given);
                if (shape) problem(pointer(path, code), shape);
                else found.push({ measureIndex, given: given as CheckedCommitment['given'], quantity: null });
                continue;
            }
            const quantity = this.quantity(given, measure.answer?.type === 'text' ? 'text' : measure.unit.kind, measure.unit.label, () => pointer(path, code), problem);
            const words = measure.answer?.type === 'text' && quantity !== undefined ? answerShapeProblem(measure.answer, given) : undefined;
            if (words) problem(pointer(path, code), words);
            else if (quantity !== undefined) found.push({ measureIndex, given: given as number | string, quantity });
        }
        return found.sort((a, b) => a.measureIndex - b.measureIndex);
    }

    private notAMeasure(code: string): string {
        if (this.questions.has(code)) return `'${code}' is a method-statement question, not a measure: give its level under "methodStatements".`;
        if (this.gates.has(code)) return `'${code}' is a pass/fail gate, not a measure: give its answer (true or false) under "gates".`;
        const near = [...this.measures.keys()].find(candidate => candidate.toLowerCase() === code.toLowerCase());
        const hint = near ? ` Did you mean '${near}'?` : '';
        return `unknown measure code '${code}': it is not one of the measures this contract's rubric asks for (${this.measureList}).${hint}`;
    }

    private quantity(given: unknown, kind: string, unit: string, where: () => string, problem: (path: string, message: string) => void): string | null | undefined {
        if (typeof given === 'number' && given >= 0 && kind !== 'text') return plainDecimalText(given);
        const at = where();
        if (kind === 'text') {
            if (typeof given === 'string') return null;
            problem(at, `is ${JSON.stringify(given)}, but this measure is answered in free text: give a string.`);
            return undefined;
        }
        if ((typeof given === 'number' && given < 0) || (typeof given === 'string' && NEGATIVE.test(given.trim()))) {
            problem(at, `negative quantity ${JSON.stringify(given)}: a commitment is at least 0 ${unit}. Leave the measure out, or give 0, if the bidder does not commit to it.`);
            return undefined;
        }
        if (typeof given === 'number') return plainDecimalText(given);
        if (typeof given === 'string' && DECIMAL.test(given)) {
            if (kind === 'money' && !/^[0-9]+(\.[0-9]{1,2})?$/.test(given)) {
                problem(at, `is ${JSON.stringify(given)}: money is given in pounds and pence, with at most two decimals (a fraction of a penny is refused, not rounded).`);
                return undefined;
            }
            return given;
        }
        problem(at, `is ${JSON.stringify(given)}, but it must be a quantity in ${unit}: a number like 12 or a decimal string like "250000.00".`);
        return undefined;
    }

    private levels(value: unknown, path: string, problem: (path: string, message: string) => void): number[] | undefined {
        const questions = this.rubric.qualitative.questions;
        if (value !== undefined && !isObject(value)) {
            problem(path, `is ${JSON.stringify(value)}, but it must be an object {"<question id>": level}.`);
            return undefined;
        }
        const given = (value ?? {}) as Record<string, unknown>;
        for (const id of Object.keys(given)) {
            if (!this.questions.has(id)) {
                const other = this.measures.has(id) ? ` '${id}' is a measure: give its quantity under "commitments".` : this.gates.has(id) ? ` '${id}' is a gate: give its answer under "gates".` : '';
                problem(pointer(path, id), `'${id}' is not a method-statement question of this rubric (${questions.length === 0 ? 'it has none' : `its questions are ${questions.map(question => question.id).join(', ')}`}).${other}`);
            }
        }
        let ok = true;
        const levels = questions.map((question, index) => {
            const at = pointer(path, question.id);
            const level = given[question.id];
            const scores = question.scale!.levels.map(item => item.score);
            const onScale = `the levels of scale '${question.scale!.id}' are ${scores.join(', ')}`;
            if (level === undefined) {
                problem(at, `missing method statement level for '${question.id}': give the level the evaluators awarded (${onScale}).`);
                ok = false;
                return 0;
            }
            if (typeof level !== 'number' || !this.levelsOf[index]!.has(level)) {
                problem(at, `level ${JSON.stringify(level)} is not on the scale: ${onScale}.`);
                ok = false;
                return 0;
            }
            return level;
        });
        return ok ? levels : undefined;
    }

    private gateAnswers(value: unknown, path: string, problem: (path: string, message: string) => void): boolean[] | undefined {
        if (value !== undefined && !isObject(value)) {
            problem(path, `is ${JSON.stringify(value)}, but it must be an object {"<gate id>": true or false}.`);
            return undefined;
        }
        const given = (value ?? {}) as Record<string, unknown>;
        for (const id of Object.keys(given)) {
            if (!this.gates.has(id)) {
                problem(pointer(path, id), `'${id}' is not a gate of this rubric (${this.rubric.gates.length === 0 ? 'it has none' : `its gates are ${this.rubric.gates.map(gate => gate.id).join(', ')}`}).`);
            }
        }
        let ok = true;
        const answers = this.rubric.gates.map(gate => {
            const answer = given[gate.id];
            if (typeof answer === 'boolean') return answer;
            ok = false;
            problem(pointer(path, gate.id), answer === undefined
                ? `missing gate answer for '${gate.id}': give true if the bid passes it, false if not.`
                : `is ${JSON.stringify(answer)}, but a gate answer is true (passed) or false (failed).`);
            return false;
        });
        return ok ? answers : undefined;
    }

    /** Too many or too few measures chosen, or too few from a required theme: the bid is invalid. */
    private selection(commitments: CheckedCommitment[], path: string, problem: (path: string, message: string) => void): void {
        const { minMeasures, maxMeasures, requiredThemes, requiredOutcomes = [] } = this.rubric.selection;
        const countsRecordOnly = this.rubric.scoring.recordOnly.countsTowardsSelection;
        const measures = this.rubric.quantitative.measures;
        const chosen = commitments.filter(commitment => isChosen(commitment) && (countsRecordOnly || !measures[commitment.measureIndex]!.recordOnly));
        const what = countsRecordOnly ? 'measures' : 'measures (record-only measures not counted)';
        const codes = chosen.map(commitment => measures[commitment.measureIndex]!.code).join(', ');
        if (maxMeasures !== null && chosen.length > maxMeasures) {
            problem(path, `too many measures chosen: ${chosen.length} ${what} (${codes}), but this contract allows at most ${maxMeasures}. The bidder must drop ${chosen.length - maxMeasures}.`);
        }
        if (minMeasures !== null && chosen.length < minMeasures) {
            problem(path, `too few measures chosen: ${chosen.length} ${what}${codes ? ` (${codes})` : ''}, but this contract asks for at least ${minMeasures}.`);
        }
        for (const required of requiredThemes) {
            const fromTheme = chosen.filter(commitment => measures[commitment.measureIndex]!.theme === required.theme).length;
            if (fromTheme < required.minMeasures) {
                problem(path, `too few measures chosen from theme '${required.theme}': ${fromTheme}, but this contract asks for at least ${required.minMeasures}.`);
            }
        }
        for (const required of requiredOutcomes) {
            const fromOutcome = chosen.filter(commitment => measures[commitment.measureIndex]!.outcome === required.outcome).length;
            if (fromOutcome < required.minMeasures) {
                problem(path, `too few measures chosen from outcome '${required.outcome}': ${fromOutcome}, but this contract asks for at least ${required.minMeasures}.`);
            }
        }
    }
}

/** A commitment counts as chosen when it commits something: a quantity above 0, yes, a choice, some text or a file. */
export function isChosen(commitment: CheckedCommitment): boolean {
    return commitment.quantity === null ? commitsSomething(commitment.given) : /[1-9]/.test(commitment.quantity);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
