import type { AnswerType } from './compiled-framework.js';

/**
 * The JSON shape of a bid's answer to a measure that is not answered with a quantity
 * (schemas/bids.schema.json), one place for the bid check, the scorer and the conformance
 * kit:
 * - yes-no: true or false;
 * - choice: one of the options, exactly as written;
 * - text: a string of at most the word limit's words;
 * - attachment: {"name": "plan.pdf", "sha256": "<64 hex digits>"} (sha256 optional), the
 *   file's name as the bidder uploads it beside the bid, as e-procurement portals take
 *   documents.
 */
export interface AnswerShape {
    type: AnswerType;
    options: string[] | null;
    wordLimit: number | null;
}

export interface AttachmentAnswer {
    name: string;
    sha256?: string;
}

/** The answer types a bid gives as a quantity (a number or a decimal string). */
export const QUANTITY_TYPES: ReadonlySet<AnswerType> = new Set(['number', 'money', 'percentage']);

const SHA256 = /^[0-9a-f]{64}$/i;

/** The words of a text answer, as the word limit counts them. */
export function wordCount(text: string): number {
    return text.split(/\s+/).filter(word => word !== '').length;
}

/** Why a non-quantity answer does not have its type's shape, or undefined when it does (or when it is a quantity type). */
export function answerShapeProblem(answer: AnswerShape, given: unknown): string | undefined {
    switch (answer.type) {
        case 'yes-no':
            return typeof given === 'boolean' ? undefined : `is ${JSON.stringify(given)}, but this measure is answered yes or no: give true or false.`;
        case 'choice': {
            const options = answer.options ?? [];
            const listed = options.map(option => JSON.stringify(option)).join(', ');
            if (typeof given !== 'string') return `is ${JSON.stringify(given)}, but this measure is answered with one of its options: ${listed}.`;
            if (options.includes(given)) return undefined;
            const near = options.find(option => option.toLowerCase() === given.trim().toLowerCase());
            return `${JSON.stringify(given)} is not one of the options (${listed})${near ? `; did you mean ${JSON.stringify(near)}?` : '; give one exactly as written.'}`;
        }
        case 'text': {
            if (typeof given !== 'string') return `is ${JSON.stringify(given)}, but this measure is answered in words: give a string.`;
            const words = wordCount(given);
            if (answer.wordLimit !== null && words > answer.wordLimit) return `has ${words} words, more than the limit of ${answer.wordLimit}: shorten it.`;
            return undefined;
        }
        case 'attachment': {
            const example = '{"name": "project-plan.pdf", "sha256": "..."} (sha256 optional)';
            if (typeof given !== 'object' || given === null || Array.isArray(given)) return `is ${JSON.stringify(given)}, but this measure is answered with a file: give ${example}.`;
            const record = given as Record<string, unknown>;
            const unknown = Object.keys(record).filter(key => key !== 'name' && key !== 'sha256');
            if (unknown.length > 0) return `has ${unknown.map(key => `"${key}"`).join(', ')}, but an attachment has only "name" and "sha256".`;
            if (typeof record.name !== 'string' || record.name.trim() === '') return `has no file name: give ${example}.`;
            if (record.sha256 !== undefined && (typeof record.sha256 !== 'string' || !SHA256.test(record.sha256))) return `has sha256 ${JSON.stringify(record.sha256)}, but it must be the file's SHA-256 digest in 64 hexadecimal digits (or left out).`;
            return undefined;
        }
        default:
            return undefined;
    }
}

/**
 * Whether an answer commits something, as the selection limits count it: a quantity above
 * 0, yes, a choice, some text or a file.
 */
export function commitsSomething(given: unknown): boolean {
    if (typeof given === 'boolean') return given;
    if (typeof given === 'number') return given > 0;
    if (typeof given === 'string') return given.trim() !== '';
    return typeof given === 'object' && given !== null;
}
