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
