/**
 * The shipped examples as a policy officer opens them: the council's folder is the
 * workspace, and the national baseline it builds on sits beside it, outside the workspace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { toSvfDiagnostics, validateFiles } from '../helpers/validate.js';
import { LanguageServerSession, REPOSITORY_ROOT, endSession } from './language-server-session.js';

const EXAMPLES = path.join(REPOSITORY_ROOT, 'examples');
let root: string;
let session: LanguageServerSession;

beforeAll(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-examples-')));
    fs.cpSync(EXAMPLES, root, { recursive: true });
    session = await LanguageServerSession.start(path.join(root, 'council'));
});

afterAll(() => endSession(session, root));

test('the council framework links the baseline outside its folder and gets exactly the diagnostics of svf check', async () => {
    const framework = path.join(root, 'council', 'framework.svf');
    const text = fs.readFileSync(framework, 'utf8');
    await session.open(framework, text);
    const published = await session.diagnostics(framework, { after: 0 });
    const checked = (await validateFiles([framework]))[framework];
    expect(toSvfDiagnostics(published)).toEqual(checked);
    expect(published.filter(d => d.code === 'reference/unresolved' || d.code === 'import/missing-file')).toEqual([]);

    // `NT1` is declared in ../national-baseline/themes/jobs.svf.
    const offset = text.indexOf('minimum NT1') + 'minimum '.length + 1;
    const line = text.slice(0, offset).split('\n').length - 1;
    const hover = await session.hover(framework, { line, character: offset - text.lastIndexOf('\n', offset - 1) - 1 });
    const markdown = (hover?.contents as MarkupContent).value;
    expect(markdown).toMatch(/^\*\*Measure NT1\*\*/);
    expect(markdown).toMatch(/Net value per unit: \*\*£[\d,]+\.\d\d\*\*/);
});
