import * as path from 'node:path';
import type { Command } from 'commander';
import { measureRowsOf, measureTable } from '../compiler/spreadsheet/index.js';
import { hasSyntaxErrors } from '../language/resolve/framework-resolution.js';
import type { Document } from '../language/generated/ast.js';
import { noFrameworkHeaderMessage } from '../model/framework.js';
import { writeFileAtomically } from './atomic-write.js';
import { buildDiagnosticReport, displayPath, formatDiagnosticReport } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';
import { measureCsv } from './spreadsheet-files.js';
import { loadFrameworkFromDisk, MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

interface ExportCsvOptions extends FileLimitOptions {
    out?: string;
}

/** `svf export csv <framework>`: the framework's measures as the measure list `svf import` reads. */
export function registerExportCsv(exportCommand: Command, finish: (code: ExitCode) => void): void {
    exportCommand.command('csv')
        .description('Write the framework\'s measures as a CSV measure list (one row per measure), the columns `svf import` reads.')
        .argument('<file-or-folder>', "the framework's entry file (the one with the `framework` header), or a folder with framework.svf")
        .option('--out <file>', 'the CSV file to write (default: standard output)')
        .option(...MAX_FILE_SIZE_OPTION)
        .addHelpText('after', [
            '',
            'Columns: Theme, Outcome, Code, Title, Unit label, Proxy value, Proxy source, Price year, Record only,',
            'Categories, Ask, Guidance, Evidence. RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel shows £),',
            'CRLF line ends. A framework that extends another is exported with its base merged in.',
            `Exits with ${ExitCode.Ok} when written, ${ExitCode.ValidationErrors} when the framework has errors (nothing written), ${ExitCode.UsageOrInputError} when a file cannot be read or written.`,
        ].join('\n'))
        .action(async (target: string, options: ExportCsvOptions) => {
            finish(await runExportCsv(target, options));
        });
}

async function runExportCsv(target: string, options: ExportCsvOptions): Promise<ExitCode> {
    const loaded = await loadFrameworkFromDisk({ entry: target }, options);
    const { services, requested: [entry] } = loaded;
    if (!(entry!.parseResult.value as Document).header && !hasSyntaxErrors(entry!)) {
        throw new UsageError(noFrameworkHeaderMessage(displayPath(entry!.uri.fsPath)));
    }
    const report = buildDiagnosticReport(loaded);
    if (report.summary.errors > 0) {
        writeLines(process.stderr, [...formatDiagnosticReport(report), 'Nothing was written: fix the errors above, then export again.']);
        return ExitCode.ValidationErrors;
    }
    const framework = services.resolution.FrameworkResolution.frameworkOf(entry!);
    const csv = measureCsv(measureTable(measureRowsOf(framework)));
    if (options.out === undefined) {
        process.stdout.write(csv);
        return ExitCode.Ok;
    }
    try {
        writeFileAtomically(options.out, csv);
    } catch (error) {
        const why = (error as NodeJS.ErrnoException)?.code ?? String(error);
        throw new UsageError(`cannot write ${displayPath(path.resolve(options.out))} (${why}); nothing was written.`);
    }
    writeLines(process.stderr, [`Wrote ${displayPath(path.resolve(options.out))}: ${measureRowsOf(framework).length} measures.`]);
    return ExitCode.Ok;
}
