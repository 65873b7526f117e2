import type { Command } from 'commander';
import type { ExitCode } from './exit-codes.js';
import { registerExportCsv } from './export-csv-command.js';
import { registerExportOcdsCommand } from './export-ocds-command.js';

/**
 * `svf export <format>`: a framework in a format someone else reads. One subcommand per
 * format, each in its own file (cli/export-<format>-command.ts), registered here.
 */
export function registerExportCommand(program: Command, finish: (code: ExitCode) => void): Command {
    const exportCommand = program.command('export')
        .description('Write a framework in a format other systems read: ocds (award criteria and KPIs as an OCDS release), csv (the measure list `svf import` reads).');
    registerExportOcdsCommand(exportCommand, finish);
    registerExportCsv(exportCommand, finish);
    return exportCommand;
}
