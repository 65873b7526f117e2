import type { QuestionSet, Rubric } from '../compiler/index.js';
import { describeSchemaErrors, validateAgainstSchema } from '../compiler/schema-validation.js';
import { UsageError } from './exit-codes.js';
import { InputFileError, readInputFile } from './input-file.js';

/** A file's text, or a UsageError that says which file could not be read and why. */
export function readInputText(file: string, what: string): string {
    try {
        return readInputFile(file, what);
    } catch (error) {
        if (error instanceof InputFileError) throw new UsageError(error.message);
        throw error;
    }
}

/** Parsed JSON, or a UsageError naming the file. */
export function readInputJson(file: string, what: string): unknown {
    return parseInputJson(readInputText(file, what), file, what);
}

/** A file's text as JSON (a byte-order mark ignored), or a UsageError naming the file. */
export function parseInputJson(text: string, file: string, what: string): unknown {
    text = text.replace(/^\uFEFF/, '');
    try {
        return JSON.parse(text) as unknown;
    } catch (error) {
        throw new UsageError(`the ${what} '${file}' is not valid JSON: ${(error as Error).message}.`);
    }
}

/** A tailored question set as `svf compile --profile` writes it, checked against its schema. */
export function readTailoredQuestionSet(file: string): QuestionSet {
    const value = readInputJson(file, 'question set');
    const errors = validateAgainstSchema('questionSet', value);
    if (errors.length > 0) {
        throw new UsageError(`'${file}' is not a question set as \`svf compile\` writes it: ${describeSchemaErrors(errors)}.`);
    }
    const questionSet = value as QuestionSet;
    if (questionSet.profile === null) {
        throw new UsageError(`'${file}' is not tailored to a contract: compile the framework with --profile (or --value and --category) to get the questions this contract asks.`);
    }
    return questionSet;
}

/** A compiled rubric, checked against its schema. */
export function readRubric(file: string): Rubric {
    const value = readInputJson(file, 'rubric');
    const errors = validateAgainstSchema('rubric', value);
    if (errors.length > 0) {
        throw new UsageError(`'${file}' is not a rubric as \`svf compile\` writes it: ${describeSchemaErrors(errors)}.`);
    }
    return value as Rubric;
}
