/**
 * The BUILT language server never exits or stalls on hostile imports: a path that cannot
 * be a URI (an unpaired surrogate), a FIFO or a device, imported or lying in the workspace.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LanguageServerSession, endSession } from './language-server-session.js';

let root: string;
let session: LanguageServerSession;

beforeAll(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-hostile-')));
    fs.writeFileSync(path.join(root, 'units.svf'), 'unit FTE "no. people FTE"\n');
    // A FIFO and a device in the workspace folder: the workspace scan must not open them.
    execFileSync('mkfifo', [path.join(root, 'pipe.svf')]);
    fs.symlinkSync('/dev/zero', path.join(root, 'zero.svf'));
    session = await LanguageServerSession.start(root);
});

afterAll(() => endSession(session, root));

const codesOf = (diagnostics: Diagnostic[]) => diagnostics.map(d => `${d.range.start.line}:${d.code}`);

describe('hostile imports in the language server', () => {
    test('an import path with an unpaired surrogate is reported, and the server lives on', async () => {
        const file = path.join(root, 'surrogate.svf');
        await session.open(file, 'import "a\udc00.svf"\nimport "b\udc00"\nunit hours "hours"\n');
        const diagnostics = await session.diagnostics(file, { after: 0, accept: ds => ds.length > 0 });
        expect(codesOf(diagnostics)).toEqual(['0:import/invalid-path', '1:import/invalid-path']);
        expect(diagnostics[0].message).toBe('Import path contains an unpaired surrogate (\\udc00), which cannot be part of a file name. Retype the path.');
        expect(session.running).toBe(true);
    });

    test('a FIFO and a device imported are reported without the server stalling', async () => {
        const file = path.join(root, 'framework.svf');
        await session.open(file, 'import "pipe.svf"\nimport "zero.svf"\nimport "units.svf"\nunit hours "hours"\n');
        const diagnostics = await session.diagnostics(file, { after: 0, accept: ds => ds.length >= 2, timeoutMs: 10_000 });
        expect(diagnostics.map(d => d.message)).toEqual([
            "Imported file 'pipe.svf' is a FIFO (named pipe), not a file; svf reads only regular files. Import an .svf file.",
            "Imported file 'zero.svf' is a character device, not a file; svf reads only regular files. Import an .svf file.",
        ]);
        expect(codesOf(diagnostics)).toEqual(['0:import/not-a-file', '1:import/not-a-file']);
        // Still answering: an edit is rechecked.
        await session.change(file, 'import "units.svf"\nunit hours "hours"\n');
        expect(await session.diagnostics(file)).toEqual([]);
        expect(session.running).toBe(true);
    });
});

describe('a workspace with a file over the size limit', () => {
    let folder: string;
    let limited: LanguageServerSession;

    beforeAll(async () => {
        folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-limit-')));
        fs.writeFileSync(path.join(folder, 'units.svf'), 'unit FTE "no. people FTE"\n');
        fs.writeFileSync(path.join(folder, 'big.svf'), `unit big "big"\n// ${'x'.repeat(200)}\n`);
        limited = await LanguageServerSession.start(folder, undefined, undefined, { SVF_MAX_FILE_SIZE: '100' });
    });

    afterAll(async () => {
        const errorOutput = limited?.errorOutput;
        expect(await limited?.shutdown()).toBe(0);
        fs.rmSync(folder, { recursive: true, force: true });
        expect(errorOutput).toBe('');
    });

    test('the rest of the workspace loads, and an import of the big file says why it is not read', async () => {
        const file = path.join(folder, 'framework.svf');
        await limited.open(file, 'import "units.svf"\nimport "big.svf"\nproxy p = £1 per FTE {\n    source "s"\n}\n');
        const diagnostics = await limited.diagnostics(file, { after: 0, accept: ds => ds.length > 0 });
        expect(codesOf(diagnostics)).toEqual(['1:import/too-large']);
        expect(diagnostics[0].message).toMatch(/^Imported file 'big\.svf' is 219 bytes, over the 100 bytes limit for one file\. .*SVF_MAX_FILE_SIZE/);
    });
});
