import { describe, expect, test } from 'vitest';
import { spellingDistance } from '../../language/spelling.js';

describe('spelling distance for "did you mean"', () => {
    test('one step for a missing, extra, wrong or swapped letter; case ignored', () => {
        expect(spellingDistance('unit', 'unit')).toBe(0);
        expect(spellingDistance('FTEs', 'FTE')).toBe(1);
        expect(spellingDistance('wieghting', 'weighting')).toBe(1);
        expect(spellingDistance('unti', 'unit')).toBe(1);
        expect(spellingDistance('Theme', 'thme')).toBe(1);
        expect(spellingDistance('localJob', 'localJobs')).toBe(1);
    });

    test('more steps for words further apart', () => {
        expect(spellingDistance('proxy', 'unit')).toBe(5);
        expect(spellingDistance('', 'ask')).toBe(3);
        expect(spellingDistance('abcd', 'badc')).toBe(2);
    });
});
