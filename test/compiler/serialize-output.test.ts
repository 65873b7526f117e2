import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { serializeOutput, serializeOutputChunks } from '../../compiler/write-outputs.js';

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

/** The streamed form, joined. */
function joinedChunks(value: unknown): string {
    return [...serializeOutputChunks(value)].join('');
}

describe('serializeOutput', () => {
    test('gives the same bytes as the key-sorting replacer on arbitrary JSON values', () => {
        fc.assert(fc.property(fc.jsonValue(), value => {
            const expected = serializeWithReplacer(value);
            expect(serializeOutput(value)).toBe(expected);
            expect(joinedChunks(value)).toBe(expected);
        }), { numRuns: 500 });
    });

    test('and on values with awkward keys, lone surrogates, NaN and undefined members', () => {
        fc.assert(fc.property(jsonValue, fc.array(fc.constantFrom(undefined, () => 1)), (value, extras) => {
            const withExtras = value !== null && typeof value === 'object' && !Array.isArray(value)
                ? { ...value as object, ...Object.fromEntries(extras.map((extra, index) => [`extra${index}`, extra])) }
                : value;
            const expected = serializeWithReplacer(withExtras);
            expect(serializeOutput(withExtras)).toBe(expected);
            expect(joinedChunks(withExtras)).toBe(expected);
        }), { numRuns: 1000 });
    });

    test('calls toJSON and sorts what it returns', () => {
        const value = { b: new Date(0), a: { toJSON: () => ({ z: 1, y: [2, undefined] }) } };
        expect(serializeOutput(value)).toBe(serializeWithReplacer(value));
        expect(joinedChunks(value)).toBe(serializeWithReplacer(value));
        expect(serializeOutput(value)).toBe('{\n  "a": {\n    "y": [\n      2,\n      null\n    ],\n    "z": 1\n  },\n  "b": "1970-01-01T00:00:00.000Z"\n}\n');
    });

    test('streams a large value in bounded chunks, never as one string', () => {
        const value = { rows: Array.from({ length: 20_000 }, (_, index) => ({ index, text: `row ${index}`, nested: { z: [index, null], a: true } })) };
        const chunks = [...serializeOutputChunks(value)];
        expect(chunks.length).toBeGreaterThan(10);
        expect(Math.max(...chunks.map(chunk => chunk.length))).toBeLessThan(70_000);
        expect(chunks.join('')).toBe(serializeWithReplacer(value));
    });

    test('throws as JSON.stringify does on a cycle or a BigInt', () => {
        const cyclic: Record<string, unknown> = { a: [1] };
        (cyclic.a as unknown[]).push(cyclic);
        expect(() => joinedChunks(cyclic)).toThrow(TypeError);
        expect(() => joinedChunks({ a: 1n })).toThrow(TypeError);
        const shared = { x: 1 };
        expect(joinedChunks({ a: shared, b: [shared] })).toBe(serializeWithReplacer({ a: shared, b: [shared] }));
    });

    test('top-level values JSON leaves out, primitives and empty containers', () => {
        for (const value of [undefined, () => 1, null, 0, -0, 1e21, NaN, -Infinity, 'é\ud800"', true, [], {}, [[]], { a: {} }, [undefined, () => 1], new Date(0)]) {
            expect(joinedChunks(value)).toBe(serializeWithReplacer(value));
        }
    });
});
