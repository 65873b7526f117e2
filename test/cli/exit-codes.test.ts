import { describe, expect, test } from 'vitest';
import { ExitCode, reportFailure, UsageError } from '../../cli/exit-codes.js';
import { CompilerError } from '../../compiler/index.js';
import { SvfInputError } from '../../language/workspace/svf-workspace.js';

// How main() turns what a command throws into the line on stderr and the exit code.
describe('reportFailure', () => {
    test('usage and input mistakes: their message, exit 2', () => {
        expect(reportFailure(new UsageError('--duration is the contract\'s length in whole months'))).toEqual({
            message: '--duration is the contract\'s length in whole months', exitCode: ExitCode.UsageOrInputError,
        });
        expect(reportFailure(new SvfInputError('x.svf: no such file or folder.')).exitCode).toBe(2);
    });

    test('an unexpected exception: one line that says it is a bug, exit 3', () => {
        const failure = reportFailure(new TypeError("Cannot read properties of undefined (reading 'name')\n    at resolve"));
        expect(failure).toEqual({
            message: "internal error: Cannot read properties of undefined (reading 'name') at resolve. This is a bug in svf; please report it with the command you ran (set SVF_DEBUG=1 to see the stack trace).",
            exitCode: ExitCode.InternalError,
        });
        expect(failure.message).not.toContain('\n');
    });

    test('a framework the validator passed but the compiler cannot compile: the compiler\'s explanation, exit 3', () => {
        expect(reportFailure(new CompilerError("Measure 'NT1' has no unit. Add `unit NAME` to it."))).toEqual({
            message: "cannot compile: Measure 'NT1' has no unit. Add `unit NAME` to it.", exitCode: 3,
        });
    });
});
