/**
 * `svf export ocds` as a user runs it: the built binary on the examples, what it writes,
 * and what it refuses (exit codes, one clear message, nothing written).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures, removeTemporaryFolders, repositoryRoot, runSvf, temporaryFolder } from '../cli/run-svf.js';

const council = path.join(repositoryRoot, 'examples', 'council');
const worksProfile = path.join(council, 'profiles', 'works-2.5m.json');
const handWritten = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8'));

afterEach(removeTemporaryFolders);

describe('svf export ocds', () => {
    test('writes the release to --out, as written by hand, and says where', () => {
        const folder = temporaryFolder();
        const out = path.join(folder, 'release.json');
        const run = runSvf(['export', 'ocds', council, '--profile', worksProfile, '--ocid', 'ocds-h6vhtk-0c0001',
            '--release-id', 'ocds-h6vhtk-0c0001-social-value-1', '--date', '2026-03-27T14:34:58Z', '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.lines).toEqual([`Wrote ${out}`]);
        expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(handWritten('council-works-2.5m.release.json'));
        // Only the release: no temporary file is left beside it.
        expect(fs.readdirSync(folder)).toEqual(['release.json']);
    });

    test('prints the release on standard output without --out, the same bytes every run', () => {
        const args = ['export', 'ocds', council, '--value', '2.5m', '--category', 'works', '--duration', '36', '--ocid', 'ocds-h6vhtk-0c0001'];
        const first = runSvf(args);
        expect(first.exitCode).toBe(0);
        const release = JSON.parse(first.stdout) as { id: string; tender: { lots: Array<{ id: string }> }; contracts: Array<{ id: string }> };
        expect(release.id).toMatch(/^ocds-h6vhtk-0c0001-svf-[0-9a-f]{16}$/);
        expect(release.tender.lots[0]!.id).toBe('1');
        expect(release.contracts[0]!.id).toBe('1');
        expect(runSvf(args).stdout).toBe(first.stdout);
        // The same contract from the profile file: the same release.
        expect(runSvf(['export', 'ocds', council, '--profile', worksProfile, '--ocid', 'ocds-h6vhtk-0c0001']).stdout).toBe(first.stdout);
    });

    test('the two criteria of the LEP programme with --lot, --contract-id and --award-id', () => {
        const run = runSvf(['export', 'ocds', path.join(repositoryRoot, 'examples', 'lep-programme'),
            '--profile', path.join(repositoryRoot, 'examples', 'lep-programme', 'profiles', 'growth-deal-net-zero-works-3.2m.json'),
            '--ocid', 'ocds-h6vhtk-0c0002', '--release-id', 'ocds-h6vhtk-0c0002-social-value-1', '--lot', 'LOT-0002', '--contract-id', 'CON-7', '--award-id', 'AWD-7']);
        expect(run.exitCode).toBe(0);
        expect(JSON.parse(run.stdout)).toEqual(handWritten('lep-net-zero-works-3.2m.release.json'));
    });
});

describe('svf export ocds refuses, writes nothing, and says what to do', () => {
    /** Runs with --out into a folder holding an older release.json, which must survive a failed run. */
    function refused(args: string[]): { exitCode: number | null; stderr: string; stdout: string } {
        const folder = temporaryFolder({ 'release.json': 'the previous release\n' });
        const run = runSvf(['export', 'ocds', ...args, '--out', path.join(folder, 'release.json')]);
        expect(fs.readdirSync(folder)).toEqual(['release.json']);
        expect(fs.readFileSync(path.join(folder, 'release.json'), 'utf8')).toBe('the previous release\n');
        expect(run.stdout).toBe('');
        return run;
    }

    test('an untailored framework (no contract described): exit 2', () => {
        const run = refused([council, '--ocid', 'ocds-1']);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toBe('svf: svf export ocds needs the contract: give --profile <profile.json> (or --value and --category). Award criteria and KPIs depend on the contract the framework is tailored to.\n');
    });

    test('no --ocid: exit 2', () => {
        const run = refused([council, '--profile', worksProfile]);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toBe("svf: required option '--ocid <ocid>' not specified. See 'svf export ocds --help'.\n");
    });

    test('a --date that is not a date and time: exit 2', () => {
        const run = refused([council, '--profile', worksProfile, '--ocid', 'ocds-1', '--date', '27/03/2026']);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toBe("svf: cannot export OCDS: --date '27/03/2026' is not an ISO 8601 date and time with a time zone, e.g. 2026-03-27T14:34:58Z or 2026-03-27T14:34:58+01:00.\n");
    });

    test('a contract the framework asks nothing of: exit 2', () => {
        const run = refused([council, '--value', '20k', '--category', 'goods', '--ocid', 'ocds-1']);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toBe('svf: cannot export OCDS: the framework asks no social value of this £20,000 goods contract (rule belowThreshold "Under £25,000: no social value ask"): there are no social value award criteria or KPIs to publish.\n');
    });

    test('a profile that is not JSON: exit 2', () => {
        const run = refused([council, '--profile', path.join(fixtures, 'profiles', 'not-json.json'), '--ocid', 'ocds-1']);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^svf: the contract profile .*not-json\.json is not valid JSON/);
    });

    test('a contract the framework cannot describe (a flag it does not declare): exit 2, naming where the contract came from', () => {
        const run = refused([council, '--value', '2.5m', '--category', 'works', '--flag', 'nightWorks', '--ocid', 'ocds-1']);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^svf: the contract described on the command line: .*nightWorks/);
    });

    test('a framework with errors: exit 1 with the diagnostics', () => {
        const run = refused([path.join(fixtures, 'broken-framework'), '--value', '2.5m', '--category', 'works', '--ocid', 'ocds-1']);
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain("error reference/unresolved Unknown unit 'FTEs'.");
        expect(run.stderr).toContain('Nothing was written: fix the errors above, then export again.');
    });

    test('a missing framework: exit 2', () => {
        const run = refused([path.join(fixtures, 'no-such-framework'), '--profile', worksProfile, '--ocid', 'ocds-1']);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^svf: .*no-such-framework/);
    });

    test('an --out in a folder that does not exist: exit 2 and a message', () => {
        const folder = temporaryFolder();
        const run = runSvf(['export', 'ocds', council, '--profile', worksProfile, '--ocid', 'ocds-1', '--out', path.join(folder, 'missing', 'release.json')]);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^svf: cannot write '.*missing\/release\.json': /);
        expect(fs.readdirSync(folder)).toEqual([]);
    });
});
