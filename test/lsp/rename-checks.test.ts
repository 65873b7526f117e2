/**
 * Rename refuses what would change a framework's meaning: a clash with a declaration of the
 * same kind visible to an edited file (F2 from careLeaverWeek to localJob used to relink a
 * measure to the wrong proxy), a keyword, or text that is not a name; and it keeps an
 * import alias (`base.localJob` -> `base.newName`).
 */
import { describe, expect, test } from 'vitest';
import type { Position } from 'vscode-languageserver';
import { runValidationOnSources } from '../helpers/validate.js';

const PROXIES = `unit fte "no. people FTE"
unit weeks "no. weeks"
proxy localJob "A local job" = £30,000 per fte { source "Illustrative" }
proxy careLeaverWeek "A week for a care leaver" = £500 per weeks { source "Illustrative" }
`;

const FRAMEWORK = `import "proxies.svf" as base
framework rename.test "Rename" {
    version 1.0.0
}
theme jobs "Jobs" {
    outcome local "Local" {
        measure NT1 "Local jobs" {
            unit base.fte
            proxy base.localJob
            ask "How many?"
        }
        measure NT2 "Care leaver weeks" {
            unit base.weeks
            proxy base.careLeaverWeek
            ask "How many weeks?"
        }
    }
}
`;

async function rename(file: 'proxies.svf' | 'framework.svf', find: string, newName: string) {
    const { services, documents } = await runValidationOnSources({ 'proxies.svf': PROXIES, 'framework.svf': FRAMEWORK });
    const document = documents[file === 'proxies.svf' ? 0 : 1]!;
    const text = document.textDocument.getText();
    const offset = text.indexOf(find) + find.length - 1;
    const position: Position = document.textDocument.positionAt(offset);
    return services.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position, newName });
}

describe('rename', () => {
    test('to the name of another proxy visible to the edited files: refused, saying which', async () => {
        await expect(rename('proxies.svf', 'proxy careLeaverWeek', 'localJob')).rejects.toThrow(
            "Cannot rename to 'localJob': financial proxy 'localJob' (proxies.svf:3) is already visible here, so every reference would silently point to it. Choose another name, or rename or remove that financial proxy first."
        );
    });

    test('to a keyword, or to text that is not a name: refused', async () => {
        await expect(rename('proxies.svf', 'proxy careLeaverWeek', 'measure')).rejects.toThrow("'measure' is a keyword of the language and cannot be a name");
        await expect(rename('proxies.svf', 'proxy careLeaverWeek', 'care leaver')).rejects.toThrow("'care leaver' is not a name: write letters, digits and _ only, not starting with a digit (e.g. 'localJob').");
    });

    test('a keyword that is also a natural name (works, text, year) is allowed', async () => {
        const edit = await rename('proxies.svf', 'proxy careLeaverWeek', 'year');
        expect(edit?.changes).toBeDefined();
    });

    test('renaming through an aliased reference keeps the alias, and renames the declaration', async () => {
        const edit = await rename('framework.svf', 'proxy base.careLeaverWeek', 'careLeaverWeekValue');
        const newTexts = Object.entries(edit!.changes!).map(([uri, edits]) => [uri.split('/').pop(), edits.map(each => each.newText)]);
        expect(newTexts).toEqual(expect.arrayContaining([
            ['proxies.svf', ['careLeaverWeekValue']],
            ['framework.svf', ['base.careLeaverWeekValue']]
        ]));
    });

    test('a name no other declaration of the kind has: renamed everywhere', async () => {
        const edit = await rename('proxies.svf', 'proxy localJob', 'localEmployment');
        expect(Object.values(edit!.changes!).flat().map(each => each.newText).sort()).toEqual(['base.localEmployment', 'localEmployment']);
    });
});
