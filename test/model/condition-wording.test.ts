import { describe, expect, test } from 'vitest';
import { describeApplicability, MISSING_PART, writtenPartsOf, type WrittenCondition } from '../../model/rules/condition-wording.js';

describe('the wording of a rule condition (model)', () => {
    test('a complete condition in plain English, with brackets where and and or mix', () => {
        const condition: WrittenCondition = {
            any: [
                { all: [{ field: 'contractValue', op: '>=', value: '5000000.00' }, { category: ['works'] }] },
                { flag: 'lotted' }
            ]
        };
        expect(describeApplicability(condition)).toBe("Applies when (the contract value is £5,000,000.00 or more and the contract is for works) or the contract profile has the flag 'lotted'.");
        expect(describeApplicability({ all: [{ any: [{ category: ['goods', 'services'] }, { flag: 'lotted' }] }, { not: { field: 'durationMonths', op: '<', value: 12 } }] }))
            .toBe("Applies when (the contract is for goods or services or the contract profile has the flag 'lotted') and not (the duration is less than 12 months).");
        expect(describeApplicability({ field: 'contractValue', from: '1000000.00', to: '5000000.00' }))
            .toBe('Applies when the contract value is from £1,000,000.00 up to, but not including, £5,000,000.00.');
        expect(describeApplicability({ field: 'durationMonths', from: 1, to: null })).toBe('Applies when the duration is 1 month or more.');
    });

    test('no condition, and a `when` with nothing after it', () => {
        expect(describeApplicability(null)).toBe('Applies to every contract: it has no `when` condition.');
        expect(describeApplicability(null, true)).toBe('The `when` condition is not written yet.');
    });

    test('a half-typed condition says what is written, marks each missing part and keeps only the written parts for the rules', () => {
        const halfTyped: WrittenCondition = { all: [{ category: ['works'] }, { field: 'contractValue', op: MISSING_PART, value: MISSING_PART }] };
        expect(describeApplicability(halfTyped)).toBe('The `when` condition is not finished. So far it reads: applies when the contract is for works and the contract value is …');
        expect(writtenPartsOf(halfTyped)).toEqual({ all: [{ category: ['works'] }] });
        expect(writtenPartsOf(MISSING_PART)).toBeNull();
    });
});
