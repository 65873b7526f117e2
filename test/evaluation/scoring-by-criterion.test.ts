/**
 * Scoring with a cap per measure and with award criteria, the arithmetic written out; the
 * same bids without either score exactly as before; and properties of the cap.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explainBid, scoreBids, type ScoreResult } from '../../compiler/portal.js';
import { validateScoringDocument } from '../../compiler/scoring/score-result-schema.js';
import { testRubric } from '../scoring/scoring-fixtures.js';
import { bid, cappedRubric, criteriaRubric } from './evaluation-fixtures.js';

/**
 * Acme: 2 FTE of NT1 (2 x £19,200 = £38,400) and 1,000 hours of VOL (1,000 x £16.93 =
 * £16,930): £55,330; plan level 3 of 5, env 75 of 100. Brook: 1 FTE (£19,200) and 2,000
 * hours (£33,860): £53,060; plan 5, env 50. Contract £1m, weighting 10, split 60/40.
 */
const BIDS = { bids: [bid('Acme', { commitments: { NT1: 2, VOL: 1000 }, plan: 3, env: 75 }), bid('Brook', { commitments: { NT1: 1, VOL: 2000 }, plan: 5, env: 50 })] };

const byName = (result: ScoreResult, name: string) => result.bidders.find(bidder => bidder.bidder === name)!;

function expectValidResult(result: ScoreResult): void {
    expect(validateScoringDocument('scoreResult', result)).toEqual([]);
}

describe('a cap per measure', () => {
    test('each measure earns at most the cap of the quantitative marks', () => {
        const result = scoreBids(cappedRubric(40), BIDS);
        expectValidResult(result);
        // Quantitative marks 60; cap 40% of 60 = 24 per measure; highest bid value £55,330 (Acme).
        //   Acme:  NT1 38,400 / 55,330 x 60 = 41.64 -> capped at 24
        //          VOL 16,930 / 55,330 x 60 = 18.3589...
        //          quantitative = min(24 + 18.3589..., 60) = 42.3589...
        //   Brook: NT1 19,200 / 55,330 x 60 = 20.8205...
        //          VOL 33,860 / 55,330 x 60 = 36.72 -> capped at 24
        //          quantitative = 44.8205...
        // Qualitative (plan 60% of 40 = 24, env 40% of 40 = 16):
        //   Acme:  3/5 x 24 + 75/100 x 16 = 14.4 + 12 = 26.4;  Brook: 24 + 8 = 32
        // Final: Acme (42.3589... + 26.4) / 100 x 10 = 6.8759 -> 6.88; Brook (44.8205... + 32) / 100 x 10 = 7.6821 -> 7.68
        const acme = byName(result, 'Acme');
        const brook = byName(result, 'Brook');
        expect(acme.criteria).toEqual([{
            criterion: 'socialValue', socialValue: '55330.00', quantitativeMarks: 42.36, qualitativeMarks: 26.4, marks: 6.88,
            contributions: [
                { measure: 'NT1', socialValue: '38400.00', uncapped: 41.64, marks: 24, capped: true },
                { measure: 'VOL', socialValue: '16930.00', uncapped: 18.36, marks: 18.36, capped: false }
            ]
        }]);
        expect([acme.quantitativeMarks, acme.qualitativeMarks, acme.finalMarks, acme.rank]).toEqual([42.36, 26.4, 6.88, 2]);
        expect([brook.quantitativeMarks, brook.qualitativeMarks, brook.finalMarks, brook.rank]).toEqual([44.82, 32, 7.68, 1]);
        expect(result.contract.measureCap).toBe(40);
        expect(result.contract.criteria).toEqual([{ criterion: 'socialValue', title: 'Social value', weighting: 10, quantitativeMarksAvailable: 60, qualitativeMarksAvailable: 40, highestSocialValue: '55330.00' }]);
    });

    test('the explanation shows each contribution and the cap', () => {
        const lines = explainBid(scoreBids(cappedRubric(40), BIDS), 'Acme');
        expect(lines).toContain("Award criteria (each scored on its own, out of its weighting; a measure earns at most 40% of a criterion's quantitative marks):");
        expect(lines).toContain('    NT1: £38,400.00 / £55,330.00 (highest) x 60.00 = 41.64 -> capped at 24.00 (40% of 60.00)');
        expect(lines).toContain('    VOL: £16,930.00 / £55,330.00 (highest) x 60.00 = 18.36');
        expect(lines).toContain('    quantitative: min(24.00 + 18.36, 60.00) = 42.36 of 60.00');
        expect(lines).toContain('    marks: (42.36 + 26.40) / 100 x 10 = 6.88 of 10');
        expect(lines).toContain('Final marks: 6.88 of 10.00');
    });

    test('with an absolute target, each measure is compared with the target', () => {
        const rubric = cappedRubric(25, { method: 'absolute', target: { kind: 'money', percent: null, amount: '50000.00' } });
        const result = scoreBids(rubric, BIDS);
        expectValidResult(result);
        // Cap 25% of 60 = 15. Acme: NT1 38,400 / 50,000 x 60 = 46.08 -> 15; VOL 16,930 / 50,000 x 60 = 20.316 -> 15: 30.
        expect(byName(result, 'Acme').quantitativeMarks).toBe(30);
        expect(byName(result, 'Acme').criteria![0]!.contributions.map(item => [item.uncapped, item.marks])).toEqual([[46.08, 15], [20.32, 15]]);
    });

    test('a cap of 100% scores exactly as no cap', () => {
        const capped = scoreBids(cappedRubric(100), BIDS);
        const plain = scoreBids(testRubric(), BIDS);
        for (const name of ['Acme', 'Brook']) {
            const { criteria: _, ...withCap } = byName(capped, name);
            expect(withCap).toEqual(byName(plain, name));
        }
    });
});

describe('award criteria', () => {
    test('each criterion is scored on its own, out of its weighting', () => {
        const result = scoreBids(criteriaRubric(), BIDS);
        expectValidResult(result);
        // jobs (6%): NT1, NT3 and question plan, 60/40. Highest jobs value £38,400 (Acme).
        //   Acme:  quantitative 38,400 / 38,400 x 60 = 60; plan is the only question: 3/5 x 40 = 24
        //          marks (60 + 24) / 100 x 6 = 5.04
        //   Brook: 19,200 / 38,400 x 60 = 30; 5/5 x 40 = 40; (30 + 40) / 100 x 6 = 4.2
        // community (4%): VOL and question env. Highest community value £33,860 (Brook).
        //   Acme:  16,930 / 33,860 x 60 = 30; 75/100 x 40 = 30; (30 + 30) / 100 x 4 = 2.4
        //   Brook: 60; 50/100 x 40 = 20; (60 + 20) / 100 x 4 = 3.2
        // Final: Acme 5.04 + 2.4 = 7.44; Brook 4.2 + 3.2 = 7.4.
        // Out of 100: Acme quantitative (60 x 6 + 30 x 4) / 10 = 48, qualitative (24 x 6 + 30 x 4) / 10 = 26.4.
        const acme = byName(result, 'Acme');
        expect(acme.criteria!.map(part => [part.criterion, part.socialValue, part.quantitativeMarks, part.qualitativeMarks, part.marks]))
            .toEqual([['jobs', '38400.00', 60, 24, 5.04], ['community', '16930.00', 30, 30, 2.4]]);
        expect([acme.quantitativeMarks, acme.qualitativeMarks, acme.socialValueMarks, acme.finalMarks, acme.rank]).toEqual([48, 26.4, 74.4, 7.44, 1]);
        const brook = byName(result, 'Brook');
        expect(brook.criteria!.map(part => part.marks)).toEqual([4.2, 3.2]);
        expect([brook.finalMarks, brook.rank]).toEqual([7.4, 2]);
        expect(result.contract.criteria).toEqual([
            { criterion: 'jobs', title: 'Jobs', weighting: 6, quantitativeMarksAvailable: 60, qualitativeMarksAvailable: 40, highestSocialValue: '38400.00' },
            { criterion: 'community', title: 'Community', weighting: 4, quantitativeMarksAvailable: 60, qualitativeMarksAvailable: 40, highestSocialValue: '33860.00' }
        ]);
        // A question's share is within its criterion.
        expect(acme.methodStatements.map(statement => [statement.question, statement.marksAvailable, statement.share, statement.marks]))
            .toEqual([['plan', 40, "60/60 of 40 in criterion 'jobs'", 24], ['env', 40, "40/40 of 40 in criterion 'community'", 30]]);
    });

    test('the explanation writes the arithmetic of each criterion', () => {
        const lines = explainBid(scoreBids(criteriaRubric(), BIDS), 'Acme');
        expect(lines.slice(lines.indexOf('Award criteria (each scored on its own, out of its weighting):'))).toEqual([
            'Award criteria (each scored on its own, out of its weighting):',
            '  jobs (Jobs), weighting 6%: value of its measures £38,400.00',
            '    NT1: £38,400.00 / £38,400.00 (highest) x 60.00 = 60.00',
            '    quantitative: min(60.00, 60.00) = 60.00 of 60.00',
            '    qualitative: 24.00 of 40.00',
            '    marks: (60.00 + 24.00) / 100 x 6 = 5.04 of 6',
            '  community (Community), weighting 4%: value of its measures £16,930.00',
            '    VOL: £16,930.00 / £33,860.00 (highest) x 60.00 = 30.00',
            '    quantitative: min(30.00, 60.00) = 30.00 of 60.00',
            '    qualitative: 30.00 of 40.00',
            '    marks: (30.00 + 30.00) / 100 x 4 = 2.40 of 4',
            "Social value marks: 48.00 + 26.40 = 74.40 of 100 (each criterion's marks x its weighting / the total weighting)",
            'Final marks: 5.04 + 2.40 = 7.44 of 10.00',
            'Rank: 1 of 2 bids not disqualified'
        ]);
    });

    test('a criterion with no method statements gives all its marks to its measures', () => {
        const rubric = criteriaRubric() as { criteria: Array<{ questions: string[] }> };
        rubric.criteria[1]!.questions = [];
        const result = scoreBids(rubric, BIDS);
        // community: 100 quantitative marks. Acme 16,930 / 33,860 x 100 = 50; (50 + 0) / 100 x 4 = 2.
        expect(result.contract.criteria![1]).toMatchObject({ quantitativeMarksAvailable: 100, qualitativeMarksAvailable: 0 });
        expect(byName(result, 'Acme').criteria![1]).toMatchObject({ quantitativeMarks: 50, qualitativeMarks: 0, marks: 2 });
        // env is in no criterion: answered, worth nothing.
        expect(byName(result, 'Acme').methodStatements[1]).toMatchObject({ question: 'env', marksAvailable: 0, marks: 0, share: 'in no award criterion: earns no marks' });
    });

    test('criteria with a cap, and a disqualified bid', () => {
        const result = scoreBids(criteriaRubric({ cap: 40 }), { bids: [...BIDS.bids, bid('Crane', { commitments: { NT1: 5 }, plan: 4, env: 100, rlw: false })] });
        expectValidResult(result);
        // jobs: Acme 60 -> capped at 24 (40% of 60); Crane is disqualified (failed gate), so the highest stays £38,400.
        expect(byName(result, 'Acme').criteria![0]).toMatchObject({ quantitativeMarks: 24, marks: 2.88 });
        expect(byName(result, 'Crane')).toMatchObject({ disqualified: true, finalMarks: 0, rank: null });
        expect(byName(result, 'Crane').criteria!.map(part => part.marks)).toEqual([0, 0]);
    });

    test('one declared criterion covering everything scores as the implicit one', () => {
        const declared = criteriaRubric({ jobs: 10, community: 0 }) as { criteria: Array<{ measures: string[]; questions: string[] }> };
        declared.criteria[0]!.measures = ['NT1', 'NT3', 'REC', 'VOL', 'TXT'];
        declared.criteria[0]!.questions = ['plan', 'env'];
        declared.criteria.pop();
        const result = scoreBids(declared, BIDS);
        const plain = scoreBids(testRubric(), BIDS);
        for (const name of ['Acme', 'Brook']) {
            expect(byName(result, name).finalMarks).toBe(byName(plain, name).finalMarks);
            expect(byName(result, name).quantitativeMarks).toBe(byName(plain, name).quantitativeMarks);
        }
    });
});

describe('properties of the cap', () => {
    const quantity = fc.integer({ min: 0, max: 400 });
    const bids = fc.array(fc.record({ NT1: quantity, VOL: fc.integer({ min: 0, max: 200_000 }), NT3: quantity }), { minLength: 1, maxLength: 6 })
        .map(list => ({ bids: list.map((commitments, index) => bid(`Bidder ${index + 1}`, { commitments, plan: 3, env: 50 })) }));
    const cap = fc.integer({ min: 1, max: 100 });
    const method = fc.constantFrom<'relative' | 'absolute'>('relative', 'absolute');

    test('capped quantitative marks never exceed the uncapped ones, and no measure earns more than the cap', () => {
        fc.assert(fc.property(bids, cap, method, fc.boolean(), (given, percent, kind, withCriteria) => {
            const options = { method: kind, target: kind === 'absolute' ? { kind: 'money' as const, percent: null, amount: '100000.00' } : null };
            const capped = scoreBids(withCriteria ? criteriaRubric({ ...options, cap: percent }) : cappedRubric(percent, options), given);
            const uncapped = scoreBids(withCriteria ? criteriaRubric(options) : testRubric(options), given);
            capped.bidders.forEach((bidder, index) => {
                expect(bidder.quantitativeMarks).toBeLessThanOrEqual(uncapped.bidders[index]!.quantitativeMarks);
                expect(bidder.finalMarks).toBeLessThanOrEqual(uncapped.bidders[index]!.finalMarks);
                bidder.criteria!.forEach((part, criterion) => {
                    const limit = percent / 100 * capped.contract.criteria![criterion]!.quantitativeMarksAvailable;
                    for (const item of part.contributions) expect(item.marks).toBeLessThanOrEqual(limit + 0.005);
                    expect(part.quantitativeMarks).toBeLessThanOrEqual(capped.contract.criteria![criterion]!.quantitativeMarksAvailable);
                });
            });
        }), { numRuns: 150 });
    });
});
