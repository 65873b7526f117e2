/**
 * The council's three example bids for the £2.5m works contract, scored with the compiled
 * rubric, against figures worked out by hand from the rubric: absolute scoring against a
 * target of 10% of £2,500,000 = £250,000, capped; 70 quantitative and 30 qualitative social
 * value marks; social value weighted 10% of the tender; minimum SV ratio 10%; the Real
 * Living Wage gate.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scoreBids } from '../../compiler/scoring/score-bids.js';
import type { BidderScore, ScoreResult } from '../../compiler/scoring/score-result.js';
import { removeTemporaryFolders, runSvf } from '../cli/run-svf.js';
import { compileCouncil, councilBids, readJson } from './council-outputs.js';

let rubricFile: string;
let result: ScoreResult;

beforeAll(() => {
    rubricFile = compileCouncil().rubric;
    result = scoreBids(readJson(rubricFile), readJson(path.join(councilBids, 'evaluated-bids.json')));
});
afterAll(removeTemporaryFolders);

function bidder(name: string): BidderScore {
    return result.bidders.find(score => score.bidder === name)!;
}

function values(score: BidderScore): Record<string, string> {
    return Object.fromEntries(score.commitments.map(commitment => [commitment.measure, commitment.socialValue]));
}

describe('the council example bids, scored', () => {
    test('Harland & Reeve (strong on commitments): over the target, so capped at the full 70', () => {
        const score = bidder('Harland & Reeve Construction Ltd');
        expect(values(score)).toMatchObject({
            NT1: '76800.00', //   4 FTE x £19,200.00 (£24,000 less 20% deadweight)
            NT8: '59280.00', //   208 apprenticeship weeks x £285.00
            NT14: '135000.00', // £300,000.00 local spend x £0.45
            NT22: '5079.00', //   300 volunteering hours x £16.93
            NT30: '33600.00', //  120 tonnes CO2e x £280.00
            ESC1: '24097.50', //  1 care leaver FTE x £24,097.50
            RE11: '0.00', //      record only: answered, never valued
        });
        // 76,800 + 59,280 + 135,000 + 5,079 + 33,600 + 24,097.50 = £333,856.50
        expect(score.socialValue).toBe('333856.50');
        // 333,856.50 / 2,500,000 = 13.354% -> 13.35%
        expect(score.svRatio).toBe(13.35);
        // min(333,856.50 / 250,000, 1) x 70 = 70 (the cap)
        expect(score.quantitativeMarks).toBe(70);
        // levels 3/5, 3/5, 50/100, 50/100 on weights 40%, 20%, 15%, 25% of 30 marks:
        // 0.6 x 12 + 0.6 x 6 + 0.5 x 4.5 + 0.5 x 7.5 = 7.2 + 3.6 + 2.25 + 3.75 = 16.8
        expect(score.qualitativeMarks).toBe(16.8);
        // (70 + 16.8) / 100 x 10 = 8.68
        expect(score.socialValueMarks).toBe(86.8);
        expect(score.finalMarks).toBe(8.68);
        expect(score.rank).toBe(2);
    });

    test('Brightwater (strong on method statements): just over the 10% minimum ratio, and the winner', () => {
        const score = bidder('Brightwater Building Services Ltd');
        // 3 x 19,200 + 104 x 285 + 250,000 x 0.45 + 150 x 101 + 600 x 16.93 + 140 x 280
        // = 57,600 + 29,640 + 112,500 + 15,150 + 10,158 + 39,200 = £264,248.00
        expect(score.socialValue).toBe('264248.00');
        // 264,248 / 2,500,000 = 10.57%: the 10% minimum is met
        expect(score.svRatio).toBe(10.57);
        expect(score.minimumSvRatio).toMatchObject({ required: 10, met: true });
        expect(score.quantitativeMarks).toBe(70);
        // 5/5 x 12 + 4/5 x 6 + 75/100 x 4.5 + 100/100 x 7.5 = 12 + 4.8 + 3.375 + 7.5 = 27.675 -> 27.68
        expect(score.qualitativeMarks).toBe(27.68);
        // (70 + 27.675) / 100 x 10 = 9.7675 -> 9.77 (rounded once, half up)
        expect(score.finalMarks).toBe(9.77);
        expect(score.rank).toBe(1);
    });

    test('Castleford Civils: fails the Real Living Wage gate, so disqualified whatever it offers', () => {
        const score = bidder('Castleford Civils Ltd');
        // 2.5 x 19,200 + 1 x 24,097.50 + 400,000 x 0.45 + 50 x 280 + 52 x 285
        // = 48,000 + 24,097.50 + 180,000 + 14,000 + 14,820 = £280,917.50
        expect(score.socialValue).toBe('280917.50');
        expect(score.disqualified).toBe(true);
        expect(score.disqualificationReasons.join(' ')).toMatch(/realLivingWage|Real Living Wage/);
        expect(score.gates).toEqual([{ gate: 'realLivingWage', passed: false }]);
        expect(score.finalMarks).toBe(0);
        expect(score.rank).toBeNull();
    });

    test('svf score on the example gives the same figures', () => {
        const run = runSvf(['score', '--rubric', rubricFile, '--bids', path.join(councilBids, 'evaluated-bids.json'), '--format', 'json']);
        expect(run.stderr).toBe('');
        expect(JSON.parse(run.stdout)).toEqual(result);
    });
});
