import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures, removeTemporaryFolders, runSvf, svfBinary, temporaryFolder } from './run-svf.js';

const DIAGNOSTIC_LINE = /^(\S+):(\d+):(\d+) (error|warning|info|hint) (\S+) (.+)$/;

afterEach(removeTemporaryFolders);

describe('svf check', () => {
    test('a valid framework folder: only the summary, exit 0', () => {
        const run = runSvf(['check', 'valid-framework']);
        expect(run.stderr).toBe('');
        expect(run.lines).toEqual(['0 errors, 0 warnings in 5 files']);
        expect(run.exitCode).toBe(0);
    });

    test('with no path it checks the current folder', () => {
        const run = runSvf(['check'], path.join(fixtures, 'valid-framework'));
        expect(run.lines).toEqual(['0 errors, 0 warnings in 5 files']);
        expect(run.exitCode).toBe(0);
    });

    test('errors in a file and in the file it imports: one line each, sorted by path then position, exit 1', () => {
        const run = runSvf(['check', 'broken-framework/framework.svf']);
        expect(run.exitCode).toBe(1);
        const diagnostics = run.lines.slice(0, -1);
        for (const line of diagnostics) expect(line).toMatch(DIAGNOSTIC_LINE);
        expect(diagnostics).toContain(
            "broken-framework/framework.svf:10:18 error reference/unresolved Unknown unit 'FTEs'. Check the spelling, declare it with `unit NAME \"label\"`, or import the file that declares it.");
        expect(diagnostics).toContain(
            "broken-framework/units.svf:2:30 error reference/unresolved Unknown unit 'hours'. Check the spelling, declare it with `unit NAME \"label\"`, or import the file that declares it.");
        const positions = diagnostics.map(line => DIAGNOSTIC_LINE.exec(line)!).map(m => [m[1], Number(m[2]), Number(m[3])] as const);
        const sorted = [...positions].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
        expect(positions).toEqual(sorted);
        const errors = diagnostics.filter(line => line.includes(' error ')).length;
        const warnings = diagnostics.filter(line => line.includes(' warning ')).length;
        expect(run.lines.at(-1)).toBe(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in 2 files`);
    });

    test('paths are shown relative to the folder svf runs in', () => {
        const run = runSvf(['check', 'fixtures/broken-framework/units.svf'], path.dirname(fixtures));
        expect(run.exitCode).toBe(1);
        expect(run.lines[0]).toMatch(/^fixtures\/broken-framework\/units\.svf:2:30 error reference\/unresolved Unknown unit 'hours'/);
        expect(run.lines.at(-1)).toMatch(/ in 1 file$/);
    });

    test('--format json gives every diagnostic with its range, and a summary', () => {
        const run = runSvf(['check', '--format', 'json', 'broken-framework']);
        expect(run.exitCode).toBe(1);
        const report = JSON.parse(run.stdout) as {
            diagnostics: Array<Record<string, unknown>>;
            summary: { files: number; errors: number; warnings: number };
        };
        expect(report.diagnostics).toContainEqual({
            file: 'broken-framework/framework.svf', line: 10, column: 18, endLine: 10, endColumn: 22,
            severity: 'error', code: 'reference/unresolved',
            message: "Unknown unit 'FTEs'. Check the spelling, declare it with `unit NAME \"label\"`, or import the file that declares it.",
        });
        expect(report.summary.files).toBe(2);
        expect(report.summary.errors).toBe(report.diagnostics.filter(d => d.severity === 'error').length);
        expect(report.summary.warnings).toBe(report.diagnostics.filter(d => d.severity === 'warning').length);
    });

    test('a syntax error is reported with its position and code, exit 1', () => {
        const folder = temporaryFolder({ 'units.svf': 'unit FTE "no. people FTE" quantity\nunit weeks no. weeks\n' });
        const run = runSvf(['check', '.'], folder);
        expect(run.exitCode).toBe(1);
        expect(run.lines[0]).toMatch(/^units\.svf:2:12 error syntax\/error /);
    });

    test('warnings alone do not fail the check', () => {
        const folder = temporaryFolder({
            'units.svf': 'unit FTE "no. people FTE" quantity\nproxy localJob = £28,560 per FTE\n',
        });
        const run = runSvf(['check'], folder);
        expect(run.lines).toEqual([
            expect.stringMatching(/^units\.svf:2:18 warning proxy\/missing-source Proxy 'localJob' does not say where its value comes from\./),
            '0 errors, 1 warning in 1 file',
        ]);
        expect(run.exitCode).toBe(0);
    });

    test('a path that does not exist: one line on stderr, exit 2', () => {
        const run = runSvf(['check', 'no-such-folder']);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe('svf: no-such-folder: no such file or folder.\n');
        expect(run.exitCode).toBe(2);
    });

    test('a folder without .svf files: exit 2', () => {
        const folder = temporaryFolder({ 'notes.txt': 'nothing here' });
        const run = runSvf(['check', '.'], folder);
        expect(run.stderr).toBe("svf: there are no .svf files in '.'.\n");
        expect(run.exitCode).toBe(2);
    });

    test('a file that is not .svf: exit 2', () => {
        const folder = temporaryFolder({ 'notes.txt': 'nothing here' });
        const run = runSvf(['check', 'notes.txt'], folder);
        expect(run.stderr).toBe('svf: notes.txt is not an .svf file; give .svf files or folders that contain them.\n');
        expect(run.exitCode).toBe(2);
    });

    test('an unknown --format: one usage line, exit 2', () => {
        const run = runSvf(['check', '--format', 'xml', 'valid-framework']);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe("svf: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json. See 'svf check --help'.\n");
        expect(run.exitCode).toBe(2);
    });

    test('output piped into a reader that stops early (svf check | head -1): no crash, no stack trace', async () => {
        const proxies = Array.from({ length: 3000 }, (_, i) => `unit u${i} "units" quantity\nproxy p${i} = £1 per u${i}\n`).join('');
        const folder = temporaryFolder({ 'many.svf': proxies });
        const child = spawn(process.execPath, [svfBinary, 'check', '.'], { cwd: folder });
        let stderr = '';
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.stdout.once('data', () => child.stdout.destroy());
        const exitCode = await new Promise(resolve => child.on('close', resolve));
        expect(stderr).toBe('');
        expect(exitCode).toBe(0);
    });
});
