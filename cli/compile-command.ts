import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { compileFramework, serializeOutputChunks } from '../compiler/index.js';
import type { Document } from '../language/generated/ast.js';
import { hasSyntaxErrors } from '../language/resolve/framework-resolution.js';
import { noFrameworkHeaderMessage } from '../model/framework.js';
import { contractProfileFromOptions, type ContractProfileOptions } from './contract-profile-options.js';
import { buildDiagnosticReport, displayPath, escapeControlCharacters, formatDiagnosticReport } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { OutputWriteError, writeOutputFolder } from './output-folder.js';
import { writeLines } from './output.js';
import { summariseCompiledFramework } from './question-set-summary.js';
import { loadFrameworkFromDisk, MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

interface CompileOptions extends ContractProfileOptions, FileLimitOptions {
    out?: string;
}

/** Where outputs go when --out is not given, relative to the current folder. */
const DEFAULT_OUTPUT_ROOT = 'svf-output';

export function registerCompileCommand(program: Command, finish: (code: ExitCode) => void): void {
    program.command('compile')
        .description('Compile a framework to question-set.json and rubric.json, tailored to a contract if you describe one.')
        .argument('<file-or-folder>', "the framework's entry file (the one with the `framework` header), or a folder with framework.svf")
        .option('--out <dir>', `folder to write the JSON into (default: ${DEFAULT_OUTPUT_ROOT}/<framework id>)`)
        .option('--profile <file>', 'contract profile JSON file, e.g. {"contractValue": 2500000, "category": "works"}')
        .option('--value <amount>', 'contract value, e.g. 2.5m, 250k, 60000 or £1,250,000')
        .addOption(new Option('--category <category>', 'contract category').choices(['goods', 'services', 'works']))
        .option('--duration <months>', 'contract length in months')
        .option('--flag <flag>', 'a fact the rules test by name, e.g. lotted (repeat for several)', (flag: string, flags: string[]) => [...flags, flag], [])
        .option(...MAX_FILE_SIZE_OPTION)
        .addHelpText('after', [
            '',
            'Without --profile or --value the outputs are untailored and carry the proportionality rules.',
            'Nothing is written when the framework has errors (exit 1) or the options are wrong (exit 2).',
        ].join('\n'))
        .action(async (target: string, options: CompileOptions) => {
            finish(await runCompile(target, options));
        });
}

async function runCompile(target: string, options: CompileOptions): Promise<ExitCode> {
    // Options first: a mistyped --value should not wait for the framework to load.
    const profile = contractProfileFromOptions(options);
    const loaded = await loadFrameworkFromDisk({ entry: target }, options);
    const { services, requested: [entry] } = loaded;
    const report = buildDiagnosticReport(loaded);
    if (!(entry.parseResult.value as Document).header && !hasSyntaxErrors(entry)) {
        throw new UsageError(noFrameworkHeaderMessage(displayPath(entry.uri.fsPath)));
    }
    if (report.summary.errors > 0) {
        writeLines(process.stderr, [...formatDiagnosticReport(report), 'Nothing was written: fix the errors above, then compile again.']);
        return ExitCode.ValidationErrors;
    }
    if (report.diagnostics.length > 0) {
        writeLines(process.stderr, formatDiagnosticReport(report));
    }
    const compiled = compileFramework(services.resolution.FrameworkResolution.frameworkOf(entry), profile);
    const { questionSet, rubric } = compiled;
    const outDir = options.out ?? path.join(DEFAULT_OUTPUT_ROOT, questionSet.framework.id);
    let written: string[];
    try {
        written = writeOutputFolder(outDir, {
            'question-set.json': serializeOutputChunks(questionSet),
            'rubric.json': serializeOutputChunks(rubric),
        });
    } catch (error) {
        if (error instanceof OutputWriteError) throw new UsageError(error.message);
        throw error;
    }
    writeLines(process.stdout, [
        // As the user wrote --out (or the default under the current folder).
        ...written.map(file => `Wrote ${file}`),
        '',
        ...summariseCompiledFramework(compiled),
        // Titles and paths come from the user's files: no control character reaches the terminal.
    ].map(escapeControlCharacters));
    return ExitCode.Ok;
}
