import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { SCHEMAS, validateAgainstSchema, type SchemaName } from '../../compiler/schema-validation.js';

// The compiler validates with code Ajv generated at build time (cli/generate-schema-validators.mjs);
// it must report exactly what Ajv compiling the same schemas at run time reports.
const ajv = new Ajv2020({ allErrors: true, strict: true, schemas: Object.values(SCHEMAS) });
const names: SchemaName[] = ['questionSet', 'rubric', 'contractProfile', 'rules'];
const samples: unknown[] = [
    null, 'text', [], {},
    { schemaVersion: 1, framework: { id: 7 }, questions: [{ id: 'NT1', kind: 'nonsense' }], extra: true },
    { category: 'works', contractValue: '2.5m', durationMonths: -1, flags: ['lotted', 3] },
    { rules: [{ id: 'r1', when: { all: [] } }], fallback: null },
];

describe('generated schema validators', () => {
    test.each(names)('%s: the same errors as Ajv at run time', name => {
        const runtime = ajv.getSchema(SCHEMAS[name].$id)!;
        for (const sample of samples) {
            const expected = runtime(sample) ? [] : runtime.errors;
            expect(validateAgainstSchema(name, sample)).toEqual(expected);
        }
    });
});
