/**
 * The README's "Extending a published framework", end to end through real npm: copies
 * examples/orbis-base (the package @orbis/social-value) and examples/eastshire (a council
 * that depends on it by `file:../orbis-base`) to a temporary folder, runs `npm install`
 * there (offline: a `file:` dependency needs no registry), then runs the built `svf` on the
 * copy as a council officer would. Also the two mistakes an officer meets first: the base
 * installed in a version the range does not accept, and no `npm install` at all.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repositoryRoot, runSvf, type SvfRun } from '../cli/run-svf.js';

const EXAMPLES = path.join(repositoryRoot, 'examples');
const EXTENDS_LINE = 'extends "@orbis/social-value" ^2.0';

/** The 1-based line of `extends` in Eastshire's framework.svf, so the test follows edits of the example. */
const extendsLine = fs.readFileSync(path.join(EXAMPLES, 'eastshire', 'framework.svf'), 'utf8').split('\n')
    .findIndex(line => line.trim() === EXTENDS_LINE) + 1;

const roots: string[] = [];
afterAll(() => {
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/**
 * Both example folders copied side by side into a fresh folder (as in the repository, so
 * `file:../orbis-base` resolves), without anything a local `npm install` left behind.
 * `baseVersion` rewrites the copied base's package.json version before anything is installed.
 */
function copyOfExamples(options: { baseVersion?: string } = {}): { root: string; eastshire: string } {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-eastshire-')));
    roots.push(root);
    for (const name of ['orbis-base', 'eastshire']) {
        const from = path.join(EXAMPLES, name);
        fs.cpSync(from, path.join(root, name), {
            recursive: true,
            filter: source => !['node_modules', 'package-lock.json'].includes(path.relative(from, source).split(path.sep)[0])
        });
    }
    if (options.baseVersion) {
        const file = path.join(root, 'orbis-base', 'package.json');
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string };
        fs.writeFileSync(file, JSON.stringify({ ...json, version: options.baseVersion }, null, 2) + '\n');
    }
    return { root, eastshire: path.join(root, 'eastshire') };
}

/** `npm install` as the README says, offline, with npm's cache in the copy (nothing outside it is touched). */
function npmInstall(folder: string, root: string): void {
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], {
        cwd: folder, encoding: 'utf8', timeout: 60_000,
        env: { ...process.env, npm_config_cache: path.join(root, '.npm-cache'), npm_config_update_notifier: 'false', npm_config_loglevel: 'error' }
    });
}

interface Provenance { framework: { id: string; version: string }; overrides: unknown[] }
interface Proxy { id: string; value: string; netValuePerUnit: string; source: string; priceYear: number; provenance: Provenance }
interface QuestionSet {
    framework: { id: string; version: string };
    chain: unknown[];
    chainDescription: string;
    ruleApplied: { id: string } | null;
    socialValueAsked: boolean;
    weighting: number;
    questions: Array<{ id: string; kind: string; text: string; theme: string | null; outcome: string | null; provenance: Provenance }>;
    sections: Array<{ theme: string; outcomes: Array<{ outcome: string; questions: string[] }> }>;
    selection: { minimumCommitments: Array<{ measure: string; quantity: number | string }> };
    rules: Array<{ id: string; title: string; condition: unknown; provenance: Provenance }> | null;
}
interface Rubric { chain: unknown[]; evaluationProvenance: Provenance | null; quantitative: { measures: Array<{ code: string; proxy: Proxy | null }> } }

/** `svf compile . [--profile profiles/<profile>]` in the installed copy; the outputs, read back. */
function compile(eastshire: string, profile?: string): { run: SvfRun; questionSet: QuestionSet; rubric: Rubric } {
    const out = path.join(eastshire, '..', `out-${profile ?? 'untailored'}`);
    const run = runSvf(['compile', '.', ...(profile ? ['--profile', `profiles/${profile}`] : []), '--out', out], eastshire);
    expect(run.stderr, run.stdout).toBe('');
    expect(run.exitCode, run.stdout).toBe(0);
    const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')) as T;
    return { run, questionSet: read<QuestionSet>('question-set.json'), rubric: read<Rubric>('rubric.json') };
}

describe('examples/eastshire extends @orbis/social-value installed by npm', () => {
    let eastshire: string;
    beforeAll(() => {
        const copy = copyOfExamples();
        eastshire = copy.eastshire;
        npmInstall(eastshire, copy.root);
    }, 120_000);

    test('npm copies the package into node_modules, only the files its package.json lists', () => {
        const installed = path.join(eastshire, 'node_modules', '@orbis', 'social-value');
        expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
        expect(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'))).toMatchObject({
            name: '@orbis/social-value', version: '2.1.0', svf: { entry: 'framework.svf' }
        });
        expect(fs.existsSync(path.join(installed, 'themes', 'jobs.svf'))).toBe(true);
        expect(fs.existsSync(path.join(installed, 'profiles'))).toBe(false);
    });

    test('`svf check .` reports no problems and exits 0', () => {
        const run = runSvf(['check', '.'], eastshire);
        expect(run.lines.at(-1), run.stdout).toMatch(/^0 errors, 0 warnings in \d+ files?$/);
        expect(run.exitCode).toBe(0);
    });

    test("a £2.5m works contract: Orbis's majorContract rule at Eastshire's 15% weighting", () => {
        const { questionSet } = compile(eastshire, 'works-2.5m.json');
        expect(questionSet.framework).toMatchObject({ id: 'eastshire.socialValue', version: '1.4.0' });
        expect(questionSet.ruleApplied?.id).toBe('majorContract');
        expect(questionSet.weighting).toBe(15);
    });

    test("the overridden proxy: £31,250 (Orbis's 20% deadweight kept) for every measure it values, the added ESH1 too", () => {
        const { rubric } = compile(eastshire, 'works-2.5m.json');
        const proxyOf = (code: string) => rubric.quantitative.measures.find(measure => measure.code === code)?.proxy;
        for (const code of ['NT1', 'NT2', 'ESH1']) {
            expect(proxyOf(code), code).toMatchObject({ id: 'localJob', value: '31250.00', netValuePerUnit: '25000.00', priceYear: 2025 });
            expect(proxyOf(code)?.source, code).toMatch(/^ILLUSTRATIVE value after the Eastshire County Council wage survey 2025/);
        }
        // Proxies Eastshire did not override are Orbis's.
        expect(proxyOf('NT3')).toMatchObject({ id: 'disadvantagedJob', value: '33400.00' });
    });

    test("the overridden ask, the added measure in Orbis's outcome, and not the retired one", () => {
        const { questionSet } = compile(eastshire, 'works-2.5m.json');
        const question = (id: string) => questionSet.questions.find(candidate => candidate.id === id);
        expect(question('NT1')?.text).toMatch(/^How many Eastshire residents \(FTE\)/);
        expect(question('ESH1')).toMatchObject({ kind: 'commitment', theme: 'jobs', outcome: 'localEmployment' });
        const localEmployment = questionSet.sections.find(section => section.theme === 'jobs')?.outcomes.find(outcome => outcome.outcome === 'localEmployment');
        expect(localEmployment?.questions).toEqual(expect.arrayContaining(['NT1', 'NT2', 'ESH1']));
        expect(question('NT20')).toBeUndefined();
        expect(JSON.stringify(questionSet.sections)).not.toContain('"NT20"');
    });

    test("untailored, the rules in the order tried: Eastshire's pledge just before Orbis's strategicContract", () => {
        const { questionSet } = compile(eastshire);
        expect(questionSet.rules?.map(rule => rule.id)).toEqual([
            'belowThreshold', 'lightAsk', 'standardAsk', 'majorContract', 'eastshireMajorWorks', 'strategicContract'
        ]);
        const rule = (id: string) => questionSet.rules?.find(candidate => candidate.id === id);
        // The overridden rules keep their place and take Eastshire's condition and title.
        expect(rule('belowThreshold')).toMatchObject({
            title: 'Under £50,000: no social value ask', condition: { field: 'contractValue', op: '<', value: '50000.00' }
        });
        expect(rule('lightAsk')?.condition).toEqual({ field: 'contractValue', from: '50000.00', to: '100000.00' });
    });

    test("a £40k services contract: no ask under Eastshire's £50k threshold (Orbis's is £25k)", () => {
        const { questionSet } = compile(eastshire, 'services-40k.json');
        expect(questionSet.ruleApplied?.id).toBe('belowThreshold');
        expect(questionSet.socialValueAsked).toBe(false);
    });

    test("a £12m works contract: Eastshire's pledge wins over Orbis's strategic ask", () => {
        const { questionSet, run } = compile(eastshire, 'works-12m.json');
        expect(questionSet.ruleApplied?.id).toBe('eastshireMajorWorks');
        expect(run.lines).toContainEqual(expect.stringMatching(/^Rule applied {2}eastshireMajorWorks /));
        expect(questionSet.weighting).toBe(20);
        expect(questionSet.selection.minimumCommitments.map(minimum => minimum.measure)).toEqual(['NT1', 'NT8']);
    });

    test('the header names the chain: Eastshire, then the Orbis base and the package it was installed from, each with a content hash', () => {
        const { questionSet, rubric } = compile(eastshire, 'works-2.5m.json');
        const chainDescription = 'eastshire.socialValue 1.4.0 extends orbis.base 2.1.0 (from @orbis/social-value 2.1.0)';
        expect(questionSet.chainDescription).toBe(chainDescription);
        expect(questionSet.chain).toEqual([
            { id: 'eastshire.socialValue', version: '1.4.0', package: null, sourceHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
            { id: 'orbis.base', version: '2.1.0', package: { name: '@orbis/social-value', version: '2.1.0' }, sourceHash: expect.stringMatching(/^[0-9a-f]{64}$/) }
        ]);
        expect(rubric.chain).toEqual(questionSet.chain);
    });

    test("provenance: Orbis's declarations with Eastshire's overrides, the previous values and the reasons", () => {
        const { questionSet, rubric } = compile(eastshire, 'works-2.5m.json');
        const orbis = { id: 'orbis.base', version: '2.1.0' };
        const eastshireFramework = { id: 'eastshire.socialValue', version: '1.4.0' };
        expect(rubric.quantitative.measures.find(measure => measure.code === 'NT1')?.proxy?.provenance).toEqual({
            framework: orbis,
            overrides: [{
                framework: eastshireFramework,
                reason: expect.stringMatching(/^Eastshire's 2025 wage survey/),
                changes: expect.arrayContaining([{ property: 'value', previous: '29200.00', value: '31250.00' }])
            }]
        });
        expect(questionSet.questions.find(question => question.id === 'NT1')?.provenance).toMatchObject({
            framework: orbis,
            overrides: [{
                framework: eastshireFramework,
                reason: expect.stringMatching(/^Eastshire's Council Plan/),
                changes: expect.arrayContaining([expect.objectContaining({ property: 'ask', previous: expect.stringMatching(/^How many local people/) })])
            }]
        });
        expect(questionSet.questions.find(question => question.id === 'ESH1')?.provenance).toEqual({ framework: eastshireFramework, overrides: [] });
        expect(rubric.evaluationProvenance).toEqual({
            framework: orbis,
            overrides: [{ framework: eastshireFramework, reason: expect.stringMatching(/^Eastshire's Social Value Policy 2025/), changes: [{ property: 'weighting', previous: '10', value: '15' }] }]
        });
    });

    test("provenance of the rules: Orbis's overridden rule with Eastshire's reason, and Eastshire's own rule", () => {
        const { questionSet } = compile(eastshire);
        const rule = (id: string) => questionSet.rules?.find(candidate => candidate.id === id);
        expect(rule('belowThreshold')?.provenance).toMatchObject({
            framework: { id: 'orbis.base' },
            overrides: [{ framework: { id: 'eastshire.socialValue' }, reason: expect.stringMatching(/^Eastshire's SME forum/) }]
        });
        expect(rule('eastshireMajorWorks')?.provenance).toEqual({ framework: { id: 'eastshire.socialValue', version: '1.4.0' }, overrides: [] });
        expect(rule('strategicContract')?.provenance).toEqual({ framework: { id: 'orbis.base', version: '2.1.0' }, overrides: [] });
    });
});

describe('mistakes an officer meets first', () => {
    test('the base installed at 1.9.0, outside ^2.0: `svf check` exits 1 with extends/version-out-of-range on the extends line', () => {
        const copy = copyOfExamples({ baseVersion: '1.9.0' });
        npmInstall(copy.eastshire, copy.root);
        const run = runSvf(['check', '.'], copy.eastshire);
        expect(run.exitCode, run.stdout).toBe(1);
        const line = run.lines.find(candidate => candidate.includes('extends/version-out-of-range'));
        expect(line, run.stdout).toMatch(new RegExp(`^framework\\.svf:${extendsLine}:\\d+ error extends/version-out-of-range `));
        // Both versions are named: what is installed and what the framework accepts.
        expect(line).toContain('1.9.0');
        expect(line).toContain('^2.0');
    }, 120_000);

    test('no `npm install`: `svf check` exits 1 with extends/package-not-installed, giving the npm install command', () => {
        const copy = copyOfExamples();
        const run = runSvf(['check', '.'], copy.eastshire);
        expect(run.exitCode, run.stdout).toBe(1);
        const line = run.lines.find(candidate => candidate.includes('extends/package-not-installed'));
        expect(line, run.stdout).toMatch(new RegExp(`^framework\\.svf:${extendsLine}:\\d+ error extends/package-not-installed `));
        expect(line).toContain('npm install @orbis/social-value');
    });
});
