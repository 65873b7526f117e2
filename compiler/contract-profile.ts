import type { ErrorObject } from 'ajv/dist/2020.js';
import { Decimal, moneyString } from '../model/amounts.js';
import { pointer, PortalInputError } from '../model/portal-input-error.js';
import type { ContractProfile } from '../model/rules/rule-types.js';
import { checkJsonStructure } from './json-structure.js';
import { validateAgainstSchema } from './schema-validation.js';

export type { ContractProfile } from '../model/rules/rule-types.js';

/**
 * A contract profile that does not follow schemas/contract-profile.schema.json. `path` is
 * the JSON Pointer of the offending field within the profile (e.g. `/contractValue`).
 */
export class ProfileError extends PortalInputError {
    override readonly name = 'ProfileError';
}

const EXAMPLE = '{"contractValue": 2500000, "category": "works", "durationMonths": 36, "flags": ["lotted"]}';

/** How to write each field, for error messages. */
const FIELD_HINTS: Record<string, string> = {
    contractValue: 'the contract value in pounds, as a number like 2500000 or a string like "2500000.00" (no £, commas or k/m; at most 2 decimals)',
    category: 'a category name: "goods", "services" or "works", or one the framework declares (letters, digits and _ only)',
    durationMonths: 'the duration in months, a number like 36',
    flags: 'a list of distinct flag names such as ["lotted"] (letters, digits and _ only)',
    facts: 'an object giving each declared choice one value and each declared set a list of values, such as {"programme": "cityDeal", "priorities": ["skills"]} (names and values: letters, digits and _ only)',
    chosen: 'an object listing the outcomes or themes the buyer chose, such as {"outcomes": ["tacklingInequality"]} (ids: letters, digits and _ only; each once)',
    weightings: 'an object giving award criteria weightings in percent, such as {"socialValue": 12} (a number from 0 to 100 each)',
    $schema: 'a string'
};

/** A problem with a contract profile: where (JSON Pointer within the profile) and what. */
export interface ProfileProblem {
    path: string;
    message: string;
}

/**
 * Checks a contract profile read from `source` (a file name, or a description such as
 * "the command line") against the schema and for exactness; the message names the source
 * and the field and says how to fix it. Returns the profile unchanged when it is valid.
 */
export function parseContractProfile(json: unknown, source: string): ContractProfile {
    const problem = contractProfileProblem(json);
    if (problem) throw new ProfileError(problem.path, `${source}: ${problem.message}`);
    return json as ContractProfile;
}

/**
 * A contract profile from JSON text. Like parseContractProfile, and also refuses numbers
 * written with more digits than a JSON number keeps (12345678901234567890, 0.1000000000000000001):
 * JSON.parse would silently change them.
 */
export function parseContractProfileText(text: string, source: string): ContractProfile {
    let inexact: { path: string; written: string } | undefined;
    const json: unknown = JSON.parse(text, function (this: unknown, key: string, value: unknown, context?: { source?: string }) {
        const written = context?.source;
        if (typeof value === 'number' && written !== undefined && inexact === undefined && !new Decimal(written).eq(new Decimal(String(value)))) {
            inexact = { path: this !== null && typeof this === 'object' && key !== '' ? pointer('', key) : '', written };
        }
        return value;
    } as (this: unknown, key: string, value: unknown) => unknown);
    if (inexact) {
        throw new ProfileError(inexact.path, `${source}: ${inexact.path.slice(1) || 'the profile'} is ${inexact.written}, which has more digits than a JSON number keeps exactly; write it as a string, e.g. "12345678901234567890.00".`);
    }
    return parseContractProfile(json, source);
}

/** What is wrong with a contract profile, or undefined when it is valid. Never throws. */
export function contractProfileProblem(json: unknown): ProfileProblem | undefined {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { path: '', message: `a contract profile must be a JSON object, e.g. ${EXAMPLE}.` };
    }
    try {
        checkJsonStructure(json, '');
    } catch (error) {
        if (error instanceof PortalInputError) return { path: error.path, message: error.message };
        throw error;
    }
    const profile = json as Record<string, unknown>;
    const valueProblem = contractValueProblem(profile.contractValue);
    if (valueProblem) return { path: '/contractValue', message: valueProblem };
    const errors = validateAgainstSchema('contractProfile', json);
    if (errors.length > 0) {
        const error = mostUseful(errors);
        return { path: problemPath(error), message: describeProfileError(error, profile) };
    }
    return undefined;
}

/** The contract value's exactness: the schema checks its form. */
function contractValueProblem(value: unknown): string | undefined {
    if (typeof value === 'number') {
        if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
            return `'contractValue' is ${value} as a JSON number, which cannot hold every digit of an amount above ${Number.MAX_SAFE_INTEGER}; write it as a string, e.g. "12345678901234567890.00".`;
        }
        const exact = new Decimal(String(value));
        if (exact.decimalPlaces() > 2) return subPenny(String(value), exact);
    }
    if (typeof value === 'string' && /^[0-9]+\.[0-9]{3,}$/.test(value)) {
        return subPenny(JSON.stringify(value), new Decimal(value));
    }
    return undefined;
}

function subPenny(written: string, exact: Decimal): string {
    return `'contractValue' is ${written}, which has a fraction of a penny; a contract value is in pounds and pence, with at most 2 decimals. Round it, e.g. "${moneyString(exact)}".`;
}

/** Ajv reports every branch of a oneOf; the first error about a field is the one to show. */
function mostUseful(errors: ErrorObject[]): ErrorObject {
    const specific = errors.filter(error => error.keyword !== 'oneOf' && error.keyword !== 'type');
    return errors.find(error => error.keyword === 'required' || error.keyword === 'additionalProperties') ?? specific[0] ?? errors[0]!;
}

function describeProfileError(error: ErrorObject, profile: Record<string, unknown>): string {
    if (error.keyword === 'required') {
        const field = (error.params as { missingProperty: string }).missingProperty;
        return `the profile has no '${field}'. Add it: ${FIELD_HINTS[field]}, e.g. ${EXAMPLE}.`;
    }
    if (error.keyword === 'additionalProperties') {
        const field = (error.params as { additionalProperty: string }).additionalProperty;
        const within = error.instancePath.split('/')[1];
        if (within === 'chosen') return `unknown field '${field}' in 'chosen'. A buyer chooses "outcomes" or "themes"; check the spelling or remove it.`;
        return `unknown field '${field}'. A contract profile has only contractValue, category, durationMonths, flags, facts, chosen and weightings; check the spelling or remove it.`;
    }
    const field = error.instancePath.split('/')[1] ?? '';
    const found = JSON.stringify(profile[field]);
    return `'${field}' is ${found}, but it must be ${FIELD_HINTS[field] ?? 'valid'}. Correct it.`;
}

/** The field at fault: a top-level field, or for the objects of facts, choices and weightings, the entry. */
function problemPath(error: ErrorObject): string {
    const steps = error.instancePath.split('/');
    const depth = ['facts', 'chosen', 'weightings'].includes(steps[1] ?? '') ? 3 : 2;
    if (error.keyword === 'propertyNames') {
        return `${steps.slice(0, 2).join('/')}/${String((error.params as { propertyName?: string }).propertyName ?? '').replace(/~/g, '~0').replace(/\//g, '~1')}`;
    }
    return steps.slice(0, depth).join('/');
}
