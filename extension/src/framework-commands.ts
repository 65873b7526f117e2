// "SVF: Compile framework" and "SVF: Preview question set": the UI. The language server
// does the work (language/lsp/svf-execute-command.ts): it compiles the framework it has
// checked, with the messages, summary and atomic writer of `svf compile`.
import * as path from 'node:path';
import {
    commands, ProgressLocation, RelativePattern, Uri, ViewColumn, window, workspace,
    type ExtensionContext, type OutputChannel, type TextDocument, type WebviewPanel
} from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import type {
    SvfCommands, CompileArguments, CompileResult, ContractProfileChoice, PreviewArguments, PreviewResult
} from '../../language/lsp/svf-execute-command.js';
import { problemPage, withContentSecurityPolicy } from './preview-html.js';
import {
    categoryProblem, contractValueProblem, defaultProfilePath, durationProblem, MAX_PROFILE_FILE_BYTES, outputRootFor,
    profilePickItems, typedProfileChoice, type ProfileCandidate, type ProfilePickItem
} from './profile-input.js';

/** The commands the extension contributes (package.json `contributes.commands`). */
export const ExtensionCommands = {
    compileFramework: 'svf.compileFramework',
    previewQuestionSet: 'svf.previewQuestionSet'
} as const;

/**
 * The server's commands. Typed by the server's own constant, so a renamed command fails to
 * compile here; not imported as a value, so the client bundle does not carry the server.
 */
const ServerCommands: typeof SvfCommands = { compile: 'svf.compile', previewPlan: 'svf.previewPlan' };

/** JSON files that are never contract profiles: dependencies, outputs, version control. */
const NOT_PROFILES = '**/{node_modules,svf-output,.git,out}/**';
/** At most this many JSON files are looked at to fill the quick pick. */
const MAX_PROFILE_CANDIDATES = 500;

export function registerFrameworkCommands(context: ExtensionContext, client: LanguageClient): void {
    const output = window.createOutputChannel('SVF');
    const preview = new QuestionSetPreview(client);
    context.subscriptions.push(
        output,
        preview,
        commands.registerCommand(ExtensionCommands.compileFramework, () => compileFramework(client, output)),
        commands.registerCommand(ExtensionCommands.previewQuestionSet, () => preview.open()),
        workspace.onDidSaveTextDocument(document => preview.saved(document))
    );
}

/** The .svf document of the active editor, or a message saying to open one. */
function activeSvfDocument(): TextDocument | undefined {
    const document = window.activeTextEditor?.document;
    if (document?.languageId === 'svf') return document;
    void window.showErrorMessage('Open a .svf file of the framework first: SVF compiles the framework the active file belongs to.');
    return undefined;
}

/**
 * The folder paths are shown and settings resolved relative to: the document's workspace
 * folder, else its own folder, else (an unsaved buffer) the first workspace folder. Undefined,
 * with a message, for an unsaved buffer without a workspace: there is nowhere to write.
 */
function workspaceFolderOf(document: TextDocument): string | undefined {
    const folder = workspace.getWorkspaceFolder(document.uri)?.uri.fsPath
        ?? (document.uri.scheme === 'file' ? path.dirname(document.uri.fsPath) : workspace.workspaceFolders?.[0]?.uri.fsPath);
    if (!folder) void window.showErrorMessage('Save the file, or open a folder, first: SVF needs a folder to resolve the output folder and profiles against.');
    return folder;
}

async function compileFramework(client: LanguageClient, output: OutputChannel): Promise<void> {
    const document = activeSvfDocument();
    if (!document) return;
    const folder = workspaceFolderOf(document);
    if (!folder) return;
    const profile = await pickContractProfile(document, folder, 'Compile for which contract?');
    if (!profile) return;
    const settings = workspace.getConfiguration('svf.compile', document.uri);
    const args: CompileArguments = {
        uri: document.uri.toString(),
        profile,
        outputRoot: outputRootFor(folder, settings.get<string>('outputFolder')),
        workspaceFolder: folder
    };
    let result: CompileResult;
    try {
        result = await window.withProgress(
            { location: ProgressLocation.Notification, title: 'SVF: compiling the framework...' },
            () => client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.compile, arguments: [args] }) as Promise<CompileResult>
        );
    } catch (error) {
        // The server failed (or was stopped) rather than refusing: nothing it reported, so say what happened.
        result = { ok: false, lines: [`The language server could not compile the framework: ${(error as Error).message}`] };
    }
    output.appendLine(`SVF: Compile framework (${document.uri.scheme === 'file' ? path.relative(folder, document.uri.fsPath) || document.uri.fsPath : document.uri.toString()})`);
    for (const line of result.lines) output.appendLine(line);
    output.appendLine('');
    if (!result.ok) {
        output.show(true);
        // With diagnostics: their count (`2 errors, 1 warning in 14 files`) and `Nothing was written: ...`.
        const headline = result.lines.length > 1 ? `${result.lines.at(-2)}. ${result.lines.at(-1)}` : result.lines[0];
        const choice = await window.showErrorMessage(`SVF: ${headline}`, 'Show output');
        if (choice === 'Show output') output.show();
        return;
    }
    const shownFolder = path.relative(folder, result.outDir) || result.outDir;
    const warnings = result.warnings > 0 ? ` (${result.warnings} warning${result.warnings === 1 ? '' : 's'}: see the output)` : '';
    const choice = await window.showInformationMessage(
        `SVF: compiled ${result.frameworkId} to ${shownFolder}${warnings}.`,
        'Open question set', 'Open rubric', 'Show summary'
    );
    if (choice === 'Open question set') await window.showTextDocument(Uri.file(result.files[0]));
    else if (choice === 'Open rubric') await window.showTextDocument(Uri.file(result.files[1]));
    else if (choice === 'Show summary') output.show();
}

/**
 * Asks for the contract: a profile file of the workspace (the default profile first), typing
 * value, category and duration in, or none. Undefined when the user cancels.
 */
async function pickContractProfile(document: TextDocument, folder: string, title: string): Promise<ContractProfileChoice | undefined> {
    const settings = workspace.getConfiguration('svf.compile', document.uri);
    const defaultProfile = defaultProfilePath(folder, settings.get<string>('defaultProfile'));
    const candidates = await profileCandidates(folder);
    const picked = await window.showQuickPick<ProfilePickItem & { label: string }>(profilePickItems(candidates, folder, defaultProfile), {
        title,
        placeHolder: 'A contract profile file, or type the contract in',
        matchOnDescription: true,
        matchOnDetail: true
    });
    if (!picked) return undefined;
    if (picked.choice !== 'type') return picked.choice;
    const value = await window.showInputBox({
        title: `${title} (1/3)`, prompt: 'Contract value', placeHolder: 'e.g. 2.5m, 250k, 60000 or £1,250,000',
        validateInput: contractValueProblem, ignoreFocusOut: true
    });
    if (value === undefined) return undefined;
    const category = await window.showInputBox({
        title: `${title} (2/3)`, prompt: 'Contract category', placeHolder: 'goods, services, works, or one the framework declares',
        validateInput: categoryProblem, ignoreFocusOut: true
    });
    if (category === undefined) return undefined;
    const duration = await window.showInputBox({
        title: `${title} (3/3)`, prompt: 'Contract length in months (optional)', placeHolder: 'e.g. 36; leave empty if not known',
        validateInput: durationProblem, ignoreFocusOut: true
    });
    if (duration === undefined) return undefined;
    return typedProfileChoice(value, category, duration);
}

/** The workspace folder's JSON files, with the text of those small enough to be a profile. */
async function profileCandidates(folder: string): Promise<ProfileCandidate[]> {
    const files = await workspace.findFiles(new RelativePattern(folder, '**/*.json'), NOT_PROFILES, MAX_PROFILE_CANDIDATES);
    return Promise.all(files.map(async (file): Promise<ProfileCandidate> => {
        try {
            const stat = await workspace.fs.stat(file);
            if (stat.size > MAX_PROFILE_FILE_BYTES) return { path: file.fsPath, text: undefined };
            return { path: file.fsPath, text: new TextDecoder().decode(await workspace.fs.readFile(file)) };
        } catch {
            return { path: file.fsPath, text: undefined };
        }
    }));
}

/**
 * The read-only preview of the tailored question set: one webview, no scripts, refreshed
 * whenever a file of the framework is saved.
 */
class QuestionSetPreview {
    private panel: WebviewPanel | undefined;
    private args: PreviewArguments | undefined;
    /** The framework's files (URIs), from the last successful preview. */
    private files = new Set<string>();
    private refreshing: Promise<void> = Promise.resolve();

    constructor(private readonly client: LanguageClient) {}

    async open(): Promise<void> {
        const document = activeSvfDocument();
        if (!document) return;
        const folder = workspaceFolderOf(document);
        if (!folder) return;
        const profile = await pickContractProfile(document, folder, 'Preview the questions for which contract?');
        if (!profile) return;
        this.args = { uri: document.uri.toString(), profile, workspaceFolder: folder };
        this.files = new Set([this.args.uri]);
        if (!this.panel) {
            this.panel = window.createWebviewPanel('svf.questionSetPreview', 'SVF questions', { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
                enableScripts: false,
                enableForms: false,
                localResourceRoots: []
            });
            this.panel.onDidDispose(() => {
                this.panel = undefined;
                this.args = undefined;
            });
        } else {
            this.panel.reveal(ViewColumn.Beside, true);
        }
        await this.refresh();
    }

    /** A saved .svf file of the previewed framework refreshes the preview. */
    saved(document: TextDocument): void {
        if (this.panel && document.languageId === 'svf' && this.files.has(document.uri.toString())) void this.refresh();
    }

    private refresh(): Promise<void> {
        // One request at a time, in the order of the saves.
        this.refreshing = this.refreshing.then(() => this.render(), () => this.render());
        return this.refreshing;
    }

    private async render(): Promise<void> {
        const { panel, args } = this;
        if (!panel || !args) return;
        let result: PreviewResult;
        try {
            result = await this.client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.previewPlan, arguments: [args] }) as PreviewResult;
        } catch (error) {
            result = { ok: false, lines: [`The language server could not preview the framework: ${(error as Error).message}`] };
        }
        if (this.panel !== panel) return;
        if (result.ok) {
            panel.title = `Questions: ${result.title}`;
            panel.webview.html = withContentSecurityPolicy(result.html, panel.webview.cspSource);
            this.files = new Set([args.uri, ...result.files]);
        } else {
            panel.webview.html = problemPage('The question set cannot be previewed', result.lines, panel.webview.cspSource);
        }
    }

    dispose(): void {
        this.panel?.dispose();
    }
}
