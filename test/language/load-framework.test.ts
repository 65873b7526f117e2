import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createSvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { createSvfNodeFileSystem, SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';

let folder: string;
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

function files(contents: Record<string, string>): string {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-load-')));
    for (const [file, text] of Object.entries(contents)) fs.writeFileSync(path.join(folder, file), text);
    return folder;
}

describe('loadFramework', () => {
    test('an entry folder: its framework.svf, the closure and plain diagnostics', async () => {
        files({ 'framework.svf': 'import "units.svf"\nunit hours\n', 'units.svf': 'unit FTE "FTE"\n', 'other.svf': 'unit x "x"\n' });
        const { Svf } = createSvfServices(SvfNodeFileSystem);
        const loaded = await loadFramework(Svf, { entry: folder });
        expect(loaded.inputErrors).toEqual([]);
        expect(loaded.requested.map(d => path.basename(d.uri.fsPath))).toEqual(['framework.svf']);
        expect(loaded.documents.map(d => path.basename(d.uri.fsPath))).toEqual(['framework.svf', 'units.svf']);
        expect(loaded.diagnostics).toEqual([expect.objectContaining({
            path: path.join(folder, 'framework.svf'), line: 2, column: 11, severity: 'error', code: 'syntax/error'
        })]);
    });

    test('input problems are typed data, not exceptions', async () => {
        files({ 'framework.svf': 'import "pipe.svf"\nimport "big.svf"\n', 'big.svf': `// ${'x'.repeat(200)}\n` });
        execFileSync('mkfifo', [path.join(folder, 'pipe.svf')]);
        const { Svf } = createSvfServices(createSvfNodeFileSystem({ maxFileSize: 100 }));
        const loaded = await loadFramework(Svf, { paths: [folder, path.join(folder, 'missing.svf')] });
        expect(loaded.inputErrors.map(error => [path.basename(error.path), error.kind])).toEqual([
            ['missing.svf', 'missing'], ['big.svf', 'too-large'], ['pipe.svf', 'not-a-file'],
        ]);
        // The importing file still says what is wrong with each import.
        const framework = loaded.documents.find(d => d.uri.fsPath.endsWith('framework.svf'))!;
        expect(framework.diagnostics?.map(d => d.code)).toEqual(['import/not-a-file', 'import/too-large']);
    });

    test('in-memory sources: an import path that cannot be a URI is a diagnostic, not an exception', async () => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-load-'));
        const { Svf } = createSvfServices(SvfNodeFileSystem);
        const loaded = await loadFramework(Svf, { sources: { '/virtual/a.svf': 'import "x\udc00.svf"\nimport "y\udc00"\nunit FTE "FTE"\n' } });
        expect(loaded.diagnostics.map(d => `${d.line} ${d.code} ${d.message}`)).toEqual([
            '1 import/invalid-path Import path contains an unpaired surrogate (\\udc00), which cannot be part of a file name. Retype the path.',
            '2 import/invalid-path Import path contains an unpaired surrogate (\\udc00), which cannot be part of a file name. Retype the path.',
        ]);
    });

    test('services are per instance: two loads share no cached framework', async () => {
        files({ 'a.svf': 'unit FTE "FTE"\n' });
        const first = createSvfServices(SvfNodeFileSystem).Svf;
        const second = createSvfServices(SvfNodeFileSystem).Svf;
        expect(first.workspace.FrameworkDocuments).not.toBe(second.workspace.FrameworkDocuments);
        expect(first.workspace.ImportGraph).not.toBe(second.workspace.ImportGraph);
    });
});
