/**
 * Inlay hints: the net £ value of one unit beside each measure's proxy, as `svf compile`
 * values it (deadweight, attribution and displacement applied, exact to the penny).
 */
import { describe, expect, test } from 'vitest';
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
