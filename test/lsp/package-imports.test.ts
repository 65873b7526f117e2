/**
 * The language server across the package boundary, over stdio: a council framework that
 * imports an installed npm package (npm pack + npm install --offline), go to definition
 * and hover into node_modules, and node_modules read-only to rename and quick fixes.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Hover, Position } from 'vscode-languageserver-protocol';
import { COUNCIL_FRAMEWORK, installCouncil, NpmLayout } from '../helpers/npm-packages.js';
import { endSession, fileUri, LanguageServerSession } from './language-server-session.js';

let layout: NpmLayout;
let session: LanguageServerSession | undefined;
let frameworkFile: string;
let packageFile: string;

beforeAll(async () => {
    layout = new NpmLayout();
    installCouncil(layout);
    frameworkFile = layout.path('council', 'framework.svf');
    packageFile = layout.path('council', 'node_modules', '@orbis', 'real-estate-measures', 'measures.svf');
    session = await LanguageServerSession.start(layout.path('council'));
    await session.open(frameworkFile, COUNCIL_FRAMEWORK);
    // Clean only when the package's names link: the server loaded the imported package files.
    expect(await session.diagnostics(frameworkFile, { after: 0 })).toEqual([]);
}, 60_000);
afterAll(() => endSession(session, layout.root));

/** The position of the first `text` on the line that contains `onLine`. */
function positionOf(source: string, onLine: string, text: string): Position {
    const lines = source.split('\n');
    const line = lines.findIndex(candidate => candidate.includes(onLine));
    return { line, character: lines[line].indexOf(text) + 1 };
}

describe('the language server and packages in node_modules', () => {
    test('go to definition of a proxy declared in the package opens the package\'s file', async () => {
        const definition = await session!.definition(frameworkFile, positionOf(COUNCIL_FRAMEWORK, 'proxy localJob', 'localJob'));
        const targets = (Array.isArray(definition) ? definition : definition ? [definition] : [])
            .map(target => 'targetUri' in target ? { file: fileURLToPath(target.targetUri), line: target.targetSelectionRange.start.line } : { file: fileURLToPath(target.uri), line: target.range.start.line });
        const packageText = fs.readFileSync(packageFile, 'utf8');
        expect(targets)
            .toEqual([{ file: packageFile, line: positionOf(packageText, 'proxy localJob', 'localJob').line }]);
    });

    test('hover on a proxy from the package shows its value', async () => {
        const hover = await session!.hover(frameworkFile, positionOf(COUNCIL_FRAMEWORK, 'proxy localJob', 'localJob')) as Hover;
        expect(JSON.stringify(hover.contents)).toContain('18,240.00');
    });

    test('a rename that would edit the package is refused with a message, and nothing is edited', async () => {
        await expect(session!.rename(frameworkFile, positionOf(COUNCIL_FRAMEWORK, 'proxy localJob', 'localJob'), 'localPost'))
            .rejects.toThrow("Cannot rename: the rename would edit node_modules/@orbis/real-estate-measures/measures.svf, in an installed package (node_modules), which is read-only.");
        // A name of the council's own still renames.
        const edit = await session!.rename(frameworkFile, positionOf(COUNCIL_FRAMEWORK, 'scale fivePoint', 'fivePoint'), 'sixPoint');
        expect(Object.keys(edit?.changes ?? {})).toEqual([fileUri(frameworkFile)]);
    });

    test('no quick fix is offered in a file of the package', async () => {
        const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } };
        const diagnostic = { range, message: "Unknown unit 'ftee'.", code: 'reference/unresolved', severity: 1 as const };
        expect(await session!.codeActions(packageFile, range, [diagnostic])).toEqual([]);
    });
});
