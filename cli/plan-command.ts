import type { Command } from 'commander';
import { compileFramework } from '../compiler/index.js';
import { renderPlan, type PlanFormat } from '../compiler/plan/index.js';
import { writeFileAtomically } from './atomic-write.js';
import { addContractProfileOptions, contractProfileFromOptions, type ContractProfileOptions } from './contract-profile-options.js';
import { loadCompiledFramework } from './compiled-framework-loader.js';
import { displayPath } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';
import { MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

interface PlanCommandOptions extends ContractProfileOptions, FileLimitOptions {
    out?: string;
    format: string;
}

const FORMATS: readonly PlanFormat[] = ['html', 'markdown'];

export function registerPlanCommand(program: Command, finish: (code: ExitCode) => void): void {
    addContractProfileOptions(program.command('plan')
        .description('Write the plan on a page for suppliers: what a contract asks, how it is marked, what one unit of each measure is worth (HTML, or Markdown for tender documents).')
        .argument('<file-or-folder>', "the framework's entry file (the one with the `framework` header), or a folder with framework.svf"))
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
    const loaded = await loadCompiledFramework(target, profile && { profile, profileFile: options.profile }, { ...options, again: 'run svf plan again' });
    if (loaded === ExitCode.ValidationErrors) return loaded;
    const { framework, compiled } = loaded;
    // The rules in words come from the untailored framework (a tailored question set keeps only the rule that applied).
    const rules = profile === undefined ? compiled.questionSet.rules : compileFramework(framework).questionSet.rules;
    const text = renderPlan(compiled, { format, rules });
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

function formatOf(format: string): PlanFormat {
    const found = FORMATS.find(candidate => candidate === format);
    if (found === undefined) throw new UsageError(`--format must be html or markdown, not '${format}'.`);
    return found;
}
