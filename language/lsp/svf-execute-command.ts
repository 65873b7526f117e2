import * as path from 'node:path';
import { Cancellation, DocumentState, URI, type LangiumDocument } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor, type LangiumSharedServices } from 'langium/lsp';
import { buildDiagnosticReport, displayPath, formatDiagnosticReport } from '../../cli/diagnostic-report.js';
import { readContractProfileFile } from '../../cli/contract-profile-options.js';
import { UsageError } from '../../cli/exit-codes.js';
import { OutputWriteError, writeOutputFolder } from '../../cli/output-folder.js';
import { summariseCompiledFramework } from '../../cli/question-set-summary.js';
import {
    AmountError, compileFramework, parseAmount, parseContractProfile, ProfileError, serializeOutputChunks, type ContractProfile
} from '../../compiler/index.js';
import type { CompiledFramework } from '../../compiler/compiled-framework.js';
import { renderPlan } from '../../compiler/plan/index.js';
import { noFrameworkHeaderMessage, type Framework } from '../../model/framework.js';
import type { Document } from '../generated/ast.js';
import { hasSyntaxErrors } from '../resolve/framework-resolution.js';
import type { SvfServices } from '../svf-module.js';
import { diagnosticsOf } from '../workspace/load-framework.js';

/**
 * The server's commands (LSP `workspace/executeCommand`), the editor's shell over the
 * stages as cli/compile-command.ts is the terminal's: the framework is the one the editor
 * has loaded and checked (open buffers included), the messages and the summary are the
 * CLI's, and the outputs are written with the CLI's atomic output-folder writer. The VS Code
 * extension calls these and does the UI; any LSP client can.
 */
export const SvfCommands = {
    /** Compile the framework of a file and write question-set.json and rubric.json: CompileArguments in, CompileResult out. */
    compile: 'svf.compile',
    /** The plan on a page (HTML) of the framework of a file, tailored to a profile: PreviewArguments in, PreviewResult out. */
    previewPlan: 'svf.previewPlan'
} as const;

/** The contract to tailor to: none (untailored), a profile JSON file, or value, category and duration typed in. */
export type ContractProfileChoice =
    | { kind: 'none' }
    | { kind: 'file'; path: string }
    | { kind: 'typed'; value: string; category: string; durationMonths?: string };

export interface FrameworkCommandArguments {
    /** A file of the framework (the active editor's document): its framework is compiled. */
    uri: string;
    profile: ContractProfileChoice;
    /** Paths in messages are shown relative to this folder (the workspace folder); absolute otherwise. */
    workspaceFolder?: string;
}

export interface CompileArguments extends FrameworkCommandArguments {
    /** The folder under which `<framework id>/` is written (absolute), as `svf-output` is for the CLI. */
    outputRoot: string;
}

export type PreviewArguments = FrameworkCommandArguments;

/** Nothing was written: each line as the CLI prints it (diagnostics then their summary, or one usage message). */
export interface CommandFailure {
    ok: false;
    lines: string[];
}

export interface CompileSuccess {
    ok: true;
    frameworkId: string;
    /** The output folder (absolute). */
    outDir: string;
    /** The written files (absolute): question set first, then rubric. */
    files: string[];
    /** What `svf compile` prints: warnings, `Wrote ...` lines, a blank line, the summary. */
    lines: string[];
    /** How many warnings the framework has (their lines are in `lines`). */
    warnings: number;
}

export interface PreviewSuccess {
    ok: true;
    frameworkId: string;
    /** The framework's title (its id when it has none). */
    title: string;
    /** A complete HTML page (compiler/plan's renderPlan). */
    html: string;
    /** The URIs of the framework's own files: a save of any of them should refresh the preview. */
    files: string[];
}

export type CompileResult = CompileSuccess | CommandFailure;
export type PreviewResult = PreviewSuccess | CommandFailure;

/** Checks of the framework cancelled by edits before the command gives up. */
const MAX_BUILD_ATTEMPTS = 10;

const OUTPUT_FILES = { questionSet: 'question-set.json', rubric: 'rubric.json' } as const;

/** A problem the user fixes (a bad profile, no framework, an unwritable folder): one line, nothing written. */
class CommandProblem extends Error {}

export class SvfExecuteCommandHandler extends AbstractExecuteCommandHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super();
    }

    registerCommands(accept: ExecuteCommandAcceptor): void {
        // Called from the base constructor, before `shared` is set: the commands look it up when run.
        accept(SvfCommands.compile, (args, token) => this.run(() => this.compile(compileArguments(args[0]), token)));
        accept(SvfCommands.previewPlan, (args, token) => this.run(() => this.preview(previewArguments(args[0]), token)));
    }

    private async run<T>(command: () => Promise<T>): Promise<T | CommandFailure> {
        try {
            return await command();
        } catch (error) {
            if (error instanceof CommandProblem || error instanceof UsageError) return { ok: false, lines: [error.message] };
            throw error;
        }
    }

    private async compile(args: CompileArguments, token: Cancellation.CancellationToken): Promise<CompileResult> {
        const checked = await this.checkedFramework(args, token);
        if (!checked.ok) return { ok: false, lines: [...checked.lines, 'Nothing was written: fix the errors above, then compile again.'] };
        const { compiled, warningLines, warnings } = checked;
        const { questionSet, rubric } = compiled;
        const outDir = path.join(args.outputRoot, questionSet.framework.id);
        let files: string[];
        try {
            files = writeOutputFolder(outDir, {
                [OUTPUT_FILES.questionSet]: serializeOutputChunks(questionSet),
                [OUTPUT_FILES.rubric]: serializeOutputChunks(rubric)
            });
        } catch (error) {
            if (error instanceof OutputWriteError) throw new CommandProblem(error.message);
            throw error;
        }
        const shown = (file: string) => args.workspaceFolder ? displayPath(file, args.workspaceFolder) : file;
        return {
            ok: true,
            frameworkId: questionSet.framework.id,
            outDir,
            files,
            lines: [...warningLines, ...files.map(file => `Wrote ${shown(file)}`), '', ...summariseCompiledFramework(compiled)],
            warnings
        };
    }

    private async preview(args: PreviewArguments, token: Cancellation.CancellationToken): Promise<PreviewResult> {
        const checked = await this.checkedFramework(args, token);
        if (!checked.ok) return { ok: false, lines: [...checked.lines, 'Nothing to preview: fix the errors above, then preview again.'] };
        const { framework } = checked.compiled.questionSet;
        // The rules in words, as `svf plan` gives them, so the preview is the same page.
        const rules = checked.compiled.questionSet.rules ?? compileFramework(checked.framework).questionSet.rules;
        return {
            ok: true,
            frameworkId: framework.id,
            title: framework.title ?? framework.id,
            html: renderPlan(checked.compiled, { format: 'html', rules }),
            files: checked.files
        };
    }

    /**
     * The framework of the file, checked as `svf compile` checks it and compiled for the
     * profile: with errors, the CLI's report of them instead.
     */
    private async checkedFramework(args: FrameworkCommandArguments, token: Cancellation.CancellationToken): Promise<
        | { ok: true; compiled: CompiledFramework; framework: Framework; warningLines: string[]; warnings: number; files: string[] }
        | CommandFailure
    > {
        // The profile first: a mistyped value should not wait for the framework.
        const profile = contractProfileOf(args.profile, args.workspaceFolder);
        const { entry, services } = await this.entryOf(URI.parse(args.uri), args.workspaceFolder, token);
        const documents = await this.validatedClosure(entry, services, token);
        const report = buildDiagnosticReport({ documents, diagnostics: diagnosticsOf(documents) }, args.workspaceFolder ?? path.sep);
        if (report.summary.errors > 0) return { ok: false, lines: formatDiagnosticReport(report) };
        const framework = services.resolution.FrameworkResolution.frameworkOf(entry);
        let compiled: CompiledFramework;
        try {
            compiled = compileFramework(framework, profile?.profile);
        } catch (error) {
            if (error instanceof ProfileError) throw new CommandProblem(`${profile?.source}: ${error.message}`);
            throw error;
        }
        return {
            ok: true,
            compiled,
            framework,
            warningLines: report.diagnostics.length > 0 ? formatDiagnosticReport(report) : [],
            warnings: report.summary.warnings,
            files: documents.map(document => document.uri.toString())
        };
    }

    /**
     * The framework's own files, every one checked. The editor checks the files it has open;
     * files that are only in the workspace are linked but not yet checked, so they are
     * checked now, under the workspace's write lock, together with every file that shares a
     * framework with them (a build of some files reruns the cross-file checks of the others).
     * An edit meanwhile cancels that build (the lock cancels the running write): then check
     * again what is not checked yet.
     */
    private async validatedClosure(entry: LangiumDocument, services: SvfServices, token: Cancellation.CancellationToken): Promise<LangiumDocument[]> {
        const { WorkspaceLock, DocumentBuilder, LangiumDocuments } = this.shared.workspace;
        const graph = services.workspace.ImportGraph;
        for (let attempt = 0; attempt < MAX_BUILD_ATTEMPTS; attempt++) {
            if (token.isCancellationRequested) throw new CommandProblem('Cancelled: nothing was written.');
            const documents = graph.ownClosure(entry);
            if (documents.every(document => document.state >= DocumentState.Validated)) return documents;
            // Every file whose cross-file checks the build would rerun: those sharing a
            // framework with the closure, and so on until no more join.
            let sharing = new Set(documents.map(document => document.uri.toString()));
            for (let size = 0; size !== sharing.size;) {
                size = sharing.size;
                sharing = graph.documentsSharingAFramework(sharing);
            }
            const toCheck = LangiumDocuments.all.filter(document => sharing.has(document.uri.toString())).toArray();
            await WorkspaceLock.write(buildToken => DocumentBuilder.build(toCheck, { validation: true }, buildToken));
        }
        throw new CommandProblem('The framework kept changing while it was being checked: nothing was written. Run the command again.');
    }

    /**
     * The entry of the framework a file belongs to: the file itself when it has the
     * `framework` header, else the framework (in its folder first) whose files include it.
     */
    private async entryOf(uri: URI, workspaceFolder: string | undefined, token: Cancellation.CancellationToken): Promise<{ entry: LangiumDocument; services: SvfServices }> {
        const { WorkspaceManager, LangiumDocuments, DocumentBuilder } = this.shared.workspace;
        await WorkspaceManager.ready;
        await DocumentBuilder.waitUntil(DocumentState.Validated, token);
        let document = LangiumDocuments.getDocument(uri);
        if (!document) {
            // A file outside the workspace folders: load and check it (and, through the import loader, what it imports).
            document = await LangiumDocuments.getOrCreateDocument(uri, token);
            await DocumentBuilder.build([document], { validation: true }, token);
        }
        const services = this.shared.ServiceRegistry.getServices(uri) as SvfServices;
        const shown = uri.scheme === 'file' && workspaceFolder ? displayPath(uri.fsPath, workspaceFolder) : uri.scheme === 'file' ? uri.fsPath : uri.toString();
        if ((document.parseResult.value as Document).header) return { entry: document, services };
        const folder = path.dirname(uri.path);
        const entries = services.resolution.FrameworkResolution.entriesContaining(document)
            .filter(entry => (entry.parseResult.value as Document).header);
        const entry = entries.find(candidate => path.dirname(candidate.uri.path) === folder) ?? entries[0];
        if (entry) return { entry, services };
        if (hasSyntaxErrors(document)) {
            // Its header may be what is broken: report its errors as `svf compile` would.
            return { entry: document, services };
        }
        throw new CommandProblem(noFrameworkHeaderMessage(shown));
    }
}

/** The profile of a choice and how messages name it; undefined for an untailored compile. */
function contractProfileOf(choice: ContractProfileChoice, workspaceFolder: string | undefined): { profile: ContractProfile; source: string } | undefined {
    switch (choice.kind) {
        case 'none':
            return undefined;
        case 'file': {
            const shown = workspaceFolder ? displayPath(choice.path, workspaceFolder) : choice.path;
            return { profile: readContractProfileFile(choice.path, shown), source: `the contract profile ${shown}` };
        }
        case 'typed': {
            const source = 'the contract you typed';
            return { profile: typedContractProfile(choice, source), source };
        }
    }
}

/** Value, category and duration typed in, read as `svf compile --value --category --duration` reads them. */
function typedContractProfile(choice: Extract<ContractProfileChoice, { kind: 'typed' }>, source: string): ContractProfile {
    let amount;
    try {
        amount = parseAmount(choice.value);
    } catch (error) {
        if (error instanceof AmountError) throw new CommandProblem(`Contract value: ${error.message}`);
        throw error;
    }
    if (amount.isNegative()) throw new CommandProblem(`Contract value: a contract value cannot be negative; got '${choice.value}'.`);
    const profile: ContractProfile = { contractValue: amount.toFixed(), category: choice.category, flags: [] };
    if (choice.durationMonths !== undefined && choice.durationMonths.trim() !== '') {
        if (!/^\d+$/.test(choice.durationMonths.trim())) {
            throw new CommandProblem(`Duration: the contract's length in whole months, e.g. 36; got '${choice.durationMonths}'.`);
        }
        profile.durationMonths = Number(choice.durationMonths.trim());
    }
    try {
        return parseContractProfile(profile, source);
    } catch (error) {
        if (error instanceof ProfileError) throw new CommandProblem(error.message);
        throw error;
    }
}

/** The arguments as sent (JSON from any client), checked before use. */
function frameworkArguments(value: unknown, command: string): FrameworkCommandArguments {
    const args = value as Partial<FrameworkCommandArguments> | undefined;
    const problem = (what: string) => new CommandProblem(`${command}: ${what}. Send {"uri": "file:///.../framework.svf", "profile": {"kind": "file", "path": "/.../profile.json"}}.`);
    if (typeof args !== 'object' || args === null) throw problem('the argument must be an object');
    if (typeof args.uri !== 'string') throw problem("'uri' must be the URI of a .svf file");
    const profile = args.profile as Partial<Record<string, unknown>> | undefined;
    const valid = typeof profile === 'object' && profile !== null && (
        profile.kind === 'none'
        || (profile.kind === 'file' && typeof profile.path === 'string' && path.isAbsolute(profile.path))
        || (profile.kind === 'typed' && typeof profile.value === 'string' && typeof profile.category === 'string'
            && (profile.durationMonths === undefined || typeof profile.durationMonths === 'string')));
    if (!valid) throw problem("'profile' must be {\"kind\": \"none\"}, {\"kind\": \"file\", \"path\": <absolute path>} or {\"kind\": \"typed\", \"value\", \"category\", \"durationMonths\"}");
    if (args.workspaceFolder !== undefined && (typeof args.workspaceFolder !== 'string' || !path.isAbsolute(args.workspaceFolder))) {
        throw problem("'workspaceFolder' must be an absolute path");
    }
    return { uri: args.uri, profile: args.profile as ContractProfileChoice, workspaceFolder: args.workspaceFolder };
}

function compileArguments(value: unknown): CompileArguments {
    const args = frameworkArguments(value, SvfCommands.compile);
    const outputRoot = (value as { outputRoot?: unknown }).outputRoot;
    if (typeof outputRoot !== 'string' || !path.isAbsolute(outputRoot)) {
        throw new CommandProblem(`${SvfCommands.compile}: 'outputRoot' must be the absolute path of the folder to write <framework id>/ into.`);
    }
    return { ...args, outputRoot };
}

function previewArguments(value: unknown): PreviewArguments {
    return frameworkArguments(value, SvfCommands.previewPlan);
}
