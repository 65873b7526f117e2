import { describe, expect, test } from 'vitest';
import { describeApplicability } from '../../model/rules/condition-wording.js';

const LEP = { sets: [{ name: 'priorities' }] };

describe('conditions on profile facts and the annual value, in words', () => {
    test('a choice reads "the programme is ..."', () => {
        expect(describeApplicability({ fact: 'programme', values: ['cityDeal'] }, false, LEP)).toBe('Applies when the programme is cityDeal.');
        expect(describeApplicability({ fact: 'programme', values: ['cityDeal', 'boost'] }, false, LEP)).toBe('Applies when the programme is cityDeal or boost.');
    });

    test('a set reads "the priorities include ..."', () => {
        expect(describeApplicability({ fact: 'priorities', values: ['skills'] }, false, LEP)).toBe('Applies when the priorities include skills.');
        expect(describeApplicability({ fact: 'priorities', values: ['skills', 'housing', 'transport'] }, false, LEP)).toBe('Applies when the priorities include skills, housing or transport.');
    });

    test('without the declarations a fact reads as a choice', () => {
        expect(describeApplicability({ fact: 'area', values: ['east'] })).toBe('Applies when the area is east.');
    });

    test('the annual value', () => {
        expect(describeApplicability({ field: 'annualValue', op: '>=', value: '5000000.00' })).toBe('Applies when the annual value is £5,000,000.00 or more.');
        expect(describeApplicability({ field: 'annualValue', from: '1000000.00', to: '5000000.00' }))
            .toBe('Applies when the annual value is from £1,000,000.00 up to, but not including, £5,000,000.00.');
    });

    test('combined with the rest', () => {
        expect(describeApplicability({ all: [{ category: ['works'] }, { fact: 'programme', values: ['cityDeal'] }, { not: { fact: 'priorities', values: ['housing'] } }] }, false, LEP))
            .toBe('Applies when the contract is for works and the programme is cityDeal and not (the priorities include housing).');
    });
});
