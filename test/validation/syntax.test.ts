import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeDiagnostic, validateSources, type SvfDiagnostic } from '../helpers/validate.js';

const HUNDRED_LINES = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'hundred-lines.svf'), 'utf8');

async function diagnosticsOf(text: string): Promise<SvfDiagnostic[]> {
    return (await validateSources({ 'framework.svf': text }))['framework.svf'];
}

function replaceLine(text: string, line: number, change: (line: string) => string | undefined): string {
    const lines = text.split('\n');
    const changed = change(lines[line - 1]);
    if (changed === undefined) lines.splice(line - 1, 1);
    else lines[line - 1] = changed;
    return lines.join('\n');
}

/** One typo must give one to three diagnostics, all within two lines of it, the first an error. */
function expectNearTypo(diagnostics: SvfDiagnostic[], typoLine: number): void {
    const described = diagnostics.map(describeDiagnostic);
    expect(diagnostics.length, described.join('\n')).toBeGreaterThanOrEqual(1);
    expect(diagnostics.length, described.join('\n')).toBeLessThanOrEqual(3);
    for (const diagnostic of diagnostics) {
        expect(Math.abs(diagnostic.line - typoLine), described.join('\n')).toBeLessThanOrEqual(2);
    }
    expect(diagnostics[0].severity, described.join('\n')).toBe('error');
}

describe('one typo gives one error, near it', () => {
    test('the 100-line fixture is valid', async () => {
        expect((await diagnosticsOf(HUNDRED_LINES)).map(describeDiagnostic)).toEqual([]);
    });

    test('a missing closing quote is reported once, at the opening quote', async () => {
        const line = HUNDRED_LINES.split('\n').findIndex(l => l.includes('ask "How many people for 11?"')) + 1;
        const broken = replaceLine(HUNDRED_LINES, line, l => l.replace('11?"', '11?'));
        const diagnostics = await diagnosticsOf(broken);
        expect(diagnostics.map(describeDiagnostic)).toEqual([
            `${line}:17 error syntax/error This text in quotes is not closed on its line: the next " is on line ${line + 1}, so everything in between was read as text. Add the closing " where the text ends.`
        ]);
        expect(diagnostics[0].range).toEqual({ start: { line: line - 1, character: 16 }, end: { line: line - 1, character: 17 } });
    });

    test('a missing } of a measure is reported where the next measure starts', async () => {
        const lines = HUNDRED_LINES.split('\n');
        const measureLine = lines.findIndex(l => l.includes('measure M11')) + 1;
        // The `}` closing M10 is the line before M11 starts.
        const broken = replaceLine(HUNDRED_LINES, measureLine - 1, () => undefined);
        const diagnostics = await diagnosticsOf(broken);
        expect(diagnostics.map(describeDiagnostic)).toEqual([
            `${measureLine - 1}:9 error syntax/error Expected '}' to close the measure before 'measure'. Add the missing '}' at the end of the measure.`
        ]);
    });

    // Every `}`, `{`, opening and closing quote of the fixture, removed in turn.
    test('removing any brace or quote gives 1-3 diagnostics within two lines', async () => {
        const lines = HUNDRED_LINES.split('\n');
        let variants = 0;
        for (let index = 0; index < lines.length; index++) {
            const line = lines[index];
            const typos: Array<string | undefined> = [];
            if (line.trim() === '}') typos.push(undefined);
            if (line.includes('{')) typos.push(line.replace('{', ''));
            const lastQuote = line.lastIndexOf('"');
            const firstQuote = line.indexOf('"');
            if (lastQuote >= 0 && !line.trimStart().startsWith('//')) {
                typos.push(line.slice(0, lastQuote) + line.slice(lastQuote + 1));
                if (firstQuote !== lastQuote) typos.push(line.slice(0, firstQuote) + line.slice(firstQuote + 1));
            }
            for (const typo of typos) {
                const broken = replaceLine(HUNDRED_LINES, index + 1, () => typo);
                expectNearTypo(await diagnosticsOf(broken), index + 1);
                variants++;
            }
        }
        expect(variants).toBeGreaterThan(120);
    });

    test('leaving out the first word of any line gives 1-3 diagnostics, the first on that line', async () => {
        const lines = HUNDRED_LINES.split('\n');
        for (let index = 1; index < lines.length; index++) {
            if (!/^\s*\S+\s/.test(lines[index]) || lines[index].trimStart().startsWith('//')) continue;
            const broken = replaceLine(HUNDRED_LINES, index + 1, l => l.replace(/^(\s*)\S+\s/, '$1'));
            const diagnostics = await diagnosticsOf(broken);
            const described = diagnostics.map(describeDiagnostic).join('\n');
            expect(diagnostics.length, `line ${index + 1}:\n${described}`).toBeGreaterThanOrEqual(1);
            expect(diagnostics.length, `line ${index + 1}:\n${described}`).toBeLessThanOrEqual(3);
            const first = diagnostics.find(d => d.severity === 'error')!;
            expect(Math.abs(first.line - (index + 1)), `line ${index + 1}:\n${described}`).toBeLessThanOrEqual(1);
        }
    });

    test('a dropped keyword gives at most three syntax errors, the last saying more may follow', async () => {
        const line = HUNDRED_LINES.split('\n').findIndex(l => l.includes('outcome out0')) + 1;
        const broken = replaceLine(HUNDRED_LINES, line, l => l.replace('outcome ', ''));
        const diagnostics = await diagnosticsOf(broken);
        expect(diagnostics.map(d => `${d.line} ${d.code}`)).toEqual([`${line} syntax/error`, `${line + 3} syntax/error`, `${line + 4} syntax/error`]);
        expect(diagnostics[0].message).toContain("'out0' is not something a theme can contain.");
        expect(diagnostics[2].message).toMatch(/Later syntax errors are not shown: they may follow from these; fix these first\.$/);
    });

    test('a duplicate that pairs with a declaration in the unreadable part is not reported', async () => {
        // Without `measure`, recovery reads `unit FTE` inside the measure as a second unit FTE.
        const text = 'unit FTE "x"\ntheme jobs { outcome o {\n  M1 "Measure" {\n unit FTE\n ask "?" }\n} }';
        expect((await diagnosticsOf(text)).map(d => d.code)).not.toContain('declaration/duplicate');
    });

    test('diagnostics before a syntax error are kept; knock-on ones after it are left out', async () => {
        const text = [
            'unit FTE "no. people FTE"',
            'proxy p = £0 per FTE { source "Illustrative" }',
            'theme jobs { outcome o { measure M1 { unit FTE proxy p ask "?" } } }',
            'theme growth { outcome g { measure M2 { unit } } }',
            'theme social { outcome s { measure M3 { unit FTEE ask "?" } } }'
        ].join('\n');
        expect((await diagnosticsOf(text)).map(d => `${d.line}:${d.column} ${d.code}`)).toEqual([
            '2:11 proxy/value-not-positive',
            '4:46 syntax/error'
        ]);
    });
});

describe('syntax errors in plain English', () => {
    const cases: Array<[string, string, string]> = [
        ['a misspelt declaration keyword', 'thme jobs "Jobs" { }',
            "1:1 error syntax/error 'thme' does not start a declaration. A file can contain: import, framework, unit, proxy, scale, theme, question, gate, evaluation, rule, override, retire, add, profile, acknowledge. Did you mean 'theme'?"],
        ['a text missing after ask', 'theme jobs { outcome o { measure M { unit FTE ask } } }',
            "1:51 error syntax/error Expected a text in double quotes after 'ask', but found '}'."],
        ['a misspelt measure property', 'theme jobs { outcome o { measure M { units FTE } } }',
            "1:38 error syntax/error 'units' is not something a measure can contain. A measure can contain: unit, proxy, ask, guidance, evidence, minimum, maximum, whole numbers, categories, record only, multi year, codes, tags, horizon, answer, after award. Did you mean 'unit'? If the measure ends here, close it with '}'."],
        ['two letters swapped in a measure property', 'theme jobs { outcome o { measure M { unti FTE } } }',
            "1:38 error syntax/error 'unti' is not something a measure can contain. A measure can contain: unit, proxy, ask, guidance, evidence, minimum, maximum, whole numbers, categories, record only, multi year, codes, tags, horizon, answer, after award. Did you mean 'unit'? If the measure ends here, close it with '}'."],
        ['a text where a percentage goes', 'evaluation { weighting "ten" }',
            "1:24 error syntax/error Expected a percentage such as 10% or 'at least' after 'weighting', but found '\"ten\"'."],
        ['a number where a percentage goes', 'evaluation { weighting 10 }',
            "1:24 error syntax/error Expected a percentage such as 10% or 'at least' after 'weighting', but found '10'."],
        ['a number where money goes', 'unit FTE "x"\nproxy p = 12 per FTE',
            "2:11 error syntax/error Expected an amount of money such as £1,250 after '=', but found '12'."],
        ['a status that does not exist', 'framework x { status live }',
            "1:22 error syntax/error Expected 'draft', 'published' or 'retired' after 'status', but found 'live'."],
        ['an unfinished split', 'evaluation { split quantitative 60% }',
            "1:37 error syntax/error Expected 'qualitative' after '60%', but found '}'."],
        ['a file that ends inside a block', 'theme jobs { outcome o { measure M { unit FTE }',
            "1:48 error syntax/error The file ends before this outcome is closed. Add the missing '}'."],
        ['a file that ends mid-declaration', 'unit FTE',
            "1:9 error syntax/error The file ends too early: expected a text in double quotes after 'FTE'."],
        ['a stray closing brace', '}',
            "1:1 error syntax/error Unexpected '}': there is no open block here for it to close. Remove it, or look above for a missing '{'."],
        ['a misspelt rule effect', 'rule r { wieghting 10% }',
            "1:10 error syntax/error 'wieghting' is not something a rule can contain. A rule can contain: no ask, weighting, include, exclude, select, require, minimum, ratio, kpis, split quantitative, method, outlasting measures. Did you mean 'weighting'? If the rule ends here, close it with '}'."],
        ['a word inside a scale', 'scale s { 1 "a" 2 "b" foo }',
            "1:23 error syntax/error 'foo' is not something a scale can contain. A scale can contain levels, each a score and a label, e.g. 3 \"Good\". If the scale ends here, close it with '}'."],
        ['a measure without its keyword', 'unit FTE "x"\ntheme jobs { outcome o {\n  M1 "Measure" { unit FTE ask "?" }\n} }',
            "3:3 error syntax/error 'M1' is not something an outcome can contain. An outcome can contain: description, measure. If 'M1' is the name of a new measure, write `measure M1`. If the outcome ends here, close it with '}'."],
        ['a name at the top of a file', 'unit FTE "x" kg',
            "1:14 error syntax/error 'kg' does not start a declaration. A file can contain: import, framework, unit, proxy, scale, theme, question, gate, evaluation, rule, override, retire, add, profile, acknowledge. If 'kg' is a name, put what it names before it (framework, unit, proxy, scale, theme, question, gate or rule)."],
        ['characters that are not part of the language', 'unit FTE "x" @@@',
            "1:14 error syntax/unexpected-character The characters '@@@' cannot be used here. Write names with letters, digits and _; put any other text in double quotes."],
        ['a quote never closed at the end of the file', 'unit FTE "no. people',
            '1:10 error syntax/unexpected-character This " starts a text that is never closed. Add the closing " where the text ends.'],
    ];
    test.each(cases)('%s', async (_name, text, expected) => {
        const diagnostics = await diagnosticsOf(text);
        expect(diagnostics.map(describeDiagnostic)[0]).toBe(expected);
        expect(diagnostics.length).toBeLessThanOrEqual(2);
    });

    test('a syntax error is underlined on the unexpected token', async () => {
        const [diagnostic] = await diagnosticsOf('evaluation { weighting "ten" }');
        expect(diagnostic.range).toEqual({ start: { line: 0, character: 23 }, end: { line: 0, character: 28 } });
    });
});
