#!/usr/bin/env node
// The `svf` command. The program itself is compiled from cli/ into out/cli/ by `npm run build`.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    // Checked before loading anything: older Node fails later with an obscure error.
    process.stderr.write(`svf: needs Node 22 or newer; this is Node ${process.versions.node}.\n`);
    process.exit(2);
}
const { main } = await import('../out/cli/main.js');

process.exitCode = await main(process.argv);
