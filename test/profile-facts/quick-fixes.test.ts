import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { runValidationOnSources } from '../helpers/validate.js';

/** The quick fixes offered for each diagnostic with `code` in the entry file, and the text after applying one. */
async function fixes(text: string, code: string): Promise<{ document: LangiumDocument; offered: Array<{ diagnostic: Diagnostic; actions: CodeAction[] }> }> {
    const { services, documents } = await runValidationOnSources({ 'framework.svf': text });
    const document = documents[0]!;
    const provider = services.lsp.CodeActionProvider!;
    const offered = [];
    for (const diagnostic of (document.diagnostics ?? []).filter(d => d.code === code)) {
        const actions = await provider.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        offered.push({ diagnostic, actions: (actions ?? []) as CodeAction[] });
    }
    return { document, offered };
}

function applied(document: LangiumDocument, action: CodeAction): string {
    const edits = [...action.edit!.changes![document.uri.toString()]!]
        .sort((a, b) => document.textDocument.offsetAt(b.range.start) - document.textDocument.offsetAt(a.range.start));
    let text = document.textDocument.getText();
    for (const edit of edits) {
        text = text.slice(0, document.textDocument.offsetAt(edit.range.start)) + edit.newText + text.slice(document.textDocument.offsetAt(edit.range.end));
    }
    return text;
}

const HEADER = 'framework lep "LEP" {\n    version 1.0.0\n}\n\nunit FTE "no. people FTE" record\n';
const TAIL = 'evaluation {\n    weighting 10%\n}\n';

describe('quick fixes for the contract profile', () => {
    test('undeclared flags: one fix declares every flag the file tests, in a new profile block', async () => {
        const text = `${HEADER}${TAIL}rule a when lotted and not residentialSite { weighting 5% }\nrule b when lotted { weighting 6% }\nrule c { weighting 10% }\n`;
        const { document, offered } = await fixes(text, 'profile/undeclared-flag');
        expect(offered).toHaveLength(3);
        for (const { actions } of offered) {
            expect(actions.map(action => [action.title, action.isPreferred])).toEqual([["Declare the flags 'lotted', 'residentialSite' in a `profile` block", true]]);
        }
        const fixed = applied(document, offered[0]!.actions[0]!);
        expect(fixed).toBe(`framework lep "LEP" {\n    version 1.0.0\n}\n\nprofile {\n    flag lotted\n    flag residentialSite\n}\n\nunit FTE "no. people FTE" record\n${TAIL}rule a when lotted and not residentialSite { weighting 5% }\nrule b when lotted { weighting 6% }\nrule c { weighting 10% }\n`);
        // The fixed framework checks without a profile warning.
        const { offered: after } = await fixes(fixed, 'profile/undeclared-flag');
        expect(after).toEqual([]);
    });

    test('an undeclared fact: declared in the existing profile block, or replaced by the nearest declared one', async () => {
        const text = `${HEADER}profile {\n    choice programme one of growthDeal, cityDeal\n}\n${TAIL}rule a when programe is cityDeal { weighting 5% }\nrule b when lotted { weighting 6% }\nrule c { weighting 10% }\n`;
        const { document, offered } = await fixes(text, 'profile/undeclared-fact');
        expect(offered.map(({ actions }) => actions.map(action => action.title))).toEqual([
            ["Change 'programe' to 'programme'", 'Declare `choice programe one of cityDeal` in the `profile` block'],
            ['Declare `flag lotted` in the `profile` block']
        ]);
        expect(applied(document, offered[0]!.actions[0]!)).toContain('rule a when programme is cityDeal');
        expect(applied(document, offered[1]!.actions[0]!)).toContain('profile {\n    choice programme one of growthDeal, cityDeal\n    flag lotted\n}');
    });

    test('an unknown value and an undeclared category: the nearest declared name', async () => {
        const text = `${HEADER}profile {\n    choice programme one of growthDeal, cityDeal, boost\n    categories goods, services, works, grants\n}\n${TAIL}rule a when programme is Boost and category is grant { weighting 5% }\nrule c { weighting 10% }\n`;
        const value = await fixes(text, 'profile/unknown-value');
        expect(value.offered[0]!.actions.map(action => action.title)).toEqual(["Change 'Boost' to 'boost'"]);
        expect(applied(value.document, value.offered[0]!.actions[0]!)).toContain('rule a when programme is boost and category is grant');
        const category = await fixes(text, 'profile/undeclared-category');
        expect(category.offered[0]!.actions.map(action => action.title)).toEqual(["Change 'grant' to 'grants'"]);
        expect(applied(category.document, category.offered[0]!.actions[0]!)).toContain('category is grants {');
    });

    test('a value with no near name gets no replacement', async () => {
        const text = `${HEADER}profile {\n    choice programme one of growthDeal, cityDeal\n}\n${TAIL}rule a when programme is rosebud { weighting 5% }\nrule c { weighting 10% }\n`;
        const { offered } = await fixes(text, 'profile/unknown-value');
        expect(offered.map(({ actions }) => actions)).toEqual([[]]);
    });
});
