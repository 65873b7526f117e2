import { describe, expect, test } from 'vitest';
import { scoreBids, ScoringInputError, type ScoringProblem } from '../../compiler/portal.js';
import { bid, testRubric } from './scoring-fixtures.js';

function problemsOf(rubric: unknown, bids: unknown): ScoringProblem[] {
    try {
        scoreBids(rubric, bids);
    } catch (error) {
        expect(error).toBeInstanceOf(ScoringInputError);
        return [...(error as ScoringInputError).problems];
    }
    throw new Error('scoreBids accepted the input');
}

const problemsOfBids = (...bids: unknown[]) => problemsOf(testRubric(), { bids });
const lineOf = (problem: ScoringProblem) => `${problem.path} (${problem.bidder}): ${problem.message}`;

describe('invalid bids: every problem, with its JSON path and the bidder', () => {
    test('an unknown measure code', () => {
        expect(problemsOfBids(bid('Acme Ltd'), bid('Borough', { commitments: { NT99: 1 } })).map(lineOf)).toEqual([
            "/bids/1/commitments/NT99 (Borough): unknown measure code 'NT99': it is not one of the measures this contract's rubric asks for (its measures are NT1, VOL, NT3, REC, TXT)."
        ]);
    });

    test('a code of the wrong kind, or in the wrong case', () => {
        expect(problemsOfBids(bid('A', { commitments: { plan: 1, nt1: 2 } })).map(problem => problem.message)).toEqual([
            "'plan' is a method-statement question, not a measure: give its level under \"methodStatements\".",
            "unknown measure code 'nt1': it is not one of the measures this contract's rubric asks for (its measures are NT1, VOL, NT3, REC, TXT). Did you mean 'NT1'?"
        ]);
    });

    test('a negative quantity, and quantities that are not numbers', () => {
        expect(problemsOfBids(bid('A', { commitments: { NT1: -1, VOL: '-2.5', NT3: 'ten', TXT: 5 } })).map(lineOf)).toEqual([
            '/bids/0/commitments/NT1 (A): negative quantity -1: a commitment is at least 0 FTE. Leave the measure out, or give 0, if the bidder does not commit to it.',
            '/bids/0/commitments/VOL (A): negative quantity "-2.5": a commitment is at least 0 hours. Leave the measure out, or give 0, if the bidder does not commit to it.',
            '/bids/0/commitments/NT3 (A): is "ten", but it must be a quantity in FTE: a number like 12 or a decimal string like "250000.00".',
            '/bids/0/commitments/TXT (A): is 5, but this measure is answered in free text: give a string.'
        ]);
    });

    test('a measure outside the tailored rubric', () => {
        // The rubric tailored to this contract asks NT1, VOL, NT3, REC and TXT only.
        expect(problemsOfBids(bid('A', { commitments: { RE14: 3 } }))[0]!.message).toMatch(/^unknown measure code 'RE14': it is not one of the measures this contract's rubric asks for/);
    });

    test('a level not on the scale, and a missing method-statement level', () => {
        const missing = { bidder: 'A', commitments: {}, methodStatements: { plan: 6 }, gates: { rlw: true } };
        expect(problemsOfBids(missing).map(lineOf)).toEqual([
            "/bids/0/methodStatements/plan (A): level 6 is not on the scale: the levels of scale 'fivePoint' are 0, 1, 2, 3, 4, 5.",
            "/bids/0/methodStatements/env (A): missing method statement level for 'env': give the level the evaluators awarded (the levels of scale 'quarterSteps' are 0, 25, 50, 75, 100)."
        ]);
    });

    test('a missing gate answer, and one that is not true or false', () => {
        expect(problemsOfBids({ ...bid('A'), gates: {} }, { ...bid('B'), gates: { rlw: 'yes' } }).map(lineOf)).toEqual([
            "/bids/0/gates/rlw (A): missing gate answer for 'rlw': give true if the bid passes it, false if not.",
            '/bids/1/gates/rlw (B): is "yes", but a gate answer is true (passed) or false (failed).'
        ]);
    });

    test('too many and too few measures chosen; record-only measures not counted unless the rubric says so', () => {
        const four = { NT1: 1, VOL: 1, NT3: 1, REC: 1 };
        expect(problemsOf(testRubric({ maxMeasures: 2 }), { bids: [bid('A', { commitments: four })] }).map(lineOf)).toEqual([
            '/bids/0/commitments (A): too many measures chosen: 3 measures (record-only measures not counted) (NT1, VOL, NT3), but this contract allows at most 2. The bidder must drop 1.'
        ]);
        expect(() => scoreBids(testRubric({ maxMeasures: 3 }), { bids: [bid('A', { commitments: four })] })).not.toThrow();
        expect(problemsOf(testRubric({ maxMeasures: 3, recordOnlyCounts: true }), { bids: [bid('A', { commitments: four })] })[0]!.message).toMatch(/^too many measures chosen: 4 measures \(NT1, VOL, NT3, REC\)/);
        // A quantity of 0 is not a measure chosen.
        expect(problemsOf(testRubric({ minMeasures: 2 }), { bids: [bid('A', { commitments: { NT1: 1, VOL: 0 } })] }).map(lineOf)).toEqual([
            '/bids/0/commitments (A): too few measures chosen: 1 measures (record-only measures not counted) (NT1), but this contract asks for at least 2.'
        ]);
    });

    test('duplicate bidder names, compared ignoring case and spaces', () => {
        expect(problemsOfBids(bid('Acme Ltd'), bid(' acme ltd ')).map(lineOf)).toEqual([
            "/bids/1/bidder (acme ltd): duplicate bidder name: /bids/0/bidder is also 'acme ltd' (names are compared ignoring case and outer spaces). Give each bid its bidder's own name."
        ]);
    });

    test('every problem of every bid is listed at once', () => {
        const problems = problemsOfBids(bid('A', { commitments: { NT99: 1 } }), { bidder: '', commitments: { NT1: -3 } }, 'not a bid', { ...bid('D'), extra: 1 });
        expect(problems.map(problem => problem.path)).toEqual([
            '/bids/0/commitments/NT99', '/bids/1/bidder', '/bids/1/commitments/NT1', '/bids/1/methodStatements/plan', '/bids/1/methodStatements/env', '/bids/1/gates/rlw', '/bids/2', '/bids/3/extra'
        ]);
        expect(problems.map(problem => problem.bidder)).toEqual(['A', null, null, null, null, null, null, 'D']);
    });

    test('not a bids document', () => {
        expect(problemsOf(testRubric(), [bid('A')]).map(lineOf)).toEqual([' (null): The bids must be an object {"bids": [...]} with one entry per bidder (see schemas/bids.schema.json).']);
        expect(problemsOf(testRubric(), { bids: [], extra: 1 })[0]!.path).toBe('/extra');
        expect(problemsOf(testRubric(), { bids: [{ ...bid('A'), commitments: { NT1: Number.NaN } }] })[0]!.message).toMatch(/is NaN, which is not a JSON number/);
    });

    test('the error message lists every problem, one a line', () => {
        try {
            scoreBids(testRubric(), { bids: [bid('Acme Ltd', { commitments: { NT99: 1, NT1: -1 } })] });
        } catch (error) {
            expect((error as Error).message.split('\n')).toHaveLength(2);
            expect((error as Error).message).toMatch(/^\/bids\/0\/commitments\/NT99 \(Bidder 'Acme Ltd'\): unknown measure code/);
        }
    });
});

describe('invalid rubrics', () => {
    test('an untailored rubric, or one before 1.3.0, cannot be scored', () => {
        expect(problemsOf({ ...testRubric(), profile: null }, { bids: [] }).map(problem => problem.path)).toEqual(['/profile']);
        expect(problemsOf({ ...testRubric(), schemaVersion: '1.2.0' }, { bids: [] })[0]!.message).toMatch(/^is "1.2.0", but scoring needs a rubric of schemaVersion 1.3.0 or a later 1.x/);
        expect(() => scoreBids({ ...testRubric(), schemaVersion: '1.4.0' }, { bids: [] })).not.toThrow();
    });

    test('missing or mistyped fields are listed with their paths', () => {
        const rubric = testRubric();
        delete (rubric as Record<string, unknown>).scoring;
        (rubric.quantitative as { shareOfSocialValueMarks: unknown }).shareOfSocialValueMarks = '60';
        const problems = problemsOf(rubric, { bids: [] });
        expect(problems.map(problem => problem.path)).toEqual(['/quantitative/shareOfSocialValueMarks', '/scoring']);
        expect(problems.every(problem => problem.document === 'rubric' && problem.bidder === null)).toBe(true);
    });

    test('a minimum commitment to a measure the rubric does not have', () => {
        expect(problemsOf(testRubric({ minimumCommitments: [{ measure: 'XX1', quantity: 1, basis: '' }] }), { bids: [] })[0]!.path).toBe('/selection/minimumCommitments/0/measure');
    });
});

describe('required themes', () => {
    test('too few measures from a required theme', () => {
        const rubric = testRubric({ requiredThemes: [{ theme: 'jobs', minMeasures: 1 }] });
        expect(problemsOf(rubric, { bids: [bid('A', { commitments: { VOL: 5, REC: 1 } })] }).map(lineOf)).toEqual([
            "/bids/0/commitments (A): too few measures chosen from theme 'jobs': 0, but this contract asks for at least 1."
        ]);
        expect(() => scoreBids(rubric, { bids: [bid('A', { commitments: { NT1: 1 } })] })).not.toThrow();
    });
});
