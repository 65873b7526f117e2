/**
 * Document symbols (the outline) and workspace symbols, in process, with the services the
 * language server uses: each kind of declaration has its own symbol kind (its icon), the
 * title (and a measure's unit, a proxy's £ value per unit) as the detail, nested as written;
 * workspace symbols put the exact name first.
 */
import { describe, expect, test } from 'vitest';
import { SymbolKind, SymbolTag, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import { runValidationOnSources, type ValidationRun } from '../helpers/validate.js';

const FRAMEWORK = `
framework test.symbols "Symbols test framework" {
    version 1.0.0
}

unit fte "no. people FTE" quantity

proxy localJob "A local job" = £31k per fte

scale quality "Quality" {
    0 "None"
    3 "Good" "Specific and evidenced"
}

theme jobs "Jobs" {
    outcome localEmployment "More local people in work" {
        measure NT1 "Local people employed" {
            unit fte
            proxy localJob
            ask "How many local people will you employ?"
        }
        measure NT14 "Local people employed for a year" {
            unit fte
            proxy localJob
            ask "How many local people will you employ for a year?"
        }
    }
}

question MS1 "How will you recruit locally?" {
    scale quality
    weight 100%
    ask "Describe how you will recruit locally."
}

gate rlw "Real Living Wage" {
    ask "Do you pay the Real Living Wage?"
}

profile {
    flag lotted "The contract is let in lots"
    choice programme "Funding programme" one of growthDeal, cityDeal
}

evaluation {
    weighting 10%
    split quantitative 60% qualitative 40%
    criterion people "People" 10% covers themes jobs
}

rule big "Contracts of £1m and above" when contractValue >= £1m {
    weighting 10%
}
`;

/** A symbol's shape without positions, for comparing whole outlines. */
interface Shape {
    name: string;
    kind: SymbolKind;
    detail?: string;
    children?: Shape[];
}

function shapeOf(symbol: DocumentSymbol): Shape {
    const shape: Shape = { name: symbol.name, kind: symbol.kind };
    if (symbol.detail !== undefined) shape.detail = symbol.detail;
    if (symbol.children) shape.children = symbol.children.map(shapeOf);
    return shape;
}

async function outline(run: ValidationRun, index = 0): Promise<DocumentSymbol[]> {
    const document = run.documents[index]!;
    return await run.services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
}

describe('document symbols', () => {
    test('every declaration has its own kind, its title (and unit, or £ per unit) as detail, nested as in the file', async () => {
        const run = await runValidationOnSources({ 'framework.svf': FRAMEWORK });
        expect(run.diagnostics['framework.svf']!.filter(d => d.severity === 'error')).toEqual([]);
        const symbols = await outline(run);
        expect(symbols.map(shapeOf)).toEqual([
            { name: 'test.symbols', kind: SymbolKind.Package, detail: 'Symbols test framework' },
            { name: 'fte', kind: SymbolKind.TypeParameter, detail: 'no. people FTE · quantity' },
            { name: 'localJob', kind: SymbolKind.Constant, detail: '£31,000 per fte · A local job' },
            {
                name: 'quality', kind: SymbolKind.Enum, detail: 'Quality', children: [
                    { name: '0 None', kind: SymbolKind.EnumMember },
                    { name: '3 Good', kind: SymbolKind.EnumMember, detail: 'Specific and evidenced' }
                ]
            },
            {
                name: 'jobs', kind: SymbolKind.Namespace, detail: 'Jobs', children: [{
                    name: 'localEmployment', kind: SymbolKind.Module, detail: 'More local people in work', children: [
                        { name: 'NT1', kind: SymbolKind.Field, detail: 'Local people employed · fte' },
                        { name: 'NT14', kind: SymbolKind.Field, detail: 'Local people employed for a year · fte' }
                    ]
                }]
            },
            { name: 'MS1', kind: SymbolKind.Interface, detail: 'How will you recruit locally?' },
            { name: 'rlw', kind: SymbolKind.Boolean, detail: 'Real Living Wage' },
            {
                name: 'profile', kind: SymbolKind.Struct, children: [
                    { name: 'lotted', kind: SymbolKind.Field, detail: 'The contract is let in lots · flag' },
                    { name: 'programme', kind: SymbolKind.Field, detail: 'Funding programme · one of growthDeal, cityDeal' }
                ]
            },
            {
                name: 'evaluation', kind: SymbolKind.Object, detail: 'weighting 10%', children: [
                    { name: 'people', kind: SymbolKind.Property, detail: 'People · 10%' }
                ]
            },
            { name: 'big', kind: SymbolKind.Function, detail: 'Contracts of £1m and above' }
        ]);
    });

    test('a symbol spans its declaration and selects its name', async () => {
        const run = await runValidationOnSources({ 'framework.svf': FRAMEWORK });
        const text = run.documents[0]!.textDocument;
        const measure = (await outline(run)).find(s => s.name === 'jobs')!.children![0]!.children![0]!;
        expect(text.getText(measure.selectionRange)).toBe('NT1');
        expect(text.getText(measure.range)).toMatch(/^measure NT1 "Local people employed" \{[\s\S]*\}$/);
        const profile = (await outline(run)).find(s => s.name === 'profile')!;
        expect(text.getText(profile.selectionRange)).toBe('profile');
    });

    test('an extending file shows its overrides, additions and retirements under the names they change', async () => {
        const run = await runValidationOnSources({
            'base.svf': FRAMEWORK,
            'local.svf': `
import "base.svf"

override proxy localJob = £32k because "2025 prices"
retire measure NT14 because "Not asked here"
add to outcome localEmployment {
    measure LOC1 "Local care leavers employed" {
        unit fte
        proxy localJob
    }
}
`
        });
        const local = run.documents.findIndex(d => d.uri.path.endsWith('/local.svf'));
        const symbols = await outline(run, local);
        expect(symbols.map(shapeOf)).toEqual([
            { name: 'localJob', kind: SymbolKind.Constant, detail: 'override · £32,000 · 2025 prices' },
            { name: 'NT14', kind: SymbolKind.Field, detail: 'retired measure · Not asked here' },
            {
                name: 'localEmployment', kind: SymbolKind.Module, detail: 'added to', children: [
                    { name: 'LOC1', kind: SymbolKind.Field, detail: 'Local care leavers employed · fte' }
                ]
            }
        ]);
        expect(symbols[1]!.tags).toEqual([SymbolTag.Deprecated]);
    });

    test('a half-typed file still gives an outline, with no empty names', async () => {
        const run = await runValidationOnSources({ 'framework.svf': 'theme jobs "Jobs" {\n    outcome  {\n        measure NT1 "x" {\n' });
        const names: string[] = [];
        const walk = (symbols: DocumentSymbol[]) => symbols.forEach(s => { names.push(s.name); walk(s.children ?? []); });
        walk(await outline(run));
        expect(names[0]).toBe('jobs');
        expect(names.every(name => name.length > 0)).toBe(true);
    });
});

describe('workspace symbols', () => {
    const MEASURES = `
unit fte "no. people FTE" quantity
unit leafMeals "meals" quantity
theme jobs "Jobs" {
    outcome localEmployment "More local people in work" {
        measure XNT1 "Not a national measure" { unit fte record only }
        measure NT14 "Fourteen" { unit fte record only }
        measure NT10 "Ten" { unit fte record only }
        measure NT1 "Local people employed" { unit fte record only }
        measure jobsNT1x "Fuzzy only" { unit fte record only }
    }
}
`;

    async function query(text: string): Promise<WorkspaceSymbol[]> {
        const run = await runValidationOnSources({ 'framework.svf': MEASURES });
        return await run.services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: text }) as WorkspaceSymbol[];
    }

    test('the exact name (ignoring case) first, then names starting with the query, then the others', async () => {
        expect((await query('NT1')).map(s => s.name)).toEqual(['NT1', 'NT10', 'NT14', 'jobsNT1x', 'XNT1']);
        expect((await query('nt1')).map(s => s.name)).toEqual(['NT1', 'NT10', 'NT14', 'jobsNT1x', 'XNT1']);
    });

    test('a workspace symbol has the same kind as in the outline, and its detail as the container name', async () => {
        const symbols = await query('nt10');
        expect(symbols[0]).toMatchObject({ name: 'NT10', kind: SymbolKind.Field, containerName: 'Ten · fte' });
        const [theme] = await query('jobs');
        expect(theme).toMatchObject({ name: 'jobs', kind: SymbolKind.Namespace, containerName: 'Jobs' });
    });

    test('a fuzzy match comes after every substring match', async () => {
        // `leafMeals` matches `lem` only as initials (l...e...M), `localEmployment` contains it.
        expect((await query('lem')).map(s => s.name)).toEqual(['localEmployment', 'leafMeals']);
    });
});
