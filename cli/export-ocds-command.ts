import type { Command } from 'commander';
import { serializeOutput } from '../compiler/index.js';
import { checkOcdsExportOptions, exportOcds, OcdsExportError } from '../compiler/ocds/index.js';
import { writeFileAtomically } from './atomic-write.js';
import { loadCompiledFramework } from './compiled-framework-loader.js';
import { addContractProfileOptions, contractProfileFromOptions, type ContractProfileOptions } from './contract-profile-options.js';
import { escapeControlCharacters } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';
import { MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

interface ExportOcdsOptions extends ContractProfileOptions, FileLimitOptions {
    out?: string;
    ocid?: string;
    releaseId?: string;
    date?: string;
    lot: string;
    contractId: string;
    awardId?: string;
}

export function registerExportOcdsCommand(exportCommand: Command, finish: (code: ExitCode) => void): void {
    addContractProfileOptions(exportCommand.command('ocds')
        .description("Write the social value award criteria (with their weightings as numbers) and the KPIs of a contract as an OCDS 1.1 release fragment, for the buyer's tender notice and contract details notice.")
        .argument('<file-or-folder>', "the framework's entry file (the one with the `framework` header), or a folder with framework.svf")
        .requiredOption('--ocid <ocid>', "the procurement's Open Contracting ID, e.g. ocds-h6vhtk-0513a8 (Find a Tender gives it)"))
        .option('--out <file>', 'file to write the release to (default: standard output)')
        .option('--release-id <id>', "the release's id (default: <ocid>-svf- and 16 hex digits of the sha256 of the release's content)")
        .option('--date <date-time>', 'the release date, e.g. 2026-03-27T14:34:58Z (default: none; the date is never taken from the clock)')
        .option('--lot <id>', 'the lot the award criteria are for (a procurement not divided into lots has one lot)', '1')
        .option('--contract-id <id>', 'the contract the KPIs are for', '1')
        .option('--award-id <id>', "the award the contract comes from (contracts[].awardID), when it is known")
        .option(...MAX_FILE_SIZE_OPTION)
        .addHelpText('after', [
            '',
            'The framework must be tailored to the contract (--profile, or --value and --category): award criteria and KPIs depend on it.',
            'The release is checked against schemas/ocds-release-fragment.schema.json before it is written.',
            'Nothing is written when the framework has errors (exit 1) or the options or the contract are wrong (exit 2).',
        ].join('\n'))
        .action(async (target: string, options: ExportOcdsOptions) => {
            finish(await runExportOcds(target, options));
        });
}

async function runExportOcds(target: string, options: ExportOcdsOptions): Promise<ExitCode> {
    // Options first: a mistyped --value or --date should not wait for the framework to load.
    const profile = contractProfileFromOptions(options);
    if (!profile) {
        throw new UsageError('svf export ocds needs the contract: give --profile <profile.json> (or --value and --category). Award criteria and KPIs depend on the contract the framework is tailored to.');
    }
    const ocdsOptions = {
        ocid: options.ocid!, releaseId: options.releaseId, date: options.date, lotId: options.lot, contractId: options.contractId, awardId: options.awardId,
    };
    asUsageError(() => checkOcdsExportOptions(ocdsOptions));
    const loaded = await loadCompiledFramework(target, { profile, profileFile: options.profile }, { ...options, again: 'export again' });
    if (loaded === ExitCode.ValidationErrors) return loaded;
    const text = asUsageError(() => serializeOutput(exportOcds(loaded.compiled, ocdsOptions)));
    if (options.out === undefined) {
        process.stdout.write(text);
        return ExitCode.Ok;
    }
    try {
        writeFileAtomically(options.out, text);
    } catch (error) {
        throw new UsageError(`cannot write '${options.out}': ${(error as Error).message}.`);
    }
    writeLines(process.stdout, [escapeControlCharacters(`Wrote ${options.out}`)]);
    return ExitCode.Ok;
}

/** What the user can correct (the options, a contract with no ask) as one usage line. */
function asUsageError<T>(run: () => T): T {
    try {
        return run();
    } catch (error) {
        if (error instanceof OcdsExportError) throw new UsageError(`cannot export OCDS: ${error.message}`);
        throw error;
    }
}
