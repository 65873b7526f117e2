/**
 * A real LSP client for tests: spawns the BUILT language server as a child process and
 * talks JSON-RPC to it over stdio, as an editor does.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import {
    CodeActionRequest, CodeLensRequest, CompletionRequest, createProtocolConnection, DefinitionRequest, DocumentFormattingRequest, DocumentHighlightRequest,
    DocumentSymbolRequest, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, ExecuteCommandRequest, DidOpenTextDocumentNotification, ExitNotification, FoldingRangeRequest,
    HoverRequest, InlayHintRequest, IPCMessageReader, IPCMessageWriter, InitializedNotification, InitializeRequest, LogMessageNotification, MessageType,
    PrepareRenameRequest, PublishDiagnosticsNotification, ReferencesRequest, RenameRequest, SemanticTokensRequest, ShutdownRequest, StreamMessageReader,
    StreamMessageWriter, WorkspaceSymbolRequest,
    type CodeAction, type CodeLens, type Command, type CompletionItem, type CompletionList, type Definition, type DefinitionLink, type Diagnostic,
    type DocumentHighlight, type DocumentSymbol, type FoldingRange, type Hover, type InlayHint, type Location, type Position, type PrepareRenameResult,
    type ProtocolConnection, type Range, type SemanticTokens, type ServerCapabilities, type SymbolInformation, type TextEdit, type WorkspaceEdit, type WorkspaceSymbol
} from 'vscode-languageserver-protocol/node';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BUILT_SERVER = path.join(REPOSITORY_ROOT, 'out', 'language', 'main-server.js');

/** A path as a file: URI; a URI of another scheme (`untitled:Untitled-1`) as it is. */
export function fileUri(file: string): string {
    return /^[a-z][a-z0-9+.-]+:/i.test(file) && !path.isAbsolute(file) ? file : pathToFileURL(file).toString();
}

interface PublishedDiagnostics {
    /** How many times diagnostics were published for the URI so far. */
    count: number;
    diagnostics: Diagnostic[];
}

export class LanguageServerSession {
    private readonly published = new Map<string, PublishedDiagnostics>();
    private readonly listeners = new Set<() => void>();
    private readonly versions = new Map<string, number>();
    private readonly stderr: string[] = [];
    private exitCode: number | null | undefined;
    /** Settles when the server process ends. */
    readonly exited: Promise<number | null>;
    /** What the server said it can do, in its answer to `initialize`. */
    capabilities: ServerCapabilities = {};

    private constructor(readonly child: ChildProcessWithoutNullStreams, readonly connection: ProtocolConnection) {
        child.stderr.on('data', chunk => this.stderr.push(String(chunk)));
        // The server's console is redirected to the client's log; keep what it reports as errors.
        connection.onNotification(LogMessageNotification.type, params => {
            if (params.type === MessageType.Error) this.stderr.push(`${params.message}\n`);
        });
        this.exited = new Promise(resolve => child.on('exit', code => {
            this.exitCode = code;
            this.notify();
            resolve(code);
        }));
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            const previous = this.published.get(params.uri);
            this.published.set(params.uri, { count: (previous?.count ?? 0) + 1, diagnostics: params.diagnostics });
            this.notify();
        });
        connection.listen();
    }

    /** Starts the server (`node <serverScript> --stdio`, or `--node-ipc`) and initializes it on one workspace folder. */
    static async start(workspaceFolder: string, serverScript = BUILT_SERVER, transport: 'stdio' | 'node-ipc' = 'stdio', env: Record<string, string> = {}): Promise<LanguageServerSession> {
        // node-ipc is how the VS Code extension runs the server (TransportKind.ipc).
        const options = { env: { ...process.env, ...env } };
        const child = (transport === 'stdio'
            ? spawn(process.execPath, [serverScript, '--stdio'], { ...options, stdio: 'pipe' })
            : spawn(process.execPath, [serverScript, '--node-ipc'], { ...options, stdio: ['pipe', 'pipe', 'pipe', 'ipc'] })) as ChildProcessWithoutNullStreams;
        const connection = transport === 'stdio'
            ? createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin))
            : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
        const session = new LanguageServerSession(child, connection);
        const initialized = await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri: fileUri(workspaceFolder),
            workspaceFolders: [{ uri: fileUri(workspaceFolder), name: path.basename(workspaceFolder) }],
            capabilities: {
                textDocument: {
                    publishDiagnostics: { relatedInformation: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
                    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
                    rename: { prepareSupport: true }
                },
                workspace: { workspaceFolders: true }
            }
        });
        session.capabilities = initialized.capabilities;
        await connection.sendNotification(InitializedNotification.type, {});
        return session;
    }

    /** Whether the server process is still running. */
    get running(): boolean {
        return this.exitCode === undefined;
    }

    /** What the server wrote to stderr or logged as an error. */
    get errorOutput(): string {
        return this.stderr.join('');
    }

    /** How many times diagnostics have been published for the file. */
    publishCount(file: string): number {
        return this.published.get(fileUri(file))?.count ?? 0;
    }

    /** How many times diagnostics have been published so far, per URI. */
    publishCounts(): Map<string, number> {
        return new Map([...this.published].map(([uri, { count }]) => [uri, count]));
    }

    /**
     * Waits until the server has published no diagnostics for `quietMs` (or `timeoutMs` has
     * passed): the rebuilds of the edits sent so far have finished.
     */
    async settle(quietMs = 1_000, timeoutMs = 30_000): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        let count = this.totalPublishCount;
        for (;;) {
            await new Promise(resolve => setTimeout(resolve, quietMs));
            const now = this.totalPublishCount;
            if (now === count || Date.now() > deadline || !this.running) return;
            count = now;
        }
    }

    /** The diagnostics last published for the file, if any. */
    latestDiagnostics(file: string): Diagnostic[] | undefined {
        return this.published.get(fileUri(file))?.diagnostics;
    }

    /** The diagnostics last published for every URI, by URI. */
    allLatestDiagnostics(): Map<string, Diagnostic[]> {
        return new Map([...this.published].map(([uri, { diagnostics }]) => [uri, diagnostics]));
    }

    /** How many publications of diagnostics, for any URI, the server has sent so far. */
    get totalPublishCount(): number {
        let total = 0;
        for (const { count } of this.published.values()) total += count;
        return total;
    }

    async open(file: string, text: string): Promise<void> {
        // Versions keep increasing when a closed document is opened again.
        const version = (this.versions.get(file) ?? 0) + 1;
        this.versions.set(file, version);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: fileUri(file), languageId: 'svf', version, text }
        });
    }

    async close(file: string): Promise<void> {
        await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: fileUri(file) } });
    }

    /** Replaces the whole text of an open document, as an editor does with full sync. */
    async change(file: string, text: string): Promise<void> {
        const version = (this.versions.get(file) ?? 1) + 1;
        this.versions.set(file, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri: fileUri(file), version },
            contentChanges: [{ text }]
        });
    }

    /**
     * The diagnostics the server publishes for the file after it has published `after`
     * times (default: the next publication after now), and that satisfy `accept`.
     */
    async diagnostics(file: string, options: { after?: number; accept?: (diagnostics: Diagnostic[]) => boolean; timeoutMs?: number } = {}): Promise<Diagnostic[]> {
        const uri = fileUri(file);
        const after = options.after ?? this.publishCount(file);
        const accept = options.accept ?? (() => true);
        const timeoutMs = options.timeoutMs ?? 20_000;
        return new Promise((resolve, reject) => {
            const check = () => {
                const current = this.published.get(uri);
                if (current && current.count > after && accept(current.diagnostics)) {
                    done();
                    resolve(current.diagnostics);
                } else if (!this.running) {
                    done();
                    reject(new Error(`The language server exited (code ${this.exitCode}) while waiting for diagnostics of ${file}.\n${this.errorOutput}`));
                }
            };
            const timer = setTimeout(() => {
                done();
                const last = this.published.get(uri);
                reject(new Error(`No acceptable diagnostics for ${file} within ${timeoutMs} ms; last published: ${JSON.stringify(last?.diagnostics ?? null, null, 1)}`));
            }, timeoutMs);
            const done = () => {
                clearTimeout(timer);
                this.listeners.delete(check);
            };
            this.listeners.add(check);
            check();
        });
    }

    hover(file: string, position: Position): Promise<Hover | null> {
        return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: fileUri(file) }, position });
    }

    codeActions(file: string, range: Range, diagnostics: Diagnostic[]): Promise<Array<Command | CodeAction> | null> {
        return this.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri: fileUri(file) },
            range,
            context: { diagnostics, only: ['quickfix'] }
        });
    }

    /** The source actions of a whole file of one kind, e.g. `source.organizeImports`. */
    sourceActions(file: string, kind: string): Promise<Array<Command | CodeAction> | null> {
        return this.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri: fileUri(file) },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [], only: [kind] }
        });
    }

    completion(file: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
        return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: fileUri(file) }, position });
    }

    definition(file: string, position: Position): Promise<Definition | DefinitionLink[] | null> {
        return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: fileUri(file) }, position });
    }

    references(file: string, position: Position, includeDeclaration = true): Promise<Location[] | null> {
        return this.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: fileUri(file) }, position, context: { includeDeclaration } });
    }

    documentHighlight(file: string, position: Position): Promise<DocumentHighlight[] | null> {
        return this.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: fileUri(file) }, position });
    }

    documentSymbols(file: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
        return this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: fileUri(file) } });
    }

    workspaceSymbols(query: string): Promise<SymbolInformation[] | WorkspaceSymbol[] | null> {
        return this.connection.sendRequest(WorkspaceSymbolRequest.type, { query });
    }

    foldingRanges(file: string): Promise<FoldingRange[] | null> {
        return this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: fileUri(file) } });
    }

    prepareRename(file: string, position: Position): Promise<PrepareRenameResult | null> {
        return this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: fileUri(file) }, position });
    }

    rename(file: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
        return this.connection.sendRequest(RenameRequest.type, { textDocument: { uri: fileUri(file) }, position, newName });
    }

    format(file: string): Promise<TextEdit[] | null> {
        return this.connection.sendRequest(DocumentFormattingRequest.type, {
            textDocument: { uri: fileUri(file) },
            options: { tabSize: 4, insertSpaces: true }
        });
    }

    semanticTokens(file: string): Promise<SemanticTokens | null> {
        return this.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: fileUri(file) } });
    }

    codeLenses(file: string): Promise<CodeLens[] | null> {
        return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: fileUri(file) } });
    }

    inlayHints(file: string, range: Range): Promise<InlayHint[] | null> {
        return this.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: fileUri(file) }, range });
    }

    /** Runs one of the server's commands (`workspace/executeCommand`), as the extension does. */
    executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
        return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
    }

    /** Shuts the server down as an editor does (shutdown request, exit notification) and waits for the process to end. */
    async shutdown(): Promise<number | null> {
        if (this.running) {
            const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()));
            await this.connection.sendRequest(ShutdownRequest.type);
            await this.connection.sendNotification(ExitNotification.type);
            await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5_000))]);
            if (this.running) this.child.kill();
        }
        this.connection.dispose();
        return this.exitCode ?? null;
    }

    private notify(): void {
        for (const listener of [...this.listeners]) listener();
    }
}

/**
 * Ends a test file's session and removes its folder, then asserts a clean ending: `shutdown`
 * then `exit` ends the process with code 0, and nothing went wrong inside the server
 * (Langium catches exceptions in checks and requests and logs them, to the client's log
 * over LSP or to stderr).
 */
export async function endSession(session: LanguageServerSession | undefined, folder: string): Promise<void> {
    const errorOutput = session?.errorOutput;
    const exitCode = await session?.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
    expect(exitCode).toBe(0);
    expect(errorOutput).toBe('');
}

/** Applies LSP text edits to a text (edits must not overlap), as an editor applies a quick fix. */
export function applyTextEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
    const offset = (position: Position) => Math.min(text.length, (lineStarts[position.line] ?? text.length) + position.character);
    const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
    let result = text;
    for (const edit of sorted) {
        result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
    }
    return result;
}
