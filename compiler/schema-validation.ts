import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import commonSchema from '../schemas/common.schema.json' with { type: 'json' };
import contractProfileSchema from '../schemas/contract-profile.schema.json' with { type: 'json' };
import questionSetSchema from '../schemas/question-set.schema.json' with { type: 'json' };
import rubricSchema from '../schemas/rubric.schema.json' with { type: 'json' };
import rulesSchema from '../schemas/rules.schema.json' with { type: 'json' };

/** The schemas in schemas/, by what they describe. Imported so that bundles carry them. */
export const SCHEMAS = {
    common: commonSchema,
    rules: rulesSchema,
    questionSet: questionSetSchema,
    rubric: rubricSchema,
    contractProfile: contractProfileSchema
} as const;

export type SchemaName = Exclude<keyof typeof SCHEMAS, 'common'>;

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaName, ValidateFunction>();

/** Validates a value against one of our schemas; compiled once, on first use. */
export function validateAgainstSchema(name: SchemaName, value: unknown): ErrorObject[] {
    let validate = validators.get(name);
    if (!validate) {
        // The schemas are checked against the JSON Schema meta-schema by the tests
        // (test/compiler/schema-assertions.ts); doing it again on every run costs more than
        // validating a large output.
        ajv ??= new Ajv2020({ allErrors: true, strict: true, validateSchema: false, schemas: Object.values(SCHEMAS) });
        validate = ajv.getSchema(SCHEMAS[name].$id)!;
        validators.set(name, validate);
    }
    return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** Ajv errors as one line each, for messages about our own output. */
export function describeSchemaErrors(errors: ErrorObject[]): string {
    return errors.slice(0, 5).map(error => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`).join('; ');
}
