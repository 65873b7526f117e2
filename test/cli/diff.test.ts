import { execFile, execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { expectValid } from '../compiler/schema-assertions.js';
import { fixtures, removeTemporaryFolders, runSvf, temporaryFolder, type SvfRun } from './run-svf.js';

/** `path:line:col: <class>: <kind>: message`. */
const CHANGE_LINE = /^(\S+):(\d+):(\d+): (breaking|minor|patch): ([a-z-]+): (.+)$/;
const diffFixtures = path.join(fixtures, 'diff');
const upgradeFixtures = path.join(fixtures, 'diff-upgrade');

afterEach(removeTemporaryFolders);

/** Runs svf with its temporary folders in a folder of their own, and checks that it left none behind. */
function runSvfTidily(args: string[], cwd: string, env: Record<string, string> = {}): SvfRun {
    const tmp = temporaryFolder();
    const run = runSvf(args, cwd, { env: { TMPDIR: tmp, ...env } });
    expect(fs.readdirSync(tmp).filter(name => name.startsWith('svf-'))).toEqual([]);
    return run;
}

/** A temporary folder that lasts for a whole describe block: removed by the teardown beforeAll returns. */
function lastingFolder(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'svf-diff-test-'));
}

/** A copy of a fixture version with some files rewritten. */
function editedCopy(version: string, edit: (file: string, text: string) => string): string {
    const source = path.join(diffFixtures, version);
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(source)) files[name] = edit(name, fs.readFileSync(path.join(source, name), 'utf8'));
    return temporaryFolder(files);
}

describe('svf diff, folder against folder', () => {
    test('one line per change, breaking first, then the re-basing and a summary; exit 0', () => {
        const run = runSvf(['diff', 'v1', 'v2'], diffFixtures);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        const changes = run.lines.slice(0, run.lines.indexOf(''));
        expect(changes.length).toBeGreaterThan(0);
        for (const line of changes) expect(line).toMatch(CHANGE_LINE);
        const classes = changes.map(line => CHANGE_LINE.exec(line)![4]!);
        expect(classes).toEqual([...classes].sort((a, b) => ['breaking', 'minor', 'patch'].indexOf(a) - ['breaking', 'minor', 'patch'].indexOf(b)));
        // Paths as the user gave them: relative to the current folder, in the side each change is in.
        expect(changes.some(line => line.startsWith('v2/themes.svf:') && line.includes(': minor: measure-added: ') && line.includes('RB6'))).toBe(true);
        expect(changes.some(line => line.startsWith('v2/units.svf:') && line.includes('localJob'))).toBe(true);
        // Moving the gate to another file and reordering the imports is no change.
        expect(run.stdout).not.toContain('livingWage');
        expect(run.stdout).toContain('Proxy re-basing');
        expect(run.stdout).toMatch(/localJob \(FTE\): £28,560\.00 \(2024 prices\) -> £29,400\.00 \(2025 prices\); net per unit £24,418\.80 -> £25,137\.00 \(\+2\.9%\)/);
        expect(run.lines.at(-1)).toMatch(/^\d+ changes? \(0 breaking, \d+ minor, \d+ patch\); the changes need a minor version bump\.$/);
    });

    test('the same framework on both sides: "No changes.", exit 0', () => {
        const run = runSvf(['diff', 'v1', 'v1/framework.svf'], diffFixtures);
        expect(run.lines).toEqual(['No changes.']);
        expect(run.exitCode).toBe(0);
    });

    test('a side with errors: its errors as svf check prints them, exit 1', () => {
        const run = runSvf(['diff', 'diff/v1', 'broken-framework']);
        expect(run.exitCode).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain("broken-framework/framework.svf:10:18 error reference/unresolved Unknown unit 'FTEs'.");
        expect(run.stderr).toContain('Cannot compare: broken-framework has errors.');
    });

    test('a side that does not exist: one line, exit 2', () => {
        const run = runSvf(['diff', 'v1', 'v3'], diffFixtures);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toBe('svf: v3: no such file or folder.\n');
    });
});

describe('svf diff --check-version', () => {
    test('a minor bump for minor changes passes: exit 0', () => {
        const run = runSvf(['diff', 'v1', 'v2', '--check-version'], diffFixtures);
        expect(run.exitCode).toBe(0);
        expect(run.lines.at(-1)).toMatch(/^Version check passed: /);
    });

    test('a patch bump for minor changes fails, naming the smallest version that passes: exit 1', () => {
        const patched = editedCopy('v2', (_file, text) => text.replace('version 1.3.0', 'version 1.2.1'));
        const run = runSvf(['diff', path.join(diffFixtures, 'v1'), patched, '--check-version']);
        expect(run.exitCode).toBe(1);
        expect(run.lines.at(-1)).toMatch(/^Version check failed: .*1\.2\.1.*1\.3\.0/);
    });

    test('a removed measure needs a major bump: 1.3.0 fails and names 2.0.0', () => {
        const removed = editedCopy('v2', (file, text) => file === 'themes.svf' ? text.replace(/ {8}measure RB6 [\s\S]*?\n {8}\}\n/, '').replace(/ {8}measure RB5 [\s\S]*?\n {8}\}\n/, '') : text);
        const run = runSvf(['diff', path.join(diffFixtures, 'v1'), removed, '--check-version', '--format', 'json']);
        expect(run.exitCode).toBe(1);
        const report = JSON.parse(run.stdout);
        expectValid('diff.schema.json', report);
        expect(report.requiredBump).toBe('major');
        expect(report.changes.some((change: { class: string; subject: { id: string } }) => change.class === 'breaking' && change.subject.id === 'RB5')).toBe(true);
        expect(report.versionCheck).toMatchObject({ ok: false, required: 'major', smallestPassing: '2.0.0' });
        expect(report.versionCheck.message).toContain('2.0.0');
    });

    test('without --check-version a bump too small is not a failure', () => {
        const patched = editedCopy('v2', (_file, text) => text.replace('version 1.3.0', 'version 1.2.1'));
        expect(runSvf(['diff', path.join(diffFixtures, 'v1'), patched]).exitCode).toBe(0);
    });
});

describe('svf diff formats', () => {
    test('--format json is valid against schemas/diff.schema.json and carries no temporary paths', () => {
        const run = runSvf(['diff', 'v1', 'v2', '--format', 'json', '--check-version'], diffFixtures);
        expect(run.exitCode).toBe(0);
        const report = JSON.parse(run.stdout);
        expectValid('diff.schema.json', report);
        expect(report.old).toEqual({ source: 'v1', id: 'test.riverside', version: '1.2.0' });
        expect(report.new).toEqual({ source: 'v2', id: 'test.riverside', version: '1.3.0' });
        expect(report.versionCheck.ok).toBe(true);
        expect(report.proxyRebasing).toEqual([expect.objectContaining({ proxy: 'localJob', netChangePercent: '+2.9' })]);
        expect(report.changes[0]).toMatchObject({ file: expect.stringMatching(/^v[12]\//), line: expect.any(Number), column: expect.any(Number) });
    });

    test('--format markdown is the changelog in fixtures/diff/v1-v2.md', () => {
        const run = runSvf(['diff', 'v1', 'v2', '--format', 'markdown'], diffFixtures);
        expect(run.exitCode).toBe(0);
        const golden = path.join(diffFixtures, 'v1-v2.md');
        if (process.env.SVF_UPDATE_GOLDEN) fs.writeFileSync(golden, run.stdout);
        expect(run.stdout).toBe(fs.readFileSync(golden, 'utf8'));
    });
});

describe('svf diff of git revisions', () => {
    let repository: string;

    beforeAll(() => {
        repository = lastingFolder();
        const git = (...args: string[]) => execFileSync('git', args, { cwd: repository, stdio: 'pipe' });
        git('init', '-q');
        git('config', 'user.email', 'tests@svf.invalid');
        git('config', 'user.name', 'svf tests');
        fs.cpSync(path.join(diffFixtures, 'v1'), path.join(repository, 'fw'), { recursive: true });
        git('add', '.');
        git('commit', '-q', '-m', 'v1');
        git('tag', 'v1');
        fs.rmSync(path.join(repository, 'fw'), { recursive: true });
        fs.cpSync(path.join(diffFixtures, 'v2'), path.join(repository, 'fw'), { recursive: true });
        git('add', '.');
        git('commit', '-q', '-m', 'v2');
        // Only tracked files count: an untracked file with errors in the working tree is not read.
        fs.writeFileSync(path.join(repository, 'fw', 'units.svf'), 'measure oops');
        return () => fs.rmSync(repository, { recursive: true, force: true });
    });

    test('git:v1:fw against git:HEAD:fw: the same diff as the folders, paths shown as git:<rev>:<path>; nothing left in the temp folder', () => {
        const run = runSvfTidily(['diff', 'git:v1:fw', 'git:HEAD:fw'], repository);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        const folders = runSvf(['diff', 'v1', 'v2'], diffFixtures);
        expect(run.stdout).toBe(folders.stdout.replaceAll('v2/', 'git:HEAD:fw/').replaceAll('v1/', 'git:v1:fw/'));
    });

    test('a path from the current folder (./) and a git side against a folder', () => {
        const run = runSvfTidily(['diff', 'git:v1:./', 'git:HEAD:./framework.svf', '--format', 'json'], path.join(repository, 'fw'));
        expect(run.exitCode).toBe(0);
        const report = JSON.parse(run.stdout);
        expectValid('diff.schema.json', report);
        expect(report.changes.every((change: { file: string }) => change.file.startsWith('git:HEAD:fw/') || change.file.startsWith('git:v1:fw/'))).toBe(true);
    });

    test('an unknown revision: one line saying so, exit 2', () => {
        const run = runSvfTidily(['diff', 'git:v0:fw', 'git:HEAD:fw'], repository);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^svf: git:v0:fw: there is no revision 'v0' in this git repository; /);
    });

    test('a path the revision does not have: exit 2', () => {
        const run = runSvfTidily(['diff', 'git:v1:framework', 'git:HEAD:fw'], repository);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain("svf: git:v1:framework: revision 'v1' has no 'framework'");
    });

    test('outside a git repository: exit 2', () => {
        const run = runSvfTidily(['diff', 'git:v1:fw', 'git:HEAD:fw'], temporaryFolder(), { GIT_CEILING_DIRECTORIES: path.dirname(repository) });
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain('is not in a git repository');
    });
});

describe('svf diff of npm package versions, offline from the npm cache', () => {
    let cache: string;
    let registry: string;

    /** What `npm install` leaves in the cache: the packument and the tarballs, fetched from a registry this test serves and then stops. */
    beforeAll(async () => {
        cache = lastingFolder();
        const tarballs = new Map<string, Buffer>();
        for (const [version, folder] of [['1.2.0', 'v1'], ['1.3.0', 'v2']] as const) {
            const work = temporaryFolder();
            fs.cpSync(path.join(diffFixtures, folder), path.join(work, 'pkg'), { recursive: true });
            fs.writeFileSync(path.join(work, 'pkg', 'package.json'), JSON.stringify({ name: '@test/riverside', version, svf: { entry: 'framework.svf' } }));
            execFileSync('npm', ['pack', '--pack-destination', work], { cwd: path.join(work, 'pkg'), stdio: 'pipe', env: npmEnv() });
            tarballs.set(version, fs.readFileSync(path.join(work, `test-riverside-${version}.tgz`)));
        }
        const server = http.createServer((request, response) => {
            const version = /riverside-(\d+\.\d+\.\d+)\.tgz$/.exec(request.url ?? '')?.[1];
            if (version && tarballs.has(version)) {
                response.end(tarballs.get(version));
                return;
            }
            if (decodeURIComponent(request.url ?? '') !== '/@test/riverside') {
                response.writeHead(404).end('{}');
                return;
            }
            const versions = Object.fromEntries([...tarballs].map(([v, tarball]) => [v, {
                name: '@test/riverside', version: v, svf: { entry: 'framework.svf' },
                dist: {
                    tarball: `${registry}/@test/riverside/-/riverside-${v}.tgz`,
                    integrity: `sha512-${crypto.createHash('sha512').update(tarball).digest('base64')}`,
                    shasum: crypto.createHash('sha1').update(tarball).digest('hex'),
                },
            }]));
            response.setHeader('content-type', 'application/json');
            response.end(JSON.stringify({ name: '@test/riverside', 'dist-tags': { latest: '1.3.0' }, versions }));
        });
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        try {
            for (const version of tarballs.keys()) {
                await promisify(execFile)('npm', ['cache', 'add', `@test/riverside@${version}`], { env: npmEnv() });
            }
        } finally {
            await new Promise(resolve => server.close(resolve));
        }
        return () => fs.rmSync(cache, { recursive: true, force: true });
    }, 60_000);

    function npmEnv(): Record<string, string> {
        return { ...process.env as Record<string, string>, npm_config_cache: cache, npm_config_registry: registry ?? 'http://127.0.0.1:9', npm_config_update_notifier: 'false' };
    }

    test('npm:<package>@<version> on both sides, --offline: paths shown as npm:<package>@<version>/<path>', () => {
        const run = runSvfTidily(['diff', 'npm:@test/riverside@1.2.0', 'npm:@test/riverside@1.3.0', '--offline', '--check-version'], temporaryFolder(), npmEnv());
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        const folders = runSvf(['diff', 'v1', 'v2', '--check-version'], diffFixtures);
        expect(run.stdout).toBe(folders.stdout.replaceAll('v2/', 'npm:@test/riverside@1.3.0/').replaceAll('v1/', 'npm:@test/riverside@1.2.0/'));
    });

    test('a package not in the cache, offline: says so and how to fix it, exit 2', () => {
        const run = runSvfTidily(['diff', 'npm:@test/riverside@1.2.0', 'npm:@test/elsewhere@1.0.0', '--offline'], temporaryFolder(), npmEnv());
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toBe('svf: npm:@test/elsewhere@1.0.0: this version is not in the npm cache, and --offline forbids asking the registry. '
            + 'Run `npm cache add @test/elsewhere@1.0.0` once while online (or drop --offline), then run this again.\n');
    });

    test('a version the package does not have: exit 2', () => {
        const run = runSvfTidily(['diff', 'npm:@test/riverside@1.2.0', 'npm:@test/riverside@9.9.9', '--offline'], temporaryFolder(), npmEnv());
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^svf: npm:@test\/riverside@9\.9\.9: npm has no such package version, as far as the npm cache knows \(run without --offline to ask the registry\)/);
    });

    test('not an npm spec: exit 2', () => {
        const run = runSvf(['diff', 'npm:riverside', 'v2'], diffFixtures);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain("'npm:riverside' is not an npm side; write npm:<package>@<version>");
    });
});

describe('svf upgrade-check', () => {
    test("findings in the member's files and the merged diff; exit 1 exactly when a finding is breaking", () => {
        const run = runSvf(['upgrade-check', 'member', '--to', 'base-v2'], upgradeFixtures);
        expect(run.stderr).toBe('');
        expect(run.lines[0]).toBe("Upgrading 'test.member' 1.0.0 from 'test.riverside' 1.2.0 to 'test.riverside' 2.0.0:");
        const json = runSvf(['upgrade-check', 'member', '--to', 'base-v2', '--format', 'json'], upgradeFixtures);
        const report = JSON.parse(json.stdout);
        expectValid('diff.schema.json', report.mergedDiff);
        expect(report.from.source).toBe('base-v1/framework.svf');
        for (const finding of report.findings) expect(finding.file).toBe('member/framework.svf');
        expect(report.findings.map((finding: { kind: string }) => finding.kind)).toEqual(expect.arrayContaining(['override-target-changed', 'retired-anyway']));
        // RB6 is new in the base, and not retired by the member: its contracts get it.
        expect(report.mergedDiff.changes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'measure-added', subject: { type: 'measure', id: 'RB6' }, file: 'base-v2/themes.svf' })]));
        // Retiring what the base removed anyway is breaking (the retirement names a measure that is gone).
        expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'retired-anyway', class: 'breaking' })]));
        expect(run.stdout).toMatch(/^member\/framework\.svf:\d+:\d+: breaking: retired-anyway: /m);
        expect(run.exitCode).toBe(1);
        expect(json.exitCode).toBe(1);
    });

    test('to the base it already has: no findings, no changes, exit 0', () => {
        const run = runSvf(['upgrade-check', 'member', '--to', 'base-v1/framework.svf'], upgradeFixtures);
        expect(run.exitCode).toBe(0);
        expect(run.lines).toContain('No overrides, retirements, additions or placements of this framework are affected.');
        expect(run.lines).toContain('  No changes.');
    });

    test('the JSON form is valid against diff.schema.json#/$defs/upgradeReport; markdown has the findings', () => {
        const json = runSvf(['upgrade-check', 'member', '--to', 'base-v2', '--format', 'json'], upgradeFixtures);
        expectValid('diff.schema.json#/$defs/upgradeReport', JSON.parse(json.stdout));
        const markdown = runSvf(['upgrade-check', 'member', '--to', 'base-v2', '--format', 'markdown'], upgradeFixtures);
        expect(markdown.lines[0]).toBe("## Upgrading 'test.member' 1.0.0 to 'test.riverside' 2.0.0");
    });

    test('a framework that extends nothing: exit 2', () => {
        const run = runSvf(['upgrade-check', 'base-v1', '--to', 'base-v2'], upgradeFixtures);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain('this framework extends no base');
    });
});
