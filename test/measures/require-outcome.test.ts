import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, type CompiledFramework } from '../../compiler/index.js';
import { checkBidAgainstQuestionSet } from '../../compiler/bidkit/check-bid.js';
import { readJsonBids } from '../../compiler/bidkit/filled-bid.js';
import { conformanceVectors } from '../../compiler/bidkit/conformance.js';
import { scoreBids } from '../../compiler/scoring/score-bids.js';
import { ScoringInputError } from '../../compiler/scoring/scoring-input-error.js';
import { expectValid } from '../compiler/schema-assertions.js';
import { compileDemo, LARGE, SMALL } from './measures-fixture.js';

let untailored: CompiledFramework;
let large: CompiledFramework;
beforeAll(async () => {
    untailored = await compileDemo();
    large = await compileDemo(LARGE);
});

const bid = (commitments: Record<string, unknown>) => ({ bids: [{ bidder: 'Acme Ltd', commitments, methodStatements: { MS1: 3 }, gates: { RLW: true } }] });

function scoringProblems(commitments: Record<string, unknown>): string[] {
    try {
        scoreBids(large.rubric, bid(commitments));
        return [];
    } catch (error) {
        if (error instanceof ScoringInputError) return error.problems.map(problem => `${problem.path}: ${problem.message}`);
        throw error;
    }
}

describe('require N from an outcome', () => {
    test('the rule carries the outcome, and tailoring puts it in selection.requiredOutcomes', () => {
        expect(untailored.questionSet.rules!.find(rule => rule.id === 'large')!.effects.require).toEqual([{ outcome: 'employment', count: 1 }, { outcome: 'skills', count: 1 }]);
        expect(large.questionSet.selection.requiredOutcomes).toEqual([{ outcome: 'employment', minMeasures: 1 }, { outcome: 'skills', minMeasures: 1 }]);
        expect(large.questionSet.selection.requiredThemes).toEqual([]);
        expect(large.rubric.selection).toEqual(large.questionSet.selection);
    });

    test('untailored and without a require, the list is empty', async () => {
        expect(untailored.questionSet.selection.requiredOutcomes).toEqual([]);
        expect((await compileDemo(SMALL)).questionSet.selection.requiredOutcomes).toEqual([]);
    });

    test('an outcome none of whose measures is asked is dropped with a warning', () => {
        // As a portal might edit the rules: the large rule now asks only the environment theme.
        const edited = structuredClone(untailored);
        for (const output of [edited.questionSet, edited.rubric]) {
            output.rules!.find(rule => rule.id === 'large')!.effects.include = { themes: ['environment'], measures: [], questions: [], gates: [] };
        }
        const tailored = applyContractProfile(edited, LARGE);
        expectValid('question-set.schema.json', tailored.questionSet);
        expect(tailored.questionSet.selection.requiredOutcomes).toEqual([]);
        expect(tailored.questionSet.warnings.filter(warning => warning.code === 'profile/required-outcome-not-asked')).toEqual([
            { code: 'profile/required-outcome-not-asked', message: "Rule 'large' requires 1 measure(s) from outcome 'employment', but none of that outcome's measures is asked of this contract, so the requirement is dropped." },
            { code: 'profile/required-outcome-not-asked', message: "Rule 'large' requires 1 measure(s) from outcome 'skills', but none of that outcome's measures is asked of this contract, so the requirement is dropped." }
        ]);
    });

    test('scoring refuses a bid with too few measures from a required outcome', () => {
        expect(scoringProblems({ NT1: 2, NT8: 10 })).toEqual([]);
        expect(scoringProblems({ NT1: 2, NT30: 5 })).toEqual([
            "/bids/0/commitments: too few measures chosen from outcome 'skills': 0, but this contract asks for at least 1."
        ]);
        // A record-only answer does not count towards it (record only counts is not set).
        expect(scoringProblems({ LW: true, NT8: 10 })).toEqual([
            "/bids/0/commitments: too few measures chosen from outcome 'employment': 0, but this contract asks for at least 1."
        ]);
    });

    test('the bid check says the same before submission', () => {
        const read = readJsonBids(bid({ NT1: 2, NT30: 5 }));
        expect(checkBidAgainstQuestionSet(large.questionSet, read.bids[0]!).errors).toEqual([
            { where: '/bids/0/commitments', message: "0 measures from outcome 'skills' are chosen; choose at least 1." }
        ]);
    });

    test('conformance vectors choose measures from each required outcome, so the valid ones score', () => {
        const highest = conformanceVectors(large.rubric).find(vector => vector.id.endsWith('highest-bid'))!;
        expect(highest.expected.valid).toBe(true);
        expect(Object.keys(highest.bids.bids[0]!.commitments)).toEqual(expect.arrayContaining(['NT1', 'NT8']));
    });

    test('a rubric of schemaVersion 1.3.0 without requiredOutcomes still scores', () => {
        const older = structuredClone(large.rubric) as unknown as { selection: Record<string, unknown> };
        delete older.selection.requiredOutcomes;
        expect(() => scoreBids(older, bid({ NT1: 2, NT8: 10 }))).not.toThrow();
    });
});
