import { describe, expect, test } from 'vitest';
import { explainBid, scoreBids, type ScoreResult } from '../../compiler/portal.js';
import { bid, testRubric } from './scoring-fixtures.js';

const byName = (result: ScoreResult, name: string) => result.bidders.find(bidder => bidder.bidder === name)!;

describe('scoreBids: hand-computed figures (relative scoring, contract £1,000,000, weighting 10%: 60 quantitative + 40 qualitative)', () => {
    const result = scoreBids(testRubric(), {
        bids: [
            bid('Acme Ltd', { commitments: { NT1: 12, VOL: 3, TXT: 'A careers fair' }, plan: 4, env: 75 }),
            bid('Borough Build', { commitments: { NT1: 10, NT3: 5, REC: 2 }, plan: 3, env: 100 }),
            bid('Coastal Co', { rlw: false })
        ]
    });
    const acme = byName(result, 'Acme Ltd');
    const borough = byName(result, 'Borough Build');

    test('£ per measure: quantity x net value per unit, exact', () => {
        // NT1: 12 x (£24,000.00 x (1 - 20%) = £19,200.00) = £230,400.00; VOL: 3 x £16.93 = £50.79.
        expect(acme.commitments.map(commitment => [commitment.measure, commitment.socialValue])).toEqual([['NT1', '230400.00'], ['VOL', '50.79'], ['TXT', '0.00']]);
        expect(acme.commitments[2]!.valued).toBe(false);
        expect(acme.socialValue).toBe('230450.79');
    });

    test('multi-year: the quantity per year, valued year by year with the drop-off', () => {
        // NT3 over 24 months = 2 years, drop-off 10%: 5 x £10,000 x (1 + 0.9) = £95,000.00.
        expect(borough.commitments.find(commitment => commitment.measure === 'NT3')!.socialValue).toBe('95000.00');
        // NT1: 10 x £19,200 = £192,000; REC is record only: £0. Total £287,000.00.
        expect(borough.socialValue).toBe('287000.00');
    });

    test('SV ratio: social value / contract value', () => {
        // £230,450.79 / £1,000,000 = 23.045079% -> 23.05.
        expect(acme.svRatio).toBe(23.05);
        expect(borough.svRatio).toBe(28.7);
    });

    test('quantitative marks relative to the highest bid not disqualified', () => {
        expect(result.contract.quantitative.highestSocialValue).toBe('287000.00');
        // £230,450.79 / £287,000.00 x 60 = 48.1778... -> 48.18.
        expect(acme.quantitativeMarks).toBe(48.18);
        expect(borough.quantitativeMarks).toBe(60);
    });

    test('qualitative marks: level / top score x the question share', () => {
        // plan: 4 / 5 x (60% of 40 = 24) = 19.20; env: 75 / 100 x (40% of 40 = 16) = 12.00.
        expect(acme.methodStatements.map(statement => statement.marks)).toEqual([19.2, 12]);
        expect(acme.qualitativeMarks).toBe(31.2);
        // plan: 3 / 5 x 24 = 14.40; env: 100 / 100 x 16 = 16.00.
        expect(borough.qualitativeMarks).toBe(30.4);
    });

    test('final marks out of the weighting, and ranks', () => {
        // Acme: (48.1778... + 31.20) / 100 x 10 = 7.9378 -> 7.94. Borough: (60 + 30.40) / 100 x 10 = 9.04.
        expect(acme.finalMarks).toBe(7.94);
        expect(borough.finalMarks).toBe(9.04);
        expect([borough.rank, acme.rank]).toEqual([1, 2]);
    });

    test('a failed gate disqualifies: no marks, unranked, the reason given', () => {
        const coastal = byName(result, 'Coastal Co');
        expect(coastal).toMatchObject({ disqualified: true, rank: null, finalMarks: 0, disqualificationReasons: ["failed gate 'rlw' (Real Living Wage)"] });
        expect(coastal.gates).toEqual([{ gate: 'rlw', passed: false }]);
    });

    test('explainBid gives the arithmetic line by line', () => {
        const lines = explainBid(result, 'acme ltd');
        expect(lines).toContain('  NT1: 12 FTE x £19,200.00 = £230,400.00');
        expect(lines).toContain('  VOL: 3 hours x £16.93 = £50.79');
        expect(lines).toContain('Quantitative: £230,450.79 / £287,000.00 (highest) x 60.00 = 48.18');
        expect(lines).toContain('  plan: level 4 / 5 x 24.00 (60% of 40) = 19.20');
        expect(lines).toContain('Final marks: 79.38 / 100 x 10.00 = 7.94 of 10.00');
        expect(explainBid(result, 'Borough Build')).toContain('  NT3 (multi-year: 5 FTE a year over 2 years, drop-off 10% a year): 5 x £10,000.00 x (1 + 0.9) = £95,000.00');
        expect(explainBid(result, 'Coastal Co').at(-1)).toMatch(/^Disqualified: failed gate 'rlw'/);
        expect(() => explainBid(result, 'Nobody')).toThrow(/No bidder is named 'Nobody'; the bidders are 'Acme Ltd', 'Borough Build', 'Coastal Co'/);
    });
});

describe('multi-year drop-off with a part year', () => {
    test('30 months = 2.5 years: the final half year counts pro rata', () => {
        const result = scoreBids(testRubric({ durationMonths: 30 }), { bids: [bid('A', { commitments: { NT3: 2 } })] });
        // 2 x £10,000 x (1 + 0.9 + 0.5 x 0.81 = 2.305) = £46,100.00.
        expect(result.bidders[0]!.socialValue).toBe('46100.00');
        expect(result.bidders[0]!.commitments[0]!.multiYear!.yearFactors).toEqual([
            { year: 1, fraction: 1, factor: '1' }, { year: 2, fraction: 1, factor: '0.9' }, { year: 3, fraction: 0.5, factor: '0.81' }
        ]);
    });

    test('an unknown duration values one year', () => {
        const result = scoreBids(testRubric({ durationMonths: null }), { bids: [bid('A', { commitments: { NT3: 2 } })] });
        // 2 x £10,000 x 1 = £20,000.00.
        expect(result.bidders[0]!.socialValue).toBe('20000.00');
    });
});

describe('ties and zero offers', () => {
    test('equal final marks share a rank: 1, 1, 3', () => {
        const result = scoreBids(testRubric(), {
            bids: [bid('A', { commitments: { NT1: 1 }, plan: 2 }), bid('B', { commitments: { NT1: 1 }, plan: 2 }), bid('C', { commitments: { NT1: 1 }, plan: 1 })]
        });
        expect(result.bidders.map(bidder => bidder.rank)).toEqual([1, 1, 3]);
        expect(explainBid(result, 'A').at(-1)).toBe("Rank: 1 of 3 bids not disqualified (tied with 'B': equal final marks share a rank)");
    });

    test('relative: when every bid offers £0, every bid scores 0 quantitative marks (no division by zero)', () => {
        const result = scoreBids(testRubric(), { bids: [bid('A', { plan: 5 }), bid('B', { commitments: { REC: 10 } })] });
        expect(result.contract.quantitative.highestSocialValue).toBe('0.00');
        expect(result.bidders.map(bidder => bidder.quantitativeMarks)).toEqual([0, 0]);
        // A: 5 / 5 x 24 = 24 qualitative marks -> 24 / 100 x 10 = 2.40.
        expect(result.bidders.map(bidder => bidder.finalMarks)).toEqual([2.4, 0]);
        expect(explainBid(result, 'A')).toContain('Quantitative: 0.00 of 60.00 (no bid not disqualified offers any social value: zero offers score zero)');
    });

    test('absolute: a zero offer scores 0 even against a £0 target', () => {
        const result = scoreBids(testRubric({ method: 'absolute', target: { kind: 'money', percent: null, amount: '0.00' } }), { bids: [bid('A'), bid('B', { commitments: { VOL: 1 } })] });
        expect(result.bidders.map(bidder => bidder.quantitativeMarks)).toEqual([0, 60]);
    });

    test('the highest bid is the highest among bids not disqualified', () => {
        const result = scoreBids(testRubric(), { bids: [bid('Big', { commitments: { NT1: 100 }, rlw: false }), bid('Small', { commitments: { NT1: 1 } })] });
        expect(result.contract.quantitative.highestSocialValue).toBe('19200.00');
        expect(byName(result, 'Small').quantitativeMarks).toBe(60);
    });
});

describe('absolute scoring against a target, capped', () => {
    const rubric = testRubric({ method: 'absolute', target: { kind: 'share-of-contract-value', percent: 10, amount: null } });

    test('min(value / target, 1) x marks; the target a share of the contract value', () => {
        const result = scoreBids(rubric, { bids: [bid('Half', { commitments: { VOL: 2953 } }), bid('Over', { commitments: { NT1: 10 } })] });
        expect(result.contract.quantitative.targetAmount).toBe('100000.00');
        // 2,953 x £16.93 = £49,994.29; / £100,000 x 60 = 29.996574 -> 30.00.
        expect(byName(result, 'Half').socialValue).toBe('49994.29');
        expect(byName(result, 'Half').quantitativeMarks).toBe(30);
        // 10 x £19,200 = £192,000 > £100,000: capped at 60.
        expect(byName(result, 'Over').quantitativeMarks).toBe(60);
        expect(explainBid(result, 'Half')).toContain('Quantitative: min(£49,994.29 / £100,000.00 (target), 1) x 60.00 = 30.00');
    });
});

describe('disqualification and zeroing', () => {
    const minimum = [{ measure: 'NT1', quantity: 2, basis: '2 per contract' }];

    test('unmet minimum commitment, zero: quantitative marks 0, qualitative marks stand', () => {
        const result = scoreBids(testRubric({ minimumCommitments: minimum, unmetMinimum: 'zero-quantitative' }), { bids: [bid('A', { commitments: { NT1: 1, VOL: 100 }, plan: 5 })] });
        const a = result.bidders[0]!;
        expect(a).toMatchObject({ disqualified: false, rank: 1, quantitativeMarks: 0, qualitativeMarks: 24, finalMarks: 2.4 });
        expect(a.unmetMinimumCommitments).toEqual([{ measure: 'NT1', required: 2, committed: 1, consequence: 'zero-quantitative' }]);
        expect(a.quantitativeZeroedBecause).toEqual(['NT1: committed 1 FTE, below the minimum commitment of 2']);
    });

    test('unmet minimum commitment, disqualify', () => {
        const result = scoreBids(testRubric({ minimumCommitments: minimum, unmetMinimum: 'disqualify' }), { bids: [bid('A', { commitments: { VOL: 100 } }), bid('B', { commitments: { NT1: 2 } })] });
        expect(byName(result, 'A')).toMatchObject({ disqualified: true, rank: null, disqualificationReasons: ['NT1: committed 0 FTE, below the minimum commitment of 2'] });
        expect(byName(result, 'B')).toMatchObject({ disqualified: false, rank: 1, unmetMinimumCommitments: [] });
    });

    test('minimum SV ratio: zero or disqualify', () => {
        // VOL 100 x £16.93 = £1,693.00: 0.17% of £1,000,000, below 10%.
        const zero = scoreBids(testRubric({ minimumSvRatio: 10 }), { bids: [bid('A', { commitments: { VOL: 100 }, plan: 5 })] }).bidders[0]!;
        expect(zero).toMatchObject({ svRatio: 0.17, minimumSvRatio: { required: 10, met: false, consequence: 'zero-quantitative' }, quantitativeMarks: 0, qualitativeMarks: 24 });
        const out = scoreBids(testRubric({ minimumSvRatio: 10, unmetRatio: 'disqualify' }), { bids: [bid('A', { commitments: { VOL: 100 } })] }).bidders[0]!;
        expect(out.disqualificationReasons).toEqual(['SV ratio 0.17% is below the minimum of 10% of the contract value']);
        // 6 FTE x £19,200 = £115,200: 11.52%, met.
        const met = scoreBids(testRubric({ minimumSvRatio: 10, unmetRatio: 'disqualify' }), { bids: [bid('A', { commitments: { NT1: 6 } })] }).bidders[0]!;
        expect(met.minimumSvRatio).toEqual({ required: 10, met: true, consequence: null });
    });

    test('a method statement below its minimum level disqualifies', () => {
        const result = scoreBids(testRubric({ minimumLevel: 2 }), { bids: [bid('A', { plan: 1 }), bid('B', { plan: 2 })] });
        expect(byName(result, 'A').disqualificationReasons).toEqual(["method statement 'plan' was given level 1, below its minimum level of 2"]);
        expect(byName(result, 'B').disqualified).toBe(false);
    });
});

describe('exact decimals', () => {
    test('3 x £16.93 = £50.79, and many small amounts add up exactly', () => {
        const result = scoreBids(testRubric(), { bids: [bid('A', { commitments: { VOL: 3 } }), bid('B', { commitments: { VOL: '0.1' } })] });
        expect(result.bidders[0]!.socialValue).toBe('50.79');
        // 0.1 x £16.93 = £1.693 -> £1.69 (rounded once, half up).
        expect(result.bidders[1]!.socialValue).toBe('1.69');
    });

    test('a net value per unit that is not whole pence is used exactly', () => {
        const rubric = testRubric();
        const vol = (rubric.quantitative as { measures: Array<{ proxy: { deadweight: number; netValuePerUnit: string } }> }).measures[1]!;
        vol.proxy.deadweight = 23;
        vol.proxy.netValuePerUnit = '13.04';
        const result = scoreBids(rubric, { bids: [bid('A', { commitments: { VOL: 3 } })] });
        // £16.93 x (1 - 23%) = £13.0361; 3 x £13.0361 = £39.1083 -> £39.11 (not 3 x £13.04 = £39.12).
        expect(result.bidders[0]!.commitments[0]!.netValuePerUnit).toBe('13.0361');
        expect(result.bidders[0]!.socialValue).toBe('39.11');
        expect(explainBid(result, 'A')).toContain('  VOL: 3 hours x £13.0361 = £39.11');
    });
});

describe("the README's worked example (How a bid is scored)", () => {
    const fivePoint = { id: 'fivePoint', title: null, levels: [0, 1, 2, 3, 4, 5].map(score => ({ score, label: String(score), descriptor: null })), provenance: null };
    function rubric(minimumLevel = 2) {
        const base = testRubric({ maxMeasures: null, minimumCommitments: [{ measure: 'NT2', quantity: 26, basis: 'README' }] });
        const quantitative = base.quantitative as { measures: unknown[] };
        quantitative.measures = [
            { code: 'NT1', theme: 'jobs', title: null, unit: { id: 'fte', label: 'FTE', kind: 'quantity' }, proxy: { value: '30000.00', deadweight: 10, attribution: 5, displacement: 0, dropOff: 0, netValuePerUnit: '25650.00' }, recordOnly: false, multiYear: false },
            { code: 'NT2', theme: 'jobs', title: null, unit: { id: 'weeks', label: 'weeks', kind: 'quantity' }, proxy: { value: '250.00', deadweight: 0, attribution: 0, displacement: 0, dropOff: 0, netValuePerUnit: '250.00' }, recordOnly: false, multiYear: false }
        ];
        (base.qualitative as { questions: unknown[] }).questions = [
            { id: 'MS1', title: null, weight: { kind: 'percentage', value: 60 }, scale: fivePoint, minimumLevel },
            { id: 'MS2', title: null, weight: { kind: 'percentage', value: 40 }, scale: fivePoint, minimumLevel: null }
        ];
        base.gates = [{ id: 'livingWage', title: null }];
        return base;
    }
    const bidOf = (bidder: string, nt1: number, nt2: number, ms1: number) => ({ bidder, commitments: { NT1: nt1, NT2: nt2 }, methodStatements: { MS1: ms1, MS2: 4 }, gates: { livingWage: true } });

    test('Acme 8.72, rank 1; Brook 7.32, rank 2', () => {
        const result = scoreBids(rubric(), { bids: [bidOf('Acme', 2, 30, 3), bidOf('Brook', 1, 40, 5)] });
        // Acme: 2 x £25,650 + 30 x £250 = £58,800; Brook: 1 x £25,650 + 40 x £250 = £35,650.
        expect(result.bidders.map(bidder => bidder.socialValue)).toEqual(['58800.00', '35650.00']);
        // Quantitative: 60 and 35,650 / 58,800 x 60 = 36.3775... -> 36.38; qualitative 27.2 and 36.8.
        expect(result.bidders.map(bidder => [bidder.quantitativeMarks, bidder.qualitativeMarks, bidder.finalMarks, bidder.rank])).toEqual([[60, 27.2, 8.72, 1], [36.38, 36.8, 7.32, 2]]);
    });

    test('Brook below the minimum level is disqualified; with 20 weeks its quantitative marks are 0', () => {
        const below = scoreBids(rubric(), { bids: [bidOf('Acme', 2, 30, 3), bidOf('Brook', 1, 40, 1)] });
        expect(below.bidders[1]).toMatchObject({ disqualified: true, rank: null, finalMarks: 0 });
        const short = scoreBids(rubric(), { bids: [bidOf('Acme', 2, 30, 3), bidOf('Brook', 1, 20, 5)] });
        // (0 + 36.8) / 100 x 10 = 3.68; Brook's £30,650 still counts as a bid value.
        expect(short.bidders[1]).toMatchObject({ socialValue: '30650.00', quantitativeMarks: 0, finalMarks: 3.68, rank: 2 });
    });
});

describe('ranks compare exact final marks', () => {
    test('marks equal to two decimals but not exactly: different ranks', () => {
        // A: 1 FTE = £19,200 (highest, 60 marks). B: 1,134 hours x £16.93 = £19,198.62: 19,198.62 / 19,200 x 60 = 59.99568... -> 60.00.
        const result = scoreBids(testRubric(), { bids: [bid('A', { commitments: { NT1: 1 } }), bid('B', { commitments: { VOL: 1134 } })] });
        expect(result.bidders.map(bidder => [bidder.quantitativeMarks, bidder.rank])).toEqual([[60, 1], [60, 2]]);
    });
});
