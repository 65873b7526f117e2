import type { Command } from 'commander';
import { compileFramework, ProfileError, type ContractProfile } from '../compiler/index.js';
import { renderPlan, type PlanFormat } from '../compiler/plan/index.js';
import type { Document } from '../language/generated/ast.js';
import { hasSyntaxErrors } from '../language/resolve/framework-resolution.js';
import { noFrameworkHeaderMessage } from '../model/framework.js';
import { writeFileAtomically } from './atomic-write.js';
import { contractProfileFromOptions, type ContractProfileOptions } from './contract-profile-options.js';
import { buildDiagnosticReport, displayPath, formatDiagnosticReport } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';
import { loadFrameworkFromDisk, MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

interface PlanCommandOptions extends ContractProfileOptions, FileLimitOptions {
    out?: string;
    format: string;
}

const FORMATS: readonly PlanFormat[] = ['html', 'markdown'];

export function registerPlanCommand(program: Command, finish: (code: ExitCode) => void): void {
    program.command('plan')
        .description('Write the plan on a page for suppliers: what a contract asks, how it is marked, what one unit of each measure is worth (HTML, or Markdown for tender documents).')
        .argument('<file-or-folder>', "the framework's entry file (the one with the `framework` header), or a folder with framework.svf")
        .option('--profile <file>', 'contract profile JSON file, e.g. {"contractValue": 2500000, "category": "works"}')
        .option('--value <amount>', 'contract value, e.g. 2.5m, 250k, 60000 or £1,250,000')
        .option('--category <category>', "contract category: goods, services, works, or one the framework's `profile` block declares")
        .option('--duration <months>', 'contract length in months')
        .option('--flag <flag>', 'a fact the rules test by name, e.g. lotted (repeat for several)', (flag: string, flags: string[]) => [...flags, flag], [])
        .option('--format <format>', 'html (one self-contained page, prints to A4) or markdown (for pasting into tender documents)', 'html')
        .option('--out <file>', 'file to write the plan to (default: standard output)')
        .option(...MAX_FILE_SIZE_OPTION)
        .addHelpText('after', [
            '',
            'Without --profile or --value the plan is untailored: everything the framework can ask, with its rules in words.',
            'Nothing is written when the framework has errors (exit 1) or the options are wrong (exit 2).',
        ].join('\n'))
        .action(async (target: string, options: PlanCommandOptions) => {
            finish(await runPlan(target, options));
        });
}

async function runPlan(target: string, options: PlanCommandOptions): Promise<ExitCode> {
    // Options first: a mistyped --format or profile should not wait for the framework to load.
    const format = formatOf(options.format);
    const profile = contractProfileFromOptions(options);
    const loaded = await loadFrameworkFromDisk({ entry: target }, options);
    const { services, requested: [entry] } = loaded;
    if (!(entry.parseResult.value as Document).header && !hasSyntaxErrors(entry)) {
        throw new UsageError(noFrameworkHeaderMessage(displayPath(entry.uri.fsPath)));
    }
    const report = buildDiagnosticReport(loaded);
    if (report.summary.errors > 0) {
        writeLines(process.stderr, [...formatDiagnosticReport(report), 'Nothing was written: fix the errors above, then run svf plan again.']);
        return ExitCode.ValidationErrors;
    }
    if (report.diagnostics.length > 0) writeLines(process.stderr, formatDiagnosticReport(report));
    const framework = services.resolution.FrameworkResolution.frameworkOf(entry);
    const untailored = compileFramework(framework);
    const compiled = profile === undefined ? untailored : tailored(framework, profile, options);
    const text = renderPlan(compiled, { format, rules: untailored.questionSet.rules });
    if (options.out === undefined) {
        process.stdout.write(text);
        return ExitCode.Ok;
    }
    try {
        writeFileAtomically(options.out, text);
    } catch (error) {
        throw new UsageError(`cannot write '${displayPath(options.out)}': ${(error as Error).message}.`);
    }
    writeLines(process.stdout, [`Wrote ${options.out}`]);
    return ExitCode.Ok;
}

/** The framework tailored as `svf compile` tailors it: a profile naming what the framework does not declare is the user's to correct. */
function tailored(framework: Parameters<typeof compileFramework>[0], profile: ContractProfile, options: PlanCommandOptions) {
    try {
        return compileFramework(framework, profile);
    } catch (error) {
        if (error instanceof ProfileError) {
            const source = options.profile !== undefined ? `the contract profile ${displayPath(options.profile)}` : 'the contract described on the command line';
            throw new UsageError(`${source}: ${error.message}`);
        }
        throw error;
    }
}

function formatOf(format: string): PlanFormat {
    const found = FORMATS.find(candidate => candidate === format);
    if (found === undefined) throw new UsageError(`--format must be html or markdown, not '${format}'.`);
    return found;
}
