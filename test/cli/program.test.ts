import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repositoryRoot, runSvf } from './run-svf.js';

describe('svf program', () => {
    test('--version prints the version from package.json', () => {
        const { version } = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string };
        const run = runSvf(['--version']);
        expect(run.stdout).toBe(`${version}\n`);
        expect(run.exitCode).toBe(0);
    });

    test('-V prints the version, answered by bin/svf.js without loading the compiler', () => {
        const { version } = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string };
        const run = runSvf(['-V']);
        expect(run.stdout).toBe(`${version}\n`);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
    });

    test('--help lists the commands and the exit codes, exit 0', () => {
        const run = runSvf(['--help']);
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toMatch(/^Usage: svf \[options\] \[command\]/);
        expect(run.stdout).toMatch(/^ {2}check \[options\] \[paths\.\.\.\]/m);
        expect(run.stdout).toMatch(/^ {2}compile \[options\] <file-or-folder>/m);
        expect(run.stdout).toContain('  1  the framework has validation errors');
        expect(run.stdout).toContain('  2  wrong command line, or a file could not be read or written');
    });

    test('each command has its own help', () => {
        const check = runSvf(['check', '--help']);
        expect(check.exitCode).toBe(0);
        expect(check.stdout).toMatch(/^Usage: svf check \[options\] \[paths\.\.\.\]/);
        expect(check.stdout).toContain('--format <format>');
        const compile = runSvf(['compile', '--help']);
        expect(compile.exitCode).toBe(0);
        expect(compile.stdout).toMatch(/^Usage: svf compile \[options\] <file-or-folder>/);
        for (const option of ['--out <dir>', '--profile <file>', '--value <amount>', '--category <category>', '--duration <months>', '--flag <flag>']) {
            expect(compile.stdout).toContain(option);
        }
    });

    test('an unknown command: one usage line on stderr, exit 2', () => {
        const run = runSvf(['lint']);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe("svf: unknown command 'lint'. See 'svf --help'.\n");
        expect(run.exitCode).toBe(2);
    });

    test('an unknown option of a command names the command whose help to read', () => {
        const run = runSvf(['check', '--fix']);
        expect(run.stderr).toBe("svf: unknown option '--fix'. See 'svf check --help'.\n");
        expect(run.exitCode).toBe(2);
    });

    test('no command: the help on stderr, exit 2', () => {
        const run = runSvf([]);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^Usage: svf \[options\] \[command\]/);
        expect(run.exitCode).toBe(2);
    });
});
