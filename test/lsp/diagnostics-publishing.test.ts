/**
 * The BUILT language server, over stdio, publishes a file's diagnostics after an edit only
 * when they changed (or the file is the one edited): an edit in one file of a framework does
 * not make the editor redraw the diagnostics of the framework's other files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { endSession, fileUri, LanguageServerSession, REPOSITORY_ROOT } from './language-server-session.js';

let root: string;
let session: LanguageServerSession;
let files: string[];
const originals = new Map<string, string>();
/** What the untouched workspace gets, per URI. */
let original: Map<string, unknown>;

const council = (name: string) => path.join(root, 'council', name);

beforeAll(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'svf-lsp-publishing-')));
    for (const folder of ['council', 'national-baseline']) {
        fs.cpSync(path.join(REPOSITORY_ROOT, 'examples', folder), path.join(root, folder), { recursive: true });
    }
    // 15 files: the council's 3 import the baseline's 12, which import one another.
    files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.svf')).map(file => path.join(root, file)).sort();
    for (const file of files) originals.set(file, fs.readFileSync(file, 'utf8'));
    session = await LanguageServerSession.start(root);
    for (const file of [council('framework.svf'), council('local-theme.svf'), council('local-proxies.svf')]) await session.open(file, originals.get(file)!);
    for (const file of files) await session.diagnostics(file, { after: 0 });
    await session.settle();
    original = new Map(session.allLatestDiagnostics());
});

afterAll(() => endSession(session, root));

/** The URIs whose publication count went up since `before`. */
function republished(before: Map<string, number>): string[] {
    return [...session.publishCounts()].filter(([uri, count]) => count > (before.get(uri) ?? 0)).map(([uri]) => path.relative(root, new URL(uri).pathname)).sort();
}

test('an edit that changes no other file\'s diagnostics republishes only the edited file', async () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    const proxies = council('local-proxies.svf');
    const before = session.publishCounts();
    // A reworded source: the proxy, its value and every reference to it stay as they were.
    const edited = originals.get(proxies)!.replace('ILLUSTRATIVE value after', 'ILLUSTRATIVE value, after');
    expect(edited).not.toBe(originals.get(proxies));
    await session.change(proxies, edited);
    expect(await session.diagnostics(proxies)).toEqual(original.get(fileUri(proxies)));
    await session.settle();
    expect(republished(before)).toEqual(['council/local-proxies.svf']);

    // Back as it was: again the edited file alone.
    const restored = session.publishCounts();
    await session.change(proxies, originals.get(proxies)!);
    expect(await session.diagnostics(proxies)).toEqual(original.get(fileUri(proxies)));
    await session.settle();
    expect(republished(restored)).toEqual(['council/local-proxies.svf']);
});

test('an edit that changes another file\'s diagnostics republishes that file too, with the new diagnostics, and not the files it leaves alone', async () => {
    const proxies = council('local-proxies.svf');
    const theme = council('local-theme.svf');
    const before = session.publishCounts();
    // local-theme.svf's measure ESC1a uses the proxy `careLeaverWeek`.
    await session.change(proxies, originals.get(proxies)!.replace('proxy careLeaverWeek ', 'proxy careLeaverWeekly '));
    const broken = await session.diagnostics(theme, { after: before.get(fileUri(theme)) ?? 0 });
    expect(broken.filter(d => d.code === 'reference/unresolved').map(d => ({ line: d.range.start.line + 1, message: d.message }))).toEqual([
        { line: 27, message: expect.stringContaining('careLeaverWeek') }
    ]);
    await session.settle();
    const changed = republished(before);
    expect(changed).toContain('council/local-proxies.svf');
    expect(changed).toContain('council/local-theme.svf');
    // The baseline's files neither use the council's proxy nor get findings from it.
    expect(changed.filter(file => file.startsWith('national-baseline/'))).toEqual([]);

    // Renamed back: the theme file is republished with its original diagnostics.
    const renamed = session.publishCounts();
    await session.change(proxies, originals.get(proxies)!);
    expect(await session.diagnostics(theme, { after: renamed.get(fileUri(theme)) ?? 0 })).toEqual(original.get(fileUri(theme)));
    await session.settle();
    expect(republished(renamed)).toEqual(['council/local-proxies.svf', 'council/local-theme.svf']);
});

test('a file closed and opened again gets its diagnostics published again, unchanged as they are', async () => {
    const theme = council('local-theme.svf');
    const before = session.publishCount(theme);
    await session.close(theme);
    await session.open(theme, originals.get(theme)!);
    expect(await session.diagnostics(theme, { after: before })).toEqual(original.get(fileUri(theme)));
    await session.settle();
    expect(session.allLatestDiagnostics()).toEqual(original);
});
