/**
 * Format Document in process (langium/test's expectFormatting, with the services the server
 * uses): tabs or spaces as the client asks, comments indented like code, runs of spaces and
 * blank lines collapsed, and a file with a syntax error formatted only before the error.
 */
import { EmptyFileSystem, URI } from 'langium';
import { expectFormatting, parseDocument } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatSvfDocument } from '../../language/lsp/svf-formatter.js';
import { createSvfServices } from '../../language/svf-module.js';

const services = createSvfServices(EmptyFileSystem).Svf;
const formatting = expectFormatting(services);
const disposables: Array<{ dispose(): Promise<void> | void }> = [];

afterEach(async () => {
    for (const disposable of disposables.splice(0)) await disposable.dispose();
});

async function expectFormatted(before: string, after: string, options = { insertSpaces: true, tabSize: 4 }): Promise<void> {
    disposables.push(await formatting({ before, after, options }));
}

const lines = (...text: string[]) => text.join('\n') + '\n';

const messy = lines(
    'theme skills "Skills" {',
    '  description "Skills for local people"',
    '  // Outcomes for schools.',
    '  outcome training "Training" {',
    '        /* Staff time:',
    '           hours given to schools. */',
    '    measure SK1 "Staff hours" { unit hours',
    '      ask "How many hours?" }',
    '  }',
    '}'
);

describe('indentation follows the client\'s options', () => {
    test('four spaces', async () => {
        await expectFormatted(messy, lines(
            'theme skills "Skills" {',
            '    description "Skills for local people"',
            '    // Outcomes for schools.',
            '    outcome training "Training" {',
            '        /* Staff time:',
            '           hours given to schools. */',
            '        measure SK1 "Staff hours" {',
            '            unit hours',
            '            ask "How many hours?"',
            '        }',
            '    }',
            '}'
        ));
    });

    test('tabs, comment lines included (a block comment\'s later lines move with it)', async () => {
        await expectFormatted(messy, lines(
            'theme skills "Skills" {',
            '\tdescription "Skills for local people"',
            '\t// Outcomes for schools.',
            '\toutcome training "Training" {',
            '\t\t/* Staff time:',
            '\t\t   hours given to schools. */',
            '\t\tmeasure SK1 "Staff hours" {',
            '\t\t\tunit hours',
            '\t\t\task "How many hours?"',
            '\t\t}',
            '\t}',
            '}'
        ), { insertSpaces: false, tabSize: 4 });
    });

    test('tab size 8 with comments: spaces, then tabs, keep every comment\'s whole indent', async () => {
        const spaces = lines(
            'rule small "Small contracts" when contractValue < £100k {',
            '        // Below the threshold: nothing asked.',
            '        no ask',
            '        /* Reviewed',
            '            yearly. */',
            '}'
        );
        const tabs = lines(
            'rule small "Small contracts" when contractValue < £100k {',
            '\t// Below the threshold: nothing asked.',
            '\tno ask',
            '\t/* Reviewed',
            '\t    yearly. */',
            '}'
        );
        await expectFormatted(spaces, spaces, { insertSpaces: true, tabSize: 8 });
        await expectFormatted(spaces, tabs, { insertSpaces: false, tabSize: 8 });
        await expectFormatted(tabs, spaces, { insertSpaces: true, tabSize: 8 });
        await expectFormatted(tabs, tabs, { insertSpaces: false, tabSize: 8 });
    });
});

describe('whitespace is collapsed', () => {
    test('runs of blank lines become one; none at the start, before a closing brace or at the end', async () => {
        await expectFormatted('\n\n\nunit hours "hours"\n\n\n\n// Proxies.\n\n\nproxy staffHour = £16.93 per hours {\n    source "Illustrative" // a trailing comment\n\n\n}\n\n\n\n', lines(
            'unit hours "hours"',
            '',
            '// Proxies.',
            '',
            'proxy staffHour = £16.93 per hours {',
            '    source "Illustrative" // a trailing comment',
            '}'
        ));
    });

    test('runs of spaces and tabs between tokens become one space; trailing spaces go; nothing inside a line moves', async () => {
        await expectFormatted(lines(
            'unit   hours \t "hours"   ',
            'rule  small   "Small"   when contractValue  <  £100k   and  category  in  goods,services   {   no   ask  }   // small ones',
        ), lines(
            'unit hours "hours"',
            'rule small "Small" when contractValue < £100k and category in goods,services {',
            '    no ask',
            '} // small ones'
        ));
    });

    test('a formatted file is left as it is', async () => {
        const formatted = lines(
            'unit hours "hours" // trailing',
            '',
            'rule small "Small"',
            '    when contractValue < £100k {',
            '    no ask',
            '}'
        );
        await expectFormatted(formatted, formatted);
    });
});

describe('a file with a syntax error', () => {
    const broken = lines(
        'unit   hours "hours"',
        'gate  G1 "G" {',
        '      evidence "A policy"',
        '      ask',
        '}',
        'unit   days "days"'
    );

    test('is formatted before the line of the first error, and left as it is from there', async () => {
        await expectFormatted(broken, lines(
            'unit hours "hours"',
            'gate G1 "G" {',
            '    evidence "A policy"',
            '    ask',
            '}',
            'unit   days "days"'
        ));
    });

    test('the result names the error and lexes to the same tokens', async () => {
        const document = await parseDocument(services, broken);
        const result = formatSvfDocument(document, services.parser.Lexer, { insertSpaces: true, tabSize: 4 });
        expect(result.firstError).toMatchObject({ line: 4, character: 0 });
        const tokens = (text: string) => services.parser.Lexer.tokenize(text).tokens.map(token => token.image);
        expect(tokens(result.text)).toEqual(tokens(broken));
        const reformatted = await parseDocument(services, result.text);
        expect(reformatted.parseResult.parserErrors.map(error => error.message))
            .toEqual(document.parseResult.parserErrors.map(error => error.message));
    });

    test('characters the lexer cannot read are left untouched with their surroundings', async () => {
        const text = 'unit hours   "hours"   @@   unit  days "days"\n';
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file('/lexer-error.svf'));
        const result = formatSvfDocument(document, services.parser.Lexer, { insertSpaces: true, tabSize: 4 });
        expect(result.firstError).toBeDefined();
        expect(result.text).toBe(text);
    });
});

test('Windows line endings are kept', async () => {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString('unit hours "hours"\r\n\r\n\r\nunit  days "days"\r\n', URI.file('/crlf.svf'));
    const result = formatSvfDocument(document, services.parser.Lexer, { insertSpaces: true, tabSize: 4 });
    expect(result.text).toBe('unit hours "hours"\r\n\r\nunit days "days"\r\n');
    expect(TextDocument.applyEdits(document.textDocument, result.edits)).toBe(result.text);
});
