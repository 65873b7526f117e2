/**
 * Inlay hints: the net £ value of one unit beside each measure's proxy, as `svf compile`
 * values it (deadweight, attribution and displacement applied, exact to the penny).
 */
import { describe, expect, test } from 'vitest';
import { compileFramework } from '../../compiler/index.js';
import { frameworkOf, loadSources } from '../compiler/fixture-loading.js';
import { runValidationOnSources } from '../helpers/validate.js';

const FRAMEWORK = `framework hints "Hints" {
    version 1.0.0
    priceYear 2025
}
unit fte "no. people FTE"
unit weeks "no. weeks"
proxy localJob "A local job" = £30,000 per fte {
    source "Illustrative"
    deadweight 10%
    attribution 5%
}
theme jobs "Jobs" {
    outcome local "Local" {
        measure NT1 "Local jobs" {
            unit fte
            proxy localJob
            ask "How many?"
        }
        measure NT2 "Training weeks" {
            unit weeks
            proxy £250 { source "Illustrative" displacement 20% }
            ask "How many weeks?"
        }
        measure NT3 "Placement weeks" {
            unit weeks
            proxy £100 { source "Illustrative" }
            ask "How many weeks?"
        }
        measure NT4 "Volunteering" {
            unit fte
            proxy unknownProxy
            ask "How many?"
        }
    }
}
`;

async function hints(): Promise<Array<{ line: number; character: number; label: string }>> {
    const { services, documents } = await runValidationOnSources({ 'framework.svf': FRAMEWORK });
    const document = documents[0]!;
    const found = await services.lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: { line: 0, character: 0 }, end: { line: FRAMEWORK.split('\n').length, character: 0 } }
    });
    return (found ?? []).map(hint => ({ line: hint.position.line, character: hint.position.character, label: String(hint.label) }));
}

describe('inlay hints', () => {
    test('a named proxy shows its net value per unit at the end of its name: £30,000 x 0.90 x 0.95 = £25,650.00', async () => {
        const line = FRAMEWORK.split('\n').findIndex(text => text.includes('proxy localJob') && !text.includes('='));
        expect((await hints()).find(hint => hint.line === line)).toEqual({ line, character: '            proxy localJob'.length, label: ' = £25,650.00 net per fte' });
    });

    test('an inline proxy shows its net value only when adjustments change it (£250 x 0.80 = £200.00); an unresolved proxy shows nothing', async () => {
        const lines = FRAMEWORK.split('\n');
        const adjusted = lines.findIndex(text => text.includes('proxy £250'));
        expect((await hints()).filter(hint => hint.line !== lines.findIndex(text => text.includes('proxy localJob') && !text.includes('=')))).toEqual([
            { line: adjusted, character: '            proxy £250'.length, label: ' = £200.00 net per weeks' }
        ]);
    });
});

const MINIMUMS = `framework minimums "Minimums" {
    version 1.0.0
}
unit fte "no. people FTE"
unit people "people"
unit pounds "£ spent" money
theme jobs "Jobs" {
    outcome local "Local" {
        measure NT1 "Local jobs" {
            unit fte
            proxy £100 { source "Illustrative" }
            ask "How many?"
        }
        measure NT2 "Apprentices" {
            unit people
            proxy £100 { source "Illustrative" }
            ask "How many?"
            whole numbers
            multi year
        }
        measure NT3 "Local spend" {
            unit pounds
            proxy £0.50 { source "Illustrative" }
            ask "How much?"
        }
    }
}
rule band when category is works and contractValue from £100k to £5m {
    minimum NT1 1 per £1m
    minimum NT2 1 per £1m
    minimum NT3 500 per £100k
    minimum NT1 2
}
rule large when contractValue >= £5m {
    minimum NT2 1 per £2m
}
rule small when contractValue < £100k {
    minimum NT1 3 per £1m
}
rule yearly when annualValue from £1m to £3m {
    minimum NT2 1 per £1m per year
}
rule long when durationMonths from 12 to 60 and contractValue >= £1m {
    minimum NT1 1 per £1m per year
}
rule rest {
    minimum NT2 1 per £1m
}
`;

/** The scaled-minimum hints of MINIMUMS, by the text of their line, with their tooltips. */
async function minimumHints(): Promise<Array<{ line: string; character: number; label: string; tooltip: string }>> {
    const { services, documents } = await runValidationOnSources({ 'framework.svf': MINIMUMS });
    const document = documents[0]!;
    const lines = MINIMUMS.split('\n');
    const found = await services.lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }
    });
    return (found ?? []).filter(hint => lines[hint.position.line]!.includes('minimum')).map(hint => ({
        line: lines[hint.position.line]!.trim(), character: hint.position.character, label: String(hint.label), tooltip: String(hint.tooltip)
    }));
}

describe('inlay hints on scaled minimums', () => {
    test('a minimum per £ shows what it asks of a typical contract of the rule, rounded up as svf compile rounds it', async () => {
        const found = await minimumHints();
        expect(found.map(({ line, label }) => [line, label])).toEqual([
            // The middle of £100k to £5m is £2.55m: 2.55 fte; 2.55 apprentices round up to 3 (whole numbers).
            ['minimum NT1 1 per £1m', ' ≈ 2.55 fte for £2.55m'],
            ['minimum NT2 1 per £1m', ' ≈ 3 people for £2.55m'],
            // A money measure: 500 per £100k of £2.55m is £12,750.
            ['minimum NT3 500 per £100k', ' ≈ £12,750 for £2.55m'],
            // No upper limit: the lowest value the rule applies to, £5m / £2m = 2.5, rounded up to 3.
            ['minimum NT2 1 per £2m', ' ≈ 3 people for £5m'],
            // Only an upper limit: the middle of £0 to £100k.
            ['minimum NT1 3 per £1m', ' ≈ 0.15 fte for £50k'],
            // Per year, on an annual value band: the middle, £2m a year, so 2 a year (NT2 is answered per year).
            ['minimum NT2 1 per £1m per year', ' ≈ 2 people a year for £2m a year'],
            // Per year on the contract value: £1m over the middle of 12 to 60 months (36): 0.3333 a year, rounded up to
            // 0.34, and 1 in total (NT1 is answered once, for the whole contract).
            ['minimum NT1 1 per £1m per year', ' ≈ 0.34 fte a year, 1 fte in total for £1m over 36 months'],
            // No condition: the documented default of £2.5m.
            ['minimum NT2 1 per £1m', ' ≈ 3 people for £2.5m']
        ]);
        expect(found[0]!.character).toBe('    minimum NT1 1 per £1m'.length);
    });

    test('the tooltip says which contract the hint is for, why, and the exact quantity before rounding', async () => {
        const found = await minimumHints();
        expect(found[1]!.tooltip).toBe("What this minimum asks of a typical contract of the rule, a contract of £2,550,000, the middle of the rule's contract value band (from £100,000 to under £5,000,000). Exactly 2.55, rounded up to a whole number as `svf compile` does; a real contract's minimum is worked out from its profile.");
        expect(found.at(-1)!.tooltip).toContain('a default of £2,500,000 (the rule sets no contract value band)');
        expect(found[6]!.tooltip).toContain('for the duration, the middle of the rule\'s duration band (from 12 months to under 60 months)');
    });

    test('a yearly minimum of a rule for contracts of no duration has no hint (there is no year), and nothing throws', async () => {
        const source = MINIMUMS.replace('rule rest {', 'rule instant when durationMonths = 0 {\n    minimum NT1 1 per £1m per year\n}\nrule rest {');
        const { services, documents } = await runValidationOnSources({ 'framework.svf': source });
        const document = documents[0]!;
        const lines = source.split('\n');
        const found = await services.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() },
            range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }
        });
        const instant = lines.findIndex(line => line.startsWith('rule instant'));
        expect((found ?? []).filter(hint => hint.position.line === instant + 1)).toEqual([]);
        expect((found ?? []).filter(hint => lines[hint.position.line]!.includes('minimum'))).toHaveLength(8);
    });

    test('a fixed minimum (no `per £`) has no hint', async () => {
        expect((await minimumHints()).filter(hint => hint.line === 'minimum NT1 2')).toEqual([]);
    });
});

describe('scaled-minimum hints and svf compile agree', () => {
    test('for the contract a hint names, the tailored question set asks the minimums the hints show', async () => {
        const hinted = (await minimumHints()).slice(0, 3).map(hint => hint.label);
        expect(hinted).toEqual([' ≈ 2.55 fte for £2.55m', ' ≈ 3 people for £2.55m', ' ≈ £12,750 for £2.55m']);
        const loaded = await loadSources({ '/minimums/framework.svf': MINIMUMS });
        const tailored = compileFramework(frameworkOf(loaded), { contractValue: '2550000', category: 'works', durationMonths: 36 });
        expect(tailored.questionSet.selection.minimumCommitments.map(minimum => [minimum.measure, minimum.quantity])).toEqual([
            ['NT1', 2.55], ['NT2', 3], ['NT3', '12750.00'], ['NT1', 2]
        ]);
    });
});
