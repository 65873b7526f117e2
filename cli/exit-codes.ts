import { CommanderError } from 'commander';
import { CompilerError, ProfileError } from '../compiler/index.js';
import { SvfInputError } from '../language/workspace/svf-workspace.js';

/**
 * Every exit code `svf` uses, in one place. Scripts and CI pipelines key on these, so
 * never renumber one.
 */
export const ExitCode = {
    /** Everything worked; warnings alone do not fail a run. */
    Ok: 0,
    /** The framework has validation errors (printed as diagnostics). */
    ValidationErrors: 1,
    /** The command line was wrong, or a file could not be read or written. */
    UsageOrInputError: 2,
    /** svf itself failed unexpectedly: a bug, kept apart from 2 so CI can tell the two apart. */
    InternalError: 3,
} as const;

export type ExitCode = typeof ExitCode[keyof typeof ExitCode];

/**
 * A mistake in what the user asked for (a bad option, a file that cannot be read).
 * The message is shown as one line, `svf: <message>`, and the run exits with 2.
 */
export class UsageError extends Error {}

/** How a failure ends the run: the line to show on stderr (if any) and the exit code. */
export interface FailureReport {
    readonly message: string | undefined;
    readonly exitCode: ExitCode;
}

/** Classifies anything a command throws into the one line the user sees and an exit code. */
export function reportFailure(error: unknown): FailureReport {
    if (error instanceof CommanderError) {
        // Commander has already printed its message (see main.ts); help and version are not failures.
        const shownOnRequest = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
        return { message: undefined, exitCode: shownOnRequest ? ExitCode.Ok : ExitCode.UsageOrInputError };
    }
    // A profile the framework cannot be tailored to (a yearly minimum without a duration).
    if (error instanceof UsageError || error instanceof SvfInputError || error instanceof ProfileError) {
        return { message: error.message, exitCode: ExitCode.UsageOrInputError };
    }
    if (error instanceof CompilerError) {
        // The framework passed validation yet cannot be compiled: the validator missed
        // something (or the output broke its schema). The message says what to change.
        return { message: `cannot compile: ${error.message}`, exitCode: ExitCode.InternalError };
    }
    const detail = error instanceof Error ? error.message : String(error);
    return {
        message: `internal error: ${oneLine(detail)}. This is a bug in svf; please report it with the command you ran (set SVF_DEBUG=1 to see the stack trace).`,
        exitCode: ExitCode.InternalError,
    };
}

function oneLine(text: string): string {
    return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}
