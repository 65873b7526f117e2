import * as fs from 'node:fs';
import { Command } from 'commander';
import { registerBidCommand } from './bid-command.js';
import { registerCheckCommand } from './check-command.js';
import { registerCompileCommand } from './compile-command.js';
import { registerConformanceCommand } from './conformance-command.js';
import { registerPlanCommand } from './plan-command.js';
import { registerScoreCommand } from './score-command.js';
import { registerDiffCommand } from './diff-command.js';
import { registerExportCommand } from './export-command.js';
import { registerFmtCommand } from './fmt-command.js';
import { registerImportCommand } from './import-command.js';
import { registerReportCommand } from './report-command.js';
import { escapeControlCharacters } from './diagnostic-report.js';
import { ExitCode, reportFailure } from './exit-codes.js';
import { exitQuietlyWhenOutputCloses } from './output.js';
import { registerUpgradeCheckCommand } from './upgrade-check-command.js';

// For bin/svf.js's SIGINT/SIGTERM handler.
export { removeUnfinishedOutputs } from './output-folder.js';

/**
 * Runs `svf` with the given process arguments (`process.argv`: node, script, ...) and
 * returns the exit code; bin/svf.js sets it. Never throws: every failure becomes one
 * line on stderr and an exit code from exit-codes.ts.
 */
export async function main(argv: string[]): Promise<number> {
    exitQuietlyWhenOutputCloses();
    let exitCode: ExitCode = ExitCode.Ok;
    const program = createProgram(code => { exitCode = code; });
    try {
        await program.parseAsync(argv);
        return exitCode;
    } catch (error) {
        const failure = reportFailure(error);
        // One `svf: ...` line per problem; control characters escaped so no line can be forged.
        for (const line of failure.message?.split('\n') ?? []) {
            process.stderr.write(`svf: ${escapeControlCharacters(line)}\n`);
        }
        if (failure.exitCode === ExitCode.InternalError && process.env.SVF_DEBUG && error instanceof Error) {
            process.stderr.write(`${error.stack}\n`);
        }
        return failure.exitCode;
    }
}

function createProgram(finish: (code: ExitCode) => void): Command {
    const program = new Command('svf')
        .description('Social value frameworks as code: check .svf files, compile them to question-set and rubric JSON, and say what changed between versions.')
        .version(packageVersion(), '-V, --version', 'print the svf version')
        .helpOption('-h, --help', 'show help')
        .exitOverride()
        .configureOutput(usageErrorOutput('svf'))
        .addHelpText('after', [
            '',
            'Exit codes:',
            `  ${ExitCode.Ok}  success (warnings alone do not fail a run)`,
            `  ${ExitCode.ValidationErrors}  the framework has validation errors; svf score: the rubric or bids are invalid; svf diff --check-version: the version does not bump enough; svf upgrade-check: a breaking finding; svf import: a bad row in the measure list (nothing written)`,
            `  ${ExitCode.UsageOrInputError}  wrong command line, or a file could not be read or written`,
            `  ${ExitCode.InternalError}  internal error in svf (a bug; please report it)`,
        ].join('\n'));
    registerCheckCommand(program, finish);
    registerCompileCommand(program, finish);
    registerScoreCommand(program, finish);
    registerDiffCommand(program, finish);
    registerUpgradeCheckCommand(program, finish);
    registerReportCommand(program, finish);
    registerBidCommand(program, finish);
    registerPlanCommand(program, finish);
    registerConformanceCommand(program, finish);
    registerFmtCommand(program, finish);
    registerImportCommand(program, finish);
    registerExportCommand(program, finish);
    for (const command of program.commands) {
        command.configureOutput(usageErrorOutput(`svf ${command.name()}`));
        // Subcommands (`svf export ocds`, `svf bid template`) point at their own help.
        for (const subcommand of command.commands) {
            subcommand.configureOutput(usageErrorOutput(`svf ${command.name()} ${subcommand.name()}`));
        }
    }
    return program;
}

/** Commander's own errors as one `svf: ...` line that says where to find help. */
function usageErrorOutput(commandPath: string) {
    return {
        outputError: (message: string, write: (text: string) => void) => {
            const explanation = message.trim().replace(/^error: /, '').replace(/\.$/, '');
            write(`svf: ${escapeControlCharacters(explanation)}. See '${commandPath} --help'.\n`);
        },
    };
}

function packageVersion(): string {
    // package.json sits two folders above out/cli/main.js, whether run from a clone or an install.
    const manifest = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return manifest.version;
}
