import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledFramework, Question } from '../../compiler/index.js';
import { compileDemo } from './measures-fixture.js';

let untailored: CompiledFramework;
beforeAll(async () => {
    untailored = await compileDemo();
});

const question = (id: string): Question => untailored.questionSet.questions.find(candidate => candidate.id === id)!;
const rubricMeasure = (code: string) => untailored.rubric.quantitative.measures.find(measure => measure.code === code)!;

describe('codes, tags and horizons in the question set', () => {
    test('a measure carries its codes and tags as written, and its horizon in months', () => {
        expect(question('NT1')).toMatchObject({ codes: ['NT1', 'RE-1'], tags: ['sdg8', 'ppn.tacklingInequality'], horizonMonths: 12, stage: 'bid', reportingFrequency: null });
        expect(question('NT8').horizonMonths).toBe(12);
    });

    test('a measure without them has empty lists and no horizon', () => {
        expect(question('NT30')).toMatchObject({ codes: [], tags: [], horizonMonths: null });
    });

    test('a method statement carries its codes and tags; a gate has none', () => {
        expect(question('MS1')).toMatchObject({ codes: ['MS1', 'TOMS.MS1'], tags: ['sdg8'], stage: 'bid', reportingFrequency: null, horizonMonths: null });
        expect(question('RLW')).toMatchObject({ codes: [], tags: [], stage: 'bid', reportingFrequency: null, horizonMonths: null });
    });

    test('the rubric carries each measure\'s codes and tags too', () => {
        expect(rubricMeasure('NT1')).toMatchObject({ codes: ['NT1', 'RE-1'], tags: ['sdg8', 'ppn.tacklingInequality'] });
    });
});

describe('answer kinds in the question set', () => {
    test('a number answer keeps its unit\'s type, with no options or description', () => {
        expect(question('NT1').answer).toEqual({ type: 'number', minimum: null, maximum: null, wholeNumbers: false, options: null, description: null });
        expect(question('NT1').recordOnly).toBe(false);
    });

    test('yes or no', () => {
        expect(question('LW').answer).toEqual({ type: 'yes-no', minimum: null, maximum: null, wholeNumbers: false, options: null, description: null });
    });

    test('a choice carries its options in order', () => {
        expect(question('MODE').answer).toEqual({ type: 'choice', minimum: null, maximum: null, wholeNumbers: false, options: ['in house', 'subcontracted'], description: null });
    });

    test('an attachment carries its description', () => {
        expect(question('PLAN').answer).toEqual({ type: 'attachment', minimum: null, maximum: null, wholeNumbers: false, options: null, description: 'A timed project plan' });
    });

    test('text carries its word limit on the question', () => {
        expect(question('STORY').answer.type).toBe('text');
        expect(question('STORY').wordLimit).toBe(5);
    });

    test('a measure answered other than with a number is record only: recorded, never valued', () => {
        for (const code of ['LW', 'MODE', 'PLAN', 'STORY']) {
            expect(question(code).recordOnly, code).toBe(true);
            expect(rubricMeasure(code), code).toMatchObject({ recordOnly: true, multiYear: false, proxy: null });
        }
        expect(rubricMeasure('MODE').answer).toEqual({ type: 'choice', options: ['in house', 'subcontracted'], wordLimit: null });
        expect(rubricMeasure('STORY').answer).toEqual({ type: 'text', options: null, wordLimit: 5 });
        expect(rubricMeasure('NT1')).toMatchObject({ recordOnly: false, answer: { type: 'number', options: null, wordLimit: null } });
    });
});

describe('reporting metrics in the question set', () => {
    test('an after-award measure is a reporting metric with its frequency', () => {
        expect(question('NT1R')).toMatchObject({ stage: 'after-award', reportingFrequency: 'quarterly' });
        expect(rubricMeasure('NT1R')).toMatchObject({ stage: 'after-award', reportingFrequency: 'quarterly', recordOnly: true });
    });

    test('bid-time measures say so', () => {
        expect(rubricMeasure('NT1')).toMatchObject({ stage: 'bid', reportingFrequency: null });
    });
});
