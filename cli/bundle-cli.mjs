// Bundles the compiled CLI (out/cli/main.js and everything it imports) into one file,
// out/cli/svf-cli.js, which bin/svf.js loads. Node loads one file several times faster
// than the few hundred modules behind it, which is most of a small command's run time.
import { build } from 'esbuild';

await build({
    entryPoints: ['out/cli/main.js'],
    outfile: 'out/cli/svf-cli.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    // Some dependencies are CommonJS and call require(); give the ESM bundle one.
    // exceljs is large and only `svf import` of an .xlsx file needs it: loaded from node_modules then.
    external: ['exceljs'],
    banner: { js: "import { createRequire as svfCreateRequire } from 'node:module'; const require = svfCreateRequire(import.meta.url);" },
});
