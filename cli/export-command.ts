import type { Command } from 'commander';
import type { ExitCode } from './exit-codes.js';
import { registerExportCsv } from './export-csv-command.js';

/** `svf export <format>`: a framework in another format; one subcommand per format, each in its own file. */
export function registerExportCommand(program: Command, finish: (code: ExitCode) => void): Command {
    const exportCommand = program.command('export')
        .description('Write a framework in another format: csv (the measure list `svf import` reads).');
    registerExportCsv(exportCommand, finish);
    return exportCommand;
}
