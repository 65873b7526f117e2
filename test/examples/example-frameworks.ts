import { frameworkOf } from '../compiler/fixture-loading.js';
/**
 * The example frameworks under examples/, found on disk, and the few operations every
 * example test needs: check a folder, compile its entry file for a profile, validate the
 * outputs against the JSON Schemas in schemas/ (with our own Ajv, independent of the
 * compiler's). A new example folder or profile is picked up without touching the tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { LangiumDocument } from 'langium';
import {
    compileFramework, parseContractProfile, serializeOutput, type CompiledFramework, type ContractProfile, type Question, type QuestionSet
} from '../../compiler/index.js';
import type { SvfServices } from '../../language/svf-module.js';
import { collectSvfFiles, ENTRY_FILE_NAME } from '../../language/workspace/svf-workspace.js';
import { describeDiagnostic, runValidationOnFiles, type SvfDiagnostic } from '../helpers/validate.js';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');
export const EXAMPLES_ROOT = path.join(REPOSITORY_ROOT, 'examples');
const SCHEMAS_ROOT = path.join(REPOSITORY_ROOT, 'schemas');

export interface ExampleProfile {
    /** The file name, e.g. `works-2.5m.json`. */
    name: string;
    file: string;
    json: unknown;
}

export interface ExampleFramework {
    /** The folder name under examples/, e.g. `council`. */
    name: string;
    folder: string;
    entry: string;
    profiles: ExampleProfile[];
}

/** Every folder under `root` that holds a framework.svf, with the profiles in its profiles/ folder. */
export function discoverExamples(root = EXAMPLES_ROOT): ExampleFramework[] {
    return fs.readdirSync(root, { withFileTypes: true })
        .filter(entry => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, ENTRY_FILE_NAME)))
        .map(entry => entry.name)
        .sort()
        .map(name => {
            const folder = path.join(root, name);
            return { name, folder, entry: path.join(folder, ENTRY_FILE_NAME), profiles: profilesIn(path.join(folder, 'profiles')) };
        });
}

function profilesIn(folder: string): ExampleProfile[] {
    if (!fs.existsSync(folder)) return [];
    return fs.readdirSync(folder)
        .filter(name => name.endsWith('.json'))
        .sort()
        .map(name => {
            const file = path.join(folder, name);
            return { name, file, json: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
        });
}

/** The example of that name; fails loudly if it has been renamed or removed. */
export function example(name: string): ExampleFramework {
    const found = discoverExamples().find(candidate => candidate.name === name);
    if (!found) throw new Error(`No example folder '${name}' with a ${ENTRY_FILE_NAME} under ${EXAMPLES_ROOT}.`);
    return found;
}

export function profileOf(framework: ExampleFramework, name: string): ContractProfile {
    const found = framework.profiles.find(profile => profile.name === name);
    if (!found) throw new Error(`Example '${framework.name}' has no profile '${name}'.`);
    return parseContractProfile(found.json, found.file);
}

export interface LoadedExample {
    services: SvfServices;
    entry: LangiumDocument;
    /** Every diagnostic of every loaded file, as `path:line:col severity code message`, path relative to the repository. */
    problems: string[];
}

/**
 * Loads every .svf file of an example folder (as `svf check <folder>` does) and what they
 * import, with fresh services, and returns the entry document ready to compile.
 */
export async function loadExample(framework: ExampleFramework): Promise<LoadedExample> {
    const files = collectSvfFiles([framework.folder]);
    const run = await runValidationOnFiles(files);
    const entry = run.documents[files.indexOf(framework.entry)];
    if (!entry) throw new Error(`${framework.entry} was not loaded.`);
    const problems = Object.entries(run.diagnostics).flatMap(([file, diagnostics]) =>
        diagnostics.map((diagnostic: SvfDiagnostic) => `${path.relative(REPOSITORY_ROOT, file)}:${describeDiagnostic(diagnostic)}`));
    return { services: run.services, entry, problems };
}

export interface CompiledExample {
    compiled: CompiledFramework;
    questionSetJson: string;
    rubricJson: string;
}

export function compileExample(loaded: LoadedExample, profile?: ContractProfile): CompiledExample {
    const compiled = compileFramework(frameworkOf(loaded), profile);
    return { compiled, questionSetJson: serializeOutput(compiled.questionSet), rubricJson: serializeOutput(compiled.rubric) };
}

/** The questions of one kind in a question set, in order. */
export function questionsOfKind(questionSet: QuestionSet, kind: Question['kind']): Question[] {
    return questionSet.questions.filter(question => question.kind === kind);
}

/** Their ids, which is what a buyer reads in a list. */
export function idsOfKind(questionSet: QuestionSet, kind: Question['kind']): string[] {
    return questionsOfKind(questionSet, kind).map(question => question.id);
}

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/**
 * Ajv errors of `value` against `schemas/<file>`, e.g. `question-set.schema.json`, as
 * readable lines (empty when valid). Every schema file is loaded, so `$ref`s between them
 * resolve the way a portal resolving them from disk would.
 */
export function schemaErrors(file: string, value: unknown): string[] {
    let validate = validators.get(file);
    if (!validate) {
        ajv ??= createAjv();
        const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS_ROOT, file), 'utf8')) as { $id: string };
        validate = ajv.getSchema(schema.$id);
        if (!validate) throw new Error(`schemas/${file} has $id ${schema.$id}, which Ajv did not register.`);
        validators.set(file, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

function createAjv(): Ajv2020 {
    const schemas = fs.readdirSync(SCHEMAS_ROOT)
        .filter(name => name.endsWith('.schema.json'))
        .sort()
        .map(name => JSON.parse(fs.readFileSync(path.join(SCHEMAS_ROOT, name), 'utf8')) as object);
    // Strict: a schema keyword or format Ajv does not know is an error, not silently ignored.
    return new Ajv2020({ allErrors: true, strict: true, schemas });
}
