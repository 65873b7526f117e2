import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ContractProfile } from '../model/rules/rule-types.js';
import { validateAgainstSchema } from './schema-validation.js';

export type { ContractProfile } from '../model/rules/rule-types.js';

/** A contract profile that does not follow schemas/contract-profile.schema.json. */
export class ProfileError extends Error {
    override readonly name = 'ProfileError';
}

const EXAMPLE = '{"contractValue": 2500000, "category": "works", "durationMonths": 36, "flags": ["lotted"]}';

/** How to write each field, for error messages. */
const FIELD_HINTS: Record<string, string> = {
    contractValue: 'the contract value in pounds, as a number like 2500000 or a string like "2500000.00" (no £, commas or k/m)',
    category: 'one of "goods", "services" or "works"',
    durationMonths: 'the duration in months, a number like 36',
    flags: 'a list of distinct flag names such as ["lotted"] (letters, digits and _ only)',
    $schema: 'a string'
};

/**
 * Checks a contract profile read from `source` (a file name, or a description such as
 * "--value") against the schema; the message names the source and the field and says how
 * to fix it. Returns the profile unchanged when it is valid.
 */
export function parseContractProfile(json: unknown, source: string): ContractProfile {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new ProfileError(`${source}: a contract profile must be a JSON object, e.g. ${EXAMPLE}.`);
    }
    const errors = validateAgainstSchema('contractProfile', json);
    if (errors.length > 0) {
        throw new ProfileError(`${source}: ${describeProfileError(mostUseful(errors), json as Record<string, unknown>)}`);
    }
    return json as ContractProfile;
}

/** Ajv reports every branch of a oneOf; the first error about a field is the one to show. */
function mostUseful(errors: ErrorObject[]): ErrorObject {
    return errors.find(error => error.keyword === 'required' || error.keyword === 'additionalProperties') ?? errors[0]!;
}

function describeProfileError(error: ErrorObject, profile: Record<string, unknown>): string {
    if (error.keyword === 'required') {
        const field = (error.params as { missingProperty: string }).missingProperty;
        return `the profile has no '${field}'. Add it: ${FIELD_HINTS[field]}, e.g. ${EXAMPLE}.`;
    }
    if (error.keyword === 'additionalProperties') {
        const field = (error.params as { additionalProperty: string }).additionalProperty;
        return `unknown field '${field}'. A contract profile has only contractValue, category, durationMonths and flags; check the spelling or remove it.`;
    }
    const field = error.instancePath.split('/')[1] ?? '';
    const found = JSON.stringify(profile[field]);
    return `'${field}' is ${found}, but it must be ${FIELD_HINTS[field] ?? 'valid'}. Correct it.`;
}
