/**
 * The extension's commands (extension/src/framework-commands.ts) run against a stand-in for
 * the VS Code API that answers the quick pick and input boxes as a user would, and a client
 * that forwards to the BUILT language server over stdio: what is asked, what is sent, what is
 * written, what is shown.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { endSession, LanguageServerSession, REPOSITORY_ROOT } from './language-server-session.js';

interface FakeUri { scheme: string; fsPath: string; toString(): string }
interface Pickable { label: string; description?: string; detail?: string }
interface InputOptions { prompt?: string; validateInput?: (text: string) => string | undefined }

const vscode = vi.hoisted(() => {
    // Hoisted above the imports: pathToFileURL is handed in by setUrl before the tests run.
    let toUrl: (file: string) => string = file => `file://${file}`;
    const uri = (file: string) => ({ scheme: 'file', fsPath: file, path: file, toString: () => toUrl(file) });
    const state = {
        setUrl(convert: (file: string) => string) { toUrl = convert; },
        workspaceFolder: '',
        settings: {} as Record<string, string>,
        activeDocument: undefined as undefined | { languageId: string; uri: FakeUri },
        pick: (items: Pickable[]): Pickable | undefined => items[0],
        input: (_options: InputOptions): string | undefined => undefined,
        answer: (_message: string, _items: string[]): string | undefined => undefined,
        commands: new Map<string, () => Promise<void>>(),
        saveListeners: [] as Array<(document: unknown) => void>,
        messages: [] as Array<{ kind: string; message: string }>,
        output: [] as string[],
        opened: [] as string[],
        panels: [] as Array<{ title: string; webview: { html: string; cspSource: string }; options: unknown }>,
        uri
    };
    return state;
});

vi.mock('vscode', () => ({
    commands: { registerCommand: (name: string, run: () => Promise<void>) => { vscode.commands.set(name, run); return { dispose() {} }; } },
    ProgressLocation: { Notification: 15 },
    ViewColumn: { Beside: -2 },
    RelativePattern: class { constructor(readonly base: string, readonly pattern: string) {} },
    Uri: { file: (file: string) => vscode.uri(file) },
    window: {
        get activeTextEditor() { return vscode.activeDocument && { document: vscode.activeDocument }; },
        createOutputChannel: () => ({ appendLine: (line: string) => vscode.output.push(line), show() {}, dispose() {} }),
        showQuickPick: async (items: Pickable[]) => vscode.pick(items),
        showInputBox: async (options: InputOptions) => vscode.input(options),
        showErrorMessage: async (message: string, ...items: string[]) => { vscode.messages.push({ kind: 'error', message }); return vscode.answer(message, items); },
        showInformationMessage: async (message: string, ...items: string[]) => { vscode.messages.push({ kind: 'info', message }); return vscode.answer(message, items); },
        withProgress: (_options: unknown, task: () => Promise<unknown>) => task(),
        showTextDocument: async (uri: FakeUri) => { vscode.opened.push(uri.fsPath); },
        createWebviewPanel: (_type: string, title: string, _column: unknown, options: unknown) => {
            const panel = { title, webview: { html: '', cspSource: 'vscode-webview-resource:' }, options, onDidDispose() {}, reveal() {}, dispose() {} };
            vscode.panels.push(panel);
            return panel;
        }
    },
    workspace: {
        getWorkspaceFolder: () => ({ uri: { fsPath: vscode.workspaceFolder } }),
        get workspaceFolders() { return [{ uri: { fsPath: vscode.workspaceFolder } }]; },
        getConfiguration: (section: string) => ({ get: (key: string) => vscode.settings[`${section}.${key}`] }),
        findFiles: async (pattern: { base: string }) => {
            const found = fs.readdirSync(pattern.base, { recursive: true, withFileTypes: true })
                .filter(entry => entry.isFile() && entry.name.endsWith('.json') && !entry.parentPath.includes('svf-output'))
                .map(entry => vscode.uri(path.join(entry.parentPath, entry.name)));
            return found;
        },
        fs: {
            stat: async (uri: FakeUri) => ({ size: fs.statSync(uri.fsPath).size }),
            readFile: async (uri: FakeUri) => new Uint8Array(fs.readFileSync(uri.fsPath))
        },
        onDidSaveTextDocument: (listener: (document: unknown) => void) => { vscode.saveListeners.push(listener); return { dispose() {} }; }
    }
}));

// The client library needs VS Code at run time; only its request type is used by the commands.
vi.mock('vscode-languageclient/node', () => ({ ExecuteCommandRequest: { type: { method: 'workspace/executeCommand' } } }));

const { registerFrameworkCommands } = await import('../../extension/src/framework-commands.js');

let root: string;
let council: string;
let session: LanguageServerSession;
const sent: Array<{ command: string; arguments: unknown[] }> = [];
/** When set, the next request fails with this message, as a stopped client's does. */
let failNext: string | undefined;

beforeAll(async () => {
    vscode.setUrl(file => pathToFileURL(file).toString());
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-extension-commands-')));
    for (const example of ['council', 'national-baseline']) {
        fs.cpSync(path.join(REPOSITORY_ROOT, 'examples', example), path.join(root, example), { recursive: true });
    }
    council = path.join(root, 'council');
    vscode.workspaceFolder = council;
    session = await LanguageServerSession.start(council);
    const client = {
        sendRequest: (_type: unknown, params: { command: string; arguments: unknown[] }) => {
            sent.push(params);
            const failure = failNext;
            failNext = undefined;
            if (failure) return Promise.reject(new Error(failure));
            return session.executeCommand(params.command, ...params.arguments);
        }
    };
    registerFrameworkCommands({ subscriptions: [] } as never, client as never);
});

afterAll(() => endSession(session, root));

function reset(): void {
    vscode.messages.length = 0;
    vscode.output.length = 0;
    vscode.opened.length = 0;
    sent.length = 0;
}

test('Compile framework: the profiles to choose from, the outputs in svf-output/<id> of the workspace folder, the summary, and the question set opened', async () => {
    reset();
    vscode.activeDocument = { languageId: 'svf', uri: vscode.uri(path.join(council, 'local-theme.svf')) };
    let offered: Pickable[] = [];
    vscode.pick = items => {
        offered = items;
        return items.find(item => item.label === 'works-2.5m.json');
    };
    vscode.answer = (_message, items) => items.includes('Open question set') ? 'Open question set' : undefined;
    await vscode.commands.get('svf.compileFramework')!();

    expect(offered.map(item => item.description ?? item.label)).toEqual([
        'profiles/service-60k.json', 'profiles/works-12m.json', 'profiles/works-2.5m.json',
        'Type value, category and duration...', 'No contract profile (untailored)'
    ]);
    const out = path.join(council, 'svf-output', 'eastshire.socialValue');
    expect(vscode.messages).toEqual([{ kind: 'info', message: 'SVF: compiled eastshire.socialValue to svf-output/eastshire.socialValue.' }]);
    expect(vscode.opened).toEqual([path.join(out, 'question-set.json')]);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'question-set.json'), 'utf8')).profile.contractValue).toBe('2500000.00');
    expect(vscode.output).toContain('Wrote svf-output/eastshire.socialValue/question-set.json');
    expect(vscode.output).toContain('Contract      £2,500,000 works contract, 36 months');
});

test('Compile framework with value, category and duration typed in, the output folder setting, and the default profile offered first', async () => {
    reset();
    vscode.settings = { 'svf.compile.outputFolder': 'build/json', 'svf.compile.defaultProfile': 'profiles/works-12m.json' };
    vscode.activeDocument = { languageId: 'svf', uri: vscode.uri(path.join(council, 'framework.svf')) };
    let first: Pickable | undefined;
    vscode.pick = items => {
        first = items[0];
        return items.find(item => item.label === 'Type value, category and duration...');
    };
    const prompts: string[] = [];
    const answers = ['£60,000', 'services', '24'];
    vscode.input = options => {
        prompts.push(options.prompt!);
        // The boxes check what is typed as svf compile checks its options.
        if (options.prompt === 'Contract value') expect(options.validateInput!('2.5x')).toMatch(/is not an amount of money/);
        if (options.prompt === 'Contract length in months (optional)') expect(options.validateInput!('three')).toMatch(/whole months/);
        return answers[prompts.length - 1];
    };
    vscode.answer = () => undefined;
    await vscode.commands.get('svf.compileFramework')!();

    expect(first?.description).toBe('profiles/works-12m.json (default)');
    expect(prompts).toEqual(['Contract value', 'Contract category', 'Contract length in months (optional)']);
    expect(sent.at(-1)?.arguments[0]).toEqual({
        uri: pathToFileURL(path.join(council, 'framework.svf')).toString(),
        profile: { kind: 'typed', value: '£60,000', category: 'services', durationMonths: '24' },
        outputRoot: path.join(council, 'build', 'json'),
        workspaceFolder: council
    });
    expect(fs.existsSync(path.join(council, 'build', 'json', 'eastshire.socialValue', 'rubric.json'))).toBe(true);
    expect(vscode.output).toContain('Contract      £60,000 services contract, 24 months');
    vscode.settings = {};
});

test('Compile framework with a category the framework does not declare: an error message, the reason in the output, nothing written', async () => {
    reset();
    vscode.activeDocument = { languageId: 'svf', uri: vscode.uri(path.join(council, 'framework.svf')) };
    vscode.pick = items => items.find(item => item.label === 'Type value, category and duration...');
    const answers = ['2.5m', 'roads', ''];
    let asked = 0;
    vscode.input = () => answers[asked++];
    fs.rmSync(path.join(council, 'svf-output'), { recursive: true, force: true });
    await vscode.commands.get('svf.compileFramework')!();
    const reason = "the contract you typed: /category: 'category' is \"roads\", but it must be one of the framework's categories: 'goods', 'services' or 'works'. Correct it.";
    expect(vscode.messages).toEqual([{ kind: 'error', message: `SVF: ${reason}` }]);
    expect(vscode.output).toContain(reason);
    expect(fs.existsSync(path.join(council, 'svf-output'))).toBe(false);
});

test('Compile framework without a .svf file active, or cancelled at the quick pick: nothing is sent', async () => {
    reset();
    vscode.activeDocument = { languageId: 'json', uri: vscode.uri(path.join(council, 'profiles', 'works-2.5m.json')) };
    await vscode.commands.get('svf.compileFramework')!();
    expect(vscode.messages).toEqual([{ kind: 'error', message: 'Open a .svf file of the framework first: SVF compiles the framework the active file belongs to.' }]);
    vscode.activeDocument = { languageId: 'svf', uri: vscode.uri(path.join(council, 'framework.svf')) };
    vscode.pick = () => undefined;
    await vscode.commands.get('svf.compileFramework')!();
    expect(sent).toEqual([]);
});

test('Compile framework when the server fails: an error message, not an unhandled rejection', async () => {
    reset();
    vscode.activeDocument = { languageId: 'svf', uri: vscode.uri(path.join(council, 'framework.svf')) };
    vscode.pick = items => items.find(item => item.label === 'No contract profile (untailored)');
    failNext = 'Client is not running';
    await vscode.commands.get('svf.compileFramework')!();
    expect(vscode.messages).toEqual([{ kind: 'error', message: 'SVF: The language server could not compile the framework: Client is not running' }]);
});

test('Preview question set: a webview without scripts, the plan page under a strict policy, refreshed on saving a file of the framework only', async () => {
    reset();
    vscode.activeDocument = { languageId: 'svf', uri: vscode.uri(path.join(council, 'local-theme.svf')) };
    vscode.pick = items => items.find(item => item.label === 'works-2.5m.json');
    await vscode.commands.get('svf.previewQuestionSet')!();
    const [panel] = vscode.panels;
    expect(panel.options).toMatchObject({ enableScripts: false, localResourceRoots: [] });
    expect(panel.title).toBe('Questions: Eastshire County Council Social Value Framework');
    expect(panel.webview.html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`);
    const compiled = await session.executeCommand('svf.compile', {
        uri: pathToFileURL(path.join(council, 'framework.svf')).toString(), profile: { kind: 'file', path: path.join(council, 'profiles', 'works-2.5m.json') }, outputRoot: path.join(root, 'reference')
    }) as { files: string[] };
    const { questions } = JSON.parse(fs.readFileSync(compiled.files[0], 'utf8')) as { questions: Array<{ id: string }> };
    for (const question of questions) expect(panel.webview.html).toContain(question.id);

    const requests = sent.length;
    const save = async (file: string, languageId = 'svf') => {
        for (const listener of vscode.saveListeners) listener({ languageId, uri: vscode.uri(file) });
        await new Promise(resolve => setTimeout(resolve, 500));
    };
    await save(path.join(root, 'national-baseline', 'units.svf'));
    expect(sent.length).toBe(requests + 1);
    await save(path.join(root, 'elsewhere', 'other.svf'));
    await save(path.join(council, 'profiles', 'works-2.5m.json'), 'json');
    expect(sent.length).toBe(requests + 1);
});
