/**
 * The typical contract of a rule (what the editor's scaled-minimum hints are worked out for):
 * inside the bands the rule's condition sets, chosen as the README says.
 */
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluateCondition } from '../../model/rules/evaluate-condition.js';
import type { RuleCondition } from '../../model/rules/rule-types.js';
import { DEFAULT_TYPICAL_CONTRACT_VALUE, DEFAULT_TYPICAL_DURATION_MONTHS, typicalContract } from '../../model/rules/typical-contract.js';

describe('typical contract of a rule', () => {
    test('the middle of a band, the lower limit of an open band, half an upper limit, a default without one', () => {
        const value = (condition: RuleCondition | null) => typicalContract(condition)?.contractValue.toString();
        expect(value({ field: 'contractValue', from: '100000.00', to: '5000000.00' })).toBe('2550000');
        expect(value({ field: 'contractValue', op: '>=', value: '5000000.00' })).toBe('5000000');
        expect(value({ field: 'contractValue', op: '<', value: '100000.00' })).toBe('50000');
        expect(value({ all: [{ category: ['works'] }, { field: 'contractValue', op: '>=', value: '1000000.00' }, { field: 'contractValue', op: '<', value: '3000000.00' }] })).toBe('2000000');
        // An `or` bounds nothing: the default.
        expect(value({ any: [{ field: 'contractValue', op: '<', value: '10.00' }, { flag: 'lotted' }] })).toBe(DEFAULT_TYPICAL_CONTRACT_VALUE.toString());
        expect(value(null)).toBe('2500000');
        expect(typicalContract(null)?.durationMonths).toBe(DEFAULT_TYPICAL_DURATION_MONTHS);
        // Bands that cannot meet: no typical contract.
        expect(typicalContract({ all: [{ field: 'contractValue', op: '<', value: '10.00' }, { field: 'contractValue', op: '>=', value: '20.00' }] })).toBeUndefined();
    });

    test('with an annual value band, the contract value is the middle annual value over the typical duration', () => {
        const typical = typicalContract({ all: [{ field: 'annualValue', from: '1000000.00', to: '3000000.00' }, { field: 'durationMonths', op: '>=', value: 24 }] })!;
        expect([typical.annualValue?.toString(), typical.durationMonths, typical.contractValue.toString()]).toEqual(['2000000', 24, '4000000']);
    });

    test('the typical contract of a rule bounding value and duration (lower limits inclusive: from, >=) is one the rule matches', () => {
        const bound = fc.integer({ min: 0, max: 10_000_000 });
        const limit = (field: 'contractValue' | 'durationMonths') => fc.oneof(
            fc.tuple(bound, bound).map(([a, b]): RuleCondition => ({ field, from: money(field, Math.min(a, b)), to: money(field, Math.max(a, b) + 1) })),
            fc.tuple(fc.constantFrom('<', '<=', '>=') as fc.Arbitrary<'<' | '<=' | '>='>, bound).map(([op, value]): RuleCondition => ({ field, op, value: money(field, op === '<' ? value + 1 : value) }))
        );
        fc.assert(fc.property(fc.array(fc.oneof(limit('contractValue'), limit('durationMonths')), { maxLength: 4 }), conditions => {
            const condition: RuleCondition = { all: conditions };
            const typical = typicalContract(condition);
            if (!typical) return;
            const profile = { contractValue: typical.contractValue.toString(), category: 'works', durationMonths: typical.durationMonths };
            expect(evaluateCondition(condition, profile)).toBe(true);
        }), { seed: 15 });
    });
});

function money(field: 'contractValue' | 'durationMonths', value: number): string | number {
    return field === 'durationMonths' ? value : `${value}.00`;
}
