/**
 * The server's commands (`workspace/executeCommand`) that the VS Code extension's "SVF:
 * Compile framework" and "SVF: Preview question set" call, on the BUILT server over stdio:
 * the same outputs, summary and messages as `svf compile`, and nothing written on an error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateAgainstSchema } from '../../compiler/schema-validation.js';
import type { CompileResult, CompileSuccess, ContractProfileChoice, PreviewResult, PreviewSuccess } from '../../language/lsp/svf-execute-command.js';
import { runSvf } from '../cli/run-svf.js';
import { endSession, fileUri, LanguageServerSession, REPOSITORY_ROOT } from './language-server-session.js';

let root: string;
let council: string;
let session: LanguageServerSession;

const worksProfile = (): ContractProfileChoice => ({ kind: 'file', path: path.join(council, 'profiles', 'works-2.5m.json') });

beforeAll(async () => {
    // The workspace folder is a copy of examples/council; the national baseline it imports sits beside it, outside.
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-commands-')));
    for (const example of ['council', 'national-baseline']) {
        fs.cpSync(path.join(REPOSITORY_ROOT, 'examples', example), path.join(root, example), { recursive: true });
    }
    council = path.join(root, 'council');
    session = await LanguageServerSession.start(council);
});

afterAll(() => endSession(session, root));

function compile(file: string, profile: ContractProfileChoice, outputRoot: string): Promise<CompileResult> {
    return session.executeCommand('svf.compile', { uri: fileUri(file), profile, outputRoot, workspaceFolder: council }) as Promise<CompileResult>;
}

function preview(file: string, profile: ContractProfileChoice): Promise<PreviewResult> {
    return session.executeCommand('svf.previewPlan', { uri: fileUri(file), profile, workspaceFolder: council }) as Promise<PreviewResult>;
}

function readJson(file: string): Record<string, any> {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
}

test('the server offers its two commands in its capabilities', () => {
    expect(session.capabilities.executeCommandProvider?.commands).toEqual(['svf.compile', 'svf.previewPlan']);
});

describe('svf.compile', () => {
    test('from a file of the framework that is not its entry: writes the pair svf compile writes, byte for byte, valid against the schemas, and returns the CLI summary', async () => {
        const outputRoot = path.join(root, 'editor-output');
        const result = await compile(path.join(council, 'local-theme.svf'), worksProfile(), outputRoot);
        expect(result.ok).toBe(true);
        const { files, outDir, lines, frameworkId } = result as CompileSuccess;
        expect(frameworkId).toBe('eastshire.socialValue');
        expect(outDir).toBe(path.join(outputRoot, 'eastshire.socialValue'));
        expect(files).toEqual([path.join(outDir, 'question-set.json'), path.join(outDir, 'rubric.json')]);

        const questionSet = readJson(files[0]);
        const rubric = readJson(files[1]);
        expect(validateAgainstSchema('questionSet', questionSet)).toEqual([]);
        expect(validateAgainstSchema('rubric', rubric)).toEqual([]);
        expect(questionSet.profile).toMatchObject({ contractValue: '2500000.00', category: 'works', durationMonths: 36 });

        // The CLI on the same folder and profile: the same bytes, the same summary.
        const cliOut = path.join(root, 'cli-output');
        const cli = runSvf(['compile', '.', '--profile', 'profiles/works-2.5m.json', '--out', cliOut], council);
        expect(cli.exitCode).toBe(0);
        expect(fs.readFileSync(files[0], 'utf8')).toBe(fs.readFileSync(path.join(cliOut, 'question-set.json'), 'utf8'));
        expect(fs.readFileSync(files[1], 'utf8')).toBe(fs.readFileSync(path.join(cliOut, 'rubric.json'), 'utf8'));
        const summary = (output: string[]) => output.slice(output.indexOf('') + 1);
        expect(summary(lines)).toEqual(summary(cli.lines));
        expect(summary(lines)[0]).toBe('Framework     eastshire.socialValue 1.3.0 "Eastshire County Council Social Value Framework" (published)');
        // Paths shown relative to the workspace folder, as the CLI shows them relative to where it runs.
        expect(lines.slice(0, 3)).toEqual(['Wrote ../editor-output/eastshire.socialValue/question-set.json', 'Wrote ../editor-output/eastshire.socialValue/rubric.json', '']);
    });

    test('untailored: the rules travel with the outputs, as svf compile without a profile', async () => {
        const outputRoot = path.join(root, 'untailored');
        const result = await compile(path.join(council, 'framework.svf'), { kind: 'none' }, outputRoot) as CompileSuccess;
        expect(result.ok).toBe(true);
        const questionSet = readJson(result.files[0]);
        expect(questionSet.profile).toBeNull();
        expect(result.lines).toContain(result.lines.find(line => line.startsWith('Contract      none given: untailored;')));
    });

    test('value, category and duration typed in: tailored like --value --category --duration', async () => {
        const result = await compile(path.join(council, 'framework.svf'), { kind: 'typed', value: '£60,000', category: 'services', durationMonths: '24' }, path.join(root, 'typed')) as CompileSuccess;
        expect(result.ok).toBe(true);
        expect(result.lines).toContain('Contract      £60,000 services contract, 24 months');
        expect(readJson(result.files[0]).profile).toMatchObject({ contractValue: '60000.00', category: 'services', durationMonths: 24 });
    });

    test('a framework with an error, in an unsaved buffer: the errors as svf compile reports them, and nothing written', async () => {
        const file = path.join(council, 'local-theme.svf');
        const text = fs.readFileSync(file, 'utf8');
        const broken = text.replace(/^(\s+)unit fte$/m, '$1unit noSuchUnit');
        expect(broken).not.toBe(text);
        const outputRoot = path.join(root, 'not-written');
        try {
            await session.open(file, broken);
            await session.diagnostics(file, { accept: diagnostics => diagnostics.some(d => d.code === 'reference/unresolved') });
            const result = await compile(file, worksProfile(), outputRoot);
            expect(result.ok).toBe(false);
            const lines = result.ok ? [] : result.lines;
            expect(lines.some(line => /^local-theme\.svf:\d+:\d+ error reference\/unresolved Unknown unit 'noSuchUnit'\./.test(line)), lines.join('\n')).toBe(true);
            expect(lines.at(-2)).toMatch(/^\d+ errors?, \d+ warnings? in \d+ files$/);
            expect(lines.at(-1)).toBe('Nothing was written: fix the errors above, then compile again.');
            expect(fs.existsSync(outputRoot)).toBe(false);

            const previewed = await preview(file, worksProfile());
            expect(previewed.ok).toBe(false);
            expect(previewed.ok ? '' : previewed.lines.at(-1)).toBe('Nothing to preview: fix the errors above, then preview again.');
        } finally {
            await session.change(file, text);
            await session.diagnostics(file, { accept: diagnostics => !diagnostics.some(d => d.code === 'reference/unresolved') });
            await session.close(file);
        }
        // Fixed, it compiles again.
        expect((await compile(file, worksProfile(), outputRoot)).ok).toBe(true);
    });

    const badProfiles: Array<[string, ContractProfileChoice | (() => ContractProfileChoice), string]> = [
        ['a profile that is not JSON', () => ({ kind: 'file', path: path.join(council, 'profiles', 'broken.json') }),
            'the contract profile profiles/broken.json is not valid JSON (Unexpected end of JSON input). Write it like {"contractValue": 2500000, "category": "works"}.'],
        ['a missing profile', () => ({ kind: 'file', path: path.join(council, 'profiles', 'missing.json') }),
            'cannot read the contract profile profiles/missing.json: no such file or folder.'],
        ['a category the framework does not declare', { kind: 'typed', value: '2.5m', category: 'roads' },
            "the contract you typed: /category: 'category' is \"roads\", but it must be one of the framework's categories: 'goods', 'services' or 'works'. Correct it."],
        ['a value that is not money', { kind: 'typed', value: '2.5x', category: 'works' },
            "Contract value: '2.5x' is not an amount of money. Write it like 60000, £16.93, 250k, £2.5m, £1.2bn or £1,250,000."],
        ['a duration that is not whole months', { kind: 'typed', value: '2.5m', category: 'works', durationMonths: 'three years' },
            "Duration: the contract's length in whole months, e.g. 36; got 'three years'."]
    ];

    test.each(badProfiles)('%s: the message, and nothing written', async (_name, choice, message) => {
        fs.writeFileSync(path.join(council, 'profiles', 'broken.json'), '');
        const outputRoot = path.join(root, 'bad-profile');
        const result = await compile(path.join(council, 'framework.svf'), typeof choice === 'function' ? choice() : choice, outputRoot);
        expect(result).toEqual({ ok: false, lines: [message] });
        expect(fs.existsSync(outputRoot)).toBe(false);
    });

    test('a file that belongs to no framework: the CLI\'s message', async () => {
        const loose = path.join(council, 'loose.svf');
        await session.open(loose, 'unit hours "hours"\n');
        try {
            const result = await compile(loose, { kind: 'none' }, path.join(root, 'loose'));
            expect(result).toEqual({
                ok: false,
                lines: ["loose.svf has no `framework` header, so it is not a framework's entry file. Compile the file that starts with `framework <id> \"<title>\" { ... }`, or the folder that holds it as framework.svf."]
            });
        } finally {
            await session.close(loose);
        }
    });

    test('arguments that are not what the command takes: a message, not a crash', async () => {
        const result = await session.executeCommand('svf.compile', { uri: fileUri(path.join(council, 'framework.svf')), profile: { kind: 'file', path: 'relative.json' }, outputRoot: root }) as CompileResult;
        expect(result.ok).toBe(false);
        expect(result.ok ? '' : result.lines[0]).toMatch(/^svf\.compile: 'profile' must be/);
        const noOutput = await session.executeCommand('svf.compile', { uri: fileUri(path.join(council, 'framework.svf')), profile: { kind: 'none' } }) as CompileResult;
        expect(noOutput.ok ? '' : noOutput.lines[0]).toMatch(/^svf\.compile: 'outputRoot' must be/);
    });
});

describe('svf.previewPlan', () => {
    test('the plan page of the tailored questions: every question of the tailored set, and the questions tailoring left out are not there', async () => {
        const tailored = await compile(path.join(council, 'framework.svf'), { kind: 'typed', value: '60k', category: 'services', durationMonths: '24' }, path.join(root, 'small')) as CompileSuccess;
        const untailored = await compile(path.join(council, 'framework.svf'), { kind: 'none' }, path.join(root, 'all')) as CompileSuccess;
        const ids = (result: CompileSuccess) => (readJson(result.files[0]).questions as Array<{ id: string }>).map(question => question.id);
        const asked = ids(tailored);
        const leftOut = ids(untailored).filter(id => !asked.includes(id));
        expect(asked.length).toBeGreaterThan(0);
        expect(leftOut.length).toBeGreaterThan(0);

        const result = await preview(path.join(council, 'local-theme.svf'), { kind: 'typed', value: '60k', category: 'services', durationMonths: '24' });
        expect(result.ok).toBe(true);
        const { html, title, files } = result as PreviewSuccess;
        expect(html).toMatch(/^<!doctype html>/i);
        expect(title).toBe('Eastshire County Council Social Value Framework');
        for (const id of asked) expect(html).toMatch(new RegExp(`\\b${id}\\b`));
        for (const id of leftOut) expect(html).not.toMatch(new RegExp(`\\b${id}\\b`));
        // The framework's own files, to refresh the preview when one is saved; the baseline it imports among them.
        expect(files).toContain(fileUri(path.join(council, 'framework.svf')));
        expect(files).toContain(fileUri(path.join(council, 'local-theme.svf')));
        expect(files).toContain(fileUri(path.join(root, 'national-baseline', 'units.svf')));
    });

    test('the preview is the page `svf plan` writes for the same contract, byte for byte (the rule that applied in words included)', async () => {
        const result = await preview(path.join(council, 'local-theme.svf'), worksProfile());
        expect(result.ok).toBe(true);
        const cli = runSvf(['plan', council, '--profile', path.join(council, 'profiles', 'works-2.5m.json')], root);
        expect(cli.exitCode).toBe(0);
        expect((result as PreviewSuccess).html).toBe(cli.stdout);
        expect(cli.stdout).toMatch(/Applies when the contract value is from/);
    });

    test('after an edit, the preview shows the edited framework (what a refresh on save shows)', async () => {
        const file = path.join(council, 'framework.svf');
        const text = fs.readFileSync(file, 'utf8');
        const renamed = text.replace('"Eastshire County Council Social Value Framework"', '"Eastshire & Coast <Social Value>"');
        expect(renamed).not.toBe(text);
        try {
            await session.open(file, renamed);
            await session.diagnostics(file);
            const result = await preview(path.join(council, 'local-theme.svf'), worksProfile()) as PreviewSuccess;
            expect(result.title).toBe('Eastshire & Coast <Social Value>');
            // Escaped, however the plan page escapes.
            expect(result.html).toMatch(/Eastshire &(amp|#38|#x26); Coast &(lt|#60|#x3c);Social Value/i);
            expect(result.html).not.toContain('<Social Value>');
        } finally {
            await session.close(file);
        }
    });
});
