import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { countOf } from './output.js';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic as the CLI reports it: 1-based positions, path relative to the current folder. */
export interface ReportedDiagnostic {
    file: string;
    line: number;
    column: number;
    /** The position just after the flagged text (exclusive), 1-based like `line`/`column`. */
    endLine: number;
    endColumn: number;
    severity: SeverityName;
    code: string;
    message: string;
}

export interface DiagnosticSummary {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
    hints: number;
}

export interface DiagnosticReport {
    diagnostics: ReportedDiagnostic[];
    summary: DiagnosticSummary;
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, SeverityName> = {
    [DiagnosticSeverity.Error]: 'error',
    [DiagnosticSeverity.Warning]: 'warning',
    [DiagnosticSeverity.Information]: 'info',
    [DiagnosticSeverity.Hint]: 'hint',
};

/**
 * Gathers the diagnostics of the given documents, sorted by file then position so that
 * two runs print the same lines in the same order.
 */
export function buildDiagnosticReport(documents: readonly LangiumDocument[], cwd: string = process.cwd()): DiagnosticReport {
    const diagnostics: ReportedDiagnostic[] = [];
    for (const document of documents) {
        const file = displayPath(document.uri.fsPath, cwd);
        for (const diagnostic of document.diagnostics ?? []) {
            diagnostics.push(toReported(file, diagnostic));
        }
    }
    diagnostics.sort(compareDiagnostics);
    const count = (severity: SeverityName) => diagnostics.filter(d => d.severity === severity).length;
    return {
        diagnostics,
        summary: {
            files: documents.length,
            errors: count('error'),
            warnings: count('warning'),
            infos: count('info'),
            hints: count('hint'),
        },
    };
}

/** A path as the user should see it: relative to the folder svf was run from. */
export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
    return path.relative(cwd, absolutePath) || path.basename(absolutePath);
}

/** `path:line:col severity code message`, one line per diagnostic. */
export function formatDiagnosticLine(diagnostic: ReportedDiagnostic): string {
    return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`;
}

/** `2 errors, 1 warning in 7 files` (infos and hints only when there are some). */
export function formatSummaryLine(summary: DiagnosticSummary): string {
    const parts = [countOf(summary.errors, 'error'), countOf(summary.warnings, 'warning')];
    if (summary.infos > 0) parts.push(countOf(summary.infos, 'info'));
    if (summary.hints > 0) parts.push(countOf(summary.hints, 'hint'));
    return `${parts.join(', ')} in ${countOf(summary.files, 'file')}`;
}

/** The text form: every diagnostic line, then the summary line. */
export function formatDiagnosticReport(report: DiagnosticReport): string[] {
    return [...report.diagnostics.map(formatDiagnosticLine), formatSummaryLine(report.summary)];
}

function toReported(file: string, diagnostic: Diagnostic): ReportedDiagnostic {
    const { start, end } = diagnostic.range;
    return {
        file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error],
        // Every check sets a code; a missing one is shown rather than hidden so it gets fixed.
        code: diagnostic.code === undefined ? 'uncoded' : String(diagnostic.code),
        // One diagnostic, one line: the text format is read by tools line by line.
        message: messageText(diagnostic).replace(/\s*\n\s*/g, ' ').trim(),
    };
}

// LSP 3.18 allows markup messages; the CLI shows their text.
function messageText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function compareDiagnostics(a: ReportedDiagnostic, b: ReportedDiagnostic): number {
    return compareText(a.file, b.file)
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
