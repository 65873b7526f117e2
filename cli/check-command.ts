import { Option, type Command } from 'commander';
import { buildDiagnosticReport, formatDiagnosticReport } from './diagnostic-report.js';
import { acknowledgedWarningCount } from '../language/validation/acknowledged-diagnostics.js';
import { ExitCode } from './exit-codes.js';
import { writeLines } from './output.js';
import { loadFrameworkFromDisk, MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

interface CheckOptions extends FileLimitOptions {
    format: 'text' | 'json';
}

export function registerCheckCommand(program: Command, finish: (code: ExitCode) => void): void {
    program.command('check')
        .description('Check .svf files and everything they import; print every problem found.')
        .argument('[paths...]', '.svf files or folders to check (folders are searched for .svf files)', ['.'])
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option(...MAX_FILE_SIZE_OPTION)
        .addHelpText('after', [
            '',
            'Prints one line per problem: path:line:col severity code message, then a summary.',
            'Exits with 1 if any error was found, 0 if there were only warnings or none.',
        ].join('\n'))
        .action(async (paths: string[], options: CheckOptions) => {
            finish(await runCheck(paths, options));
        });
}

async function runCheck(paths: string[], options: CheckOptions): Promise<ExitCode> {
    const loaded = await loadFrameworkFromDisk({ paths }, options);
    const report = buildDiagnosticReport(loaded);
    report.summary.acknowledged = acknowledgedWarningCount(loaded.documents, loaded.services);
    if (options.format === 'json') {
        writeLines(process.stdout, [JSON.stringify(report, null, 2)]);
    } else {
        writeLines(process.stdout, formatDiagnosticReport(report));
    }
    return report.summary.errors > 0 ? ExitCode.ValidationErrors : ExitCode.Ok;
}
