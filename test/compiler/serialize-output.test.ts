import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { serializeOutput } from '../../compiler/write-outputs.js';

/** The algorithm serializeOutput replaced: a key-sorting replacer. Its bytes are the contract. */
function serializeWithReplacer(value: unknown): string {
    return `${JSON.stringify(value, (_key: string, member: unknown) => {
        if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(member).sort()) sorted[key] = (member as Record<string, unknown>)[key];
        return sorted;
    }, 2)}\n`;
}

/** Keys that test the corners of key order: array indexes, numbers that are not, case, non-ASCII, __proto__. */
const awkwardKey = fc.oneof(
    fc.string(),
    fc.constantFrom('0', '1', '2', '10', '01', '-1', '1.5', '4294967294', '4294967295', 'A', 'a', 'Z', '_', 'é', '😀', '__proto__', 'toString', ''),
);

const jsonValue = fc.letrec(tie => ({
    value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: false }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }),
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(awkwardKey, tie('value'), { maxKeys: 6 }),
    ),
})).value;

describe('serializeOutput', () => {
    test('gives the same bytes as the key-sorting replacer on arbitrary JSON values', () => {
        fc.assert(fc.property(fc.jsonValue(), value => {
            expect(serializeOutput(value)).toBe(serializeWithReplacer(value));
        }), { numRuns: 500 });
    });

    test('and on values with awkward keys, lone surrogates, NaN and undefined members', () => {
        fc.assert(fc.property(jsonValue, fc.array(fc.constantFrom(undefined, () => 1)), (value, extras) => {
            const withExtras = value !== null && typeof value === 'object' && !Array.isArray(value)
                ? { ...value as object, ...Object.fromEntries(extras.map((extra, index) => [`extra${index}`, extra])) }
                : value;
            expect(serializeOutput(withExtras)).toBe(serializeWithReplacer(withExtras));
        }), { numRuns: 1000 });
    });

    test('calls toJSON and sorts what it returns', () => {
        const value = { b: new Date(0), a: { toJSON: () => ({ z: 1, y: [2, undefined] }) } };
        expect(serializeOutput(value)).toBe(serializeWithReplacer(value));
        expect(serializeOutput(value)).toBe('{\n  "a": {\n    "y": [\n      2,\n      null\n    ],\n    "z": 1\n  },\n  "b": "1970-01-01T00:00:00.000Z"\n}\n');
    });
});
