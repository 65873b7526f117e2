/**
 * One thing wrong with the input to scoreBids. `document` says which argument: the rubric
 * or the bids. `path` is a JSON Pointer (RFC 6901) into that document, e.g.
 * `/bids/1/commitments/NT99`; `bidder` names the bid it is in (null for the rubric, or
 * for a bid without a usable name). `message` says what is wrong and how to fix it.
 */
export interface ScoringProblem {
    document: 'rubric' | 'bids';
    path: string;
    bidder: string | null;
    message: string;
}

/**
 * scoreBids refuses to score: the rubric or the bids are not usable. Every problem found is
 * listed (for the rubric, those found before the bids could be checked against it).
 */
export class ScoringInputError extends Error {
    override readonly name: string = 'ScoringInputError';

    constructor(readonly problems: readonly ScoringProblem[]) {
        super(problems.map(describeProblem).join('\n'));
    }
}

/** One line: `/bids/1/commitments/NT99 (Bidder 'Acme Ltd'): ...`. */
export function describeProblem(problem: ScoringProblem): string {
    const where = problem.path === '' ? '(the whole document)' : problem.path;
    const bidder = problem.bidder === null ? '' : ` (Bidder '${problem.bidder}')`;
    return `${where}${bidder}: ${problem.message}`;
}
