import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledFramework } from '../../compiler/index.js';
import { bidTemplate, bidTemplateCsv } from '../../compiler/bidkit/bid-template.js';
import { checkBidAgainstQuestionSet } from '../../compiler/bidkit/check-bid.js';
import { readCsvBid, readJsonBids } from '../../compiler/bidkit/filled-bid.js';
import { conformanceVectors } from '../../compiler/bidkit/conformance.js';
import { scoreBids } from '../../compiler/scoring/score-bids.js';
import { ScoringInputError } from '../../compiler/scoring/scoring-input-error.js';
import { expectValid, isValid } from '../compiler/schema-assertions.js';
import { compileDemo, SMALL } from './measures-fixture.js';

let small: CompiledFramework;
beforeAll(async () => {
    small = await compileDemo(SMALL);
});

const SHA = 'a'.repeat(64);

/** The template filled in: every kind answered in its shape, the others as given. */
function filled(commitments: Record<string, unknown>) {
    const template = bidTemplate(small.questionSet);
    const bid = template.bids[0];
    return {
        ...template,
        bids: [{ ...bid, bidder: 'Acme Ltd', commitments: { ...bid.commitments, NT1: 2, ...commitments }, gates: { RLW: true } }]
    };
}

function check(commitments: Record<string, unknown>) {
    const read = readJsonBids(filled(commitments));
    expect(read.problems).toEqual([]);
    return checkBidAgainstQuestionSet(small.questionSet, read.bids[0]!);
}

function scoringProblems(commitments: Record<string, unknown>) {
    const bids = { bids: [{ bidder: 'Acme Ltd', commitments: { NT1: 2, ...commitments }, methodStatements: { MS1: 3 }, gates: { RLW: true } }] };
    try {
        scoreBids(small.rubric, bids);
        return [];
    } catch (error) {
        if (error instanceof ScoringInputError) return error.problems.map(problem => `${problem.path}: ${problem.message}`);
        throw error;
    }
}

const VALID = { LW: true, MODE: 'subcontracted', PLAN: { name: 'employment-plan.pdf', sha256: SHA }, STORY: 'Local hiring via Jobcentre Plus.' };

describe('the bid template', () => {
    test('has a null answer for each kind, and the question says its shape', () => {
        const template = bidTemplate(small.questionSet);
        expect(template.bids[0].commitments).toEqual({ NT1: null, LW: null, MODE: null, PLAN: null, STORY: null, NT8: null, NT30: null });
        const mode = template.questions.find(question => question.id === 'MODE')!;
        expect(mode.answer).toMatchObject({ type: 'choice', options: ['in house', 'subcontracted'] });
        expect(template.$comment).toContain('choice: one of answer.options');
    });

    test('the CSV template says how each kind is answered', () => {
        const rows = bidTemplateCsv(small.questionSet).split('\n');
        expect(rows.find(row => row.startsWith('LW,'))).toContain('yes or no (record only: reported, not scored)');
        expect(rows.find(row => row.startsWith('MODE,'))).toContain('one of: in house | subcontracted (record only: reported, not scored)');
        expect(rows.find(row => row.startsWith('PLAN,'))).toContain('the file name of A timed project plan you submit with the bid');
        expect(rows.find(row => row.startsWith('STORY,'))).toContain('text, at most 5 words');
    });
});

describe('each answer kind end to end: compile, template, filled bid, check, score', () => {
    test('answers in their shapes pass the bid check and the scorer, and are recorded, not valued', () => {
        expect(check(VALID).errors).toEqual([]);
        const bids = { bids: [{ bidder: 'Acme Ltd', commitments: { NT1: 2, ...VALID }, methodStatements: { MS1: 3 }, gates: { RLW: true } }] };
        expectValid('bids.schema.json', bids);
        const result = scoreBids(small.rubric, bids);
        expectValid('score-result.schema.json', result);
        const commitments = result.bidders[0]!.commitments;
        expect(commitments.find(commitment => commitment.measure === 'LW')).toMatchObject({ quantity: true, valued: false, socialValue: '0.00' });
        expect(commitments.find(commitment => commitment.measure === 'PLAN')).toMatchObject({ quantity: { name: 'employment-plan.pdf', sha256: SHA }, valued: false });
        expect(commitments.find(commitment => commitment.measure === 'NT1')).toMatchObject({ valued: true, socialValue: '40000.00' });
    });

    test('yes-no takes true or false', () => {
        expect(check({ LW: 'yes' }).errors).toEqual([{ where: '/bids/0/commitments/LW', message: 'LW: answer true or false.' }]);
        expect(scoringProblems({ LW: 'yes' })).toEqual(['/bids/0/commitments/LW: is "yes", but this measure is answered yes or no: give true or false.']);
    });

    test('a choice takes one of its options exactly, and suggests the one meant', () => {
        expect(check({ MODE: 'In House' }).errors).toEqual([{ where: '/bids/0/commitments/MODE', message: 'MODE: the answer "In House" is not one of the options ("in house", "subcontracted"); did you mean "in house"?' }]);
        expect(scoringProblems({ MODE: 'outsourced' })).toEqual(['/bids/0/commitments/MODE: "outsourced" is not one of the options ("in house", "subcontracted"); give one exactly as written.']);
        expect(scoringProblems({ MODE: 2 })).toEqual(['/bids/0/commitments/MODE: is 2, but this measure is answered with one of its options: "in house", "subcontracted".']);
    });

    test('text within its word limit', () => {
        expect(check({ STORY: 'one two three four five six' }).errors).toEqual([{ where: '/bids/0/commitments/STORY', message: 'STORY: the answer has 6 words, more than the limit of 5: shorten it.' }]);
        expect(scoringProblems({ STORY: 'one two three four five six' })).toEqual(['/bids/0/commitments/STORY: has 6 words, more than the limit of 5: shorten it.']);
        expect(check({ STORY: '  one two three four five  ' }).errors).toEqual([]);
    });

    test('an attachment is {name, sha256?}', () => {
        expect(check({ PLAN: { name: 'plan.pdf' } }).errors).toEqual([]);
        expect(check({ PLAN: 'plan.pdf' }).errors).toEqual([{ where: '/bids/0/commitments/PLAN', message: 'PLAN: the answer is "plan.pdf", but this measure is answered with a file: give {"name": "project-plan.pdf", "sha256": "..."} (sha256 optional).' }]);
        expect(scoringProblems({ PLAN: { name: 'plan.pdf', sha256: 'abc' } })).toEqual(['/bids/0/commitments/PLAN: has sha256 "abc", but it must be the file\'s SHA-256 digest in 64 hexadecimal digits (or left out).']);
        expect(scoringProblems({ PLAN: { name: ' ' } })).toEqual(['/bids/0/commitments/PLAN: has no file name: give {"name": "project-plan.pdf", "sha256": "..."} (sha256 optional).']);
        expect(scoringProblems({ PLAN: { file: 'plan.pdf' } })).toEqual(['/bids/0/commitments/PLAN: has "file", but an attachment has only "name" and "sha256".']);
    });

    test('a CSV bid reads each kind into its JSON shape', () => {
        const csv = [
            'id,your answer',
            'bidder,Acme Ltd',
            'NT1,2',
            'LW,yes',
            'MODE,in house',
            'PLAN,employment-plan.pdf',
            'STORY,Local hiring first.',
            'RLW,yes'
        ].join('\n');
        const read = readCsvBid(csv, small.questionSet);
        expect(read.problems).toEqual([]);
        expect(read.bids[0]!.bid.commitments).toEqual({ NT1: 2, LW: true, MODE: 'in house', PLAN: { name: 'employment-plan.pdf' }, STORY: 'Local hiring first.' });
        expect(checkBidAgainstQuestionSet(small.questionSet, read.bids[0]!).errors).toEqual([]);
    });
});

describe('the bids schema', () => {
    test('takes each kind\'s shape and refuses an attachment without a name or with a bad digest', () => {
        const bids = (answer: unknown) => ({ bids: [{ bidder: 'Acme', commitments: { X: answer } }] });
        expect(isValid('bids.schema.json', bids(true))).toBe(true);
        expect(isValid('bids.schema.json', bids('in house'))).toBe(true);
        expect(isValid('bids.schema.json', bids({ name: 'plan.pdf' }))).toBe(true);
        expect(isValid('bids.schema.json', bids({ name: 'plan.pdf', sha256: SHA }))).toBe(true);
        expect(isValid('bids.schema.json', bids({ sha256: SHA }))).toBe(false);
        expect(isValid('bids.schema.json', bids({ name: 'plan.pdf', sha256: 'xyz' }))).toBe(false);
        expect(isValid('bids.schema.json', bids([1]))).toBe(false);
    });
});

describe('the conformance kit', () => {
    test('has a vector answering each kind in its shape, and one refusing the wrong shapes', () => {
        const vectors = conformanceVectors(small.rubric);
        const recorded = vectors.find(vector => vector.id.endsWith('answers-recorded'))!;
        expect(recorded.expected.valid).toBe(true);
        expect(recorded.bids.bids[0]!.commitments).toMatchObject({ LW: true, MODE: 'in house', PLAN: { name: 'PLAN.pdf' } });
        const refused = vectors.find(vector => vector.id.endsWith('invalid-answer-shapes'))!;
        expect(refused.expected.valid).toBe(false);
        if (!refused.expected.valid) expect(refused.expected.problems.map(problem => problem.path)).toEqual(['/bids/0/commitments/LW', '/bids/0/commitments/MODE', '/bids/0/commitments/PLAN']);
        expectValid('bids.schema.json', recorded.bids);
        expectValid('bids.schema.json', refused.bids);
    });
});
