/**
 * Untitled (never saved) buffers get diagnostics from the BUILT language server, as the
 * VS Code client now sends them (documentSelector `untitled`), and an import in one, which
 * has no folder to be relative to, is an error on the import rather than a crash.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LanguageServerSession, REPOSITORY_ROOT, endSession } from './language-server-session.js';

let root: string;
let session: LanguageServerSession;

beforeAll(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-untitled-')));
    session = await LanguageServerSession.start(root);
});

afterAll(() => endSession(session, root));

describe('untitled buffers', () => {
    test('a new, unsaved buffer is checked like a file: an unknown unit is reported where it is written', async () => {
        const buffer = 'untitled:Untitled-1';
        await session.open(buffer, 'unit fte "no. FTE"\ntheme jobs "Jobs" {\n    outcome local "Local" {\n        measure NT1 "Jobs" {\n            unit hours\n            ask "How many?"\n        }\n    }\n}\n');
        const diagnostics = await session.diagnostics(buffer, { after: 0, accept: found => found.length > 0 });
        expect(diagnostics.map(diagnostic => `${diagnostic.range.start.line}:${diagnostic.code}: ${diagnostic.message}`)).toContain(
            "4:reference/unresolved: Unknown unit 'hours'. Check the spelling, declare it with `unit NAME \"label\"`, or import the file that declares it."
        );
        // Fixing it clears it.
        await session.change(buffer, 'unit hours "no. hours"\n');
        expect(await session.diagnostics(buffer, { accept: found => found.length === 0 })).toEqual([]);
        expect(session.running).toBe(true);
    });

    test('an import in an untitled buffer has no folder to be relative to: an error on the import, and the server lives on', async () => {
        const buffer = 'untitled:Untitled-2';
        await session.open(buffer, 'import "units.svf"\nunit hours "no. hours"\n');
        const diagnostics = await session.diagnostics(buffer, { after: 0, accept: found => found.length > 0 });
        expect(diagnostics[0]!.range.start.line).toBe(0);
        expect(String(diagnostics[0]!.code)).toMatch(/^import\//);
        expect(session.running).toBe(true);
    });

    test('the VS Code client selects untitled .svf buffers as well as files', () => {
        const client = fs.readFileSync(path.join(REPOSITORY_ROOT, 'extension', 'src', 'extension.ts'), 'utf8');
        expect(client).toContain("{ scheme: 'untitled', language: 'svf' }");
    });
});
