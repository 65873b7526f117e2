/**
 * The plan in a real browser: Debian's Chromium (package `chromium`), driven by
 * playwright-core, loads the council example's page from a file, with no request but the
 * page itself and no console error; axe-core finds no accessibility violation; printed to
 * PDF on A4 it takes one or two pages. Not skipped when Chromium is missing: the test fails
 * and says how to install it (.ci/run installs it on CI).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileCouncil, examplePlans, planFor, REPOSITORY_ROOT } from './plan-fixture.js';

/** Where Debian installs Chromium; SVF_CHROMIUM names another Chromium build. */
const CHROMIUM = process.env.SVF_CHROMIUM ?? '/usr/bin/chromium';
/** Set SVF_UPDATE_PLAN_SCREENSHOT=1 to rewrite the README's screenshot from this run. */
const README_SCREENSHOT = path.join(REPOSITORY_ROOT, 'docs', 'plan-example.png');

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

let browser: Browser;
let folder: string;
let pageFile: string;

beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
        throw new Error(`Chromium is not installed at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), or set SVF_CHROMIUM to a Chromium executable.`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-plan-browser-'));
    pageFile = path.join(folder, 'plan.html');
    const council = await compileCouncil();
    fs.writeFileSync(pageFile, planFor(council, { contractValue: 2500000, category: 'works', durationMonths: 36, flags: [] }, 'html'));
});

afterAll(async () => {
    await browser?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

/** The page loaded from its file, with every request and console error it caused. */
async function openPlan(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', request => requests.push(request.url()));
    page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', error => errors.push(error.message));
    await page.goto(pathToFileURL(pageFile).href, { waitUntil: 'load' });
    return { page, requests, errors };
}

/** The page printed to PDF as a user would print it (A4, the page's own @page margins): its number of pages, each checked to be A4. */
async function printedPages(page: Page): Promise<number> {
    const text = Buffer.from(await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
    // A4 is 210 x 297 mm: 595.3 x 841.9 points.
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(box => [Math.round(Number(box[1])), Math.round(Number(box[2]))]);
    expect(boxes).toHaveLength(pages);
    for (const box of boxes) expect(box).toEqual([595, 842]);
    return pages;
}

describe('the council example plan in headless Chromium', () => {
    test('loads with no request but the page itself and no console error', async () => {
        const { page, requests, errors } = await openPlan();
        expect(requests).toEqual([pathToFileURL(pageFile).href]);
        expect(errors).toEqual([]);
        expect(await page.title()).toBe('Social value in this contract: Eastshire County Council Social Value Framework');
        expect(await page.locator('h1').count()).toBe(1);
        await page.close();
    });

    test('has no accessibility violation axe-core can find (WCAG 2.2 A and AA, best practices)', async () => {
        const { page, errors } = await openPlan();
        await page.addScriptTag({ content: AXE_SOURCE });
        const violations = await page.evaluate(async () => {
            const axe = (globalThis as unknown as { axe: { run: (options: unknown) => Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
            const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
            return { violations: result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(node => ({ target: node.target })) })), passes: result.passes.length };
        });
        expect(violations.violations).toEqual([]);
        // axe really ran its rules on the page (colour contrast, table headers, landmarks...).
        expect(violations.passes).toBeGreaterThan(10);
        expect(errors).toEqual([]);
        await page.close();
    });

    test('prints to one or two A4 pages', async () => {
        const { page } = await openPlan();
        expect(await printedPages(page)).toBe(2);
        await page.close();
    });

    test("every example's plan for each of its profiles prints to one or two A4 pages", async () => {
        const page = await browser.newPage();
        for (const { label, text } of await examplePlans('html')) {
            await page.setContent(text, { waitUntil: 'load' });
            const pages = await printedPages(page);
            expect(pages, label).toBeGreaterThanOrEqual(1);
            expect(pages, label).toBeLessThanOrEqual(2);
        }
        await page.close();
    }, 120_000);

    test('takes a screenshot (SVF_UPDATE_PLAN_SCREENSHOT=1 writes it to docs/plan-example.png)', async () => {
        const { page } = await openPlan();
        const file = process.env.SVF_UPDATE_PLAN_SCREENSHOT === '1' ? README_SCREENSHOT : path.join(folder, 'plan.png');
        await page.screenshot({ path: file });
        const png = fs.readFileSync(file);
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        // The README's screenshot exists and is a picture, not a placeholder.
        expect(fs.statSync(README_SCREENSHOT).size).toBeGreaterThan(20_000);
        await page.close();
    });
});
