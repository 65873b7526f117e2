// The SVF language server, started by the VS Code extension (bundled) or by any LSP client
// as `node out/language/main-server.js --stdio` (or --node-ipc).
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadImportedFilesDuringBuilds } from './lsp/svf-import-loader.js';
import { createSvfServices } from './svf-module.js';
import { DiagnosticsPublisher } from './workspace/diagnostics-publisher.js';
import { SvfNodeFileSystem } from './workspace/svf-file-system.js';

const connection = createConnection(ProposedFeatures.all);
// SVF's file system: the workspace scan and imported files never open a FIFO or device for reading.
const { shared } = createSvfServices({ connection, ...SvfNodeFileSystem });

// Langium runs only its "fast" checks while typing by default; the editor must show every
// diagnostic `svf check` fails on, so run all of them.
shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
loadImportedFilesDuringBuilds(shared);

// An edit rebuilds every file sharing a framework with the edited one; publish only the
// diagnostics that changed, and the edited document's at each of its versions.
const publisher = new DiagnosticsPublisher(shared.workspace.LangiumDocuments);
publisher.install(connection);
shared.workspace.TextDocuments.onDidClose(event => publisher.forget(event.document.uri));

startLanguageServer(shared);
