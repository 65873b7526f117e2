// Bundles the VS Code client and the SVF language server into extension/out/, so the
// packaged extension carries no node_modules. Run after `npm run build` (which generates
// language/generated/). `--watch` rebuilds on change while developing the extension.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const extensionDir = path.dirname(fileURLToPath(import.meta.url));
const repositoryDir = path.dirname(extensionDir);
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
    entryPoints: {
        extension: path.join(extensionDir, 'src', 'extension.ts'),
        'main-server': path.join(repositoryDir, 'language', 'main-server.ts')
    },
    outdir: path.join(extensionDir, 'out'),
    bundle: true,
    // VS Code loads extensions as CommonJS and runs them on its own Node (20 for 1.91).
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: watch,
    minify: !watch,
    logLevel: 'info',
};

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
} else {
    await esbuild.build(options);
}
