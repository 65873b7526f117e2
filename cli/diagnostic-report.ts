import * as path from 'node:path';
import { compareDiagnostics, type FrameworkDiagnostic, type LoadedFramework, type SeverityName } from '../language/workspace/load-framework.js';
import { countOf } from './output.js';

export type { SeverityName };

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
    /** `svf check`: warnings left out because the framework acknowledges them. */
    acknowledged?: number;
}

/** The one report shape of findings, printed as text or JSON by every command. */
export interface DiagnosticReport {
    diagnostics: ReportedDiagnostic[];
    summary: DiagnosticSummary;
}

/**
 * The report of a loaded framework (loadFramework), sorted by file then position so that
 * two runs print the same lines in the same order.
 */
export function buildDiagnosticReport(loaded: Pick<LoadedFramework, 'diagnostics' | 'documents'>, cwd: string = process.cwd()): DiagnosticReport {
    const diagnostics = loaded.diagnostics.map(diagnostic => toReported(diagnostic, cwd)).sort(compareDiagnostics(diagnostic => diagnostic.file));
    const count = (severity: SeverityName) => diagnostics.filter(d => d.severity === severity).length;
    return {
        diagnostics,
        summary: {
            files: loaded.documents.length,
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

/**
 * `path:line:col severity code message`, one line per diagnostic. File names and messages
 * (which quote source text) are escaped, so a newline or an escape sequence in them can
 * neither forge a line nor drive the terminal.
 */
export function formatDiagnosticLine(diagnostic: ReportedDiagnostic): string {
    const { file, line, column, severity, code, message } = diagnostic;
    return `${escapeControlCharacters(file)}:${line}:${column} ${severity} ${escapeControlCharacters(code)} ${escapeControlCharacters(message)}`;
}

/**
 * Text for a terminal: C0 and C1 control characters, DEL, line and paragraph separators
 * and bidirectional controls written as escapes (`\n`, `\x1b`, `\u202e`).
 */
export function escapeControlCharacters(text: string): string {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, character => {
        const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
        if (named[character]) return named[character];
        const code = character.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}

/** `2 errors, 1 warning in 7 files` (infos and hints only when there are some; `(2 acknowledged)` after the warnings when some were). */
export function formatSummaryLine(summary: DiagnosticSummary): string {
    const acknowledged = summary.acknowledged ? ` (${summary.acknowledged} acknowledged)` : '';
    const parts = [countOf(summary.errors, 'error'), `${countOf(summary.warnings, 'warning')}${acknowledged}`];
    if (summary.infos > 0) parts.push(countOf(summary.infos, 'info'));
    if (summary.hints > 0) parts.push(countOf(summary.hints, 'hint'));
    return `${parts.join(', ')} in ${countOf(summary.files, 'file')}`;
}

/** The text form: every diagnostic line, then the summary line. */
export function formatDiagnosticReport(report: DiagnosticReport): string[] {
    return [...report.diagnostics.map(formatDiagnosticLine), formatSummaryLine(report.summary)];
}

function toReported(diagnostic: FrameworkDiagnostic, cwd: string): ReportedDiagnostic {
    const { line, column, endLine, endColumn, severity, code, message } = diagnostic;
    return {
        file: displayPath(diagnostic.path, cwd),
        line, column, endLine, endColumn, severity, code,
        // One diagnostic, one line: the text format is read by tools line by line.
        message: message.replace(/\s*\n\s*/g, ' ').trim(),
    };
}
