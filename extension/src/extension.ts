// The VS Code client: starts the bundled SVF language server (out/main-server.js) in a
// Node process and connects the editor's .svf documents to it.
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerFrameworkCommands } from './framework-commands.js';
import { SERVER_NODE_FLAGS } from '../../language/server-node-flags.js';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath(path.join('out', 'main-server.js'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
        debug: {
            module: serverModule,
            transport: TransportKind.ipc,
            options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] }
        }
    };
    const clientOptions: LanguageClientOptions = {
        // Unsaved buffers (scheme untitled) are checked too.
        documentSelector: [{ scheme: 'file', language: 'svf' }, { scheme: 'untitled', language: 'svf' }],
        // Tell the server when .svf files change on disk (edits outside the editor, git checkouts).
        synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.svf') }
    };
    client = new LanguageClient('svf', 'SVF language server', serverOptions, clientOptions);
    context.subscriptions.push(client);
    // "SVF: Compile framework" and "SVF: Preview question set": the server does the work.
    registerFrameworkCommands(context, client);
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
