/**
 * Code lens above each measure: how many rules name it and how many method statements
 * address its outcome, counted across the framework's files.
 */
import { describe, expect, test } from 'vitest';
import { runValidationOnSources } from '../helpers/validate.js';

const THEMES = `unit fte "no. people FTE"
theme jobs "Jobs" {
    outcome local "Local" {
        measure NT1 "Local jobs" {
            unit fte
            proxy £100 { source "Illustrative" }
            ask "How many?"
        }
        measure NT2 "Other jobs" {
            unit fte
            proxy £100 { source "Illustrative" }
            ask "How many?"
        }
    }
}
`;

const FRAMEWORK = `import "themes.svf"
import "rules.svf"
framework lens "Lens" {
    version 1.0.0
}
scale quality "Quality" {
    0 "None"
    5 "Good"
}
question plan "Plan" {
    outcomes local
    scale quality
}
evaluation {
    weighting 10%
    split quantitative 50% qualitative 50%
}
`;

const RULES = `import "themes.svf"
rule big when contractValue >= £1m {
    include measures NT1
    minimum NT1 1 per £1m
}
rule small when contractValue < £1m {
    include measures NT1
}
`;

describe('code lens', () => {
    test('a measure says how many rules name it (a rule naming it twice counts once) and how many questions address its outcome', async () => {
        const { services, documents } = await runValidationOnSources({ 'themes.svf': THEMES, 'framework.svf': FRAMEWORK, 'rules.svf': RULES });
        const document = documents[0]!;
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        const lines = THEMES.split('\n');
        expect((lenses ?? []).map(lens => [lens.range.start.line, lens.command?.title])).toEqual([
            [lines.findIndex(line => line.includes('measure NT1')), 'used in 2 rules, 1 question on its outcome'],
            [lines.findIndex(line => line.includes('measure NT2')), 'used in 0 rules, 1 question on its outcome']
        ]);
    });
});

const RULE_FRAMEWORK = `framework bands "Bands" {
    version 1.0.0
}
unit fte "no. people FTE"
theme jobs "Jobs" {
    outcome local "Local" {
        measure NT1 "Local jobs" {
            unit fte
            proxy £100 { source "Illustrative" }
            ask "How many?"
        }
    }
}
rule tiny when contractValue < £100k {
    no ask
}
rule works when category is works and contractValue from £100k to £5m {
    minimum NT1 1 per £1m
}
rule alsoWorks when category is works and contractValue from £1m to £2m {
    minimum NT1 2 per £1m
}
rule never when contractValue < £10k and contractValue >= £20k {
    no ask
}
rule large when contractValue >= £5m {
    minimum NT1 3 per £1m
}
rule rest {
    include measures NT1
}
`;

async function ruleLenses(sources: Record<string, string>, file: string): Promise<Record<string, string | undefined>> {
    const { services, documents } = await runValidationOnSources(sources);
    const document = documents[Object.keys(sources).indexOf(file)]!;
    const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
    const lines = sources[file]!.split('\n');
    return Object.fromEntries((lenses ?? []).flatMap(lens => {
        const rule = /^rule (\w+)/.exec(lines[lens.range.start.line]!)?.[1];
        return rule ? [[rule, lens.command?.title]] : [];
    }));
}

describe('code lens on a rule', () => {
    test('says which contracts the rule is the first match for, in words, after the rules before it', async () => {
        expect(await ruleLenses({ 'framework.svf': RULE_FRAMEWORK }, 'framework.svf')).toEqual({
            tiny: 'matches: contracts under £100,000',
            works: 'matches: works contracts from £100,000 to under £5,000,000',
            alsoWorks: "matches: no contract (earlier rule 'works' matches every contract it would)",
            never: 'matches: no contract (its condition can never hold)',
            large: 'matches: contracts of £5,000,000 or more',
            rest: 'matches: every contract not matched above: goods and services contracts from £100,000 to under £5,000,000'
        });
    });

    test('a rule without a condition, first in its framework, matches every contract', async () => {
        const source = RULE_FRAMEWORK.replace(/rule tiny[\s\S]*$/, 'rule all {\n    no ask\n}\n');
        expect(await ruleLenses({ 'framework.svf': source }, 'framework.svf')).toEqual({ all: 'matches: every contract' });
    });

    test('a rule in an imported file is worded in the framework that imports it, after the rules of the importing file', async () => {
        const entry = 'import "more.svf"\nframework split "Split" {\n    version 1.0.0\n}\nrule big when contractValue >= £1m {\n    no ask\n}\n';
        const more = 'rule rest when category in goods, works {\n    no ask\n}\n';
        expect(await ruleLenses({ 'entry.svf': entry, 'more.svf': more }, 'more.svf')).toEqual({
            rest: 'matches: goods and works contracts under £1,000,000'
        });
    });
    test('a rule with many regions names three and says how many more; its tooltip lists every one', async () => {
        const source = RULE_FRAMEWORK.replace(/rule tiny[\s\S]*$/, `rule a when category is works and contractValue < £100k {
    no ask
}
rule b when category is goods and contractValue from £100k to £1m {
    no ask
}
rule c when category is services and contractValue >= £1m {
    no ask
}
rule rest {
    no ask
}
`);
        const { services, documents } = await runValidationOnSources({ 'framework.svf': source });
        const document = documents[0]!;
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        const rest = (lenses ?? []).find(lens => source.split('\n')[lens.range.start.line]!.startsWith('rule rest'))!.command!;
        expect(rest.title).toBe('matches: every contract not matched above: goods contracts under £100,000; goods contracts of £1,000,000 or more; services contracts under £1,000,000; and 1 more');
        expect(rest.tooltip).toBe([
            'The contracts this rule is the first match for:',
            '- goods contracts under £100,000', '- goods contracts of £1,000,000 or more', '- services contracts under £1,000,000', '- works contracts of £100,000 or more'
        ].join('\n'));
    });
});
