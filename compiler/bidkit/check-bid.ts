import { decimalOf, Decimal } from '../../model/amounts.js';
import type { Question, QuestionSet } from '../compiled-framework.js';
import type { BidProblem, FilledBid, ReadBid } from './filled-bid.js';
import { answerShapeProblem, commitsSomething, wordCount } from '../answer-shapes.js';

/**
 * What a bidder learns from checking a filled-in bid against the question set before
 * submitting it: the problems that would make it invalid (errors), and what the answers
 * would lead to under the scoring rules (a gate failed, a minimum commitment not met),
 * as notices.
 */
export interface BidCheck {
    bidder: string;
    errors: BidProblem[];
    notices: BidProblem[];
}

export interface QuestionSetCheckOptions {
    /**
     * The scorer checks the bid too (`svf bid check --rubric`): leave it what it checks
     * (measure codes, gates, selection limits, minimums), so each problem is said once, in
     * the scorer's words; only what the question set alone knows (answer types, whole
     * numbers, maximums, the bidder's name) is checked here.
     */
    scorerChecks?: boolean;
}

/**
 * Checks one filled-in bid against the tailored question set: every answer is for a
 * question of the set, of the question's type and within its bounds; the number of
 * measures chosen is within the selection limits (with the required themes); every gate
 * is answered. `where` in each problem is the answer's place in the file it was read from.
 */
export function checkBidAgainstQuestionSet(questionSet: QuestionSet, read: ReadBid, index = 0, options: QuestionSetCheckOptions = {}): BidCheck {
    const { bid, locations } = read;
    const errors: BidProblem[] = [];
    const notices: BidProblem[] = [];
    const at = (part: string, id: string) => locations.get(`/bids/${index}/${part}/${id}`) ?? `/bids/${index}/${part}/${id}`;
    const questions = new Map(questionSet.questions.map(question => [question.id, question]));
    if (bid.bidder.trim() === '') {
        errors.push({ where: locations.get(`/bids/${index}/bidder`) ?? `/bids/${index}/bidder`, message: "the bidder's name is missing: write your organisation's registered name." });
    }
    for (const [id, answer] of Object.entries(bid.commitments)) {
        const question = questions.get(id);
        const where = at('commitments', id);
        if (!question || question.kind !== 'commitment') {
            if (options.scorerChecks) continue;
            errors.push({ where, message: `${id} is not a commitment in this question set${question ? ` (it is a ${question.kind})` : ''}; commit only to the measures the question set lists.` });
            continue;
        }
        if (question.stage === 'after-award') {
            if (options.scorerChecks) continue;
            errors.push({ where, message: `${id} is a reporting metric, reported ${question.reportingFrequency ?? 'periodically'} after award: a bid does not commit to it. Leave it out of the bid.` });
            continue;
        }
        const problem = answerProblem(question, answer, options.scorerChecks === true);
        if (problem) errors.push({ where, message: `${id}: ${problem}` });
    }
    if (options.scorerChecks) return { bidder: bid.bidder, errors, notices };
    for (const [id, level] of Object.entries(bid.methodStatements)) {
        const question = questions.get(id);
        if (!question || question.kind !== 'method-statement') {
            errors.push({ where: at('methodStatements', id), message: `${id} is not a method statement in this question set.` });
        } else if (typeof level !== 'number' || !Number.isFinite(level)) {
            errors.push({ where: at('methodStatements', id), message: `${id}: the level awarded must be a number on the question's scale (${question.scale ?? 'no scale'}); bidders leave it empty.` });
        }
    }
    for (const [id, passed] of Object.entries(bid.gates)) {
        const question = questions.get(id);
        if (!question || question.kind !== 'pass-fail') {
            errors.push({ where: at('gates', id), message: `${id} is not a pass/fail gate in this question set.` });
        } else if (typeof passed !== 'boolean') {
            errors.push({ where: at('gates', id), message: `${id}: answer true or false (yes or no in the CSV).` });
        } else if (!passed) {
            notices.push({ where: at('gates', id), message: `${id}: answered no; a failed gate disqualifies the bid.` });
        }
    }
    for (const gate of questionSet.gates) {
        if (!(gate in bid.gates)) {
            errors.push({ where: at('gates', gate), message: `${gate}: the pass/fail question "${questions.get(gate)?.title ?? gate}" is not answered; answer it yes or no.` });
        }
    }
    errors.push(...selectionProblems(questionSet, bid, index));
    for (const minimum of questionSet.selection.minimumCommitments) {
        const answer = bid.commitments[minimum.measure];
        const committed = typeof answer === 'number' || typeof answer === 'string' ? safeDecimal(answer) : undefined;
        if (committed === undefined || committed.lessThan(decimalOf(minimum.quantity))) {
            notices.push({
                where: at('commitments', minimum.measure),
                message: `${minimum.measure}: the minimum commitment is ${minimum.quantity} (${minimum.basis}); ${answer === undefined ? 'you commit nothing' : `you commit ${answer}`}. An unmet minimum costs the bid its quantitative marks or disqualifies it, as the rubric says.`,
            });
        }
    }
    return { bidder: bid.bidder, errors, notices };
}

/** Too many or too few measures chosen, or a required theme without one: the bid is invalid. */
function selectionProblems(questionSet: QuestionSet, bid: FilledBid, index: number): BidProblem[] {
    const problems: BidProblem[] = [];
    const where = `/bids/${index}/commitments`;
    // As the scorer counts: a quantity above 0 (or some text) is a measure chosen; 0 is not.
    const chosen = questionSet.questions.filter(question => question.kind === 'commitment' && question.stage !== 'after-award' && !question.recordOnly && isChosen(bid.commitments[question.id]));
    const { minMeasures, maxMeasures, requiredThemes, requiredOutcomes } = questionSet.selection;
    const codes = chosen.map(question => question.id).join(', ') || 'none';
    if (maxMeasures !== null && chosen.length > maxMeasures) {
        problems.push({ where, message: `${chosen.length} scored measures are chosen (${codes}); choose at most ${maxMeasures} (record-only measures do not count).` });
    }
    if (minMeasures !== null && chosen.length < minMeasures) {
        problems.push({ where, message: `${chosen.length} scored measures are chosen (${codes}); choose at least ${minMeasures}.` });
    }
    for (const required of requiredThemes) {
        const inTheme = chosen.filter(question => question.theme === required.theme).length;
        if (inTheme < required.minMeasures) {
            problems.push({ where, message: `${inTheme} measures from theme '${required.theme}' are chosen; choose at least ${required.minMeasures}.` });
        }
    }
    for (const required of requiredOutcomes ?? []) {
        const inOutcome = chosen.filter(question => question.outcome === required.outcome).length;
        if (inOutcome < required.minMeasures) {
            problems.push({ where, message: `${inOutcome} measures from outcome '${required.outcome}' are chosen; choose at least ${required.minMeasures}.` });
        }
    }
    return problems;
}

/** Why an answer does not fit its question, or undefined when it does. */
function answerProblem(question: Question, answer: unknown, scorerChecks: boolean): string | undefined {
    const { type, maximum, wholeNumbers } = question.answer;
    const value = typeof answer === 'number' || typeof answer === 'string' ? safeDecimal(answer) : undefined;
    if (scorerChecks) {
        // The scorer checks the type and the sign; whole numbers and maximums are the question set's alone.
        if (value === undefined || value.isNegative() || type === 'text' || type === 'yes-no') return undefined;
    }
    if (type === 'text') {
        if (typeof answer !== 'string') return 'answer in words (text).';
        return question.wordLimit !== null && wordCount(answer) > question.wordLimit ? `the answer has ${wordCount(answer)} words, more than the limit of ${question.wordLimit}: shorten it.` : undefined;
    }
    if (type === 'yes-no') return typeof answer === 'boolean' ? undefined : 'answer true or false.';
    if (type === 'choice' || type === 'attachment') {
        const problem = answerShapeProblem({ type, options: question.answer.options, wordLimit: null }, answer);
        return problem && `the answer ${problem}`;
    }
    if (value === undefined) {
        return type === 'money' ? `${JSON.stringify(answer)} is not an amount of money; write it like "250000.00".` : `${JSON.stringify(answer)} is not a number.`;
    }
    if (value.isNegative()) return `${JSON.stringify(answer)} is negative; commitments are zero or more.`;
    if (wholeNumbers && !value.isInteger()) return `${JSON.stringify(answer)} must be a whole number (${question.unit?.label ?? 'count'}).`;
    if (maximum !== null && value.greaterThan(decimalOf(maximum))) return `${JSON.stringify(answer)} is more than the maximum of ${maximum}.`;
    // answer.minimum (a minimum commitment) is a notice, not an error: see checkBidAgainstQuestionSet.
    return undefined;
}

function isChosen(answer: FilledBid['commitments'][string] | undefined): boolean {
    if (typeof answer !== 'number' && typeof answer !== 'string') return commitsSomething(answer);
    const value = safeDecimal(answer);
    return value === undefined ? String(answer).trim() !== '' : value.greaterThan(0);
}

function safeDecimal(value: number | string): Decimal | undefined {
    try {
        return decimalOf(value);
    } catch {
        return undefined;
    }
}
