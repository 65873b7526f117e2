/**
 * The BUILT language server (out/language/main-server.js, from `npm run build`), driven
 * over stdio by a real LSP client, as VS Code drives it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { toSvfDiagnostics, validateFiles } from '../helpers/validate.js';
import { applyTextEdits, fileUri, LanguageServerSession, endSession } from './language-server-session.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

let root: string;
let council: string;
let frameworkFile: string;
let frameworkText: string;
let session: LanguageServerSession;

beforeAll(async () => {
    // The workspace folder is `council`; `baseline`, which it imports, is outside it.
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-')));
    fs.cpSync(FIXTURES, root, { recursive: true });
    council = path.join(root, 'council');
    frameworkFile = path.join(council, 'framework.svf');
    frameworkText = fs.readFileSync(frameworkFile, 'utf8');
    session = await LanguageServerSession.start(council);
});

afterAll(() => endSession(session, root));

/** The diagnostics `svf check` gives for the file as it is on disk, in the LSP's shape. */
async function checkedOnDisk(file: string): Promise<ReturnType<typeof toSvfDiagnostics>> {
    return (await validateFiles([file]))[file] ?? [];
}

/** Where the n-th (0-based) occurrence of `needle` starts, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0, occurrence = 0): Position {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`'${needle}' not found`);
    }
    const before = text.slice(0, index + shift);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

async function hoverText(file: string, text: string, needle: string, shift = 1, occurrence = 0): Promise<string> {
    const hover = await session.hover(file, positionOf(text, needle, shift, occurrence));
    expect(hover, `no hover on '${needle}'`).not.toBeNull();
    return (hover!.contents as MarkupContent).value;
}

const withCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some(d => d.code === code);

describe('diagnostics', () => {
    test('a framework importing files outside the workspace folder links, and gets the diagnostics svf check gives', async () => {
        await session.open(frameworkFile, frameworkText);
        const published = await session.diagnostics(frameworkFile, { after: 0 });
        const checked = await checkedOnDisk(frameworkFile);
        expect(toSvfDiagnostics(published)).toEqual(checked);
        // Nothing is unresolved: `FTE`, `localJob` and the rest come from ../baseline.
        expect(published.filter(d => d.code === 'reference/unresolved' || d.code === 'import/missing-file')).toEqual([]);
        expect(published).toEqual([]);
    });

    test('a broken document gets the same diagnostics (code, message, range) as svf check, and fixing it clears them', async () => {
        const broken = frameworkText
            .replace('unit FTE\n', 'unit FTEs\n')
            .replace('scale quality\n', 'scale qualty\n')
            .replace('weight 100%', 'weight 90%')
            .replace('deadweight 10%\n            }', 'deadweight 110%\n            }');
        fs.writeFileSync(frameworkFile, broken);
        try {
            await session.change(frameworkFile, broken);
            const published = await session.diagnostics(frameworkFile, { accept: withCode('reference/unresolved') });
            const checked = await checkedOnDisk(frameworkFile);
            expect(checked.length).toBeGreaterThanOrEqual(3);
            expect(toSvfDiagnostics(published)).toEqual(checked);
            const messages = published.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
            const ftesLine = positionOf(broken, 'unit FTEs').line + 1;
            expect(messages).toContain(`${ftesLine}:18 reference/unresolved Unknown unit 'FTEs'. Check the spelling, declare it with \`unit NAME "label"\`, or import the file that declares it.`);
        } finally {
            fs.writeFileSync(frameworkFile, frameworkText);
            await session.change(frameworkFile, frameworkText);
        }
        expect(await session.diagnostics(frameworkFile, { accept: diagnostics => diagnostics.length === 0, timeoutMs: 10_000 })).toEqual([]);
    });

    test('garbage input gives the diagnostics svf check gives, the server keeps answering, and valid text clears them', async () => {
        const textGarbage = [
            '<<<>>> ;;; "unterminated',
            'framework { { { ] ] ) £££ 12.5.6.7% @@@ \\\\ \'',
            'measure measure measure {'.repeat(200),
            '}}}} theme { outcome } proxy = per £ % rule when and or not ('
        ].join('\n');
        const binaryGarbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256)).toString('latin1');
        try {
            for (const garbage of [textGarbage, binaryGarbage]) {
                fs.writeFileSync(frameworkFile, garbage);
                await session.change(frameworkFile, garbage);
                const published = await session.diagnostics(frameworkFile);
                expect(published.length).toBeGreaterThan(0);
                expect(published.every(d => String(d.code).startsWith('syntax/') && String(d.message).length > 0)).toBe(true);
                expect(toSvfDiagnostics(published)).toEqual(await checkedOnDisk(frameworkFile));

                // Requests on the garbage, out of range, on a document the server does not know, and an unknown method.
                await session.hover(frameworkFile, { line: 0, character: 3 });
                await session.hover(frameworkFile, { line: 9999, character: 9999 });
                await session.codeActions(frameworkFile, published[0]!.range, published);
                await session.hover(path.join(council, 'never-opened.svf'), { line: 0, character: 0 }).catch(() => undefined);
                await expect(session.connection.sendRequest('svf/noSuchMethod', {})).rejects.toThrow();
                expect(session.running).toBe(true);
            }
        } finally {
            fs.writeFileSync(frameworkFile, frameworkText);
            await session.change(frameworkFile, frameworkText);
        }
        expect(await session.diagnostics(frameworkFile, { accept: diagnostics => diagnostics.length === 0, timeoutMs: 10_000 })).toEqual([]);
        expect(await hoverText(frameworkFile, frameworkText, 'TS1')).toContain('Measure TS1');
    });
});

describe('imports', () => {
    test('an import of a file outside the workspace typed in an open document is loaded and links', async () => {
        const shared = path.join(root, 'shared');
        fs.mkdirSync(path.join(shared, 'folder.svf'), { recursive: true });
        fs.writeFileSync(path.join(shared, 'carbon.svf'), 'unit tonnesCO2e "tonnes CO2e" quantity\n');
        const file = path.join(council, 'carbon-measures.svf');
        const body = [
            'proxy carbonSaved = £248 per tonnesCO2e {',
            '    source "Illustrative value after DESNZ carbon values (2024 prices)"',
            '}',
            ''
        ].join('\n');
        await session.open(file, body);
        const unresolved = await session.diagnostics(file, { after: 0 });
        expect(unresolved.map(d => d.message)).toEqual([
            "Unknown unit 'tonnesCO2e'. Check the spelling, declare it with `unit NAME \"label\"`, or import the file that declares it."
        ]);

        // A missing file and a folder named like an .svf file are reported, not loaded.
        const withBadImports = `import "../shared/missing.svf"\nimport "../shared/folder.svf"\n${body}`;
        await session.change(file, withBadImports);
        const missing = await session.diagnostics(file, { accept: withCode('import/missing-file') });
        expect(missing.filter(d => d.code === 'import/missing-file').map(d => d.range.start.line)).toEqual([0]);
        expect(missing.filter(d => d.code === 'import/not-a-file').map(d => d.message)).toEqual([
            "Imported file '../shared/folder.svf' is a folder, not a file; svf reads only regular files. Import an .svf file."
        ]);

        await session.change(file, `import "../shared/carbon.svf"\n${body}`);
        expect(await session.diagnostics(file)).toEqual([]);
        const hover = await session.hover(file, { line: 1, character: 21 });
        expect((hover?.contents as MarkupContent).value).toContain('Value: £248.00 per tonnesCO2e (tonnes CO2e)');
        expect(session.running).toBe(true);
    });
});

describe('hover', () => {
    test('a measure shows its unit, its proxy and its net value per unit after the SROI adjustments', async () => {
        const text = await hoverText(frameworkFile, frameworkText, 'measure TS1', 'measure '.length + 1);
        expect(text).toContain('**Measure TS1**: Local people employed on the contract');
        expect(text).toContain('Unit: `FTE`, no. people FTE');
        expect(text).toContain('Financial proxy: `localJob` (A local person in employment for a year)');
        expect(text).toContain('Value: £28,560.00 per FTE (no. people FTE), 2024 prices');
        expect(text).toContain('Net value per unit: **£24,418.80** = £28,560.00 × (1 − 10% deadweight) × (1 − 5% attribution)');
        expect(text).toContain('Source: Illustrative value after ONS Annual Survey of Hours and Earnings (2024 prices)');
    });

    test('an inline proxy keeps the exact net value and shows it rounded to pence', async () => {
        const text = await hoverText(frameworkFile, frameworkText, 'measure TS3', 'measure '.length + 1);
        expect(text).toContain('Financial proxy: written in this measure');
        expect(text).toContain('Net value per unit: **£15.24** (exactly £15.237) = £16.93 × (1 − 10% deadweight)');
    });

    test('a proxy named in a measure shows its net value; the proxy is declared outside the workspace', async () => {
        const text = await hoverText(frameworkFile, frameworkText, 'proxy expertHour', 'proxy '.length + 2);
        expect(text).toContain('**Financial proxy expertHour**: An hour of staff expertise given to a VCSE');
        expect(text).toContain('Value: £101.00 per expertHours (no. staff expert hours), 2023 prices');
        expect(text).toContain('Net value per unit: **£101.00** (no deadweight, attribution or displacement declared)');
    });

    test('a money amount shows its exact value in pounds and pence', async () => {
        expect(await hoverText(frameworkFile, frameworkText, '£2.5m')).toBe('**£2.5m** is exactly £2,500,000.00.');
        expect(await hoverText(frameworkFile, frameworkText, '£25k', 1, 1)).toBe('**£25k** is exactly £25,000.00.');
    });

    test('a scale lists its levels; an outcome its measures; a question its weight, scale and ask', async () => {
        expect(await hoverText(frameworkFile, frameworkText, 'scale quality\n    weight', 'scale '.length + 1)).toBe([
            '**Scoring scale quality**: Method statement quality',
            '- **0** No response\n- **1** Poor: Generic, with no specific commitments\n- **3** Good: Specific and timed commitments\n- **5** Excellent: Specific, timed and evidenced commitments'
        ].join('\n\n'));
        expect(await hoverText(frameworkFile, frameworkText, 'outcomes localEmployment', 'outcomes '.length + 1)).toBe(
            '**Outcome localEmployment**: More local people in employment\n\nIn theme `jobs`.\n\nMeasures: TS1, TS2, TS3');
        expect(await hoverText(frameworkFile, frameworkText, 'MS1')).toBe([
            '**Method-statement question MS1**: Local employment plan',
            'Weight: 100% of the qualitative marks; Scored on `quality` (Method statement quality); Word limit: 500',
            '> Describe how you will recruit local people onto this contract.'
        ].join('\n\n'));
    });

    test('a rule shows its condition in words', async () => {
        const majorWorks = await hoverText(frameworkFile, frameworkText, 'majorWorks');
        expect(majorWorks).toContain('**Rule majorWorks**: Major works');
        expect(majorWorks).toContain("Applies when the contract is for works and (the contract value is from £2,500,000.00 up to, but not including, £10,000,000.00 or the contract profile has the flag 'lotted').");
        const small = await hoverText(frameworkFile, frameworkText, 'contractValue < £25k');
        expect(small).toContain('Applies when the contract value is less than £25,000.00.');
        const catchAll = await hoverText(frameworkFile, frameworkText, 'everyOtherContract');
        expect(catchAll).toContain('Applies to every contract: it has no `when` condition.');
    });

    test('a rule whose condition is half-typed says what the written part means, and what is missing', async () => {
        const file = path.join(council, 'half-typed-rules.svf');
        const text = [
            'rule halfTyped "Works, and then?" when category is works and contractValue {',
            '    weighting 10%',
            '}',
            'rule onlyWhen when {',
            '}',
            'rule openBracket when not (contractValue >= {',
            '}',
            ''
        ].join('\n');
        await session.open(file, text);
        await session.diagnostics(file, { after: 0 });
        expect(await hoverText(file, text, 'halfTyped')).toContain('The `when` condition is not finished. So far it reads: applies when the contract is for works and …');
        expect(await hoverText(file, text, 'category is')).toContain('applies when the contract is for works and …');
        expect(await hoverText(file, text, 'onlyWhen')).toContain('The `when` condition is not written yet.');
        expect(await hoverText(file, text, 'openBracket')).toContain('So far it reads: applies when not (the contract value is … or more).');
        expect(session.running).toBe(true);
    });
});

describe('completion', () => {
    test('after half-typed text that puts another property where a reference goes, completion answers without an internal error', async () => {
        // Langium pairs `categories` (a CategoriesProperty) with the `proxy` reference being typed before it.
        const file = path.join(council, 'half-typed-proxy.svf');
        const text = [
            'import "../baseline/units.svf"',
            'import "../baseline/proxies.svf"',
            'theme t "T" {',
            '    outcome o "O" {',
            '        measure M1 "M" {',
            '            unit FTE',
            '            proxy categories works',
            '        }',
            '    }',
            '}',
            ''
        ].join('\n');
        await session.open(file, text);
        await session.diagnostics(file, { after: 0 });
        // Inside `categories`: answered (nothing fits there) without an error; before it, the proxies.
        await session.completion(file, positionOf(text, 'categories', 1));
        const completion = await session.completion(file, positionOf(text, 'categories', 0));
        const labels = (Array.isArray(completion) ? completion : completion?.items ?? []).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['localJob', 'expertHour']));
        expect(session.errorOutput).toBe('');
    });
});

describe('quick fixes', () => {
    const localFile = () => path.join(council, 'local.svf');
    const localText = [
        'import "../baseline/units.svf"',
        'import "../baseline/proxies.svf"',
        '',
        'theme local "Local priorities" {',
        '    outcome visits "Schools visited" {',
        '        measure TL1 "Local people employed" {',
        '            unit FTEs',
        '            proxy localJob',
        '            ask "How many local people will you employ?"',
        '        }',
        '        measure TL2 "School visits" {',
        '            unit schoolVisits',
        '            record only',
        '            unit visits',
        '            ask "How many school visits will you make?"',
        '        }',
        '    }',
        '}',
        ''
    ].join('\n');

    async function fixesFor(diagnostics: Diagnostic[], code: string): Promise<Array<{ diagnostic: Diagnostic; actions: CodeAction[] }>> {
        const results = [];
        for (const diagnostic of diagnostics.filter(d => d.code === code)) {
            const actions = (await session.codeActions(localFile(), diagnostic.range, [diagnostic])) as CodeAction[] | null;
            results.push({ diagnostic, actions: actions ?? [] });
        }
        return results;
    }

    function applied(text: string, action: CodeAction): string {
        const edits = action.edit?.changes?.[fileUri(localFile())];
        expect(edits, `edit of '${action.title}'`).toBeDefined();
        return applyTextEdits(text, edits!);
    }

    test('a misspelt unit is offered the declared name, an unknown unit is declared, a repeated property removed', async () => {
        await session.open(localFile(), localText);
        const diagnostics = await session.diagnostics(localFile(), { after: 0 });
        expect(diagnostics.map(d => `${d.range.start.line + 1} ${d.code}`)).toEqual(
            expect.arrayContaining(['7 reference/unresolved', '12 reference/unresolved', '14 declaration/repeated-property']));

        const [misspelt, undeclared] = await fixesFor(diagnostics, 'reference/unresolved');
        expect(misspelt!.actions.map(a => [a.title, a.isPreferred])).toEqual([["Change 'FTEs' to 'FTE'", true], ["Declare unit 'FTEs' in this file", false]]);
        let text = applied(localText, misspelt!.actions[0]!);
        expect(text).toContain('            unit FTE\n            proxy localJob');

        expect(undeclared!.actions.map(a => a.title)).toEqual(["Declare unit 'schoolVisits' in this file"]);
        text = applied(text, undeclared!.actions[0]!);
        expect(text.startsWith('import "../baseline/units.svf"\nimport "../baseline/proxies.svf"\n\nunit schoolVisits "schoolVisits"\n\ntheme local')).toBe(true);

        const [repeated] = await fixesFor(diagnostics, 'declaration/repeated-property');
        expect(repeated!.actions.map(a => a.title)).toEqual(["Remove the repeated 'unit' line"]);
        // Apply the third fix to the original text's positions first, as they were computed on it.
        const withoutRepeat = applied(localText, repeated!.actions[0]!);
        expect(withoutRepeat).toContain('            unit schoolVisits\n            record only\n            ask "How many school visits will you make?"');

        // All three fixes together make the file valid.
        const fixed = applyTextEdits(localText, [misspelt!.actions[0]!, undeclared!.actions[0]!, repeated!.actions[0]!]
            .flatMap(action => action.edit!.changes![fileUri(localFile())]!));
        await session.change(localFile(), fixed);
        expect(await session.diagnostics(localFile())).toEqual([]);
    });
    test('proxies on measures that are never valued are removed, a measure without proxy is marked record only, the currency capitalised', async () => {
        const file = path.join(council, 'valuation.svf');
        const source = [
            'import "../baseline/units.svf"',
            '',
            'framework testshire.valuation "Valuation fixes" {',
            '    version 1.0.0',
            '    currency gbp',
            '}',
            '',
            'theme valuation "Valuation" {',
            '    outcome valued "Valued" {',
            '        measure RV1 "Recorded visits" {',
            '            unit visits',
            '            record only',
            '            proxy £10 { source "Illustrative" }',
            '            ask "How many visits?"',
            '        }',
            '        measure RV2 "Local jobs" {',
            '            unit FTE',
            '            ask "How many local people will you employ?"',
            '        }',
            '    }',
            '}',
            '',
            'evaluation {',
            '    weighting 10%',
            '    split quantitative 100% qualitative 0%',
            '}',
            ''
        ].join('\n');
        await session.open(file, source);
        const diagnostics = await session.diagnostics(file, { after: 0 });
        const codes = ['framework/invalid-currency', 'measure/record-only-with-proxy', 'measure/missing-proxy'];
        const edits = [];
        const titles = [];
        for (const code of codes) {
            const diagnostic = diagnostics.find(d => d.code === code);
            expect(diagnostic, code).toBeDefined();
            const actions = ((await session.codeActions(file, diagnostic!.range, [diagnostic!])) ?? []) as CodeAction[];
            // The first fix of each; a missing proxy also gets proxy fixes (test/lsp/code-actions-new.test.ts).
            expect(actions.length, code).toBeGreaterThanOrEqual(1);
            titles.push(actions[0]!.title);
            edits.push(...actions[0]!.edit!.changes![fileUri(file)]!);
        }
        expect(titles).toEqual([
            "Change the currency to 'GBP'",
            "Remove the proxy from measure 'RV1' (because a record-only measure is reported but never monetised)",
            "Mark measure 'RV2' as record only (reported, never monetised)"
        ]);
        const fixed = applyTextEdits(source, edits);
        expect(fixed).toContain('    currency GBP\n');
        expect(fixed).toContain('            unit visits\n            record only\n            ask "How many visits?"\n');
        expect(fixed).toContain('            ask "How many local people will you employ?"\n            record only\n        }');
        await session.change(file, fixed);
        const after = await session.diagnostics(file);
        expect(after.filter(d => codes.includes(String(d.code)))).toEqual([]);
        expect(toSvfDiagnostics(after).filter(d => d.severity === 'error')).toEqual([]);
    });
});

describe('formatting', () => {
    test('Format Document puts one property per line, indents blocks and keeps comments and blank lines', async () => {
        const file = path.join(council, 'messy.svf');
        const messy = [
            '   import "../baseline/units.svf"',
            '',
            '  proxy staffHour = £16.93 per expertHours {source "Illustrative volunteering rate (2023 prices)"   priceYear 2023',
            '  deadweight 10% }',
            'theme skills "Skills" { description "Skills for local people"',
            'outcome training "Training" {',
            '   // Hours given by staff to schools.',
            'measure SK1 "Staff hours at schools" { unit expertHours proxy staffHour',
            '        ask "How many hours will your staff give to local schools?" }',
            '}',
            '  }',
            'rule everyContract "Every contract" when contractValue >= 0 { select at most 6 measures }',
            ''
        ].join('\n');
        await session.open(file, messy);
        await session.diagnostics(file, { after: 0 });
        const edits = await session.format(file);
        expect(applyTextEdits(messy, edits ?? [])).toBe([
            'import "../baseline/units.svf"',
            '',
            'proxy staffHour = £16.93 per expertHours {',
            '    source "Illustrative volunteering rate (2023 prices)"',
            '    priceYear 2023',
            '    deadweight 10%',
            '}',
            'theme skills "Skills" {',
            '    description "Skills for local people"',
            '    outcome training "Training" {',
            '        // Hours given by staff to schools.',
            '        measure SK1 "Staff hours at schools" {',
            '            unit expertHours',
            '            proxy staffHour',
            '            ask "How many hours will your staff give to local schools?"',
            '        }',
            '    }',
            '}',
            'rule everyContract "Every contract" when contractValue >= 0 {',
            '    select at most 6 measures',
            '}',
            ''
        ].join('\n'));
        // A formatted file is left as it is.
        await session.change(file, applyTextEdits(messy, edits ?? []));
        await session.diagnostics(file);
        expect(await session.format(file)).toEqual([]);
    });

    test('Format Document puts each fact of a profile block on its own line and keeps a choice\'s values on it', async () => {
        const file = path.join(council, 'profile-facts.svf');
        const messy = 'profile { flag lotted "Let in lots"   choice programme "Programme" one of growthDeal, cityDeal\n categories goods, services, works, grants }\n';
        await session.open(file, messy);
        await session.diagnostics(file, { after: 0 });
        const edits = await session.format(file);
        expect(applyTextEdits(messy, edits ?? [])).toBe([
            'profile {',
            '    flag lotted "Let in lots"',
            '    choice programme "Programme" one of growthDeal, cityDeal',
            '    categories goods, services, works, grants',
            '}',
            ''
        ].join('\n'));
    });
});
