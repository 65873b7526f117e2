import type { ErrorObject, ValidateFunction } from 'ajv';
import * as generatedValidators from '../generated/schema-validators.js';

const validators = generatedValidators as unknown as Record<'bids' | 'scoreResult', ValidateFunction>;

/**
 * Checks a value against schemas/score-result.schema.json (or bids.schema.json), with the
 * validators compiled at build time; every error is returned.
 */
export function validateScoringDocument(name: 'bids' | 'scoreResult', value: unknown): ErrorObject[] {
    const validate = validators[name];
    return validate(value) ? [] : [...(validate.errors ?? [])];
}
