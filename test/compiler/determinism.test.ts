import { describe, expect, test } from 'vitest';
import { compileFramework, serializeOutput } from '../../compiler/index.js';
import { loadFixture, frameworkOf } from './fixture-loading.js';

describe('deterministic output', () => {
    const compileToText = async () => {
        // Fresh services each time: nothing may depend on caches or load order.
        const { services, entry } = await loadFixture('county');
        const { questionSet, rubric } = compileFramework(frameworkOf({ services, entry }), { contractValue: '2500000', category: 'works', durationMonths: 36 });
        return [serializeOutput(questionSet), serializeOutput(rubric)];
    };

    test('two compiles give byte-identical JSON', async () => {
        const first = await compileToText();
        const second = await compileToText();
        expect(second).toEqual(first);
    });

    test('the JSON has no absolute paths and no timestamps', async () => {
        const [questionSet, rubric] = await compileToText();
        for (const text of [questionSet!, rubric!]) {
            expect(text).not.toContain(process.cwd());
            expect(text).not.toContain('fixtures');
            expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
        }
    });

    test('serializeOutput sorts keys at every level, indents by two spaces and ends with a newline', () => {
        const text = serializeOutput({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } });
        expect(text).toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
        expect(serializeOutput({ a: 1, b: 2 })).toBe(serializeOutput({ b: 2, a: 1 }));
    });
});
