/**
 * The VS Code extension as shipped: the esbuild bundle of client and server, and the
 * .vsix that vsce packages offline from it. The bundled server must work on its own,
 * without node_modules.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LanguageServerSession, REPOSITORY_ROOT } from './language-server-session.js';

const EXTENSION = path.join(REPOSITORY_ROOT, 'extension');
let scratch: string;

beforeAll(() => {
    scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-extension-')));
    execFileSync(process.execPath, [path.join(EXTENSION, 'esbuild.mjs')], { cwd: REPOSITORY_ROOT, stdio: 'pipe' });
});

afterAll(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
});

test('the bundled server, copied away from node_modules and run over node IPC as VS Code runs it, links imports and answers hovers', async () => {
    // Outside the repository, so nothing can be resolved from its node_modules.
    const server = path.join(scratch, 'server', 'main-server.js');
    fs.mkdirSync(path.dirname(server));
    fs.copyFileSync(path.join(EXTENSION, 'out', 'main-server.js'), server);
    fs.cpSync(path.join(import.meta.dirname, 'fixtures'), path.join(scratch, 'frameworks'), { recursive: true });
    const council = path.join(scratch, 'frameworks', 'council');
    const framework = path.join(council, 'framework.svf');
    const text = fs.readFileSync(framework, 'utf8');

    const session = await LanguageServerSession.start(council, server, 'node-ipc');
    try {
        await session.open(framework, text);
        expect(await session.diagnostics(framework, { after: 0 })).toEqual([]);
        const offset = text.indexOf('proxy localJob') + 'proxy '.length + 1;
        const line = text.slice(0, offset).split('\n').length - 1;
        const character = offset - text.lastIndexOf('\n', offset - 1) - 1;
        const hover = await session.hover(framework, { line, character });
        expect((hover?.contents as MarkupContent).value).toContain('Net value per unit: **£24,418.80**');
        // The commands the extension's "SVF: Compile framework" calls work in the bundle too.
        const outputRoot = path.join(scratch, 'svf-output');
        const compiled = await session.executeCommand('svf.compile', { uri: fileUri(framework), profile: { kind: 'none' }, outputRoot }) as { ok: boolean; files: string[] };
        expect(compiled.ok).toBe(true);
        expect(compiled.files.map(file => path.relative(outputRoot, file).split(path.sep).at(-1))).toEqual(['question-set.json', 'rubric.json']);
        expect(fs.existsSync(compiled.files[0])).toBe(true);
    } finally {
        expect(await session.shutdown()).toBe(0);
    }
});

test('vsce packages the extension offline into a .vsix with the manifest, grammar, configuration, both bundles, the icon, the changelog and the licence, and nothing else', () => {
    const vsix = path.join(scratch, 'svf-vscode.vsix');
    const vsce = path.join(REPOSITORY_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], {
        cwd: EXTENSION, stdio: 'pipe'
    });
    expect(zipEntryNames(fs.readFileSync(vsix))).toEqual([
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/changelog.md',
        'extension/icon.png',
        'extension/language-configuration.json',
        'extension/out/extension.js',
        'extension/out/main-server.js',
        'extension/package.json',
        'extension/readme.md',
        'extension/snippets/svf.json',
        'extension/syntaxes/svf.tmLanguage.json'
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
        name: 'svf-vscode',
        publisher: 'svf',
        license: 'MIT',
        icon: 'icon.png',
        categories: ['Programming Languages', 'Linters', 'Formatters'],
        engines: { vscode: '^1.91.0' },
        main: './out/extension.js',
        contributes: {
            languages: [{ id: 'svf', extensions: ['.svf'], configuration: './language-configuration.json' }],
            grammars: [{ language: 'svf', scopeName: 'source.svf', path: './syntaxes/svf.tmLanguage.json' }]
        }
    });
});

test('the commands are contributed in the SVF category, offered in the palette and the editor title only for .svf files, and activate the extension by themselves', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));
    const { commands, menus, configuration } = manifest.contributes;
    expect(commands).toEqual([
        { command: 'svf.compileFramework', title: 'Compile framework', category: 'SVF', icon: '$(gear)' },
        { command: 'svf.previewQuestionSet', title: 'Preview question set', category: 'SVF', icon: '$(open-preview)' }
    ]);
    // The commands the extension registers are the ones it contributes.
    const source = fs.readFileSync(path.join(EXTENSION, 'src', 'framework-commands.ts'), 'utf8');
    const registered = /export const ExtensionCommands = \{([^}]*)\}/.exec(source)![1];
    expect([...registered.matchAll(/'(svf\.[A-Za-z]+)'/g)].map(match => match[1])).toEqual(commands.map((command: { command: string }) => command.command));
    expect(menus.commandPalette).toEqual(commands.map((command: { command: string }) => ({ command: command.command, when: 'editorLangId == svf' })));
    expect(menus['editor/title']).toEqual([{ command: 'svf.previewQuestionSet', when: 'editorLangId == svf', group: 'navigation' }]);
    // VS Code 1.74+ activates on a contributed command and on a contributed language by itself (engines ^1.91).
    expect(manifest.activationEvents).toEqual([]);
    // The server's own commands (workspace/executeCommand) have other names: the language client registers them in VS Code too.
    expect(commands.map((command: { command: string }) => command.command)).not.toContain('svf.compile');
    expect(commands.map((command: { command: string }) => command.command)).not.toContain('svf.previewPlan');
    expect(configuration.title).toBe('SVF');
    expect(configuration.properties).toEqual({
        'svf.compile.outputFolder': expect.objectContaining({ type: 'string', default: 'svf-output', scope: 'resource' }),
        'svf.compile.defaultProfile': expect.objectContaining({ type: 'string', default: '', scope: 'resource' })
    });
    // The settings the extension reads are the ones it contributes.
    const read = [...source.matchAll(/getConfiguration\('(svf\.[a-z]+)'[^)]*\)|settings\.get<string>\('([A-Za-z]+)'\)/g)];
    expect(new Set(read.filter(match => match[2]).map(match => `svf.compile.${match[2]}`))).toEqual(new Set(Object.keys(configuration.properties)));
});

test('the README and the marketplace README name every command and setting', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));
    const names = [
        ...manifest.contributes.commands.map((command: { category: string; title: string }) => `${command.category}: ${command.title}`),
        ...Object.keys(manifest.contributes.configuration.properties)
    ];
    for (const readme of [path.join(EXTENSION, 'README.md'), path.join(REPOSITORY_ROOT, 'README.md')]) {
        const text = fs.readFileSync(readme, 'utf8');
        for (const name of names) expect(text, `${name} in ${readme}`).toContain(name);
    }
});

test('the licence shipped in the extension is the repository\'s, and the icon is a 128 x 128 PNG', () => {
    expect(fs.readFileSync(path.join(EXTENSION, 'LICENSE'), 'utf8')).toBe(fs.readFileSync(path.join(REPOSITORY_ROOT, 'LICENSE'), 'utf8'));
    const icon = fs.readFileSync(path.join(EXTENSION, 'icon.png'));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
});

test('every image the marketplace README shows has alt text and is a small PNG in images/, left out of the .vsix because VS Code shows README images from https only', () => {
    const readme = fs.readFileSync(path.join(EXTENSION, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map(([, alt, source]) => ({ alt, source }));
    expect(images.map(image => image.source)).toContain('images/screenshot.png');
    for (const { alt, source } of images) {
        // The alt text is what the installed extension's details page shows until the README
        // can point at an https copy (vsce rewrites the path once package.json has a repository).
        expect(alt.length, `alt text of ${source}`).toBeGreaterThan(40);
        expect(source, 'a relative path to a file of extension/images/').toMatch(/^images\/[\w-]+\.png$/);
        const png = fs.readFileSync(path.join(EXTENSION, source));
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(png.length, `${source} in bytes`).toBeLessThan(300 * 1024);
    }
});

/** The file names in a zip (a .vsix is one), read from its central directory. */
function zipEntryNames(zip: Buffer): string[] {
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = zip.readUInt16LE(end + 10);
    const names: string[] = [];
    let at = zip.readUInt32LE(end + 16);
    for (let i = 0; i < count; i++) {
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
        at += 46 + nameLength + extraLength + commentLength;
    }
    return names.sort();
}
