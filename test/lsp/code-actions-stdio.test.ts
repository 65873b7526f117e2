/**
 * Code actions from the BUILT language server over stdio: the kinds it advertises,
 * "Organise imports" on a whole file, and a quick fix whose edit clears its diagnostic.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LanguageServerSession, applyTextEdits, endSession, fileUri } from './language-server-session.js';

let root: string;
let session: LanguageServerSession;

const FRAMEWORK = `import "units.svf"
// The one theme
import "jobs.svf"
import "units.svf"
import "costs.svf"

framework lep "LEP" {
    version 1.0.0
}

evaluation {
    weighting 10%
}

rule large "Large" when contractValue >= £1m {
    no ask
}

// Never reached
rule huge "Huge" when contractValue >= £5m {
    weighting 15%
}

rule rest "The rest" {
    no ask
}
`;

beforeAll(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-code-actions-')));
    fs.writeFileSync(path.join(root, 'units.svf'), 'unit FTE "no. people FTE"\n');
    fs.writeFileSync(path.join(root, 'jobs.svf'), 'import "units.svf"\n\ntheme jobs "Jobs" {\n    outcome local "Local" {\n        measure NT1 "Local people" {\n            unit FTE\n            record only\n            ask "How many?"\n        }\n    }\n}\n');
    fs.writeFileSync(path.join(root, 'costs.svf'), 'import "units.svf"\n\nproxy localJob "Local job" = £25,000 per FTE {\n    source "ONS"\n}\n');
    fs.writeFileSync(path.join(root, 'framework.svf'), FRAMEWORK);
    session = await LanguageServerSession.start(root);
    await session.open(path.join(root, 'framework.svf'), FRAMEWORK);
    await session.diagnostics(path.join(root, 'framework.svf'), { after: 0 });
});

afterAll(() => endSession(session, root));

test('the server advertises quick fixes and organise imports', () => {
    expect(session.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.organizeImports'] });
});

test('organise imports removes the imports this file does not need and sorts, keeping the comment with its import', async () => {
    const file = path.join(root, 'framework.svf');
    const actions = (await session.sourceActions(file, 'source.organizeImports')) as CodeAction[];
    expect(actions.map(action => [action.title, action.kind])).toEqual([['Organise imports (remove 2 unused imports, sort by path)', 'source.organizeImports']]);
    const organised = applyTextEdits(FRAMEWORK, actions[0]!.edit!.changes![fileUri(file)]!);
    // units.svf is still part of the framework (jobs.svf imports it), and nothing here names a unit;
    // costs.svf is not (its proxy would leave the framework), so it stays.
    expect(organised).toBe(FRAMEWORK.replace('import "units.svf"\n// The one theme\nimport "jobs.svf"\nimport "units.svf"\nimport "costs.svf"\n', 'import "costs.svf"\n// The one theme\nimport "jobs.svf"\n'));
    // Asked for quick fixes only, the server does not offer it.
    expect(await session.codeActions(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [])).toEqual([]);
});

test('the unreachable rule is removed with its comment, and its warning goes', async () => {
    const file = path.join(root, 'framework.svf');
    const diagnostics = session.latestDiagnostics(file) ?? [];
    const unreachable = diagnostics.find(diagnostic => diagnostic.code === 'rule/unreachable');
    expect(unreachable?.message).toContain("Rule 'huge' can never apply");
    const actions = (await session.codeActions(file, unreachable!.range, [unreachable!])) as CodeAction[];
    expect(actions.map(action => action.title)).toEqual(["Remove unreachable rule 'huge'"]);
    const fixed = applyTextEdits(FRAMEWORK, actions[0]!.edit!.changes![fileUri(file)]!);
    expect(fixed).toBe(FRAMEWORK.replace('// Never reached\nrule huge "Huge" when contractValue >= £5m {\n    weighting 15%\n}\n\n', ''));
    const before = session.publishCount(file);
    await session.change(file, fixed);
    const after = await session.diagnostics(file, { after: before });
    expect(after.filter(diagnostic => diagnostic.code === 'rule/unreachable')).toEqual([]);
});
