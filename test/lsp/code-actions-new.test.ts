import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CodeActionKind } from 'vscode-languageserver';
import { freeCode } from '../../language/lsp/code-actions/rename-duplicate.js';
import { rescaleToTotal } from '../../language/lsp/code-actions/rescale-weights.js';
import { actionsAt, applyAction, codeActionsFor, codesAfter, formatted, messagesAfter } from './code-actions-helpers.js';

const HEADER = 'framework lep "LEP" {\n    version 1.0.0\n}\n';
const UNITS = 'unit FTE "no. people FTE"\n\nproxy localJob "Local job" = £25,000 per FTE {\n    source "ONS"\n}\n';
const THEME = `theme jobs "Jobs" {
    outcome local "Local" {
        measure NT1 "Local people employed" {
            unit FTE
            proxy localJob
            ask "How many?"
        }
    }
}
`;
const EVALUATION = 'evaluation {\n    weighting 10%\n}\n';
const RULES = `// Small contracts
rule small "Small" when contractValue < £100k {
    no ask
}

// Large contracts
rule large "Large" when contractValue >= £1m {
    weighting 10%
    select 1 to 1 measures
}
`;

describe('rule/gap: add a rule for the band', () => {
    const framework = `${HEADER}\n${UNITS}\n${THEME}\n${EVALUATION}\n${RULES}`;

    test('no ask, or the effects of the rule below or above, placed after the rule for the band below', async () => {
        const { offered } = await codeActionsFor({ 'framework.svf': framework }, 'framework.svf', 'rule/gap');
        expect(offered).toHaveLength(1);
        const { actions } = offered[0]!;
        // The rule below asks nothing too: no second `no ask` offer.
        expect(actions.map(action => [action.title, action.isPreferred])).toEqual([
            ['Add a rule for goods, services and works contracts from £100,000 to under £1,000,000 that asks nothing (`no ask`)', true],
            ["Add a rule for goods, services and works contracts from £100,000 to under £1,000,000 with the effects of rule 'large' (the band above)", false]
        ]);
        const fixed = applyAction({ 'framework.svf': framework }, actions[0]!);
        expect(fixed['framework.svf']).toBe(framework.replace('    no ask\n}\n', `    no ask
}

rule uncovered "Goods, services and works contracts from £100,000 to under £1,000,000" when contractValue from £100k to £1m {
    no ask
}
`));
        expect(await codesAfter(fixed)).toEqual({ 'framework.svf': [] });
        expect(await formatted(fixed['framework.svf']!)).toBe(fixed['framework.svf']);
        const copied = applyAction({ 'framework.svf': framework }, actions[1]!);
        expect(copied['framework.svf']).toContain('when contractValue from £100k to £1m {\n    weighting 10%\n    select 1 to 1 measures\n}\n\n// Large contracts');
        expect(await codesAfter(copied)).toEqual({ 'framework.svf': [] });
    });

    test('a gap for some categories and a flag: the condition names them; the rule goes after the last rule, in the rules file', async () => {
        const rules = `rule works "Works" when category is works {\n    no ask\n}\n\nrule lottedGoods "Lotted goods" when category is goods and lotted {\n    no ask\n}\n\nrule services "Services" when category is services {\n    no ask\n}\n`;
        const sources = {
            'framework.svf': `import "rules.svf"\n\n${HEADER}\nprofile {\n    flag lotted\n}\n\n${UNITS}\n${THEME}\n${EVALUATION}`,
            'rules.svf': rules
        };
        const { offered } = await codeActionsFor(sources, 'framework.svf', 'rule/gap');
        expect(offered.map(({ actions }) => actions.map(action => action.title))).toEqual([
            ['Add a rule for goods contracts of any value that are not lotted that asks nothing (`no ask`)']
        ]);
        const fixed = applyAction(sources, offered[0]!.actions[0]!);
        expect(fixed['framework.svf']).toBe(sources['framework.svf']);
        expect(fixed['rules.svf']).toBe(`${rules}\nrule uncovered "Goods contracts of any value that are not lotted" when category is goods and not lotted {\n    no ask\n}\n`);
        expect(await codesAfter(fixed)).toEqual({ 'framework.svf': [], 'rules.svf': [] });
    });

    test('a choice, durations and annual values in the condition, and the gap is gone; none when the region is not one condition', async () => {
        const cases = [
            { profile: 'profile {\n    choice programme one of growth, city, coast\n}\n', rules: 'rule a when programme in growth, city {\n    no ask\n}\n' },
            { profile: '', rules: 'rule short when durationMonths < 12 {\n    no ask\n}\n\nrule unknown when not durationMonths >= 0 {\n    no ask\n}\n\nrule long when durationMonths > 36 {\n    no ask\n}\n' },
            { profile: '', rules: 'rule big when annualValue >= £2m {\n    no ask\n}\n\nrule small when contractValue < £1m {\n    no ask\n}\n' }
        ];
        const conditions = [];
        for (const { profile, rules } of cases) {
            const framework = `${HEADER}\n${profile}${UNITS}\n${THEME}\n${EVALUATION}\n${rules}`;
            const { offered } = await codeActionsFor({ 'framework.svf': framework }, 'framework.svf', 'rule/gap');
            for (const { actions, diagnostic } of offered) {
                if (actions.length === 0) { conditions.push(`none: ${diagnostic.message}`); continue; }
                const fixed = applyAction({ 'framework.svf': framework }, actions[0]!)['framework.svf']!;
                conditions.push(/when (.*) \{\n    no ask\n\}\n$/.exec(fixed.slice(fixed.indexOf('rule uncovered')))?.[1]);
                expect(await messagesAfter({ 'framework.svf': fixed }, 'framework.svf')).not.toContain(diagnostic.message);
            }
        }
        expect(conditions).toEqual([
            'programme is coast',
            'durationMonths >= 12 and durationMonths <= 36',
            // "No duration or 0 months" (no annual value) is not one condition: no rule is offered.
            'none: goods, services and works contracts of £1,000,000 or more with no duration given or lasting exactly 0 months match no rule. Add a rule for them, or a final rule without `when` to catch everything else.',
            'contractValue >= £1m and annualValue < £2m'
        ]);
    });

    test('indented with tabs in a file indented with tabs', async () => {
        const tabbed = framework.replace(/^    /gm, '\t');
        const { offered } = await codeActionsFor({ 'framework.svf': tabbed }, 'framework.svf', 'rule/gap');
        expect(applyAction({ 'framework.svf': tabbed }, offered[0]!.actions[0]!)['framework.svf']).toContain('when contractValue from £100k to £1m {\n\tno ask\n}\n');
    });

    test('the new rule gets a name no rule has', async () => {
        const taken = framework.replace('rule small "Small"', 'rule uncovered "Small"');
        const { offered } = await codeActionsFor({ 'framework.svf': taken }, 'framework.svf', 'rule/gap');
        expect(applyAction({ 'framework.svf': taken }, offered[0]!.actions[0]!)['framework.svf']).toContain('rule uncovered2 "Goods');
    });
});

describe('rule/unreachable: remove the rule', () => {
    test('the rule, its comment lines and one blank line go; the rest stays as written', async () => {
        const rules = `${RULES}\n// Never reached: large takes these\n// (kept for the record)\nrule huge "Huge" when contractValue >= £5m {\n    weighting 15%\n}\n\nrule rest "The rest" {\n    no ask\n}\n`;
        const framework = `${HEADER}\n${UNITS}\n${THEME}\n${EVALUATION}\n${rules}`;
        const { offered } = await codeActionsFor({ 'framework.svf': framework }, 'framework.svf', 'rule/unreachable');
        expect(offered.map(({ actions }) => actions.map(action => [action.title, action.isPreferred]))).toEqual([[["Remove unreachable rule 'huge'", true]]]);
        const fixed = applyAction({ 'framework.svf': framework }, offered[0]!.actions[0]!);
        expect(fixed['framework.svf']).toBe(`${HEADER}\n${UNITS}\n${THEME}\n${EVALUATION}\n${RULES}\nrule rest "The rest" {\n    no ask\n}\n`);
        expect(await codesAfter(fixed)).toEqual({ 'framework.svf': [] });
    });

    test('the last rule of the file: the blank line before it goes', async () => {
        const framework = `${HEADER}\n${UNITS}\n${THEME}\n${EVALUATION}\n${RULES.replace('< £100k', '< £1m')}\nrule medium when contractValue from £100k to £1m {\n    no ask\n}\n`;
        const { offered } = await codeActionsFor({ 'framework.svf': framework }, 'framework.svf', 'rule/unreachable');
        const fixed = applyAction({ 'framework.svf': framework }, offered[0]!.actions[0]!);
        expect(fixed['framework.svf']).toBe(`${HEADER}\n${UNITS}\n${THEME}\n${EVALUATION}\n${RULES.replace('< £100k', '< £1m')}`);
    });
});

describe('weights that do not add up: rescale', () => {
    const questions = (weights: string[]) => `import "scales.svf"\nimport "themes.svf"\n\n${weights.map((weight, index) =>
        `question q${index + 1} "Question ${index + 1}" {\n    outcomes local\n    scale fivePoint\n    weight ${weight}\n    ask "Describe."\n}\n`).join('\n')}`;
    const sources = (weights: string[]) => ({
        'framework.svf': `import "questions.svf"\n\n${HEADER}\n${UNITS}\nevaluation {\n    weighting 10%\n    split quantitative 60% qualitative 40%\n}\n\nrule all "All" {\n    weighting 10%\n}\n`,
        'questions.svf': questions(weights),
        'scales.svf': 'scale fivePoint "0 to 5" {\n    0 "None"\n    5 "Excellent"\n}\n',
        'themes.svf': `unit FTE2 "FTE"\n\n${THEME.replace('unit FTE', 'unit FTE2').replace('            proxy localJob\n', '            record only\n')}`
    });

    test('question weights in another file: the edit goes there, proportionally, adding up to exactly 100%', async () => {
        const before = sources(['30%', '30%', '30%']);
        const { offered } = await codeActionsFor(before, 'framework.svf', 'question/weights-not-100');
        expect(offered.map(({ actions }) => actions.map(action => action.title))).toEqual([['Rescale weights to add up to 100%: 34%, 33%, 33%']]);
        const fixed = applyAction(before, offered[0]!.actions[0]!);
        expect(Object.keys(offered[0]!.actions[0]!.edit!.changes!)).toHaveLength(1);
        expect(fixed['questions.svf']).toBe(questions(['34%', '33%', '33%']));
        expect(await codesAfter(fixed)).toEqual({ 'framework.svf': [], 'questions.svf': [], 'scales.svf': [], 'themes.svf': [] });
    });

    test('decimals keep their precision', async () => {
        const before = sources(['12.5%', '12.5%', '50%']);
        const { offered } = await codeActionsFor(before, 'framework.svf', 'question/weights-not-100');
        expect(applyAction(before, offered[0]!.actions[0]!)['questions.svf']).toBe(questions(['16.7%', '16.7%', '66.6%']));
    });

    test("criteria weightings rescaled to the evaluation's weighting; not for a range", async () => {
        const framework = (criteria: string) => `${HEADER}\n${UNITS}\n${THEME}\nevaluation {\n    weighting 20%\n${criteria}}\n\nrule all "All" {\n    weighting 20%\n}\n`;
        const fixedWeightings = framework('    criterion socialValue "Social value" 10% covers themes jobs\n    criterion environment "Environment" 15%\n');
        const { offered } = await codeActionsFor({ 'framework.svf': fixedWeightings }, 'framework.svf', 'evaluation/criteria-weighting-mismatch');
        expect(offered.map(({ actions }) => actions.map(action => action.title))).toEqual([["Rescale weights to add up to 20% (the evaluation's weighting): 8%, 12%"]]);
        const fixed = applyAction({ 'framework.svf': fixedWeightings }, offered[0]!.actions[0]!);
        expect(fixed['framework.svf']).toContain('criterion socialValue "Social value" 8% covers themes jobs\n    criterion environment "Environment" 12%\n');
        expect((await codesAfter(fixed))['framework.svf']).not.toContain('evaluation/criteria-weighting-mismatch');

        const range = framework('    criterion socialValue "Social value" at least 10% covers themes jobs\n    criterion environment "Environment" 15%\n');
        const ranged = await codeActionsFor({ 'framework.svf': range }, 'framework.svf', 'evaluation/criteria-weighting-mismatch');
        expect(ranged.offered.map(({ actions }) => actions)).toEqual([[]]);
    });

    test("not offered when a weight is in the base framework this one extends (the base's to change)", async () => {
        const base = sources(['60%', '40%']);
        const extended = {
            ...Object.fromEntries(Object.entries(base).map(([key, text]) => [`base/${key}`, text])),
            'child/framework.svf': 'framework child "Child" {\n    extends "../base/framework.svf"\n    version 1.0.0\n}\n\noverride question q1 because "A heavier plan" {\n    weight 30%\n}\n'
        };
        const { offered } = await codeActionsFor(extended, 'child/framework.svf', 'question/weights-not-100');
        expect(offered.map(({ actions }) => actions)).toEqual([[]]);
    });

    test('rescaling adds up to the target exactly and stays within one unit of the exact share', () => {
        const weight = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2 }))
            .map(([units, decimals]) => (decimals === 0 ? String(units) : (units / 10 ** decimals).toFixed(decimals)));
        fc.assert(fc.property(fc.array(weight, { minLength: 1, maxLength: 8 }), fc.constantFrom('100', '20', '12.5'), (weights, target) => {
            const rescaled = rescaleToTotal(weights, target);
            const total = weights.reduce((sum, value) => sum + Number(value), 0);
            if (total === 0) return rescaled === undefined;
            const decimals = Math.max(...[...weights, target].map(value => value.split('.')[1]?.length ?? 0));
            const unit = 10 ** -decimals;
            const cents = (value: string) => Math.round(Number(value) * 10 ** decimals);
            expect(rescaled!.reduce((sum, value) => sum + cents(value), 0)).toBe(cents(target));
            rescaled!.forEach((value, index) => {
                const exact = Number(weights[index]) * Number(target) / total;
                expect(Math.abs(Number(value) - exact)).toBeLessThan(unit + 1e-9);
                if (Number(weights[index]) === 0) expect(value).toBe('0');
            });
            return true;
        }));
    });
});

describe('measure/missing-proxy: a proxy for the measure', () => {
    const measure = (unit: string) => `        measure NT2 "More" {\n            unit ${unit}\n            ask "How many more?"\n        }\n`;
    const framework = (unit: string, extra = '') => `${HEADER}\n${UNITS}${extra}\n${THEME.replace('    }\n}\n', `${measure(unit)}    }\n}\n`)}\n${EVALUATION}\nrule all "All" {\n    no ask\n}\n`;

    test('use a proxy for the unit, or an inline copy of the most used one, besides record only', async () => {
        const extra = '\nproxy apprentice "Apprentice" = £12,000.50 per FTE {\n    source "UCD"\n    priceYear 2024\n}\n\nproxy hours "Hours" = £10 per hour {\n    source "ONS"\n}\n\nunit hour "hours"\n';
        const before = { 'framework.svf': framework('FTE', extra) };
        const { offered } = await codeActionsFor(before, 'framework.svf', 'measure/missing-proxy');
        const { actions } = offered[0]!;
        expect(actions.map(action => action.title)).toEqual([
            "Mark measure 'NT2' as record only (reported, never monetised)",
            "Use proxy 'apprentice' (£12,000.50 per FTE) for measure 'NT2'",
            "Use proxy 'localJob' (£25,000 per FTE) for measure 'NT2'",
            "Add an inline proxy of £25,000 per FTE (the value and source of proxy 'localJob': check they fit)"
        ]);
        const used = applyAction(before, actions[1]!);
        expect(used['framework.svf']).toContain('            ask "How many more?"\n            proxy apprentice\n        }');
        expect(await codesAfter(used)).toEqual({ 'framework.svf': [] });
        const inline = applyAction(before, actions[3]!);
        expect(inline['framework.svf']).toContain('            ask "How many more?"\n            proxy £25,000 {\n                source "ONS"\n            }\n        }');
        expect(await codesAfter(inline)).toEqual({ 'framework.svf': [] });
        expect(await formatted(inline['framework.svf']!)).toBe(inline['framework.svf']);
    });

    test('no proxy for the unit: the inline proxy is £0, an error until a value is written', async () => {
        const before = { 'framework.svf': framework('hour', '\nunit hour "hours"\n') };
        const { offered } = await codeActionsFor(before, 'framework.svf', 'measure/missing-proxy');
        const titles = offered[0]!.actions.map(action => action.title);
        expect(titles).toEqual([
            "Mark measure 'NT2' as record only (reported, never monetised)",
            'Add an inline proxy (its value £0 stays an error until you write the value of one hour)'
        ]);
        const inline = applyAction(before, offered[0]!.actions[1]!);
        expect(inline['framework.svf']).toContain('            proxy £0 {\n                source "Where the value comes from"\n            }\n');
        expect(await codesAfter(inline)).toEqual({ 'framework.svf': ['proxy/value-not-positive'] });
    });
});

describe('declaration/duplicate on a measure: rename to a free code', () => {
    test('the next number with the same prefix; the references to this measure follow it', async () => {
        const theme = THEME.replace('    }\n}\n', `        measure NT14 "Other" {\n            unit FTE\n            proxy localJob\n            ask "How many others?"\n        }\n    }\n}\n`);
        const sources = {
            'framework.svf': `import "second.svf"\nimport "units.svf"\n\n${HEADER}\n${theme}\n${EVALUATION}\nrule all "All" {\n    minimum NT1 1\n}\n`,
            'second.svf': `import "units.svf"\n\ntheme more "More" {\n    outcome other "Other" {\n        measure NT1 "Duplicate" {\n            unit FTE\n            proxy localJob\n            ask "How many?"\n        }\n    }\n}\n`,
            'units.svf': UNITS
        };
        const { offered } = await codeActionsFor(sources, 'second.svf', 'declaration/duplicate');
        // `minimum NT1 1` resolves to second.svf's NT1 (a guess of the scope): both readings are offered.
        expect(offered.map(({ actions }) => actions.map(action => action.title))).toEqual([[
            "Rename this measure 'NT1' to 'NT15' (only this declaration: references to 'NT1' then all mean the other one)",
            "Rename this measure 'NT1' to 'NT15' with the 1 reference that now resolves to it"
        ]]);
        const declarationOnly = applyAction(sources, offered[0]!.actions[0]!);
        expect(declarationOnly['second.svf']).toContain('measure NT15 "Duplicate"');
        expect(declarationOnly['framework.svf']).toBe(sources['framework.svf']);
        expect(await codesAfter(declarationOnly)).toEqual({ 'framework.svf': [], 'second.svf': [], 'units.svf': [] });
        const withReferences = applyAction(sources, offered[0]!.actions[1]!);
        expect(withReferences['second.svf']).toContain('measure NT15 "Duplicate"');
        expect(withReferences['framework.svf']).toContain('minimum NT15 1');
        expect(await codesAfter(withReferences)).toEqual({ 'framework.svf': [], 'second.svf': [], 'units.svf': [] });

        // The duplicate in framework.svf has no reference: one fix.
        const other = await codeActionsFor(sources, 'framework.svf', 'declaration/duplicate');
        expect(other.offered.map(({ actions }) => actions.map(action => action.title))).toEqual([
            ["Rename this measure 'NT1' to 'NT15' (only this declaration: no reference points to it)"]
        ]);
    });

    test('free codes', () => {
        expect(freeCode('NT1', new Set(['NT1', 'NT2', 'NT14']))).toBe('NT15');
        expect(freeCode('localJob', new Set(['localJob', 'localJob2']))).toBe('localJob3');
        expect(freeCode('RE1', new Set(['RE1', 'NT20']))).toBe('RE2');
    });
});

describe('organise imports', () => {
    const units = 'unit FTE "no. people FTE"\n';
    const proxies = 'import "units.svf"\n\nproxy localJob "Local job" = £25,000 per FTE { source "ONS" }\n';
    const theme = (name: string) => `import "units.svf"\n\ntheme ${name} "${name}" {\n    outcome ${name}Outcome "Outcome" {\n        measure ${name}1 "M" {\n            unit FTE\n            record only\n            ask "How many?"\n        }\n    }\n}\n`;

    async function organise(sources: Record<string, string>) {
        const { run, document } = await codeActionsFor(sources, 'framework.svf', 'none');
        return actionsAt(run, document, { diagnostics: [], only: [CodeActionKind.SourceOrganizeImports] });
    }

    test('removes an import this file does not need, sorts the rest, comments move with their import', async () => {
        const sources = {
            'framework.svf': `// The framework\n\nimport "units.svf"\n// Proxies the measures use\nimport "proxies.svf"\nimport "units.svf"\nimport "jobs.svf" // the one theme\n\n${HEADER}\n${EVALUATION}\nrule all "All" {\n    no ask\n}\n`,
            'units.svf': units, 'proxies.svf': proxies, 'jobs.svf': theme('jobs')
        };
        const actions = await organise(sources);
        expect(actions.map(action => [action.title, action.kind])).toEqual([['Organise imports (remove 2 unused imports, sort by path)', 'source.organizeImports']]);
        const fixed = applyAction(sources, actions[0]!);
        expect(fixed['framework.svf']).toBe(`// The framework\n\nimport "jobs.svf" // the one theme\n// Proxies the measures use\nimport "proxies.svf"\n\n${HEADER}\n${EVALUATION}\nrule all "All" {\n    no ask\n}\n`);
        expect(await codesAfter(fixed)).toEqual(await codesAfter(sources));
        expect(await organise(fixed)).toEqual([]);
    });

    test('an import whose declarations are used stays, aliased or not', async () => {
        const sources = {
            'framework.svf': `import "proxies.svf" as base\nimport "units.svf"\n\n${HEADER}\ntheme t "T" {\n    outcome o "O" {\n        measure M1 "M" {\n            unit FTE\n            proxy base.localJob\n            ask "How many?"\n        }\n    }\n}\n\n${EVALUATION}\nrule all "All" {\n    no ask\n}\n`,
            'units.svf': units, 'proxies.svf': proxies
        };
        expect(await organise(sources)).toEqual([]);
    });

    test('the order of files with themes or rules decides the framework: such imports are not reordered', async () => {
        const sources = {
            'framework.svf': `import "units.svf"\nimport "zeta.svf"\nimport "alpha.svf"\nimport "units.svf"\n\n${HEADER}\n${EVALUATION}\nrule all "All" {\n    no ask\n}\n`,
            'units.svf': units, 'zeta.svf': theme('zeta'), 'alpha.svf': theme('alpha')
        };
        const actions = await organise(sources);
        expect(actions.map(action => action.title)).toEqual(['Organise imports (remove 2 unused imports)']);
        expect(applyAction(sources, actions[0]!)['framework.svf']).toBe(`import "zeta.svf"\nimport "alpha.svf"\n\n${HEADER}\n${EVALUATION}\nrule all "All" {\n    no ask\n}\n`);
    });

    test('an import repeated: the later copy goes, even when its declarations are used', async () => {
        const sources = {
            'framework.svf': `import "units.svf"\nimport "units.svf"\n\n${HEADER}\n${THEME.replace('            proxy localJob\n', '            record only\n')}\n${EVALUATION}\nrule all "All" {\n    no ask\n}\n`,
            'units.svf': units
        };
        const actions = await organise(sources);
        expect(actions.map(action => action.title)).toEqual(['Organise imports (remove 1 unused import)']);
        const fixed = applyAction(sources, actions[0]!);
        expect(fixed['framework.svf']).toBe(sources['framework.svf'].replace('import "units.svf"\nimport "units.svf"\n', 'import "units.svf"\n'));
        expect(await codesAfter(fixed)).toEqual({ 'framework.svf': [], 'units.svf': [] });
    });

    test('not offered as a quick fix, nor in a file without imports', async () => {
        const sources = { 'framework.svf': `import "units.svf"\nimport "units.svf"\n${HEADER}\n${EVALUATION}`, 'units.svf': units };
        const { run, document } = await codeActionsFor(sources, 'framework.svf', 'none');
        expect(await actionsAt(run, document, { diagnostics: [], only: [CodeActionKind.QuickFix] })).toEqual([]);
        expect((await organise({ 'framework.svf': `${HEADER}\n${EVALUATION}` }))).toEqual([]);
    });
});
