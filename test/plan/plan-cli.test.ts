import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures, removeTemporaryFolders, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { COUNCIL_FOLDER, COUNCIL_PROFILE, htmlProblems, REPOSITORY_ROOT } from './plan-fixture.js';

afterEach(removeTemporaryFolders);

describe('svf plan', () => {
    test('writes the HTML page to --out atomically and says so', () => {
        const folder = temporaryFolder();
        const out = path.join(folder, 'plan.html');
        const run = runSvf(['plan', COUNCIL_FOLDER, '--profile', COUNCIL_PROFILE, '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.lines).toEqual([`Wrote ${out}`]);
        const html = fs.readFileSync(out, 'utf8');
        expect(htmlProblems(html)).toEqual([]);
        expect(html).toContain('<h1>Social value in this contract: Eastshire County Council Social Value Framework</h1>');
        expect(html).toContain('Applies when the contract value is from £1,000,000.00 up to, but not including, £5,000,000.00.');
        // Only the page: no temporary file left beside it.
        expect(fs.readdirSync(folder)).toEqual(['plan.html']);
    });

    test('writes Markdown to standard output without --out, the same bytes each run', () => {
        const first = runSvf(['plan', COUNCIL_FOLDER, '--profile', COUNCIL_PROFILE, '--format', 'markdown']);
        expect(first.exitCode).toBe(0);
        expect(first.stdout).toMatch(/^# Social value in this contract: Eastshire County Council Social Value Framework\n/);
        expect(first.stdout).toContain('| NT1 | Local people employed on the contract | no. people FTE | £19,200 |');
        expect(runSvf(['plan', COUNCIL_FOLDER, '--profile', COUNCIL_PROFILE, '--format', 'markdown']).stdout).toBe(first.stdout);
    });

    test('describes the contract with --value and --category as svf compile does', () => {
        const run = runSvf(['plan', COUNCIL_FOLDER, '--value', '12m', '--category', 'works', '--duration', '48', '--flag', 'lotted', '--format', 'markdown']);
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain('This is a works contract worth £12,000,000, 48 months long (marked \'lotted\').');
    });

    test('without a contract, renders the untailored plan with its rules', () => {
        const run = runSvf(['plan', COUNCIL_FOLDER]);
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain('<strong>Note:</strong> This plan is not tailored to a contract');
    });
});

describe('svf plan refuses bad input and writes nothing', () => {
    const cases: Array<[string, string[], number, string]> = [
        ['a missing profile file', ['--profile', 'profiles/missing.json'], 2, 'svf: cannot read the contract profile profiles/missing.json'],
        ['a profile that is not JSON', ['--profile', 'profiles/not-json.json'], 2,
            'svf: the contract profile profiles/not-json.json is not valid JSON (Unexpected end of JSON input). Write it like {"contractValue": 2500000, "category": "works"}.'],
        ['a profile of the wrong shape', ['--profile', 'profiles/wrong-shape.json'], 2, 'svf: profiles/wrong-shape.json: \'contractValue\' is "lots", but it must be the contract value in pounds'],
        ['a category the framework does not declare', ['--value', '1m', '--category', 'grants'], 2,
            'svf: the contract described on the command line: /category: \'category\' is "grants", but it must be one of the framework\'s categories: \'goods\', \'services\' or \'works\'. Correct it.'],
        ['an unknown format', ['--profile', 'profiles/works-2.5m.json', '--format', 'pdf'], 2, "svf: --format must be html or markdown, not 'pdf'."],
        ['--profile with --value', ['--profile', 'profiles/works-2.5m.json', '--value', '1m'], 2, 'svf: --profile cannot be combined with --value.'],
    ];
    test.each(cases)('%s: the exit code, one clear message, no file', (_name, args, exitCode, message) => {
        const folder = temporaryFolder();
        const out = path.join(folder, 'plan.html');
        const run = runSvf(['plan', 'valid-framework', ...args, '--out', out], fixtures);
        expect(run.exitCode).toBe(exitCode);
        expect(run.stderr.split('\n')[0]).toContain(message);
        expect(run.stdout).toBe('');
        expect(fs.readdirSync(folder)).toEqual([]);
    });

    test('a framework with errors: exit 1, the diagnostics, no file', () => {
        const folder = temporaryFolder();
        const out = path.join(folder, 'plan.html');
        const run = runSvf(['plan', path.join(fixtures, 'broken-framework'), '--value', '2.5m', '--category', 'works', '--out', out]);
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain("error reference/unresolved Unknown unit 'FTEs'.");
        expect(run.stderr).toContain('Nothing was written: fix the errors above, then run svf plan again.');
        expect(fs.readdirSync(folder)).toEqual([]);
    });

    test('an --out folder that does not exist: exit 2, what could not be written', () => {
        const run = runSvf(['plan', COUNCIL_FOLDER, '--profile', COUNCIL_PROFILE, '--out', path.join(temporaryFolder(), 'no', 'such', 'plan.html')]);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^svf: cannot write '.*plan\.html': ENOENT/);
    });
});

describe('the README', () => {
    test("the `svf plan` excerpt is the command's real output, lines left out but none changed", () => {
        const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
        const shown = /\n {4}\$ svf plan (.+)\n((?: {4}.*\n|\n)+)/.exec(readme);
        expect(shown, 'README shows an `svf plan` run').not.toBeNull();
        const run = runSvf(['plan', ...shown![1]!.split(' ')], REPOSITORY_ROOT);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        const printed = run.stdout.split('\n');
        let at = 0;
        for (const line of shown![2]!.split('\n').map(text => text.replace(/^ {4}/, '')).filter(text => text !== '')) {
            const found = printed.indexOf(line, at);
            expect(found, `README line not printed (in this order): ${line}`).toBeGreaterThanOrEqual(0);
            at = found + 1;
        }
        expect(fs.existsSync(path.join(REPOSITORY_ROOT, 'docs', 'plan-example.png'))).toBe(true);
        expect(readme).toContain('![The council example\'s plan for a £2.5m works contract](docs/plan-example.png)');
    });
});
