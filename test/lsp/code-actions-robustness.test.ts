/**
 * Code actions on text being typed: after random deletions and insertions in a framework
 * that has every diagnostic with a new fix, asking for every code action (all diagnostics,
 * no `only`) never throws, and every edit lies within a loaded file.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { CodeActionTriggerKind } from 'vscode-languageserver';
import { runValidationOnSources } from '../helpers/validate.js';
import { uriOf } from './code-actions-helpers.js';

const UNITS = 'unit FTE "no. people FTE"\n\nproxy localJob "Local job" = £25,000 per FTE {\n    source "ONS"\n}\n';
const FRAMEWORK = `import "units.svf"
import "units.svf"

framework lep "LEP" {
    version 1.0.0
}

theme jobs "Jobs" {
    outcome local "Local" {
        measure NT1 "Local people" {
            unit FTE
            ask "How many?"
        }
        measure NT1 "Again" {
            unit FTE
            proxy localJob
            ask "How many again?"
        }
    }
}

evaluation {
    weighting 20%
    criterion socialValue "Social value" 10% covers themes jobs
    criterion environment "Environment" 15%
    split quantitative 60% qualitative 40%
}

question q1 "One" {
    outcomes local
    weight 30%
    ask "Describe."
}

question q2 "Two" {
    outcomes local
    weight 45%
    ask "Describe."
}

rule small when contractValue < £100k {
    no ask
}

// Never reached
rule large when contractValue >= £1m {
    weighting 20%
}

rule huge when contractValue >= £5m {
    weighting 20%
}
`;
const PIECES = ['{', '}', '"', 'rule ', 'when ', '£', '%', 'import "units.svf"\n', 'weight 5%', 'proxy ', 'measure NT1 "X" {', '\n', ' and ', 'not ', '/*', '//'];

async function actionsOf(text: string) {
    const run = await runValidationOnSources({ 'framework.svf': text, 'units.svf': UNITS });
    const result: Array<{ code: string; uris: string[]; title: string }> = [];
    for (const document of run.documents) {
        const diagnostics = document.diagnostics ?? [];
        for (const diagnostic of [undefined, ...diagnostics]) {
            const actions = await run.services.lsp.CodeActionProvider!.getCodeActions(document, {
                textDocument: { uri: document.uri.toString() },
                range: diagnostic?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                context: { diagnostics: diagnostic ? [diagnostic] : [], triggerKind: CodeActionTriggerKind.Invoked }
            });
            for (const action of (actions ?? []) as Array<{ title: string; kind?: string; edit?: { changes?: Record<string, unknown[]> } }>) {
                // Organise imports comes with every request that does not narrow the kinds.
                result.push({ code: action.kind === 'source.organizeImports' ? 'source' : String(diagnostic?.code), uris: Object.keys(action.edit?.changes ?? {}), title: action.title });
            }
        }
    }
    return result;
}

test('the framework has a diagnostic for each new fix, and each gets one', async () => {
    const codes = new Set((await actionsOf(FRAMEWORK)).map(action => action.code));
    expect([...codes].sort()).toEqual([
        'declaration/duplicate', 'evaluation/criteria-weighting-mismatch', 'measure/missing-proxy', 'question/weights-not-100', 'rule/gap', 'rule/unreachable', 'source'
    ]);
});

test('random edits: every code action is computed without error and edits only loaded files', async () => {
    const edit = fc.record({
        at: fc.nat(),
        remove: fc.nat({ max: 40 }),
        insert: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }))
    });
    await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async edits => {
        let text = FRAMEWORK;
        for (const { at, remove, insert } of edits) {
            const start = at % (text.length + 1);
            text = text.slice(0, start) + insert + text.slice(start + remove);
        }
        const loaded = new Set(['framework.svf', 'units.svf'].map(uriOf));
        for (const action of await actionsOf(text)) {
            for (const uri of action.uris) expect(loaded.has(uri), `${action.title}: ${uri}`).toBe(true);
        }
    }), { numRuns: Number(process.env.RUNS ?? 40), seed: Number(process.env.SEED ?? 20261216) });
}, 180_000);
