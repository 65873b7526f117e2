import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';
import { runSvf } from '../cli/run-svf.js';
import { installCouncil, NpmLayout } from '../helpers/npm-packages.js';

// One real npm layout for the file (packing and installing takes about a second).
let layout: NpmLayout;
beforeAll(() => {
    layout = new NpmLayout();
    installCouncil(layout, [
        { name: '@orbis/no-entry', fields: { files: ['*.svf'] }, files: { 'framework.svf': 'unit x "x"\n' } },
        { name: '@orbis/readme-entry', fields: { svf: { entry: 'README.md' } }, files: { 'README.md': '# Not SVF\n' } },
        { name: '@orbis/escaping-entry', fields: { svf: { entry: '../../../secret.svf' } }, files: {} }
    ]);
}, 60_000);
afterAll(() => layout?.remove());

function resolve(specifier: string, importingFile: string) {
    const { Svf } = createSvfServices(SvfNodeFileSystem);
    const resolved = Svf.workspace.ImportResolver.resolve(specifier, URI.file(layout.path(importingFile)));
    return resolved.uri ? { file: path.relative(layout.root, resolved.uri.fsPath) } : { code: resolved.error.code, message: resolved.error.message };
}

async function diagnosticsOf(files: Record<string, string>, entry: string) {
    layout.write(files);
    const { Svf } = createSvfServices(SvfNodeFileSystem);
    const loaded = await loadFramework(Svf, { paths: [layout.path(entry)] });
    return loaded.diagnostics.filter(d => d.code.startsWith('import/')).map(d => `${d.line}:${d.column} ${d.code} ${d.message}`);
}

describe('package imports', () => {
    test('a scoped package: its entry file by name, a file inside it by path, from node_modules one or more folders up', () => {
        const entry = 'council/node_modules/@orbis/real-estate-measures/measures.svf';
        expect(resolve('@orbis/real-estate-measures', 'council/framework.svf')).toEqual({ file: entry });
        expect(resolve('@orbis/real-estate-measures/measures.svf', 'council/themes/local/jobs.svf')).toEqual({ file: entry });
    });

    test('a package inside another package\'s node_modules is found first from that package\'s files', () => {
        expect(resolve('svf-units', 'council/node_modules/@orbis/real-estate-measures/regional.svf'))
            .toEqual({ file: 'council/node_modules/@orbis/real-estate-measures/node_modules/svf-units/units.svf' });
        expect(resolve('svf-units', 'council/framework.svf')).toEqual({ file: 'council/node_modules/svf-units/units.svf' });
    });

    test('an unscoped name is a relative path whenever a file is there, so existing imports resolve as before', () => {
        layout.write({ 'council/svf-units/units.svf': 'unit local "local"\n' });
        expect(resolve('svf-units/units.svf', 'council/framework.svf')).toEqual({ file: 'council/svf-units/units.svf' });
        expect(resolve('themes/jobs.svf', 'council/framework.svf')).toEqual({ file: 'council/themes/jobs.svf' });
        expect(resolve('svf-units', 'elsewhere/framework.svf')).toMatchObject({ code: 'import/not-svf' });
    });

    test('a missing package, a package without an entry, a non-.svf entry, a missing file and an escape are errors with the fix', async () => {
        const lines = await diagnosticsOf({
            'council/themes/broken.svf': [
                'import "@orbis/social-value"',
                'import "@orbis/no-entry"',
                'import "@orbis/readme-entry"',
                'import "@orbis/real-estate-measures/missing.svf"',
                'import "@orbis/real-estate-measures/../../../framework.svf"',
                'import "@orbis/escaping-entry"',
                'import "@orbis/no-entry/framework.svf"',
                ''
            ].join('\n')
        }, 'council/themes/broken.svf');
        expect(lines).toEqual([
            "1:8 import/package-not-installed Package '@orbis/social-value' is not installed: no node_modules folder in this file's folder or above it has it. Run `npm install @orbis/social-value` in '..' (relative to this file's folder), which has the package.json.",
            "2:8 import/package-no-entry Package '@orbis/no-entry' cannot be imported by its name alone: its package.json names no entry file. Its package.json needs \"svf\": { \"entry\": \"framework.svf\" } naming its entry .svf file (ask its publisher), or import a file inside it, e.g. '@orbis/no-entry/framework.svf'.",
            "3:8 import/package-entry-not-svf Package '@orbis/readme-entry' names 'README.md' as its entry (\"svf\": { \"entry\": ... } in its package.json), which is not an .svf file. Its publisher must name the package's entry .svf file there; meanwhile import an .svf file inside it, e.g. '@orbis/readme-entry/framework.svf'.",
            "4:8 import/package-file-missing Package '@orbis/real-estate-measures' has no file 'missing.svf'. Check the path after the package's name (it is relative to the package's folder), or install a version of the package that has the file.",
            "5:8 import/package-path-outside Import '@orbis/real-estate-measures/../../../framework.svf' leaves package '@orbis/real-estate-measures': a path after a package's name must stay inside the package's folder (no '../' above it). Import a file inside the package.",
            "6:8 import/package-path-outside Package '@orbis/escaping-entry' names '../../../secret.svf' as its entry, which is outside the package's folder. Its publisher must name an .svf file inside the package.",
        ]);
    });

    test('only imported package files are loaded, never the rest of node_modules', async () => {
        const { Svf } = createSvfServices(SvfNodeFileSystem);
        const loaded = await loadFramework(Svf, { entry: layout.path('council') });
        expect(loaded.documents.map(d => path.relative(layout.root, d.uri.fsPath)).sort()).toEqual([
            'council/framework.svf',
            'council/node_modules/@orbis/real-estate-measures/measures.svf',
            'council/node_modules/@orbis/real-estate-measures/node_modules/svf-units/units.svf',
            'council/node_modules/@orbis/real-estate-measures/regional.svf',
        ]);
        expect(Svf.shared.workspace.LangiumDocuments.all.count()).toBe(4);
    });

    test('svf check and svf compile link names declared in the package', () => {
        // The entry file, not the folder: council/themes/broken.svf above is broken on purpose.
        const council = layout.path('council', 'framework.svf');
        const check = runSvf(['check', council], layout.root);
        expect(check.stderr).toBe('');
        expect(check.stdout).toBe('0 errors, 0 warnings in 4 files\n');
        expect(check.exitCode).toBe(0);
        const out = layout.path('out');
        const compile = runSvf(['compile', council, '--out', out], layout.root);
        expect(compile.stderr).toBe('');
        expect(compile.exitCode).toBe(0);
        // The proxies come from the package (localJob) and from its own svf-units' unit (volunteerHour).
        const rubric = fs.readFileSync(path.join(out, 'rubric.json'), 'utf8');
        expect(rubric).toContain('"title": "A local person employed for a year"');
        expect(rubric).toContain('"title": "An hour of volunteering"');
    });
});
