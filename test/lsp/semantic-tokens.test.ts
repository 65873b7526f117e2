/**
 * Semantic highlighting: the token type and modifiers of measure codes, proxies, units,
 * profile facts, amounts and a rule's condition, decoded from the token array the server
 * sends, at the text they cover.
 */
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { LangiumDocument } from 'langium';
import type { SvfServices } from '../../language/svf-module.js';
import { runValidationOnSources } from '../helpers/validate.js';

const FRAMEWORK = `framework tokens "Tokens" {
    version 1.0.0
}
profile {
    flag lotted "Let in lots"
    choice programme "Programme" one of growthDeal, cityDeal
    categories goods, services, works
}
unit fte "no. people FTE"
proxy localJob "A local job" = £30,000 per fte {
    source "Illustrative"
    deadweight 10%
}
theme jobs "Jobs" {
    outcome local "Local" {
        measure NT1 "Local jobs" {
            unit fte
            proxy localJob
            ask "How many?"
            minimum 2
        }
    }
}
rule big when contractValue from £100k to £5m and category is works and not lotted or programme is cityDeal {
    include measures NT1
    minimum NT1 1 per £1m
    ratio 5%
}
rule small when durationMonths < 12 {
    no ask
}
`;

interface Token { line: number; character: number; text: string; type: string; modifiers: string[] }

/** The tokens of the file, decoded with the legend the provider advertises. */
async function tokens(source = FRAMEWORK): Promise<Token[]> {
    const { services, documents } = await runValidationOnSources({ 'framework.svf': source });
    return decodedTokens(services, documents[0]!, source);
}

async function decodedTokens(services: SvfServices, document: LangiumDocument, source: string): Promise<Token[]> {
    const provider = services.lsp.SemanticTokenProvider!;
    const { legend } = provider.semanticTokensOptions;
    const { data } = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    const lines = source.split('\n');
    const decoded: Token[] = [];
    let line = 0;
    let character = 0;
    for (let index = 0; index < data.length; index += 5) {
        const [deltaLine, deltaStart, length, type, modifierBits] = data.slice(index, index + 5) as [number, number, number, number, number];
        line += deltaLine;
        character = deltaLine === 0 ? character + deltaStart : deltaStart;
        decoded.push({
            line, character, text: lines[line]!.slice(character, character + length), type: legend.tokenTypes[type]!,
            modifiers: legend.tokenModifiers.filter((_, bit) => (modifierBits & (1 << bit)) !== 0)
        });
    }
    return decoded;
}

/** The tokens covering `text` on the first line containing `lineText`. */
function at(found: Token[], lineText: string, text: string): Array<Pick<Token, 'type' | 'modifiers'>> {
    const line = FRAMEWORK.split('\n').findIndex(candidate => candidate.includes(lineText));
    expect(line).toBeGreaterThanOrEqual(0);
    return found.filter(token => token.line === line && token.text === text).map(({ type, modifiers }) => ({ type, modifiers }));
}

describe('semantic tokens', () => {
    test('a measure code is a declaration where it is declared and a reference where a rule names it', async () => {
        const found = await tokens();
        expect(at(found, 'measure NT1', 'NT1')).toEqual([{ type: 'variable', modifiers: ['declaration'] }]);
        expect(at(found, 'include measures NT1', 'NT1')).toEqual([{ type: 'variable', modifiers: [] }]);
        expect(at(found, 'minimum NT1 1 per', 'NT1')).toEqual([{ type: 'variable', modifiers: [] }]);
    });

    test('units, proxies, themes, outcomes and rules have their own types, declared and used', async () => {
        const found = await tokens();
        expect(at(found, 'unit fte "no.', 'fte')).toEqual([{ type: 'type', modifiers: ['declaration'] }]);
        expect(at(found, 'per fte {', 'fte')).toEqual([{ type: 'type', modifiers: [] }]);
        expect(at(found, '            unit fte', 'fte')).toEqual([{ type: 'type', modifiers: [] }]);
        expect(at(found, 'proxy localJob "A local job"', 'localJob')).toEqual([{ type: 'function', modifiers: ['declaration'] }]);
        expect(at(found, '            proxy localJob', 'localJob')).toEqual([{ type: 'function', modifiers: [] }]);
        expect(at(found, 'theme jobs', 'jobs')).toEqual([{ type: 'namespace', modifiers: ['declaration'] }]);
        expect(at(found, 'outcome local', 'local')).toEqual([{ type: 'namespace', modifiers: ['declaration'] }]);
        expect(at(found, 'rule big', 'big')).toEqual([{ type: 'method', modifiers: ['declaration'] }]);
    });

    test('a reference that does not resolve is typed by what it would name', async () => {
        const source = FRAMEWORK.replace('            proxy localJob\n', '            proxy missingProxy\n').replace('include measures NT1', 'include measures NT99');
        const found = await tokens(source);
        const lines = source.split('\n');
        const on = (fragment: string, text: string) => found.filter(token => token.line === lines.findIndex(line => line.includes(fragment)) && token.text === text).map(token => token.type);
        expect(on('proxy missingProxy', 'missingProxy')).toEqual(['function']);
        expect(on('include measures NT99', 'NT99')).toEqual(['variable']);
    });

    test('£ amounts, percentages and numbers are number tokens, told apart by the money and percentage modifiers', async () => {
        const found = await tokens();
        expect(at(found, 'proxy localJob "A local job"', '£30,000')).toEqual([{ type: 'number', modifiers: ['money'] }]);
        expect(at(found, 'deadweight', '10%')).toEqual([{ type: 'number', modifiers: ['percentage'] }]);
        expect(at(found, 'minimum NT1 1 per', '£1m')).toEqual([{ type: 'number', modifiers: ['money'] }]);
        expect(at(found, 'minimum NT1 1 per', '1')).toEqual([{ type: 'number', modifiers: [] }]);
        expect(at(found, 'ratio 5%', '5%')).toEqual([{ type: 'number', modifiers: ['percentage'] }]);
        expect(at(found, '            minimum 2', '2')).toEqual([{ type: 'number', modifiers: [] }]);
    });

    test('a rule condition: its facts, values, keywords, operators and amounts carry the condition modifier', async () => {
        const found = await tokens();
        const rule = 'rule big when';
        expect(at(found, rule, 'contractValue')).toEqual([{ type: 'parameter', modifiers: ['defaultLibrary', 'condition'] }]);
        expect(at(found, rule, '£100k')).toEqual([{ type: 'number', modifiers: ['money', 'condition'] }]);
        expect(at(found, rule, '£5m')).toEqual([{ type: 'number', modifiers: ['money', 'condition'] }]);
        for (const keyword of ['from', 'to', 'and', 'category', 'not', 'or']) {
            expect(at(found, rule, keyword), keyword).toEqual(Array(keyword === 'and' ? 2 : 1).fill({ type: 'keyword', modifiers: ['condition'] }));
        }
        expect(at(found, rule, 'is')).toEqual(Array(2).fill({ type: 'keyword', modifiers: ['condition'] }));
        expect(at(found, rule, 'works')).toEqual([{ type: 'enumMember', modifiers: ['condition'] }]);
        expect(at(found, rule, 'lotted')).toEqual([{ type: 'parameter', modifiers: ['condition'] }]);
        expect(at(found, rule, 'programme')).toEqual([{ type: 'parameter', modifiers: ['condition'] }]);
        expect(at(found, rule, 'cityDeal')).toEqual([{ type: 'enumMember', modifiers: ['condition'] }]);
        expect(at(found, 'rule small', '<')).toEqual([{ type: 'operator', modifiers: ['condition'] }]);
        expect(at(found, 'rule small', '12')).toEqual([{ type: 'number', modifiers: ['condition'] }]);
        expect(at(found, 'rule small', 'durationMonths')).toEqual([{ type: 'parameter', modifiers: ['defaultLibrary', 'condition'] }]);
        // The `when` keyword and the effects are not part of the condition.
        expect(at(found, rule, 'when')).toEqual([]);
    });

    test('profile facts and their values are declared in the profile block', async () => {
        const found = await tokens();
        expect(at(found, 'flag lotted', 'lotted')).toEqual([{ type: 'parameter', modifiers: ['declaration'] }]);
        expect(at(found, 'choice programme', 'programme')).toEqual([{ type: 'parameter', modifiers: ['declaration'] }]);
        expect(at(found, 'choice programme', 'cityDeal')).toEqual([{ type: 'enumMember', modifiers: ['declaration'] }]);
        expect(at(found, 'categories goods', 'works')).toEqual([{ type: 'enumMember', modifiers: ['declaration'] }]);
    });

    test('tokens never overlap and are sorted, as the protocol requires', async () => {
        const found = await tokens();
        expect(found.length).toBeGreaterThan(30);
        expectSortedWithoutOverlap(found);
    });

    test('half-typed text (a span of the file cut out) highlights without overlapping tokens, and its lenses and hints do not throw', async () => {
        await fc.assert(fc.asyncProperty(fc.nat(FRAMEWORK.length), fc.nat(40), async (start, length) => {
            const source = FRAMEWORK.slice(0, start) + FRAMEWORK.slice(start + length);
            const { services, documents } = await runValidationOnSources({ 'framework.svf': source });
            const document = documents[0]!;
            expectSortedWithoutOverlap(await decodedTokens(services, document, source));
            const textDocument = { uri: document.uri.toString() };
            await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument });
            await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } } });
        }), { numRuns: 25, seed: 15 });
    });
});

function expectSortedWithoutOverlap(found: Token[]): void {
    found.slice(1).forEach((token, index) => {
        const previous = found[index]!;
        if (token.line === previous.line) expect(token.character).toBeGreaterThanOrEqual(previous.character + previous.text.length);
        else expect(token.line).toBeGreaterThan(previous.line);
    });
}
