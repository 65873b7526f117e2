/**
 * Shared test API: validate .svf text or files with exactly the services the editor and
 * the CLI use, and get plain diagnostics back, grouped by file.
 *
 * Other test folders import this; keep its exported names and shapes stable.
 */
import * as path from 'node:path';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createSvfServices, type SvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';

export type SvfSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic as a user sees it. `line` and `column` are 1-based, like the CLI prints. */
export interface SvfDiagnostic {
    code: string;
    severity: SvfSeverity;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    /** The LSP range (0-based), for exact comparisons with the language server. */
    range: Diagnostic['range'];
}

/** Diagnostics keyed by file (the key given to validateSources, or an absolute path), sorted by position. */
export type DiagnosticsByFile = Record<string, SvfDiagnostic[]>;

export interface ValidationRun {
    diagnostics: DiagnosticsByFile;
    services: SvfServices;
    /** The documents of the given sources or files, in the given order. */
    documents: LangiumDocument[];
}

/** Where relative keys of `validateSources` live; imports between sources resolve from here. */
export const VIRTUAL_ROOT = '/svf-test';

const SEVERITIES: Record<number, SvfSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/**
 * Validates in-memory sources, keyed by path (relative keys are placed under VIRTUAL_ROOT;
 * `import "units.svf"` in `framework.svf` finds the source keyed `units.svf`).
 * Returns every source's diagnostics under the key it was given.
 */
export async function validateSources(sources: Record<string, string>): Promise<DiagnosticsByFile> {
    return (await runValidationOnSources(sources)).diagnostics;
}

/** Like validateSources, but also hands back the services and documents for closer inspection. */
export async function runValidationOnSources(sources: Record<string, string>): Promise<ValidationRun> {
    const { Svf } = createSvfServices(EmptyFileSystem);
    const keyByPath = new Map<string, string>();
    const absoluteSources: Record<string, string> = {};
    for (const [key, text] of Object.entries(sources)) {
        const absolute = path.posix.isAbsolute(key) ? key : path.posix.join(VIRTUAL_ROOT, key);
        keyByPath.set(absolute, key);
        absoluteSources[absolute] = text;
    }
    const { requested: documents } = await loadFramework(Svf, { sources: absoluteSources });
    const diagnostics: DiagnosticsByFile = {};
    for (const document of documents) {
        const key = keyByPath.get(document.uri.path) ?? document.uri.path;
        diagnostics[key] = toSvfDiagnostics(document.diagnostics ?? []);
    }
    return { diagnostics, services: Svf, documents };
}

/**
 * Validates files on disk and everything they import, as `svf check` does. Returns the
 * diagnostics of every loaded document, keyed by absolute path.
 */
export async function validateFiles(paths: string[]): Promise<DiagnosticsByFile> {
    return (await runValidationOnFiles(paths)).diagnostics;
}

/** Like validateFiles, but also hands back the services and the given files' documents. */
export async function runValidationOnFiles(paths: string[]): Promise<ValidationRun> {
    const { Svf } = createSvfServices(SvfNodeFileSystem);
    const { requested: documents, inputErrors } = await loadFramework(Svf, { paths: paths.map(p => path.resolve(p)) });
    if (inputErrors.length > 0) throw new Error(`Cannot load ${inputErrors.map(e => `${e.path}: ${e.what}`).join('; ')}`);
    const diagnostics: DiagnosticsByFile = {};
    const all = Svf.shared.workspace.LangiumDocuments.all.toArray()
        .sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
    for (const document of all) {
        diagnostics[document.uri.fsPath] = toSvfDiagnostics(document.diagnostics ?? []);
    }
    return { diagnostics, services: Svf, documents };
}

export function toSvfDiagnostics(diagnostics: Diagnostic[]): SvfDiagnostic[] {
    return diagnostics.map(toSvfDiagnostic).sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

export function toSvfDiagnostic(diagnostic: Diagnostic): SvfDiagnostic {
    return {
        code: String(diagnostic.code ?? diagnostic.data?.code ?? ''),
        severity: SEVERITIES[diagnostic.severity ?? 1],
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        range: diagnostic.range
    };
}

/** `12:5 error measure/missing-proxy Measure 'NT9' ...`: readable in assertion failures. */
export function describeDiagnostic(diagnostic: SvfDiagnostic): string {
    return `${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`;
}

/** Only the diagnostics of one severity, across all files or of one file's list. */
export function withSeverity(diagnostics: DiagnosticsByFile | SvfDiagnostic[], severity: SvfSeverity): SvfDiagnostic[] {
    const list = Array.isArray(diagnostics) ? diagnostics : Object.values(diagnostics).flat();
    return list.filter(d => d.severity === severity);
}
