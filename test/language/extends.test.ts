import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';
import { NpmLayout } from '../helpers/npm-packages.js';
import { validateSources, type SvfDiagnostic } from '../helpers/validate.js';

/** A small but complete base framework: what a shared service publishes. */
export const BASE_FRAMEWORK = `framework orbis.base "Orbis social value framework" {
    version 2.1.0
    priceYear 2025
}

unit fte "no. people FTE"
unit weeks "no. weeks"

proxy localJob "A local person employed for a year" = £24,000 per fte {
    source "ONS ASHE 2025"
}

scale fivePoint "0 to 5" {
    0 "None" "No response"
    5 "Excellent" "Specific, timed and evidenced"
}

theme jobs "Jobs" {
    outcome localEmployment "More local people in work" {
        measure NT1 "Local people employed" {
            unit fte
            proxy localJob
            ask "How many local people (FTE) will you employ on this contract?"
        }
        measure NT3 "Weeks of work placement" {
            unit weeks
            proxy £175 { source "Orbis placements study 2025" }
            ask "How many weeks of work placement will you offer?"
        }
    }
}

question MS1 "Employment plan" {
    outcomes localEmployment
    scale fivePoint
    weight 100%
    ask "Describe how you will recruit locally."
}

evaluation {
    weighting 10%
    split quantitative 60% qualitative 40%
    method relative
}

rule small "Under £100,000: no ask" when contractValue < £100k {
    no ask
}

rule standard "£100,000 and above" {
    include themes jobs
    include questions MS1
}
`;

function lines(diagnostics: SvfDiagnostic[] | undefined): string[] {
    return (diagnostics ?? []).map(d => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
}

describe('a framework that extends another (in one workspace)', () => {
    test('the child and every file it imports see the base\'s declarations; overrides and additions link to them', async () => {
        const diagnostics = await validateSources({
            'orbis-base/framework.svf': BASE_FRAMEWORK,
            'eastshire/framework.svf': [
                'import "local.svf"',
                'framework eastshire.socialValue "Eastshire" {',
                '    extends "../orbis-base"',
                '    version 1.4.0',
                '    priceYear 2025',
                '}',
                'override proxy localJob = £31,250 because "Eastshire wage survey 2025" {',
                '    source "Eastshire wage survey 2025"',
                '}',
                'retire measure NT3 because "Placements are counted by the county skills service"',
                'rule eastshireMicro "Under £25,000" before small when contractValue < £25k { no ask }',
                ''
            ].join('\n'),
            'eastshire/local.svf': [
                'add to outcome localEmployment {',
                '    measure EC1 "Care leavers employed" {',
                '        unit fte',
                '        proxy localJob',
                '        ask "How many care leavers (FTE) will you employ?"',
                '    }',
                '}',
                ''
            ].join('\n')
        });
        expect(lines(diagnostics['eastshire/framework.svf'])).toEqual([]);
        expect(lines(diagnostics['eastshire/local.svf'])).toEqual([]);
        expect(lines(diagnostics['orbis-base/framework.svf'])).toEqual([]);
    });

    test('override, retire, add to and before/after in a framework that extends nothing are errors with the fix', async () => {
        const diagnostics = await validateSources({
            'framework.svf': BASE_FRAMEWORK + [
                'override proxy localJob = £30,000 because "x"',
                'retire measure NT3 because "y"',
                'add to theme jobs { }',
                'rule late "Late" after small { no ask }',
                ''
            ].join('\n')
        });
        expect(lines(diagnostics['framework.svf']).filter(line => line.includes('extends/'))).toEqual([
            "54:1 error extends/no-base `override` changes a base framework, but this framework extends none. Add `extends \"<package or folder>\"` to its framework header, or declare what you need directly.",
            "55:1 error extends/no-base `retire` changes a base framework, but this framework extends none. Add `extends \"<package or folder>\"` to its framework header, or declare what you need directly.",
            "56:1 error extends/no-base `add to` changes a base framework, but this framework extends none. Add `extends \"<package or folder>\"` to its framework header, or declare what you need directly.",
            "57:18 error extends/no-base `after` places a rule among a base framework's rules, but this framework extends none. Remove `after small` (rules are tried in the order written), or add `extends \"...\"` to the framework header.",
        ]);
        // The names still link (they are this framework's own), so nothing else is said about them.
        expect(lines(diagnostics['framework.svf']).filter(line => line.includes('reference/'))).toEqual([]);
    });

    test('a measure override cannot change the unit; a proxy override cannot make the value £0', async () => {
        const diagnostics = await validateSources({
            'orbis-base/framework.svf': BASE_FRAMEWORK,
            'child/framework.svf': [
                'framework child.x "Child" {',
                '    extends "../orbis-base"',
                '    version 1.0.0',
                '}',
                'override measure NT1 because "count weeks" {',
                '    unit weeks',
                '}',
                'override proxy localJob = £0 because "free"',
                ''
            ].join('\n')
        });
        expect(lines(diagnostics['child/framework.svf']).filter(line => /unit-change|not-positive/.test(line))).toEqual([
            "6:5 error extends/unit-change A measure's unit cannot be overridden: members' returns and portals count 'NT1' in its unit. To count it differently, retire 'NT1' (`retire measure NT1 because \"...\"`) and add a measure with its own code and unit.",
            "8:27 error proxy/value-not-positive The override of proxy 'localJob' has the value £0; a financial proxy must be worth more than £0 per unit. Give the value of one unit, e.g. £16.93.",
        ]);
    });

    test("a minimum level an override sets, or inherits onto a new scale, must be a score of the question's scale", async () => {
        const diagnostics = await validateSources({
            'orbis-base/framework.svf': BASE_FRAMEWORK.replace('    weight 100%\n', '    weight 100%\n    minimum level 5\n'),
            'child/framework.svf': [
                'framework child.x "Child" {',
                '    extends "../orbis-base"',
                '    version 1.0.0',
                '}',
                'scale tenPoint { 0 "None" 10 "Excellent" }',
                'override question MS1 because "Marked out of 10" {',
                '    scale tenPoint',
                '}',
                ''
            ].join('\n'),
            'other/framework.svf': [
                'framework other.x "Other" {',
                '    extends "../orbis-base"',
                '    version 1.0.0',
                '}',
                'override question MS1 because "Good plans only" {',
                '    minimum level 3',
                '}',
                ''
            ].join('\n')
        });
        expect(lines(diagnostics['orbis-base/framework.svf'])).toEqual([]);
        expect(lines(diagnostics['child/framework.svf']).filter(line => line.includes('minimum-level'))).toEqual([
            "7:11 error question/minimum-level-not-on-scale The override of question 'MS1' has minimum level 5 (inherited from the base), but scale 'tenPoint' has no level with that score (its scores are 0, 10). Write one of those scores."
        ]);
        expect(lines(diagnostics['other/framework.svf']).filter(line => line.includes('minimum-level'))).toEqual([
            "6:19 error question/minimum-level-not-on-scale The override of question 'MS1' has minimum level 3, but scale 'fivePoint' has no level with that score (its scores are 0, 5). Write one of those scores."
        ]);
    });

    test('a base that is missing, not a framework, part of a cycle, or has errors: one error on the extends line', async () => {
        const header = (id: string, base: string) => `framework ${id} "${id}" {\n    extends "${base}"\n    version 1.0.0\n}\n`;
        const diagnostics = await validateSources({
            'missing/framework.svf': header('missing.x', '../nowhere'),
            'plain/framework.svf': 'unit fte "no. people FTE"\n',
            'not-a-framework/framework.svf': header('nota.x', '../plain'),
            'a/framework.svf': header('a.x', '../b'),
            'b/framework.svf': header('b.x', '../a'),
            'broken/framework.svf': BASE_FRAMEWORK.replace('unit fte', 'unit fte\nunit'),
            'on-broken/framework.svf': header('onbroken.x', '../broken')
        });
        expect(lines(diagnostics['missing/framework.svf'])).toEqual([
            "2:13 error extends/missing-base Cannot find base framework '../nowhere': nothing is at that path. It is relative to this file's folder (`../` goes up one folder); name the base's folder or its entry .svf file, or an installed package such as \"@orbis/social-value\"."
        ]);
        expect(lines(diagnostics['not-a-framework/framework.svf'])).toEqual([
            "2:13 error extends/not-a-framework Base '../plain' is not a framework: its entry file (../plain/framework.svf) has no `framework` header. Extend a framework's entry (the file that starts with `framework <id> \"<title>\" { ... }`), or import the file instead to use its declarations."
        ]);
        expect(lines(diagnostics['a/framework.svf'])).toEqual([
            '2:13 error extends/cycle Extends cycle: a.x extends b.x extends a.x. A framework cannot be its own base, directly or through others: one of them must extend another framework, or none.'
        ]);
        expect(lines(diagnostics['b/framework.svf'])).toEqual([
            '2:13 error extends/cycle Extends cycle: b.x extends a.x extends b.x. A framework cannot be its own base, directly or through others: one of them must extend another framework, or none.'
        ]);
        const onBroken = lines(diagnostics['on-broken/framework.svf']);
        expect(onBroken).toHaveLength(1);
        expect(onBroken[0]).toMatch(/^2:13 error extends\/base-has-errors Base framework 'orbis\.base' 2\.1\.0 has \d errors? \(the first at \.\.\/broken\/framework\.svf:\d+:\d+: .+\) so this framework cannot be compiled\. The base's publisher must fix (it|them); meanwhile extend a version of the base without errors\.$/);
    });
});

// One real npm layout for the package cases (packing and installing takes a few seconds).
let layout: NpmLayout;
const basePackage = (version: string, extra: Record<string, string> = {}) => ({
    name: '@orbis/social-value', version,
    fields: { svf: { entry: 'framework.svf' }, files: ['*.svf'] },
    files: { 'framework.svf': BASE_FRAMEWORK.replace('version 2.1.0', `version ${version}`), ...extra }
});
const child = (extendsLine: string) => `framework eastshire.socialValue "Eastshire" {\n    ${extendsLine}\n    version 1.4.0\n}\noverride proxy localJob = £31,250 because "Eastshire wage survey 2025"\n`;

async function checkFolder(folder: string) {
    const { Svf } = createSvfServices(SvfNodeFileSystem);
    const loaded = await loadFramework(Svf, { entry: layout.path(folder) });
    return { loaded, lines: loaded.diagnostics.map(d => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`) };
}

describe('a framework that extends an installed npm package', () => {
    beforeAll(() => {
        layout = new NpmLayout();
        layout.write({
            'eastshire/framework.svf': child('extends "@orbis/social-value" ^2.0'),
            'westshire/framework.svf': child('extends "@orbis/social-value" ^2.0'),
            'northshire/framework.svf': child('extends "@orbis/social-value" ^2.0'),
            'southshire/framework.svf': child('extends "@orbis/social-value" "not a range"'),
            'nested/framework.svf': child('extends "@nepo/regional" ~1.2')
        });
        layout.install('eastshire', [layout.pack(basePackage('2.1.3'))]);
        layout.install('westshire', [layout.pack(basePackage('1.9.0'))]);
        // A regional framework that extends the Orbis one at ^2.1, installed beside an older Orbis
        // (1.9.0) that the council's folder has: npm puts 2.1.3 in the regional package's own
        // node_modules, and the nearest one is the one it extends.
        layout.install('nested', [layout.pack({
            name: '@nepo/regional', version: '1.2.4',
            fields: { svf: { entry: 'regional.svf' }, files: ['*.svf'] },
            files: { 'regional.svf': 'framework nepo.regional "NEPO" {\n    extends "@orbis/social-value" ^2.1\n    version 1.2.4\n}\noverride evaluation because "NEPO councils weight social value at 15%" { weighting 15% }\n' }
        }), layout.pack(basePackage('1.9.0'))]);
        layout.install('nested/node_modules/@nepo/regional', [layout.pack(basePackage('2.1.3'))]);
    }, 120_000);
    afterAll(() => layout?.remove());

    test('resolved from node_modules, checked clean, and merged: the override applies', async () => {
        const { loaded, lines: found } = await checkFolder('eastshire');
        expect(found).toEqual([]);
        const framework = loaded.services.resolution.FrameworkResolution.frameworkOf(loaded.requested[0]!);
        expect(framework.proxies.find(proxy => proxy.id === 'localJob')?.value.toString()).toBe('31250');
        expect(framework.chain.map(link => `${link.id} ${link.version} ${link.package ? `${link.package.name} ${link.package.version}` : '-'}`))
            .toEqual(['eastshire.socialValue 1.4.0 -', 'orbis.base 2.1.3 @orbis/social-value 2.1.3']);
    });

    test('an installed version outside the range names both and the install command', async () => {
        expect((await checkFolder('westshire')).lines).toEqual([
            "2:13 error extends/version-out-of-range Package '@orbis/social-value' is version 1.9.0, outside the range ^2.0 this framework extends. Install a version in range (`npm install @orbis/social-value@^2.0`), or, if this framework now works with 1.9.0, change the range."
        ]);
    });

    test('a package that is not installed gives the exact npm install command', async () => {
        expect((await checkFolder('northshire')).lines).toEqual([
            "2:13 error extends/package-not-installed Base framework package '@orbis/social-value' is not installed: no node_modules folder in this file's folder or above it has it. Run `npm install @orbis/social-value@^2.0` in this file's folder (npm creates its package.json)."
        ]);
    });

    test('a range that is not semver says how to write one', async () => {
        expect((await checkFolder('southshire')).lines).toEqual([
            "2:35 error extends/invalid-range 'not a range' is not a version range. Write a semver range such as ^2.0 (any 2.x from 2.0), ~2.1 (2.1.x) or an exact version 2.1.0; a range with spaces goes in quotes (\">=2.0 <4\")."
        ]);
    });

    test('a base that extends another package, installed in its own node_modules: the whole chain resolves', async () => {
        const { loaded, lines: found } = await checkFolder('nested');
        expect(found).toEqual([]);
        const framework = loaded.services.resolution.FrameworkResolution.frameworkOf(loaded.requested[0]!);
        expect(framework.chain.map(link => `${link.id} ${link.version} ${link.package?.name ?? '-'}`))
            .toEqual(['eastshire.socialValue 1.4.0 -', 'nepo.regional 1.2.4 @nepo/regional', 'orbis.base 2.1.3 @orbis/social-value']);
        expect(framework.evaluation?.weighting?.toString()).toBe('15');
        // Only what is extended is loaded: the base packages' entry files, nothing else of node_modules.
        expect(loaded.services.shared.workspace.LangiumDocuments.all.map(doc => doc.uri.path.slice(layout.root.length)).toArray().sort()).toEqual([
            '/nested/framework.svf',
            '/nested/node_modules/@nepo/regional/node_modules/@orbis/social-value/framework.svf',
            '/nested/node_modules/@nepo/regional/regional.svf'
        ].sort());
    });
});
