import {
    decodeSourceText, formatFileSize, maxFileSizeFromEnvironment, MAX_FILE_SIZE_VARIABLE, readSourceBytes, SourceFileError
} from '../language/workspace/svf-file-system.js';

/**
 * Why an input file (a contract profile, a question set or rubric, bids, returns) cannot
 * be read, as one sentence naming the file: what `svf` prints before exiting.
 */
export class InputFileError extends Error {}

/**
 * The text of a JSON or CSV file given on the command line, read the way .svf files are:
 * only a regular file, opened without blocking (a FIFO, device or socket named like an
 * input is refused, never waited on), at most the size limit (`SVF_MAX_FILE_SIZE`, 64 MB
 * by default), and UTF-8 (a byte-order mark is dropped). `what` names the file in messages
 * ("contract profile", "bids").
 */
export function readInputFile(file: string, what: string, maxFileSize: number = maxFileSizeFromEnvironment()): string {
    let bytes: Uint8Array;
    try {
        bytes = readSourceBytes(file, maxFileSize);
    } catch (error) {
        if (!(error instanceof SourceFileError)) throw error;
        throw new InputFileError(`cannot read the ${what} ${file}: ${whyUnreadable(error, maxFileSize)}.`);
    }
    const { text, encodingProblem } = decodeSourceText(bytes);
    if (encodingProblem) {
        throw new InputFileError(`cannot read the ${what} ${file}: it is not UTF-8 text (line ${encodingProblem.line + 1}). Save it as UTF-8 and try again.`);
    }
    return text;
}

/** Why an input file could not be read, as the rest of a sentence (`it is a FIFO`, `it is over the 10 MB limit ...`), without a full stop. */
export function whyUnreadable(error: SourceFileError, maxFileSize: number): string {
    const { problem } = error;
    return problem.kind === 'too-large'
        ? `it is over the ${formatFileSize(maxFileSize)} limit for one input file; raise the limit with the ${MAX_FILE_SIZE_VARIABLE} environment variable if the file is meant to be this large`
        : problem.what.replace(/^is /, 'it is ');
}
