import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, repositoryRoot, runSvf, temporaryFolder } from './run-svf.js';

afterEach(removeTemporaryFolders);

const formatted = [
    'unit hours "hours"',
    '',
    'proxy staffHour = £16.93 per hours {',
    '    source "Illustrative" // a made-up rate',
    '    priceYear 2023',
    '}',
    ''
].join('\n');
const messy = [
    '',
    'unit   hours "hours"',
    '',
    '',
    '',
    'proxy staffHour = £16.93 per hours { source "Illustrative"    // a made-up rate',
    '  priceYear 2023 }',
    ''
].join('\n');
const broken = 'unit hours "hours"\ngate G1 {\n    ask\n}\n';

describe('svf fmt --check', () => {
    test('lists the files that are not formatted, writes nothing and exits 1', () => {
        const folder = temporaryFolder({ 'a.svf': messy, 'b.svf': formatted, 'sub/c.svf': messy, 'node_modules/pkg/d.svf': messy });
        const run = runSvf(['fmt', '--check', '.'], folder);
        expect(run.stderr).toBe('');
        expect(run.lines).toEqual(['a.svf', path.join('sub', 'c.svf')]);
        expect(run.exitCode).toBe(1);
        expect(fs.readFileSync(path.join(folder, 'a.svf'), 'utf8')).toBe(messy);
    });

    test('every file formatted: prints nothing, exits 0', () => {
        const folder = temporaryFolder({ 'a.svf': formatted, 'sub/b.svf': formatted });
        const run = runSvf(['fmt', '--check'], folder);
        expect(run.lines).toEqual([]);
        expect(run.exitCode).toBe(0);
    });

    test('every .svf file under examples/ is formatted', () => {
        const run = runSvf(['fmt', '--check', 'examples'], repositoryRoot);
        expect(run.stderr).toBe('');
        expect(run.lines).toEqual([]);
        expect(run.exitCode).toBe(0);
    });
});

describe('svf fmt', () => {
    test('rewrites the files that change, prints their names, keeps their permissions; a second run changes nothing', () => {
        const folder = temporaryFolder({ 'a.svf': messy, 'b.svf': formatted });
        fs.chmodSync(path.join(folder, 'a.svf'), 0o640);
        const before = fs.statSync(path.join(folder, 'b.svf')).mtimeMs;
        const run = runSvf(['fmt', 'a.svf', 'b.svf'], folder);
        expect(run.stderr).toBe('');
        expect(run.lines).toEqual(['a.svf']);
        expect(run.exitCode).toBe(0);
        expect(fs.readFileSync(path.join(folder, 'a.svf'), 'utf8')).toBe(formatted);
        expect(fs.statSync(path.join(folder, 'a.svf')).mode & 0o777).toBe(0o640);
        expect(fs.statSync(path.join(folder, 'b.svf')).mtimeMs).toBe(before);
        expect(fs.readdirSync(folder).sort()).toEqual(['a.svf', 'b.svf']);

        const again = runSvf(['fmt', '.'], folder);
        expect(again.lines).toEqual([]);
        expect(again.exitCode).toBe(0);
        expect(runSvf(['fmt', '--check', '.'], folder).exitCode).toBe(0);
    });

    test('--tabs and --indent-size', () => {
        const folder = temporaryFolder({ 'a.svf': messy, 'b.svf': messy });
        expect(runSvf(['fmt', '--tabs', 'a.svf'], folder).exitCode).toBe(0);
        expect(fs.readFileSync(path.join(folder, 'a.svf'), 'utf8')).toBe(formatted.replaceAll('    ', '\t'));
        expect(runSvf(['fmt', '--indent-size', '2', 'b.svf'], folder).exitCode).toBe(0);
        expect(fs.readFileSync(path.join(folder, 'b.svf'), 'utf8')).toBe(formatted.replaceAll('    ', '  '));
        // Formatted with tabs is not formatted for the default of 4 spaces.
        expect(runSvf(['fmt', '--check', 'a.svf'], folder).lines).toEqual(['a.svf']);
        expect(runSvf(['fmt', '--check', '--tabs', 'a.svf'], folder).exitCode).toBe(0);
    });

    test('--indent-size that is not a whole number from 1 to 16 is a usage error', () => {
        const folder = temporaryFolder({ 'a.svf': messy });
        for (const size of ['0', 'four', '17', '2.5']) {
            const run = runSvf(['fmt', '--indent-size', size, 'a.svf'], folder);
            expect(run.exitCode).toBe(2);
            expect(run.stderr).toContain(`--indent-size: '${size}' is not a whole number from 1 to 16.`);
        }
        expect(fs.readFileSync(path.join(folder, 'a.svf'), 'utf8')).toBe(messy);
    });

    test('a file with a syntax error is reported as path:line:col and left alone; the others are formatted; exit 1', () => {
        const folder = temporaryFolder({ 'a.svf': messy, 'broken.svf': broken });
        const run = runSvf(['fmt', '.'], folder);
        expect(run.lines).toEqual(['a.svf']);
        expect(run.stderr).toMatch(/^broken\.svf:4:1 error not formatted, syntax error: .+\n$/);
        expect(run.exitCode).toBe(1);
        expect(fs.readFileSync(path.join(folder, 'broken.svf'), 'utf8')).toBe(broken);
        expect(fs.readFileSync(path.join(folder, 'a.svf'), 'utf8')).toBe(formatted);

        const check = runSvf(['fmt', '--check', 'broken.svf'], folder);
        expect(check.exitCode).toBe(1);
        expect(check.stderr).toMatch(/^broken\.svf:4:1 /);
    });

    test('a missing path, a file that is not .svf and a FIFO named .svf are refused with exit 2', () => {
        const folder = temporaryFolder({ 'a.svf': messy, 'notes.txt': 'x' });
        execFileSync('mkfifo', [path.join(folder, 'pipe.svf')]);
        const run = runSvf(['fmt', 'missing.svf', 'notes.txt', 'pipe.svf', 'a.svf'], folder);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain('missing.svf: no such file or folder.');
        expect(run.stderr).toContain('notes.txt is not an .svf file');
        expect(run.stderr).toContain('pipe.svf: it is a FIFO (named pipe), not a file');
        // The readable file is still formatted.
        expect(run.lines).toEqual(['a.svf']);
    });
});
