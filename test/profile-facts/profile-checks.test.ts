import { describe, expect, test } from 'vitest';
import { validateSources, type SvfDiagnostic } from '../helpers/validate.js';

/** A framework whose rules are `rules` and whose profile block (if any) is `profile`. */
function framework(profile: string | null, rules: string, measureCategories = '', imports = ''): string {
    return [
        imports,
        'framework lep "LEP" {',
        '    version 1.0.0',
        '}',
        profile ?? '',
        'unit FTE "no. people FTE" record',
        'theme jobs {',
        '    outcome localJobs {',
        '        measure NT1 {',
        '            unit FTE',
        '            ask "How many local people will you employ?"',
        measureCategories ? `            categories ${measureCategories}` : '',
        '        }',
        '    }',
        '}',
        'evaluation {',
        '    weighting 10%',
        '}',
        rules,
        'rule otherwise { weighting 10% }',
        ''
    ].join('\n');
}

const PROFILE = [
    'profile {',
    '    flag residentialSite "A housing site"',
    '    choice programme "Funding programme" one of growthDeal, cityDeal, boost, rosebud',
    '    set priorities any of housing, skills',
    '    chosen outcomes "Policy outcomes chosen for this contract"',
    '    categories goods, services, works, grants',
    '}'
].join('\n');

async function diagnosticsOf(text: string): Promise<SvfDiagnostic[]> {
    return (await validateSources({ 'framework.svf': text }))['framework.svf']!;
}

/** The diagnostics with profile codes, as `line:column code message`. */
async function profileDiagnostics(text: string): Promise<string[]> {
    return (await diagnosticsOf(text)).filter(d => d.code.startsWith('profile/'))
        .map(d => `${d.line}:${d.column}-${d.endColumn} ${d.severity} ${d.code} ${d.message}`);
}

/** Errors and profile diagnostics (gaps and unreachable rules are the coverage analysis's). */
async function problems(text: string): Promise<SvfDiagnostic[]> {
    return (await diagnosticsOf(text)).filter(d => d.severity === 'error' || d.code.startsWith('profile/'));
}

function lineOf(text: string, fragment: string): number {
    return text.split('\n').findIndex(line => line.includes(fragment)) + 1;
}

describe('with a profile block, rules test only declared facts', () => {
    test('a declared flag, choice, set, category and chosen outcomes: no profile diagnostics', async () => {
        const text = framework(PROFILE, [
            'rule a when residentialSite and programme is cityDeal { include chosen outcomes }',
            'rule b when programme in growthDeal, boost and priorities in skills { weighting 12% }',
            'rule c when category is grants and annualValue >= £5m { no ask }'
        ].join('\n'), 'grants, works');
        expect(await problems(text)).toEqual([]);
    });

    test('profile/undeclared-fact: a condition on a fact nobody declared, with the declaration to add', async () => {
        const text = framework(PROFILE, 'rule a when area is east, west { weighting 12% }');
        const line = lineOf(text, 'rule a');
        expect(await profileDiagnostics(text)).toEqual([
            `${line}:13-17 error profile/undeclared-fact \`area\` is not a declared fact of the contract profile. Declare it in the \`profile\` block, e.g. \`choice area one of east, west\`.`
        ]);
    });

    test('profile/undeclared-fact names the nearest declared facts', async () => {
        const text = framework(PROFILE, 'rule a when programe is cityDeal { weighting 12% }\nrule b when residentalSite { weighting 12% }');
        expect(await profileDiagnostics(text)).toEqual([
            `${lineOf(text, 'rule a')}:13-21 error profile/undeclared-fact \`programe\` is not a declared fact of the contract profile. Declare it in the \`profile\` block, e.g. \`choice programe one of cityDeal\`. Did you mean 'programme'?`,
            `${lineOf(text, 'rule b')}:13-27 error profile/undeclared-fact \`residentalSite\` is not a declared fact of the contract profile. Declare it in the \`profile\` block, e.g. \`flag residentalSite\`. Did you mean 'residentialSite'?`
        ]);
    });

    test('profile/unknown-value: the flag "Boost" no longer silently picks the fallback rule', async () => {
        const text = framework(PROFILE, 'rule a when programme is Boost, cityDeal { weighting 12% }\nrule b when priorities in jobs { weighting 12% }');
        expect(await profileDiagnostics(text)).toEqual([
            `${lineOf(text, 'rule a')}:26-31 error profile/unknown-value 'Boost' is not a value of choice 'programme'; its values are 'growthDeal', 'cityDeal', 'boost' or 'rosebud'. Did you mean 'boost'? Correct it, or add it to the choice's values.`,
            `${lineOf(text, 'rule b')}:27-31 error profile/unknown-value 'jobs' is not a value of set 'priorities'; its values are 'housing' and 'skills'. Correct it, or add it to the set's values.`
        ]);
    });

    test('profile/fact-kind-mismatch: a flag tested like a choice, a choice tested like a flag', async () => {
        const text = framework(PROFILE, 'rule a when residentialSite is yes { weighting 12% }\nrule b when programme { weighting 12% }');
        expect(await profileDiagnostics(text)).toEqual([
            `${lineOf(text, 'rule a')}:13-28 error profile/fact-kind-mismatch 'residentialSite' is a flag, so a condition tests it by name alone: write \`residentialSite\` (or \`not residentialSite\`), not \`residentialSite is ...\`.`,
            `${lineOf(text, 'rule b')}:13-22 error profile/fact-kind-mismatch 'programme' is a choice, not a flag, so a condition says which of its values it tests: \`programme is growthDeal\`.`
        ]);
    });

    test('profile/undeclared-category: in a condition and in a measure', async () => {
        const text = framework(PROFILE, 'rule a when category is grant { weighting 12% }', 'loans');
        expect(await profileDiagnostics(text)).toEqual([
            `${lineOf(text, 'categories loans')}:24-29 error profile/undeclared-category 'loans' is not a contract category of this framework; its categories are goods, services, works and grants. To add one, declare them all in the \`profile\` block: \`categories goods, services, works, grants, loans\`.`,
            `${lineOf(text, 'rule a')}:25-30 error profile/undeclared-category 'grant' is not a contract category of this framework; its categories are goods, services, works and grants. Did you mean 'grants'? To add one, declare them all in the \`profile\` block: \`categories goods, services, works, grants, grant\`.`
        ]);
    });

    test('profile/chosen-not-declared: include chosen themes without `chosen themes`', async () => {
        const text = framework(PROFILE, 'rule a when programme is boost { include chosen themes }');
        expect(await profileDiagnostics(text)).toEqual([
            `${lineOf(text, 'rule a')}:49-55 error profile/chosen-not-declared \`include chosen themes\` asks the themes the buyer chooses for each contract, but the contract profile declares no \`chosen themes\`, so no profile can choose any. Declare it in the \`profile\` block: \`chosen themes "Themes chosen for this contract"\`.`
        ]);
    });

    test('profile/duplicate-value and profile/duplicate-fact', async () => {
        const profile = [
            'profile {',
            '    choice programme one of growthDeal, cityDeal, growthDeal',
            '    flag programme',
            '    categories goods, works, goods',
            '}'
        ].join('\n');
        const text = framework(profile, '');
        expect(await profileDiagnostics(text)).toEqual([
            `6:12-21 error profile/duplicate-fact Fact 'programme' is declared more than once (also at line 7); each fact of the contract profile is declared once, and a framework that extends another adds facts to its base's, it cannot redeclare them. Remove this one, or rename it.`,
            `6:51-61 error profile/duplicate-value The value 'growthDeal' is listed twice. Remove the repeated one.`,
            `7:10-19 error profile/duplicate-fact Fact 'programme' is declared more than once (also at line 6); each fact of the contract profile is declared once, and a framework that extends another adds facts to its base's, it cannot redeclare them. Remove this one, or rename it.`,
            `8:30-35 error profile/duplicate-value The category 'goods' is listed twice. Remove the repeated one.`
        ]);
    });

    test('a profile block in another file of the framework counts', async () => {
        const text = framework(null, 'rule a when programme is cityDeal { weighting 12% }', '', 'import "profile.svf"');
        const diagnostics = await validateSources({ 'framework.svf': text, 'profile.svf': PROFILE });
        expect(diagnostics['framework.svf']!.filter(d => d.severity === 'error' || d.code.startsWith('profile/'))).toEqual([]);
        expect(diagnostics['profile.svf']).toEqual([]);
    });
});

describe('without a profile block (frameworks written before profiles)', () => {
    test('profile/undeclared-flag: each flag a rule tests is a deprecation warning, not an error', async () => {
        const text = framework(null, 'rule a when lotted and not residentialSite { weighting 12% }');
        const line = lineOf(text, 'rule a');
        const diagnostics = await diagnosticsOf(text);
        expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(await profileDiagnostics(text)).toEqual([
            `${line}:13-19 warning profile/undeclared-flag Flag 'lotted' is not declared; declare the facts your rules test in a \`profile\` block: \`profile { flag lotted }\`. Undeclared flags are deprecated.`,
            `${line}:28-43 warning profile/undeclared-flag Flag 'residentialSite' is not declared; declare the facts your rules test in a \`profile\` block: \`profile { flag residentialSite }\`. Undeclared flags are deprecated.`
        ]);
    });

    test('a framework whose rules test no flags: no warning', async () => {
        expect(await problems(framework(null, 'rule a when contractValue >= £1m { weighting 12% }'))).toEqual([]);
    });

    test('a choice condition is still an undeclared fact, and a category outside goods, services and works undeclared', async () => {
        const text = framework(null, 'rule a when area is east { weighting 12% }\nrule b when category is grants { no ask }');
        expect(await profileDiagnostics(text)).toEqual([
            `${lineOf(text, 'rule a')}:13-17 error profile/undeclared-fact \`area\` is not a declared fact of the contract profile. Declare it in the \`profile\` block, e.g. \`choice area one of east\`.`,
            `${lineOf(text, 'rule b')}:25-31 error profile/undeclared-category 'grants' is not a contract category of this framework; its categories are goods, services and works. To add one, declare them all in the \`profile\` block: \`categories goods, services, works, grants\`.`
        ]);
    });

    test('include chosen outcomes with no profile block', async () => {
        const text = framework(null, 'rule a { include chosen outcomes }');
        expect((await profileDiagnostics(text)).map(d => d.split(' ').slice(1, 3).join(' '))).toEqual(['error profile/chosen-not-declared']);
    });
});

describe('a framework that extends another', () => {
    const base = [
        'framework base "Base" {',
        '    version 1.0.0',
        '}',
        'profile {',
        '    choice programme one of growthDeal, cityDeal',
        '}',
        'unit FTE "no. people FTE" record',
        'theme jobs {',
        '    outcome localJobs {',
        '        measure NT1 {',
        '            unit FTE',
        '            ask "How many local people will you employ?"',
        '        }',
        '    }',
        '}',
        'evaluation {',
        '    weighting 10%',
        '}',
        'rule otherwise { weighting 10% }',
        ''
    ].join('\n');
    const child = (profile: string, rules: string) => [
        'framework child "Child" {',
        '    extends "../base/framework.svf"',
        '    version 1.0.0',
        '}',
        profile,
        rules,
        ''
    ].join('\n');

    test("tests the base's facts and adds its own", async () => {
        const diagnostics = await validateSources({
            'base/framework.svf': base,
            'child/framework.svf': child('profile {\n    set priorities any of housing, skills\n}', 'rule a before otherwise when programme is cityDeal and priorities in skills { weighting 12% }')
        });
        expect(diagnostics['child/framework.svf']!.filter(d => d.severity === 'error' || d.code.startsWith('profile/'))).toEqual([]);
    });

    test("redeclaring a base's fact is an error", async () => {
        const diagnostics = await validateSources({
            'base/framework.svf': base,
            'child/framework.svf': child('profile {\n    choice programme one of growthDeal, boost\n}', '')
        });
        expect(diagnostics['child/framework.svf']!.map(d => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
            "6:12 profile/duplicate-fact Fact 'programme' is declared more than once (also at framework.svf:5); each fact of the contract profile is declared once, and a framework that extends another adds facts to its base's, it cannot redeclare them. Remove this one, or rename it."
        ]);
    });
});
