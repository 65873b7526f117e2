/**
 * Data-driven validation tests: .svf resource files carry their expected diagnostics as
 * comments, and `createValidationTests(folder)` turns the folder into vitest cases.
 *
 *   measure NT9 {            // $TEST$ error "measure/missing-proxy" "Measure 'NT9'"
 *
 *   // $TEST$ warning "proxy/missing-source"
 *   proxy »localJob« = £28,560 per FTE
 *
 * - `// $TEST$ <severity> "<code>" ["<message substring>"]` after code on a line expects a
 *   diagnostic starting on that line; on a line of its own, on the next line that is not
 *   itself only an expectation. `// $TEST$ line 7 <severity> ...` names the line.
 * - `»...«` on the expected line marks the exact range (the markers are removed before the
 *   text is parsed). With several marker pairs on a line, the line's expectations take them
 *   in order.
 * - Every diagnostic must be expected: a file without expectations must validate silently.
 *
 * Layout: `<folder>/<concern>/<case>.svf` is a one-file case; `<folder>/<concern>/<case>/`
 * holds the files of a multi-file case (imports between them resolve as on disk).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Range } from 'vscode-languageserver';
import { runValidationOnSources, describeDiagnostic, type SvfDiagnostic, type SvfSeverity } from './validate.js';

export interface DiagnosticExpectation {
    severity: SvfSeverity;
    code: string;
    messageIncludes?: string;
    /** 1-based line. */
    line: number;
    /** Exact range when the line marks one with »«. */
    range?: Range;
    /** Where the expectation is written, for failure messages. */
    writtenAt: string;
}

export interface ResourceFile {
    /** Absolute path on disk (also the document URI the file is validated under). */
    file: string;
    /** The text with range markers removed. */
    text: string;
    expectations: DiagnosticExpectation[];
}

const EXPECTATION = /\/\/\s*\$TEST\$\s+(?:line\s+(\d+)\s+)?(error|warning|info|hint)\s+"([^"]+)"(?:\s+"((?:[^"\\]|\\.)*)")?/g;
const ONLY_EXPECTATIONS = /^\s*(\/\/\s*\$TEST\$.*)?$/;

/** Reads one resource file: strips »« markers and collects its expectations. */
export function readResourceFile(file: string): ResourceFile {
    const raw = fs.readFileSync(file, 'utf8');
    const lines = raw.split(/\r?\n/);
    const markedRanges: Range[][] = [];
    const cleanLines = lines.map((line, index) => {
        const ranges: Range[] = [];
        let clean = '';
        let open: number | undefined;
        for (const char of line) {
            if (char === '»') open = clean.length;
            else if (char === '«' && open !== undefined) {
                ranges.push({ start: { line: index, character: open }, end: { line: index, character: clean.length } });
                open = undefined;
            } else clean += char;
        }
        markedRanges[index] = ranges;
        return clean;
    });
    const expectations: DiagnosticExpectation[] = [];
    const rangesTaken = new Map<number, number>();
    cleanLines.forEach((line, index) => {
        const ownLine = line.slice(0, Math.max(0, line.search(/\/\/\s*\$TEST\$/))).trim() === '';
        for (const match of line.matchAll(EXPECTATION)) {
            const [, explicitLine, severity, code, message] = match;
            let target: number;
            if (explicitLine) {
                target = Number(explicitLine) - 1;
            } else if (!ownLine) {
                target = index;
            } else {
                target = index + 1;
                while (target < cleanLines.length && ONLY_EXPECTATIONS.test(cleanLines[target]) && cleanLines[target].includes('$TEST$')) target++;
            }
            const ranges = markedRanges[target] ?? [];
            const taken = rangesTaken.get(target) ?? 0;
            const range = ranges.length === 1 ? ranges[0] : ranges[taken];
            rangesTaken.set(target, taken + 1);
            expectations.push({
                severity: severity as SvfSeverity,
                code,
                messageIncludes: message?.replace(/\\(.)/g, '$1'),
                line: target + 1,
                range,
                writtenAt: `${path.basename(file)}:${index + 1}`
            });
        }
    });
    return { file, text: cleanLines.join('\n'), expectations };
}

/** The cases below a resources folder: one-file cases and multi-file case folders, sorted. */
export function listResourceCases(folder: string): Array<{ concern: string; name: string; files: string[] }> {
    const cases: Array<{ concern: string; name: string; files: string[] }> = [];
    for (const concern of sortedEntries(folder).filter(e => e.isDirectory())) {
        const concernDir = path.join(folder, concern.name);
        for (const entry of sortedEntries(concernDir)) {
            const full = path.join(concernDir, entry.name);
            if (entry.isFile() && entry.name.endsWith('.svf')) {
                cases.push({ concern: concern.name, name: entry.name, files: [full] });
            } else if (entry.isDirectory()) {
                const files = collectSvf(full);
                if (files.length > 0) cases.push({ concern: concern.name, name: `${entry.name}/`, files });
            }
        }
    }
    return cases;
}

/**
 * Checks a case's files against their expectations. Returns failure lines (empty when
 * every expectation is met by exactly one diagnostic and nothing unexpected is reported).
 */
export async function checkResourceCase(files: string[]): Promise<string[]> {
    const resources = files.map(readResourceFile);
    const sources = Object.fromEntries(resources.map(r => [r.file, r.text]));
    const { diagnostics } = await runValidationOnSources(sources);
    const failures: string[] = [];
    for (const resource of resources) {
        const remaining = [...(diagnostics[resource.file] ?? [])];
        const name = path.basename(resource.file);
        for (const expectation of resource.expectations) {
            const index = remaining.findIndex(d => meets(d, expectation));
            if (index >= 0) {
                remaining.splice(index, 1);
            } else {
                const onLine = (diagnostics[resource.file] ?? []).filter(d => d.line === expectation.line).map(describeDiagnostic);
                failures.push(`${expectation.writtenAt}: expected ${expectation.severity} "${expectation.code}"`
                    + (expectation.messageIncludes ? ` "${expectation.messageIncludes}"` : '')
                    + ` on line ${expectation.line}${expectation.range ? ` at ${formatRange(expectation.range)}` : ''}; `
                    + (onLine.length ? `that line has: ${onLine.join(' | ')}` : 'that line has no diagnostic'));
            }
        }
        for (const unexpected of remaining) {
            failures.push(`${name}: unexpected ${describeDiagnostic(unexpected)} (range ${formatRange(unexpected.range)})`);
        }
    }
    return failures;
}

/** Registers one vitest case per resource case under `folder`. */
export function createValidationTests(folder: string): void {
    const cases = listResourceCases(folder);
    if (cases.length === 0) {
        throw new Error(`No .svf resource cases under ${folder}`);
    }
    const concerns = [...new Set(cases.map(c => c.concern))];
    for (const concern of concerns) {
        describe(concern, () => {
            for (const resourceCase of cases.filter(c => c.concern === concern)) {
                test(resourceCase.name, async () => {
                    expect(await checkResourceCase(resourceCase.files)).toEqual([]);
                });
            }
        });
    }
}

function meets(diagnostic: SvfDiagnostic, expectation: DiagnosticExpectation): boolean {
    return diagnostic.line === expectation.line
        && diagnostic.severity === expectation.severity
        && diagnostic.code === expectation.code
        && (expectation.messageIncludes === undefined || diagnostic.message.includes(expectation.messageIncludes))
        && (expectation.range === undefined || sameRange(diagnostic.range, expectation.range));
}

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}

function formatRange(range: Range): string {
    return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

function sortedEntries(dir: string): fs.Dirent[] {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
}

function collectSvf(dir: string): string[] {
    return sortedEntries(dir).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return collectSvf(full);
        return entry.isFile() && entry.name.endsWith('.svf') ? [full] : [];
    });
}
