import { scoreBids } from '../scoring/score-bids.js';
import type { Bid } from '../scoring/bids.js';
import type { BidderScore } from '../scoring/score-result.js';
import { ScoringInputError } from '../scoring/scoring-input-error.js';
import { readScoringRubric } from '../scoring/scoring-rubric.js';
import type { BidProblem, ReadBid } from './filled-bid.js';

/** What a bid would be credited with under the rubric, before marks (which depend on the other bids). */
export interface CreditedBid {
    bidder: string;
    /** The scorer's figures for the bid: £ per measure, total, SV ratio, unmet minimums, gates, disqualification. */
    score: BidderScore;
}

export interface CreditResult {
    /** The scorer's validation problems, placed in the file the bid was read from. */
    errors: BidProblem[];
    credited: CreditedBid[];
}

/**
 * Checks and values filled-in bids with the scorer itself (scoreBids), so a bidder sees
 * what the evaluators' scorer will see: the same validation (JSON path and bidder) and the
 * same £ per measure, total and SV ratio. Bidders do not give method-statement levels, so
 * each bid is scored alone with placeholder levels (the top of each scale); its marks are
 * not shown, only what does not depend on the other bids or the levels.
 */
export function creditBids(rubric: unknown, read: readonly ReadBid[]): CreditResult {
    const scoring = readScoringRubric(rubric);
    const placeholderLevels = Object.fromEntries(scoring.qualitative.questions.map(question =>
        [question.id, Math.max(...question.scale!.levels.map(level => level.score))]));
    const errors: BidProblem[] = [];
    const credited: CreditedBid[] = [];
    read.forEach(({ bid, locations }, index) => {
        const scored: Bid = { bidder: bid.bidder, commitments: bid.commitments, methodStatements: { ...placeholderLevels, ...bid.methodStatements }, gates: bid.gates };
        try {
            const result = scoreBids(rubric, { bids: [scored] });
            credited.push({ bidder: bid.bidder, score: result.bidders[0]! });
        } catch (error) {
            if (!(error instanceof ScoringInputError)) throw error;
            for (const problem of error.problems) {
                // The scorer saw this bid alone, as /bids/0; put it back where the file has it.
                const path = problem.path.replace(/^\/bids\/0/, `/bids/${index}`);
                errors.push({ where: problem.document === 'rubric' ? `rubric ${problem.path}` : locations.get(path) ?? path, message: problem.message });
            }
        }
    });
    return { errors, credited };
}
