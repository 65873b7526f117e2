/** Checks outputs against the schemas on disk (not the compiler's own copy of them). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

const SCHEMA_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');
const ajv = new Ajv2020({ allErrors: true, strict: true });
for (const file of fs.readdirSync(SCHEMA_FOLDER).filter(name => name.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_FOLDER, file), 'utf8')));
}

export function expectValid(schemaFile: string, value: unknown): void {
    const validate = ajv.getSchema(`https://svf.dev/schemas/${schemaFile}`)!;
    const valid = validate(value);
    expect(valid ? [] : validate.errors).toEqual([]);
}

export function isValid(schemaFile: string, value: unknown): boolean {
    return ajv.getSchema(`https://svf.dev/schemas/${schemaFile}`)!(value) as boolean;
}
