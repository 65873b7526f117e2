import type { Command } from 'commander';
import { checkUpgrade } from '../model/diff/upgrade-check.js';
import { addDiffOutputOptions, printReport, SIDE_HELP, withSides, type DiffCommandOptions } from './diff-command.js';
import { buildUpgradeCheckReport, formatUpgradeMarkdown, formatUpgradeText } from './diff-report.js';
import { loadSide, SidePlaces } from './diff-side-loader.js';
import { ExitCode, UsageError } from './exit-codes.js';

interface UpgradeCheckOptions extends DiffCommandOptions {
    to: string;
}

export function registerUpgradeCheckCommand(program: Command, finish: (code: ExitCode) => void): void {
    const command = program.command('upgrade-check')
        .description("Before a member framework moves to a new version of its base: what in the member no longer applies or now means something else, and what changes for the member's own contracts.")
        .argument('<member>', 'the member framework (one that extends a base), with its current base installed')
        .requiredOption('--to <side>', 'the new version of the base: a folder, git:<rev>:<path> or npm:<package>@<version>');
    addDiffOutputOptions(command)
        .addHelpText('after', [
            '',
            ...SIDE_HELP,
            '',
            "Prints one line per finding, path:line:col: <class>: <kind>: message, in the member's files",
            '(overrides whose target is gone or changed under it, retirements of things the base removed,',
            'rules placed before/after a rule that is gone), then the diff of the merged framework.',
            'Exit codes: 0 nothing breaking; 1 a breaking finding, or the member or the new base has errors;',
            '2 a side cannot be read.',
        ].join('\n'))
        .action(async (member: string, options: UpgradeCheckOptions) => {
            finish(await runUpgradeCheck(member, options));
        });
}

async function runUpgradeCheck(memberSpec: string, options: UpgradeCheckOptions): Promise<ExitCode> {
    return withSides([memberSpec, options.to], options, async ([memberSide, newBaseSide]) => {
        const member = await loadSide(memberSide!, options);
        const resolution = member.services.resolution.FrameworkResolution;
        const baseEntry = member.services.workspace.ImportGraph.baseOf(member.entry);
        if (!baseEntry) {
            throw new UsageError(`${memberSpec}: this framework extends no base, so there is nothing to upgrade; give a framework whose header says \`extends "<base>"\`.`);
        }
        const newBase = await loadSide(newBaseSide!, options);
        const places = new SidePlaces([memberSide!, newBaseSide!]);
        const upgrade = checkUpgrade(resolution.ownFrameworkOf(member.entry), resolution.frameworkOf(baseEntry), newBase.framework, places.wording);
        const report = buildUpgradeCheckReport(upgrade, { member: memberSpec, from: memberSide!.showPath(baseEntry.uri.fsPath), to: options.to }, places);
        printReport(options.format, report, 'upgradeReport', formatUpgradeText, formatUpgradeMarkdown);
        return report.summary.breaking > 0 ? ExitCode.ValidationErrors : ExitCode.Ok;
    });
}
