/**
 * The Node flags the language server is started with, by the VS Code extension and by
 * `npm run bench:lsp` (which measures the server as the extension runs it); other editors
 * can pass them too (`node --max-semi-space-size=8 out/language/main-server.js --stdio`).
 *
 * `--max-semi-space-size=8`: V8's young generation is capped at 8 MB per semi-space. By
 * default it grows to 16-32 MB under the steady stream of short-lived objects that
 * reparsing on every keystroke makes, and the server's resident memory grows with it.
 * Measured with `npm run bench:lsp` (5,000 measures over 50 files, same machine, one after
 * the other): resident memory after loading 301 MB with the flag, 421 MB without;
 * keystroke to diagnostics 74 ms and 57 ms at the median. Set on the command line: V8
 * sizes its heap when the process starts, so setting it from inside has no effect.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
