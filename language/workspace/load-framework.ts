import { CancellationTokenSource } from 'vscode-languageserver';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes } from '../validation/issue-codes.js';
import { inspectSourceFile, SourceFileError, type SourceFileProblemKind } from './svf-file-system.js';

/** The file a framework folder is compiled from. */
export const ENTRY_FILE_NAME = 'framework.svf';

/**
 * What to load: a framework's entry (a file, or a folder with framework.svf), the .svf
 * files and folders a user named (`svf check a.svf themes/`), or in-memory sources keyed
 * by absolute path (tests and tools that hold text, not files; imports resolve between
 * them only).
 */
export type FrameworkInput = { entry: string } | { paths: string[] } | { sources: Record<string, string> };

export type InputErrorKind = SourceFileProblemKind | 'no-entry-file' | 'not-svf' | 'no-svf-files';

/**
 * A problem with the input itself, not with what it says: a path that is missing, not a
 * regular file, unreadable or too large (given directly, found in a folder, or imported).
 * Commands report these as `svf: <path>: <what>` and exit 2.
 */
export interface InputError {
    readonly kind: InputErrorKind;
    /** Absolute path (or, for `no-svf-files`, the paths given, joined). */
    readonly path: string;
    /** Completes `<path>: <what>`, without a final full stop. */
    readonly what: string;
}

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic in plain data: 1-based positions, an absolute path; what every report is built from. */
export interface FrameworkDiagnostic {
    /** Absolute file path (the document's URI path for in-memory sources). */
    readonly path: string;
    readonly uri: string;
    readonly line: number;
    readonly column: number;
    /** The position just after the flagged text (exclusive), 1-based like line/column. */
    readonly endLine: number;
    readonly endColumn: number;
    readonly severity: SeverityName;
    readonly code: string;
    readonly message: string;
}

export interface LoadedFramework {
    readonly services: SvfServices;
    /** The documents of the requested files, in the order given (for `entry`: the entry). */
    readonly requested: LangiumDocument[];
    /** The requested documents and everything they import, each once: what was checked. */
    readonly documents: LangiumDocument[];
    /** The diagnostics of `documents`, sorted by path then position. */
    readonly diagnostics: FrameworkDiagnostic[];
    /** Input problems; when there are any, the documents may be incomplete. */
    readonly inputErrors: InputError[];
}

/**
 * The one loader: resolves the input to files, loads them and (through the ImportGraph)
 * every .svf file they import, then parses, links and validates them all, with the same
 * services the language server uses. Used by `svf check`, `svf compile` and the tests.
 */
export async function loadFramework(services: SvfServices, input: FrameworkInput): Promise<LoadedFramework> {
    const inputErrors: InputError[] = [];
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const requested: LangiumDocument[] = [];
    if ('sources' in input) {
        const factory = services.shared.workspace.LangiumDocumentFactory;
        for (const [file, text] of Object.entries(input.sources)) {
            const document = factory.fromString(text, URI.file(file));
            langiumDocuments.addDocument(document);
            requested.push(document);
        }
    } else {
        const files = 'entry' in input ? entryFile(input.entry, inputErrors) : svfFilesIn(input.paths, inputErrors);
        for (const file of files) {
            const document = await loadFile(services, URI.file(file), inputErrors);
            if (document) requested.push(document);
        }
        await loadImports(services, requested, inputErrors);
    }
    // A live token (never cancelled) makes Langium yield to the event loop every few
    // milliseconds while it builds, so Ctrl-C and SIGTERM are handled during a long build
    // instead of after it.
    const yielding = new CancellationTokenSource();
    try {
        await services.shared.workspace.DocumentBuilder.build(langiumDocuments.all.toArray(), { validation: true }, yielding.token);
    } finally {
        yielding.dispose();
    }
    const graph = services.workspace.ImportGraph;
    const checked = new Map<string, LangiumDocument>();
    for (const document of requested) {
        // A base framework's files are checked too, but reported by their own framework: the
        // `extends` line says when the base has errors, and where.
        for (const visible of graph.ownClosure(document)) checked.set(visible.uri.toString(), visible);
    }
    const documents = [...checked.values()];
    return { services, requested, documents, diagnostics: diagnosticsOf(documents), inputErrors: uniqueErrors(inputErrors) };
}

/**
 * An input error as one sentence, `x.svf: permission denied.` or `x.svf is a FIFO ...`,
 * with the path as the caller wants it shown (relative to the current folder in the CLI).
 */
export function describeInputError(error: InputError, shownPath: string): string {
    const sentence = error.what.endsWith('.') ? error.what : `${error.what}.`;
    if (error.kind === 'no-svf-files') return sentence;
    return error.what.startsWith('is ') ? `${shownPath} ${sentence}` : `${shownPath}: ${sentence}`;
}

/** The entry file for a path: the file itself, or the `framework.svf` of a folder. */
export function entryFile(target: string, errors: InputError[]): string[] {
    const absolute = path.resolve(target);
    const stats = statOrProblem(absolute, errors);
    if (!stats) return [];
    if (stats.isDirectory()) {
        const entry = path.join(absolute, ENTRY_FILE_NAME);
        if (!fs.existsSync(entry)) {
            errors.push({ kind: 'no-entry-file', path: absolute, what: `this folder has no ${ENTRY_FILE_NAME}. Give the framework's entry file, or a folder that contains ${ENTRY_FILE_NAME}` });
            return [];
        }
        return [entry];
    }
    if (!absolute.endsWith('.svf')) {
        errors.push({ kind: 'not-svf', path: absolute, what: `is not an .svf file; give the framework's entry file or its folder` });
        return [];
    }
    return [absolute];
}

/**
 * The given .svf files (in the order given) and every .svf file below the given folders
 * (sorted), without duplicates. A
 * symlinked .svf file counts as the file it points at; symlinked folders are followed
 * once each; hidden folders and node_modules are skipped.
 */
export function svfFilesIn(targets: string[], errors: InputError[]): string[] {
    const files = new Set<string>();
    let found: string[] = [];
    const visitedFolders = new Set<string>();
    const walk = (folder: string) => {
        let real: string;
        let entries: fs.Dirent[];
        try {
            real = fs.realpathSync(folder);
            if (visitedFolders.has(real)) return;
            visitedFolders.add(real);
            entries = fs.readdirSync(folder, { withFileTypes: true });
        } catch (error) {
            statOrProblem(folder, errors, error);
            return;
        }
        for (const entry of entries) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.isSymbolicLink()) {
                // A linked folder is walked (once); a linked .svf file counts as a named one,
                // so a dangling or unreadable link is reported rather than skipped.
                const target = statOrUndefined(full);
                if (target?.isDirectory()) walk(full);
                else if (full.endsWith('.svf')) found.push(full);
            } else if (full.endsWith('.svf')) {
                // A FIFO or device named x.svf is reported when it is loaded, never silently skipped.
                found.push(full);
            }
        }
    };
    for (const target of targets) {
        const absolute = path.resolve(target);
        const stats = statOrProblem(absolute, errors);
        if (!stats) continue;
        if (stats.isDirectory()) {
            found = [];
            walk(absolute);
            found.sort().forEach(file => files.add(file));
        } else if (!absolute.endsWith('.svf')) {
            errors.push({ kind: 'not-svf', path: absolute, what: 'is not an .svf file; give .svf files or folders that contain them' });
        } else {
            files.add(absolute);
        }
    }
    if (files.size === 0 && errors.length === 0) {
        errors.push({ kind: 'no-svf-files', path: targets.join(', '), what: `there are no .svf files in ${targets.map(target => `'${target}'`).join(', ')}` });
    }
    return [...files];
}

/** Follows imports and `extends` from the loaded documents, loading each file once. */
async function loadImports(services: SvfServices, start: LangiumDocument[], errors: InputError[]): Promise<void> {
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const graph = services.workspace.ImportGraph;
    const resolver = services.workspace.ImportResolver;
    const queue = [...start];
    while (queue.length > 0) {
        const document = queue.shift()!;
        const base = graph.baseEdgeOf(document);
        if (base?.uri && !langiumDocuments.hasDocument(base.uri)) {
            const loaded = await loadFile(services, base.uri, errors);
            if (loaded) queue.push(loaded);
        }
        for (const { import: imp, uri } of graph.edgesOf(document)) {
            if (langiumDocuments.hasDocument(uri)) continue;
            // A missing import is a diagnostic on the import (the framework is wrong); a FIFO,
            // an unreadable or oversized file is an input problem as well (the machine is).
            if (resolver.resolveFile(imp.path, document.uri).error?.code === IssueCodes.ImportMissingFile) continue;
            const imported = await loadFile(services, uri, errors);
            if (imported) queue.push(imported);
        }
    }
}

async function loadFile(services: SvfServices, uri: URI, errors: InputError[]): Promise<LangiumDocument | undefined> {
    try {
        return await services.shared.workspace.LangiumDocuments.getOrCreateDocument(uri);
    } catch (error) {
        if (error instanceof SourceFileError) {
            errors.push({ kind: error.problem.kind, path: error.problem.path, what: error.problem.what });
            return undefined;
        }
        throw error;
    }
}

function statOrUndefined(file: string): fs.Stats | undefined {
    try {
        return fs.statSync(file);
    } catch {
        return undefined;
    }
}

/** The path's stats (following symlinks), or undefined with the reason recorded in `errors`. */
function statOrProblem(file: string, errors: InputError[], cause?: unknown): fs.Stats | undefined {
    if (cause === undefined) {
        try {
            return fs.statSync(file);
        } catch (error) {
            cause = error;
        }
    }
    const code = (cause as NodeJS.ErrnoException)?.code;
    if (code === 'EACCES' || code === 'EPERM') {
        // A folder without read permission fails at readdir, a file below one without search permission at stat.
        errors.push({ kind: 'permission-denied', path: file, what: 'permission denied' });
    } else {
        const problem = inspectSourceFile(file, Number.MAX_SAFE_INTEGER);
        errors.push(problem ? { kind: problem.kind, path: file, what: problem.what } : { kind: 'unreadable', path: file, what: `cannot be read (${code ?? String(cause)})` });
    }
    return undefined;
}

function uniqueErrors(errors: InputError[]): InputError[] {
    const seen = new Set<string>();
    return errors.filter(error => {
        const key = `${error.path}\0${error.what}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, SeverityName> = {
    [DiagnosticSeverity.Error]: 'error',
    [DiagnosticSeverity.Warning]: 'warning',
    [DiagnosticSeverity.Information]: 'info',
    [DiagnosticSeverity.Hint]: 'hint',
};

/** The documents' diagnostics as plain data, sorted by path then position so two runs agree. */
export function diagnosticsOf(documents: readonly LangiumDocument[]): FrameworkDiagnostic[] {
    const diagnostics: FrameworkDiagnostic[] = [];
    for (const document of documents) {
        const file = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.path;
        for (const diagnostic of document.diagnostics ?? []) {
            diagnostics.push(toFrameworkDiagnostic(file, document.uri.toString(), diagnostic));
        }
    }
    return diagnostics.sort(compareDiagnostics(diagnostic => diagnostic.path));
}

function toFrameworkDiagnostic(file: string, uri: string, diagnostic: Diagnostic): FrameworkDiagnostic {
    const { start, end } = diagnostic.range;
    return {
        path: file,
        uri,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error],
        // Every check sets a code; a missing one is shown rather than hidden so it gets fixed.
        code: diagnostic.code === undefined ? 'uncoded' : String(diagnostic.code),
        // LSP 3.18 allows markup messages; reports show their text.
        message: typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value,
    };
}

/** What diagnostics are ordered by, after their file. */
type Positioned = Pick<FrameworkDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn' | 'code' | 'message'>;

/**
 * Diagnostics in file order, then position, then code and message: the order every
 * report prints them in, so two runs agree. `fileOf` says which file name to order by.
 */
export function compareDiagnostics<T extends Positioned>(fileOf: (diagnostic: T) => string): (a: T, b: T) => number {
    return (a, b) => compareText(fileOf(a), fileOf(b))
        || a.line - b.line
        || a.column - b.column
        || a.endLine - b.endLine
        || a.endColumn - b.endColumn
        || compareText(a.code, b.code)
        || compareText(a.message, b.message);
}

// Code-unit order, not locale order, so output does not depend on the machine's locale.
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
