import type { ErrorObject, ValidateFunction } from 'ajv';
import commonSchema from '../schemas/common.schema.json' with { type: 'json' };
import contractProfileSchema from '../schemas/contract-profile.schema.json' with { type: 'json' };
import questionSetSchema from '../schemas/question-set.schema.json' with { type: 'json' };
import rubricSchema from '../schemas/rubric.schema.json' with { type: 'json' };
import rulesSchema from '../schemas/rules.schema.json' with { type: 'json' };
import * as generatedValidators from './generated/schema-validators.js';

/** The schemas in schemas/, by what they describe. Imported so that bundles carry them. */
export const SCHEMAS = {
    common: commonSchema,
    rules: rulesSchema,
    questionSet: questionSetSchema,
    rubric: rubricSchema,
    contractProfile: contractProfileSchema
} as const;

export type SchemaName = Exclude<keyof typeof SCHEMAS, 'common'>;

/**
 * The validators, compiled from schemas/ by Ajv when the project is built
 * (cli/generate-schema-validators.mjs, with allErrors and strict): compiling them at run
 * time cost about 110 ms of every compile and loading Ajv itself more.
 */
const validators = generatedValidators as unknown as Record<SchemaName, ValidateFunction>;

/** Validates a value against one of our schemas; every error is reported. */
export function validateAgainstSchema(name: SchemaName, value: unknown): ErrorObject[] {
    const validate = validators[name];
    return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** Ajv errors as one line each, for messages about our own output. */
export function describeSchemaErrors(errors: ErrorObject[]): string {
    return errors.slice(0, 5).map(error => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`).join('; ');
}
