import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { compileFramework, ProfileError, serializeOutputChunks } from '../compiler/index.js';
import type { LangiumDocument } from 'langium';
import type { Document } from '../language/generated/ast.js';
import type { SvfServices } from '../language/svf-module.js';
import { diagnosticsOf, type LoadedFramework } from '../language/workspace/load-framework.js';
import type { ContractProfile } from '../model/rules/rule-types.js';
import { watchFramework } from './compile-watch.js';
import { hasSyntaxErrors } from '../language/resolve/framework-resolution.js';
import { noFrameworkHeaderMessage } from '../model/framework.js';
import { addContractProfileOptions, contractProfileFromOptions, type ContractProfileOptions } from './contract-profile-options.js';
import { buildDiagnosticReport, displayPath, escapeControlCharacters, formatDiagnosticReport } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { OutputWriteError, writeOutputFolder } from './output-folder.js';
import { writeLines } from './output.js';
import { summariseCompiledFramework } from './question-set-summary.js';
import { loadFrameworkFromDisk, MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

interface CompileOptions extends ContractProfileOptions, FileLimitOptions {
    out?: string;
    watch?: boolean;
}

/** Where outputs go when --out is not given, relative to the current folder. */
const DEFAULT_OUTPUT_ROOT = 'svf-output';

export function registerCompileCommand(program: Command, finish: (code: ExitCode) => void): void {
    addContractProfileOptions(program.command('compile')
        .description('Compile a framework to question-set.json and rubric.json, tailored to a contract if you describe one.')
        .argument('<file-or-folder>', "the framework's entry file (the one with the `framework` header), or a folder with framework.svf")
        .option('--out <dir>', `folder to write the JSON into (default: ${DEFAULT_OUTPUT_ROOT}/<framework id>)`))
        .option(...MAX_FILE_SIZE_OPTION)
        .option('--watch', 'keep running: recompile whenever a file of the framework is saved (Ctrl-C to stop)')
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
    const loaded = await loadFrameworkFromDisk({ entry: target }, { ...options, incremental: options.watch === true });
    const { services, requested: [entry] } = loaded;
    if (!(entry.parseResult.value as Document).header && !hasSyntaxErrors(entry)) {
        throw new UsageError(noFrameworkHeaderMessage(displayPath(entry.uri.fsPath)));
    }
    const profileSource = options.profile !== undefined ? `the contract profile ${displayPath(options.profile)}` : 'the contract described on the command line';
    const compile = new FrameworkCompilation(services, entry, profile && { profile, source: profileSource }, options.out);
    const exitCode = compile.run(loaded);
    if (!options.watch) return exitCode;
    return watchFramework(services, entry, {
        rebuilt: (documents, changeSeenAt) => compile.run({ documents, diagnostics: diagnosticsOf(documents) }, changeSeenAt),
        log: lines => writeLines(process.stderr, lines.map(escapeControlCharacters))
    });
}

/**
 * One framework compiled for one contract profile, as often as its sources change: once
 * for a plain compile, on every save with --watch. A run whose sources are unchanged
 * since the last (the framework's content hash) is skipped, and outputs identical to the
 * pair the output folder already holds are not rewritten; both say so.
 */
class FrameworkCompilation {
    private lastSourceHash: string | undefined;

    constructor(
        private readonly services: SvfServices,
        private readonly entry: LangiumDocument,
        private readonly profile: { profile: ContractProfile; source: string } | undefined,
        private readonly out: string | undefined
    ) {}

    /** A profile that names what the framework does not declare (a fact, value, category) is the user's to correct. */
    private compile(framework: Parameters<typeof compileFramework>[0]): ReturnType<typeof compileFramework> {
        try {
            return compileFramework(framework, this.profile?.profile);
        } catch (error) {
            if (error instanceof ProfileError) throw new UsageError(`${this.profile?.source}: ${error.message}`);
            throw error;
        }
    }

    /** `changeSeenAt` (performance.now()) when rerun after a change: the messages say how long it took. */
    run(loaded: Pick<LoadedFramework, 'diagnostics' | 'documents'>, changeSeenAt?: number): ExitCode {
        const report = buildDiagnosticReport(loaded);
        const elapsed = () => changeSeenAt === undefined ? undefined : Math.round(performance.now() - changeSeenAt);
        const took = changeSeenAt === undefined ? '' : ` (${elapsed()} ms after the change was saved)`;
        if (report.summary.errors > 0) {
            writeLines(process.stderr, [...formatDiagnosticReport(report), `Nothing was written: fix the errors above, then compile again.${took}`]);
            this.lastSourceHash = undefined;
            return ExitCode.ValidationErrors;
        }
        if (report.diagnostics.length > 0) {
            writeLines(process.stderr, formatDiagnosticReport(report));
        }
        const framework = this.services.resolution.FrameworkResolution.frameworkOf(this.entry);
        const sourceHash = framework.identity.sourceHash;
        if (sourceHash === this.lastSourceHash) {
            writeLines(process.stdout, [`Unchanged: the framework's sources are as they were (sha256 ${sourceHash.slice(0, 12)}); nothing recompiled.${took}`]);
            return ExitCode.Ok;
        }
        const compiled = this.compile(framework);
        const { questionSet, rubric } = compiled;
        const outDir = this.out ?? path.join(DEFAULT_OUTPUT_ROOT, questionSet.framework.id);
        // Streamed, never whole strings: at 100,000 measures the two outputs are 140 MB of text.
        const files = () => ({
            'question-set.json': serializeOutputChunks(questionSet),
            'rubric.json': serializeOutputChunks(rubric),
        });
        this.lastSourceHash = sourceHash;
        if (holdsExactly(outDir, files())) {
            writeLines(process.stdout, [
                `Up to date: ${outDir} already holds these outputs (sources sha256 ${sourceHash.slice(0, 12)}, the same contract profile); nothing rewritten.${took}`,
                '',
                ...summariseCompiledFramework(compiled),
            ].map(escapeControlCharacters));
            return ExitCode.Ok;
        }
        let written: string[];
        try {
            written = writeOutputFolder(outDir, files());
        } catch (error) {
            if (error instanceof OutputWriteError) throw new UsageError(error.message);
            throw error;
        }
        writeLines(process.stdout, [
            // As the user wrote --out (or the default under the current folder).
            ...written.map(file => `Wrote ${file}`),
            ...(changeSeenAt === undefined ? [] : [`Recompiled in ${elapsed()} ms after the change was saved.`]),
            '',
            ...summariseCompiledFramework(compiled),
            // Titles and paths come from the user's files: no control character reaches the terminal.
        ].map(escapeControlCharacters));
        return ExitCode.Ok;
    }
}

/**
 * Whether the output folder's current pair is byte for byte what would be written,
 * compared chunk by chunk as it is serialised (a changed framework differs in its first
 * chunk, which carries the sources' hash).
 */
function holdsExactly(outDir: string, files: Record<string, Iterable<string>>): boolean {
    return Object.entries(files).every(([name, chunks]) => {
        let fd: number | undefined;
        try {
            // Non-blocking, and only a regular file is read: a FIFO or device planted in the
            // output folder must not stall the compile.
            fd = fs.openSync(path.join(outDir, '.svf-current', name), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
            if (!fs.fstatSync(fd).isFile()) return false;
            let position = 0;
            for (const chunk of chunks) {
                const expected = Buffer.from(chunk);
                const actual = Buffer.alloc(expected.length);
                if (fs.readSync(fd, actual, 0, actual.length, position) !== expected.length || !actual.equals(expected)) return false;
                position += expected.length;
            }
            // Nothing more in the file than what would be written.
            return fs.readSync(fd, Buffer.alloc(1), 0, 1, position) === 0;
        } catch {
            return false;
        } finally {
            if (fd !== undefined) fs.closeSync(fd);
        }
    });
}
