import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scoreBids, type ScoreResult } from '../../compiler/portal.js';
import { validateScoringDocument } from '../../compiler/scoring/score-result-schema.js';
import { bid, testRubric } from './scoring-fixtures.js';

/** Bids within the test rubric's limits (at most 3 valued measures chosen), some failing the gate. */
const quantity = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 100_000 }).map(pence => (pence / 100).toFixed(2)));
const arbitraryBid = fc.record({
    commitments: fc.record({ NT1: quantity, VOL: quantity, NT3: quantity, REC: quantity }, { requiredKeys: [] }),
    plan: fc.constantFrom(0, 1, 2, 3, 4, 5),
    env: fc.constantFrom(0, 25, 50, 75, 100),
    rlw: fc.boolean()
});
const arbitraryBids = fc.array(arbitraryBid, { minLength: 1, maxLength: 8 }).map(bids => bids.map((options, index) => bid(`Bidder ${index + 1}`, options)));
const arbitraryRubric = fc.record({
    method: fc.constantFrom('relative' as const, 'absolute' as const),
    targetPercent: fc.integer({ min: 0, max: 40 }),
    weighting: fc.constantFrom(5, 10, 20, null),
    durationMonths: fc.constantFrom(0, 6, 12, 30, 60, null),
    minimumSvRatio: fc.constantFrom(null, 5),
    unmetRatio: fc.constantFrom('disqualify' as const, 'zero-quantitative' as const),
    minimumLevel: fc.constantFrom(null, 1)
}).map(options => testRubric({
    ...options,
    target: options.method === 'absolute' ? { kind: 'share-of-contract-value', percent: options.targetPercent, amount: null } : null
}));

const marksOf = (result: ScoreResult, name: string) => result.bidders.find(bidder => bidder.bidder === name)!;

describe('scoring properties', () => {
    test('marks never exceed what is available, nor the weighting', () => {
        fc.assert(fc.property(arbitraryRubric, arbitraryBids, (rubric, bids) => {
            const result = scoreBids(rubric, { bids });
            for (const bidder of result.bidders) {
                expect(bidder.quantitativeMarks).toBeLessThanOrEqual(result.contract.quantitative.marksAvailable);
                expect(bidder.qualitativeMarks).toBeLessThanOrEqual(result.contract.qualitative.marksAvailable);
                expect(bidder.socialValueMarks).toBeLessThanOrEqual(100);
                expect(bidder.finalMarks).toBeLessThanOrEqual(result.contract.marksOutOf);
                expect(bidder.finalMarks).toBeGreaterThanOrEqual(0);
            }
        }));
    });

    test('absolute scoring: adding to a commitment never loses marks (a bid not disqualified)', () => {
        fc.assert(fc.property(arbitraryRubric.filter(rubric => (rubric.scoring as { quantitative: { method: string } }).quantitative.method === 'absolute'), arbitraryBid, fc.constantFrom('NT1', 'VOL', 'NT3'), fc.integer({ min: 1, max: 50 }), (rubric, options, code, extra) => {
            const before = scoreBids(rubric, { bids: [bid('A', options)] }).bidders[0]!;
            fc.pre(!before.disqualified);
            const commitments = { ...options.commitments, [code]: Number(options.commitments[code as 'NT1'] ?? 0) + extra };
            const after = scoreBids(rubric, { bids: [bid('A', { ...options, commitments })] }).bidders[0]!;
            expect(after.finalMarks).toBeGreaterThanOrEqual(before.finalMarks);
        }));
    });

    test('relative scoring: adding to a commitment never lowers the bid\'s rank, the other bids unchanged', () => {
        const relative = arbitraryRubric.filter(rubric => (rubric.scoring as { quantitative: { method: string } }).quantitative.method === 'relative');
        fc.assert(fc.property(relative, arbitraryBids, fc.nat(), fc.constantFrom('NT1', 'VOL', 'NT3'), fc.integer({ min: 1, max: 50 }), (rubric, bids, pick, code, extra) => {
            const index = pick % bids.length;
            const before = scoreBids(rubric, { bids });
            const mine = before.bidders[index]!;
            fc.pre(!mine.disqualified);
            const changed = bids.map((item, at) => {
                if (at !== index) return item;
                const commitments = item.commitments as Record<string, number | string>;
                return { ...item, commitments: { ...commitments, [code]: Number(commitments[code] ?? 0) + extra } };
            });
            const after = scoreBids(rubric, { bids: changed }).bidders[index]!;
            if (!after.disqualified) expect(after.rank!).toBeLessThanOrEqual(mine.rank!);
        }));
    });

    test('ranks do not depend on the order of the bids', () => {
        fc.assert(fc.property(arbitraryRubric, arbitraryBids.chain(bids => fc.tuple(fc.constant(bids), fc.shuffledSubarray(bids, { minLength: bids.length, maxLength: bids.length }))), (rubric, [bids, shuffled]) => {
            const first = scoreBids(rubric, { bids });
            const second = scoreBids(rubric, { bids: shuffled });
            for (const bidder of first.bidders) expect(marksOf(second, bidder.bidder)).toEqual(bidder);
        }));
    });

    test('scoring the same bids twice gives identical output, which follows schemas/score-result.schema.json', () => {
        fc.assert(fc.property(arbitraryRubric, arbitraryBids, (rubric, bids) => {
            const result = scoreBids(rubric, { bids });
            expect(JSON.stringify(result)).toBe(JSON.stringify(scoreBids(structuredClone(rubric), structuredClone({ bids }))));
            expect(validateScoringDocument('scoreResult', result)).toEqual([]);
            expect(validateScoringDocument('bids', { bids })).toEqual([]);
        }));
    });
});
