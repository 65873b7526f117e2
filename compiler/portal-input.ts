import type { ErrorObject } from 'ajv/dist/2020.js';
import { decimalOf } from '../model/amounts.js';
import { PortalInputError } from '../model/portal-input-error.js';
import type { ProportionalityRule } from '../model/rules/rule-types.js';
import type { QuestionSet, Rubric } from './compiled-framework.js';
import { contractProfileProblem, ProfileError } from './contract-profile.js';
import { checkJsonStructure } from './json-structure.js';
import { validateAgainstSchema } from './schema-validation.js';

const UNTAILORED = 'Pass the untailored question-set.json and rubric.json that one run of `svf compile` (without --profile) wrote, unchanged.';

/**
 * Checks applyContractProfile's arguments before it uses them: both are plain JSON
 * (checkJsonStructure), the question set and rubric follow their schemas, are untailored,
 * come from the same framework and agree with each other, and the profile follows its
 * schema exactly as parseContractProfile requires. Throws PortalInputError (ProfileError
 * for the profile) with the JSON Pointer of the first problem.
 */
export function checkPortalInput(compiled: unknown, profile: unknown): void {
    if (typeof compiled !== 'object' || compiled === null || Array.isArray(compiled)) {
        throw new PortalInputError('', `The first argument must be an object {questionSet, rubric}. ${UNTAILORED}`);
    }
    const { questionSet, rubric } = compiled as Record<string, unknown>;
    for (const [name, value] of [['questionSet', questionSet], ['rubric', rubric]] as const) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            throw new PortalInputError(`/${name}`, `/${name} is ${value === undefined ? 'missing' : JSON.stringify(value)}, but it must be the ${name === 'rubric' ? 'rubric' : 'question set'} object. ${UNTAILORED}`);
        }
        checkJsonStructure(value, `/${name}`);
    }
    try {
        checkJsonStructure(profile, '/profile');
    } catch (error) {
        throw error instanceof PortalInputError ? new ProfileError(error.path, error.message) : error;
    }
    const problem = contractProfileProblem(profile);
    if (problem) {
        const path = `/profile${problem.path}`;
        throw new ProfileError(path, `${path}: ${problem.message}`);
    }
    checkSchema('questionSet', questionSet);
    checkSchema('rubric', rubric);
    checkConsistent(questionSet as QuestionSet, rubric as Rubric);
}

function checkSchema(name: 'questionSet' | 'rubric', value: unknown): void {
    const errors = validateAgainstSchema(name, value);
    if (errors.length === 0) return;
    const error = mostUseful(errors);
    const path = `/${name}${error.instancePath}`;
    throw new PortalInputError(path, `${path} ${describeSchemaError(error, valueAt(value, error.instancePath))}. ${UNTAILORED}`);
}

/**
 * Ajv reports every branch of a oneOf that failed: the most useful error is the deepest
 * (the branch that got furthest), and at one place a wrong value rather than a branch's
 * type not matching.
 */
function mostUseful(errors: ErrorObject[]): ErrorObject {
    const specific = errors.filter(error => !['oneOf', 'anyOf', 'allOf', 'if', 'then', 'else', 'not'].includes(error.keyword));
    const candidates = specific.length > 0 ? specific : errors;
    const depth = (error: ErrorObject) => error.instancePath.split('/').length;
    const deepest = Math.max(...candidates.map(depth));
    const atDeepest = candidates.filter(error => depth(error) === deepest);
    return atDeepest.find(error => error.keyword !== 'type') ?? atDeepest[0]!;
}

const MONEY_PATTERN = '^-?[0-9]+\\.[0-9]{2}$';

function describeSchemaError(error: ErrorObject, value: unknown): string {
    const found = JSON.stringify(value);
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
        case 'enum':
            return `is ${found}, but it must be one of ${(params.allowedValues as unknown[]).map(allowed => JSON.stringify(allowed)).join(', ')}`;
        case 'const':
            return `is ${found}, but it must be ${JSON.stringify(params.allowedValue)}`;
        case 'pattern':
            return params.pattern === MONEY_PATTERN
                ? `is ${found}, but it must be an amount of money written with exactly two decimals, like "2500000.00"`
                : `is ${found}, which is not in the expected form (${String(params.pattern)})`;
        case 'type':
            return `is ${found}, but it must be ${String(params.type).replace(/,/g, ' or ')}`;
        case 'required':
            return `has no '${String(params.missingProperty)}'`;
        case 'additionalProperties':
            return `has an unknown field '${String(params.additionalProperty)}'`;
        default:
            return `is ${found}, but it ${error.message ?? 'is invalid'}`;
    }
}

function valueAt(root: unknown, path: string): unknown {
    let value = root;
    for (const step of path.split('/').slice(1)) {
        const key = step.replace(/~1/g, '/').replace(/~0/g, '~');
        value = (value as Record<string, unknown> | undefined)?.[key];
    }
    return value;
}

function checkConsistent(questionSet: QuestionSet, rubric: Rubric): void {
    for (const [name, document] of [['questionSet', questionSet], ['rubric', rubric]] as const) {
        if (document.profile !== null) {
            throw new PortalInputError(`/${name}/profile`, `/${name}/profile: this ${name === 'rubric' ? 'rubric' : 'question set'} is already tailored to a contract profile; apply profiles to the untailored outputs. ${UNTAILORED}`);
        }
    }
    if (!sameJson(questionSet.framework, rubric.framework)) {
        throw new PortalInputError('/rubric/framework', `/rubric/framework is not the framework of /questionSet/framework (compare id, version and sourceHash): the question set and rubric come from different compilations. ${UNTAILORED}`);
    }
    if (!sameJson(questionSet.chain, rubric.chain) || questionSet.chainDescription !== rubric.chainDescription) {
        throw new PortalInputError('/rubric/chain', `/rubric/chain is not the chain of /questionSet/chain: the question set and rubric come from different compilations. ${UNTAILORED}`);
    }
    if (!sameJson(questionSet.weighting, rubric.weighting)) {
        throw new PortalInputError('/rubric/weighting', `/rubric/weighting is ${JSON.stringify(rubric.weighting)}, but the question set's is ${JSON.stringify(questionSet.weighting)}. ${UNTAILORED}`);
    }
    if (questionSet.outlasting !== rubric.outlasting) {
        throw new PortalInputError('/rubric/outlasting', `/rubric/outlasting is ${JSON.stringify(rubric.outlasting)}, but the question set's is ${JSON.stringify(questionSet.outlasting)}. ${UNTAILORED}`);
    }
    if (!sameJson(questionSet.rules, rubric.rules)) {
        throw new PortalInputError('/rubric/rules', `/rubric/rules are not the question set's rules (/questionSet/rules). ${UNTAILORED}`);
    }
    checkRules(questionSet.rules ?? []);
    const kinds = new Map(questionSet.questions.map(question => [question.id, question.kind]));
    const expectKind = (path: string, id: string, kind: string, noun: string) => {
        if (kinds.get(id) !== kind) {
            throw new PortalInputError(path, `${path} is ${JSON.stringify(id)}, but the question set has no ${noun} with that id. ${UNTAILORED}`);
        }
    };
    rubric.quantitative.measures.forEach((measure, index) => expectKind(`/rubric/quantitative/measures/${index}/code`, measure.code, 'commitment', 'commitment'));
    rubric.qualitative.questions.forEach((question, index) => expectKind(`/rubric/qualitative/questions/${index}/id`, question.id, 'method-statement', 'method-statement question'));
    rubric.gates.forEach((gate, index) => expectKind(`/rubric/gates/${index}/id`, gate.id, 'pass-fail', 'pass-fail question'));
    questionSet.gates.forEach((id, index) => expectKind(`/questionSet/gates/${index}`, id, 'pass-fail', 'pass-fail question'));
    // A question's categories are the framework's declared ones (profileFacts): the schema only checks their form.
    const categories = questionSet.profileFacts.categories;
    questionSet.questions.forEach((question, questionIndex) => question.categories.forEach((category, index) => {
        if (categories.includes(category)) return;
        const path = `/questionSet/questions/${questionIndex}/categories/${index}`;
        throw new PortalInputError(path, `${path} is ${JSON.stringify(category)}, but it must be one of the framework's categories (/questionSet/profileFacts/categories): ${categories.map(name => JSON.stringify(name)).join(', ')}. ${UNTAILORED}`);
    }));
    questionSet.sections.forEach((section, sectionIndex) => section.outcomes.forEach((outcome, outcomeIndex) => outcome.questions.forEach((id, index) => {
        if (!kinds.has(id)) {
            const path = `/questionSet/sections/${sectionIndex}/outcomes/${outcomeIndex}/questions/${index}`;
            throw new PortalInputError(path, `${path} is ${JSON.stringify(id)}, but the question set has no question with that id. ${UNTAILORED}`);
        }
    })));
}

/** What the schema cannot say about rules: a minimum per £0 would divide by zero. */
function checkRules(rules: ProportionalityRule[]): void {
    rules.forEach((rule, ruleIndex) => rule.effects.minimumCommitments.forEach((minimum, index) => {
        if (minimum.per !== null && !decimalOf(minimum.per).gt(0)) {
            const path = `/questionSet/rules/${ruleIndex}/effects/minimumCommitments/${index}/per`;
            throw new PortalInputError(path, `${path} is ${JSON.stringify(minimum.per)}, but a minimum is asked per a positive amount of contract value, like "1000000.00". ${UNTAILORED}`);
        }
    }));
}

/** Deep equality of JSON data (already checked to be plain and shallow enough to recurse). */
function sameJson(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
    const aKeys = Object.keys(a).filter(key => (a as Record<string, unknown>)[key] !== undefined);
    const bKeys = Object.keys(b).filter(key => (b as Record<string, unknown>)[key] !== undefined);
    return aKeys.length === bKeys.length
        && aKeys.every(key => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
