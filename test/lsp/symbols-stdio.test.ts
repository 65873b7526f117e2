/**
 * Document and workspace symbols from the BUILT language server over stdio, on the shipped
 * council example (its folder the workspace, the national baseline beside it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { LanguageServerSession, REPOSITORY_ROOT, endSession, fileUri } from './language-server-session.js';

let root: string;
let session: LanguageServerSession;

beforeAll(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-symbols-')));
    fs.cpSync(path.join(REPOSITORY_ROOT, 'examples'), root, { recursive: true });
    session = await LanguageServerSession.start(path.join(root, 'council'));
});

afterAll(() => endSession(session, root));

async function openedSymbols(file: string): Promise<DocumentSymbol[]> {
    await session.open(file, fs.readFileSync(file, 'utf8'));
    await session.diagnostics(file, { after: 0 });
    return (await session.documentSymbols(file)) as DocumentSymbol[];
}

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
    return symbols.flatMap(symbol => [symbol, ...flatten(symbol.children ?? [])]);
}

test('the server advertises document and workspace symbols', () => {
    expect(session.capabilities.documentSymbolProvider).toBeTruthy();
    expect(session.capabilities.workspaceSymbolProvider).toBeTruthy();
});

test("the council's framework.svf outlines its header, profile, evaluation and rule, each with its kind and detail", async () => {
    const symbols = await openedSymbols(path.join(root, 'council', 'framework.svf'));
    expect(symbols.map(({ name, kind, detail }) => ({ name, kind, detail }))).toEqual([
        { name: 'eastshire.socialValue', kind: SymbolKind.Package, detail: 'Eastshire County Council Social Value Framework' },
        { name: 'profile', kind: SymbolKind.Struct, detail: undefined },
        { name: 'evaluation', kind: SymbolKind.Object, detail: 'weighting 10%' },
        { name: 'eastshireMajorWorks', kind: SymbolKind.Function, detail: 'Works of £10m and above lasting a year or more: Eastshire construction skills pledge' }
    ]);
    expect(symbols[1]!.children).toMatchObject([{ name: 'lotted', kind: SymbolKind.Field, detail: 'The contract is let in lots · flag' }]);
});

test("the council's measures are nested theme > outcome > measure, with the measure's title and unit as detail", async () => {
    const symbols = await openedSymbols(path.join(root, 'council', 'local-theme.svf'));
    const theme = symbols.find(symbol => symbol.name === 'eastshire')!;
    expect(theme).toMatchObject({ kind: SymbolKind.Namespace, detail: 'Eastshire priorities' });
    const outcome = theme.children!.find(symbol => symbol.name === 'careLeavers')!;
    expect(outcome).toMatchObject({ kind: SymbolKind.Module, detail: 'Care leavers into good work' });
    expect(outcome.children![0]).toMatchObject({ name: 'ESC1', kind: SymbolKind.Field, detail: 'Care leavers employed on the contract · fte' });
    expect(flatten(symbols).find(symbol => symbol.name === 'people')).toMatchObject({ kind: SymbolKind.TypeParameter, detail: 'no. people · quantity' });
});

test('workspace symbols put the exact code first, also for declarations imported from outside the workspace folder', async () => {
    const symbols = (await session.workspaceSymbols('NT1')) as WorkspaceSymbol[];
    expect(symbols[0]).toMatchObject({
        name: 'NT1',
        kind: SymbolKind.Field,
        location: { uri: fileUri(path.join(root, 'national-baseline', 'themes', 'jobs.svf')) }
    });
    const names = symbols.map(symbol => symbol.name);
    const prefixed = names.filter(name => name.toLowerCase().startsWith('nt1'));
    expect(names.slice(0, prefixed.length)).toEqual(prefixed);
    expect(prefixed.length).toBeGreaterThan(1);
});
