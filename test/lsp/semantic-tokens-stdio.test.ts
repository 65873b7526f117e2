/**
 * Semantic tokens, code lenses and inlay hints from the BUILT language server over stdio, on
 * the shipped council example (its folder the workspace, the national baseline beside it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LanguageServerSession, REPOSITORY_ROOT, endSession } from './language-server-session.js';

let root: string;
let session: LanguageServerSession;
let framework: string;
let text: string;
let lines: string[];

beforeAll(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-tokens-')));
    fs.cpSync(path.join(REPOSITORY_ROOT, 'examples'), root, { recursive: true });
    session = await LanguageServerSession.start(path.join(root, 'council'));
    framework = path.join(root, 'council', 'framework.svf');
    text = fs.readFileSync(framework, 'utf8');
    lines = text.split('\n');
    await session.open(framework, text);
    await session.diagnostics(framework, { after: 0 });
});

afterAll(() => endSession(session, root));

const lineOf = (fragment: string) => lines.findIndex(line => line.includes(fragment));

test('the server advertises semantic tokens (full and range) with the standard types and SVF modifiers, code lenses and inlay hints', () => {
    const provider = session.capabilities.semanticTokensProvider;
    expect(provider?.full).toBeTruthy();
    expect(provider?.range).toBe(true);
    expect(provider?.legend.tokenTypes).toEqual(expect.arrayContaining(['variable', 'number', 'type', 'parameter', 'enumMember', 'keyword', 'operator']));
    expect(provider?.legend.tokenModifiers).toEqual(expect.arrayContaining(['declaration', 'defaultLibrary', 'money', 'percentage', 'condition']));
    expect(session.capabilities.codeLensProvider).toBeTruthy();
    expect(session.capabilities.inlayHintProvider).toBeTruthy();
});

test('semanticTokens/full: the rule condition and its minimums are typed tokens', async () => {
    const result = await session.semanticTokens(framework);
    const { legend } = session.capabilities.semanticTokensProvider!;
    const tokens: Array<{ line: number; text: string; type: string; modifiers: string[] }> = [];
    let line = 0;
    let character = 0;
    const data = result!.data;
    for (let index = 0; index < data.length; index += 5) {
        line += data[index]!;
        character = data[index]! === 0 ? character + data[index + 1]! : data[index + 1]!;
        tokens.push({
            line, text: lines[line]!.slice(character, character + data[index + 2]!), type: legend.tokenTypes[data[index + 3]!]!,
            modifiers: legend.tokenModifiers.filter((_, bit) => (data[index + 4]! & (1 << bit)) !== 0)
        });
    }
    const on = (fragment: string) => tokens.filter(token => token.line === lineOf(fragment)).map(({ text, type, modifiers }) => `${text}:${type}${modifiers.map(modifier => `.${modifier}`).join('')}`);
    expect(on('rule eastshireMajorWorks')).toEqual(['eastshireMajorWorks:method.declaration']);
    expect(on('when category is works')).toEqual([
        'category:keyword.condition', 'is:keyword.condition', 'works:enumMember.condition', 'and:keyword.condition',
        'contractValue:parameter.defaultLibrary.condition', 'from:keyword.condition', '£10m:number.money.condition', 'and:keyword.condition',
        'durationMonths:parameter.defaultLibrary.condition', '>=:operator.condition', '12:number.condition'
    ]);
    expect(on('minimum ESC2 26 per £1m')).toEqual(['ESC2:variable', '26:number', '£1m:number.money']);
    expect(on('ratio 20%')).toEqual(['20%:number.percentage']);
});

test('codeLens: the rule says which contracts it is the first match for', async () => {
    const lenses = (await session.codeLenses(framework)) ?? [];
    const lens = lenses.find(candidate => candidate.range.start.line === lineOf('rule eastshireMajorWorks'));
    expect(lens?.command?.title).toBe('matches: works contracts of £10,000,000 or more lasting 12 months or more');
});

test('inlayHint: a minimum per £1m shows what it asks of the smallest contract the rule applies to', async () => {
    const hints = (await session.inlayHints(framework, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } })) ?? [];
    const hint = hints.find(candidate => candidate.position.line === lineOf('minimum ESC2 26 per £1m'));
    expect(hint).toMatchObject({ position: { character: lines[lineOf('minimum ESC2 26 per £1m')]!.trimEnd().length }, label: ' ≈ 260 weeks for £10m' });
    expect(String(hint?.tooltip)).toContain('the lowest contract value the rule applies to (£10,000,000)');
});
