import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures, removeTemporaryFolders, runSvf, temporaryFolder } from './run-svf.js';

const validFramework = path.join(fixtures, 'valid-framework');
const worksProfile = path.join(fixtures, 'profiles', 'works-2.5m.json');

afterEach(removeTemporaryFolders);

function readJson(file: string): Record<string, any> {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
}

/** Every file below a folder, relative to it: to prove that nothing was written. */
function filesBelow(folder: string): string[] {
    return fs.readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile())
        .map(entry => path.relative(folder, path.join(entry.parentPath, entry.name)))
        .sort();
}

describe('svf compile', () => {
    test('a £2.5m works contract from options: writes both files and summarises the question set', () => {
        const out = path.join(temporaryFolder(), 'out');
        const run = runSvf(['compile', validFramework, '--value', '2.5m', '--category', 'works', '--duration', '36', '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.lines).toEqual([
            `Wrote ${out}/question-set.json`,
            `Wrote ${out}/rubric.json`,
            '',
            'Framework     test.riverside 1.2.0 "Riverside Borough Council social value framework" (published)',
            'Contract      £2,500,000 works contract, 36 months',
            'Rule applied  standard "Contracts from £25k to £5m"',
            'Weighting     10% of total tender marks; social value marks 60% for commitments (relative scoring), 40% for method statements',
            'Questions     8: 5 commitments (1 record only), 2 method statements, 1 pass/fail gate',
            '  Jobs (jobs)                2 commitments, 1 method statement',
            '  Social (social)            2 commitments (1 record only), 1 method statement',
            '  Environment (environment)  1 commitment',
            '  Pass/fail gates            livingWage',
            'Selection     at most 3 measures; at least 1 from jobs',
            'Minimums      RB2: 10 (4 per £1,000,000 of contract value)',
            'Targets       none',
        ]);
        // The two visible names (links into the current generation, see cli/output-folder.ts).
        expect(fs.readdirSync(out).filter(name => !name.startsWith('.svf-')).sort()).toEqual(['question-set.json', 'rubric.json']);
        const questionSet = readJson(path.join(out, 'question-set.json'));
        expect(questionSet.framework.id).toBe('test.riverside');
        expect(questionSet.profile).toEqual({ contractValue: '2500000.00', category: 'works', durationMonths: 36, flags: [], annualValue: '833333.33', facts: {}, chosen: { outcomes: [], themes: [] }, weightings: {} });
        expect(questionSet.ruleApplied).toEqual({ id: 'standard', title: 'Contracts from £25k to £5m', provenance: { framework: { id: 'test.riverside', version: questionSet.framework.version }, overrides: [] } });
        expect(questionSet.weighting).toBe(10);
        expect(questionSet.selection.minimumCommitments).toEqual([{ measure: 'RB2', quantity: 10, perYear: null, years: null, basis: '4 per £1,000,000 of contract value' }]);
        const rubric = readJson(path.join(out, 'rubric.json'));
        expect(rubric.ruleApplied).toEqual(questionSet.ruleApplied);
        expect(rubric.quantitative.measures.map((measure: { code: string }) => measure.code)).toEqual(['RB1', 'RB2', 'RB3', 'RB4', 'RB5']);
    });

    test("the summary names the profile's declared facts, and the per-year minimums with their arithmetic", () => {
        const examples = path.resolve(fixtures, '../../../examples');
        const out = path.join(temporaryFolder(), 'out');
        const run = runSvf(['compile', path.join(examples, 'lep-programme'), '--profile', path.join(examples, 'lep-programme/profiles/city-deal-housing-6m.json'), '--out', out]);
        expect(run.exitCode).toBe(0);
        expect(run.lines).toContain('Contract      £6,000,000 works contract, 48 months, flags: residentialSite, area: east, programme: cityDeal');
        expect(run.lines).toContain('Rule applied  cityDealHousing "City Deal housing sites"');
        // £6m over 48 months is £1.5m a year: 1 per £1m per year is 1.5 a year, 6 over the four years.
        expect(run.lines).toContain('Minimums      NT1: 6 (1 per £1,000,000 of annual value per year (annual value £1,500,000): 1.5 a year for 4 years, 6 in total)');
    });

    test('a large services contract gets the large-contract rule: targets and scaled minimums in the summary', () => {
        const out = path.join(temporaryFolder(), 'out');
        const run = runSvf(['compile', validFramework, '--value', '£12,000,000', '--category', 'services', '--flag', 'lotted', '--out', out]);
        expect(run.exitCode).toBe(0);
        expect(run.lines).toContain('Contract      £12,000,000 services contract, flags: lotted');
        expect(run.lines).toContain('Rule applied  large "Contracts of £5m or more"');
        expect(run.lines).toContain('Selection     choose 2 to 4 measures; at least 1 from jobs');
        expect(run.lines).toContain('Minimums      RB1: 12 (1 per £1,000,000 of contract value)');
        expect(run.lines).toContain('Targets       social value of at least 10% of the contract value (£1,200,000); 3 published KPIs');
        // RB5 is for works contracts only.
        expect(run.lines).not.toContain('  Environment (environment)  1 commitment');
        const questionSet = readJson(path.join(out, 'question-set.json'));
        expect(questionSet.targets).toEqual({ minimumSvRatio: 10, minimumSocialValue: '1200000.00', kpis: 3 });
    });

    test('a contract below the threshold is asked nothing', () => {
        const out = path.join(temporaryFolder(), 'out');
        const run = runSvf(['compile', validFramework, '--value', '12k', '--category', 'goods', '--out', out]);
        expect(run.exitCode).toBe(0);
        expect(run.lines.slice(3)).toEqual([
            'Framework     test.riverside 1.2.0 "Riverside Borough Council social value framework" (published)',
            'Contract      £12,000 goods contract',
            'Rule applied  belowThreshold "No ask below £25k"',
            'Social value  not asked of this contract',
        ]);
        expect(readJson(path.join(out, 'question-set.json')).questions).toEqual([]);
    });

    test('a --profile file gives byte-identical outputs to the same contract given as options', () => {
        const fromFile = path.join(temporaryFolder(), 'from-file');
        const fromOptions = path.join(temporaryFolder(), 'from-options');
        expect(runSvf(['compile', validFramework, '--profile', worksProfile, '--out', fromFile]).exitCode).toBe(0);
        const options = ['--value', '2500000', '--category', 'works', '--duration', '36', '--flag', 'lotted'];
        expect(runSvf(['compile', validFramework, ...options, '--out', fromOptions]).exitCode).toBe(0);
        for (const file of ['question-set.json', 'rubric.json']) {
            expect(fs.readFileSync(path.join(fromFile, file), 'utf8')).toBe(fs.readFileSync(path.join(fromOptions, file), 'utf8'));
        }
        expect(readJson(path.join(fromFile, 'question-set.json')).profile.flags).toEqual(['lotted']);
    });

    test('without a contract the outputs are untailored and carry the rules; default output folder under svf-output/', () => {
        const workspace = temporaryFolder();
        fs.cpSync(validFramework, path.join(workspace, 'framework'), { recursive: true });
        const run = runSvf(['compile', 'framework'], workspace);
        expect(run.exitCode).toBe(0);
        expect(run.lines.slice(0, 2)).toEqual([
            'Wrote svf-output/test.riverside/question-set.json',
            'Wrote svf-output/test.riverside/rubric.json',
        ]);
        expect(run.lines).toContain('Contract      none given: untailored; 3 proportionality rules included for the portal to apply (belowThreshold, large, standard)');
        expect(run.lines.some(line => line.startsWith('Selection'))).toBe(false);
        const questionSet = readJson(path.join(workspace, 'svf-output', 'test.riverside', 'question-set.json'));
        expect(questionSet.profile).toBeNull();
        expect(questionSet.rules.map((rule: { id: string }) => rule.id)).toEqual(['belowThreshold', 'large', 'standard']);
        // No absolute paths leak into what a portal receives.
        expect(fs.readFileSync(path.join(workspace, 'svf-output', 'test.riverside', 'rubric.json'), 'utf8')).not.toContain(workspace);
    });

    test('compiling twice gives the same bytes', () => {
        const first = path.join(temporaryFolder(), 'first');
        const second = path.join(temporaryFolder(), 'second');
        expect(runSvf(['compile', validFramework, '--out', first]).exitCode).toBe(0);
        expect(runSvf(['compile', path.join(validFramework, 'framework.svf'), '--out', second]).exitCode).toBe(0);
        for (const file of ['question-set.json', 'rubric.json']) {
            expect(fs.readFileSync(path.join(first, file), 'utf8')).toBe(fs.readFileSync(path.join(second, file), 'utf8'));
        }
    });

    test('warnings do not stop a compile: shown on stderr, outputs written, exit 0', () => {
        const workspace = temporaryFolder();
        const framework = path.join(workspace, 'framework');
        fs.cpSync(validFramework, framework, { recursive: true });
        const units = path.join(framework, 'units.svf');
        fs.writeFileSync(units, fs.readFileSync(units, 'utf8').replace('    source "Illustrative value after the Unit Cost Database (2024 prices)"\n', ''));
        const run = runSvf(['compile', 'framework', '--value', '2.5m', '--category', 'works', '--out', 'out'], workspace);
        expect(run.exitCode).toBe(0);
        expect(run.stderr.trimEnd().split('\n')).toEqual([
            expect.stringMatching(/^framework\/units\.svf:14:51 warning proxy\/missing-source Proxy 'apprenticeWeek' does not say where its value comes from\./),
            '0 errors, 1 warning in 5 files',
        ]);
        expect(run.lines[0]).toBe('Wrote out/question-set.json');
        expect(fs.existsSync(path.join(workspace, 'out', 'rubric.json'))).toBe(true);
    });

    test('validation errors: the diagnostics on stderr, exit 1, nothing written', () => {
        const workspace = temporaryFolder();
        const run = runSvf(['compile', path.join(fixtures, 'broken-framework'), '--value', '2.5m', '--category', 'works', '--out', path.join(workspace, 'out')]);
        expect(run.exitCode).toBe(1);
        expect(run.stdout).toBe('');
        const lines = run.stderr.trimEnd().split('\n');
        expect(lines).toContain(
            `broken-framework/framework.svf:10:18 error reference/unresolved Unknown unit 'FTEs'. Check the spelling, declare it with \`unit NAME "label"\`, or import the file that declares it.`);
        expect(lines.at(-2)).toMatch(/^2 errors, \d+ warnings? in 2 files$/);
        expect(lines.at(-1)).toBe('Nothing was written: fix the errors above, then compile again.');
        expect(fs.readdirSync(workspace)).toEqual([]);
    });

    test('a file without a framework header: one line, exit 2', () => {
        const run = runSvf(['compile', 'valid-framework/units.svf']);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe('svf: valid-framework/units.svf has no `framework` header, so it is not a framework\'s entry file. Compile the file that starts with `framework <id> "<title>" { ... }`, or the folder that holds it as framework.svf.\n');
        expect(run.exitCode).toBe(2);
    });

    test('a folder without framework.svf: one line, exit 2', () => {
        const run = runSvf(['compile', 'profiles']);
        expect(run.stderr).toBe('svf: profiles: this folder has no framework.svf. Give the framework\'s entry file, or a folder that contains framework.svf.\n');
        expect(run.exitCode).toBe(2);
    });

    const usageErrors: Array<[string, string[], string]> = [
        ['a missing framework', ['no-such-framework'], 'svf: no-such-framework: no such file or folder.'],
        ['a missing profile', ['valid-framework', '--profile', 'profiles/missing.json'], 'svf: cannot read the contract profile profiles/missing.json: no such file or folder.'],
        ['a profile that is not JSON', ['valid-framework', '--profile', 'profiles/not-json.json'],
            'svf: the contract profile profiles/not-json.json is not valid JSON (Unexpected end of JSON input). Write it like {"contractValue": 2500000, "category": "works"}.'],
        ['a profile that breaks the schema', ['valid-framework', '--profile', 'profiles/wrong-shape.json'],
            'svf: profiles/wrong-shape.json: \'contractValue\' is "lots", but it must be the contract value in pounds, as a number like 2500000 or a string like "2500000.00" (no £, commas or k/m; at most 2 decimals). Correct it.'],
        ['--profile together with --value', ['valid-framework', '--profile', 'profiles/works-2.5m.json', '--value', '3m'],
            'svf: --profile cannot be combined with --value. Describe the contract either in the profile file or with the options, not both.'],
        ['a --value that is not money', ['valid-framework', '--value', '2.5x', '--category', 'works'],
            "svf: --value: '2.5x' is not an amount of money. Write it like 60000, £16.93, 250k, £2.5m, £1.2bn or £1,250,000."],
        ['a profile whose contract value JSON cannot hold exactly', ['valid-framework', '--profile', 'profiles/beyond-2-53.json'],
            'svf: profiles/beyond-2-53.json: contractValue is 12345678901234567890, which has more digits than a JSON number keeps exactly; write it as a string, e.g. "12345678901234567890.00".'],
        ['a --value with a fraction of a penny', ['valid-framework', '--value', '24999.999', '--category', 'works'],
            'svf: the command line: \'contractValue\' is "24999.999", which has a fraction of a penny; a contract value is in pounds and pence, with at most 2 decimals. Round it, e.g. "25000.00".'],
        ['a --value with an upper-case multiplier', ['valid-framework', '--value', '2.5M', '--category', 'works'], "svf: --value: '2.5M': write the multiplier in lower case: 2.5m."],
        ['a negative --value', ['valid-framework', '--value', '-2.5m', '--category', 'works'], "svf: --value: a contract value cannot be negative; got '-2.5m'."],
        ['an unknown --category', ['valid-framework', '--value', '2.5m', '--category', 'roads'],
            "svf: the contract described on the command line: /category: 'category' is \"roads\", but it must be one of the framework's categories: 'goods', 'services' or 'works'. Correct it."],
        ['--value without --category', ['valid-framework', '--value', '2.5m'], 'svf: --category is needed with --value: goods, services or works.'],
        ['--category without --value', ['valid-framework', '--category', 'works'],
            'svf: --category describes a contract, so --value is needed too (e.g. --value 2.5m --category works), or give a --profile file.'],
        ['a --duration that is not whole months', ['valid-framework', '--value', '2.5m', '--category', 'works', '--duration', '3.5'],
            "svf: --duration is the contract's length in whole months, e.g. --duration 36; got '3.5'."],
        ['a --flag that is not a name', ['valid-framework', '--value', '2.5m', '--category', 'works', '--flag', '9lives'],
            'svf: the command line: \'flags\' is ["9lives"], but it must be a list of distinct flag names such as ["lotted"] (letters, digits and _ only). Correct it.'],
        ['--out that is a file', ['valid-framework', '--value', '2.5m', '--category', 'works', '--out', 'profiles/works-2.5m.json'],
            'svf: Cannot write the outputs to profiles/works-2.5m.json: it is a file, not a folder. Choose another output folder.'],
    ];
    test.each(usageErrors)('%s: one line on stderr, exit 2, nothing written', (_name, args, message) => {
        const before = filesBelow(fixtures);
        const run = runSvf(['compile', ...args]);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(`${message}\n`);
        expect(run.exitCode).toBe(2);
        expect(filesBelow(fixtures)).toEqual(before);
    });
});
