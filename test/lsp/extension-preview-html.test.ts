/**
 * The page "SVF: Preview question set" shows (extension/src/preview-html.ts): the plan page
 * rendered by compiler/plan with a strict Content-Security-Policy first in its head, and the
 * problem page (the CLI's messages, escaped) when there is no plan to show.
 */
import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy, problemPage, withContentSecurityPolicy } from '../../extension/src/preview-html.js';
import { emitCompiledFramework } from '../../compiler/emit.js';
import { renderPlan } from '../../compiler/plan/index.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { createSvfServices } from '../../language/svf-module.js';
import { EmptyFileSystem } from 'langium';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

/** The policy meta element's content in a page, and what comes before it. */
function policyOf(html: string): { before: string; policy: string } {
    const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    expect(match, 'no policy in the page').not.toBeNull();
    return { before: html.slice(0, match!.index), policy: match![1].replace(/&#39;/g, "'") };
}

describe('the Content-Security-Policy', () => {
    test('nothing may load or run: no scripts, no forms, no base; only inline styles and the webview\'s own images', () => {
        const policy = contentSecurityPolicy(CSP_SOURCE).split('; ');
        expect(policy).toEqual([
            "default-src 'none'",
            `style-src ${CSP_SOURCE} 'unsafe-inline'`,
            `img-src ${CSP_SOURCE} data:`,
            `font-src ${CSP_SOURCE}`,
            "script-src 'none'",
            "form-action 'none'",
            "base-uri 'none'"
        ]);
    });

    test("the plan page of a compiled framework gets the policy as the first element of its head", async () => {
        const { Svf } = createSvfServices(EmptyFileSystem);
        const loaded = await loadFramework(Svf, {
            sources: {
                '/plan/framework.svf': [
                    'framework test.plan "A <b>bold</b> plan" {',
                    '    version 1.0.0',
                    '    currency GBP',
                    '    priceYear 2025',
                    '    status draft',
                    '}'
                ].join('\n')
            }
        });
        const framework = Svf.resolution.FrameworkResolution.frameworkOf(loaded.requested[0]);
        const page = withContentSecurityPolicy(renderPlan(emitCompiledFramework(framework), { format: 'html' }), CSP_SOURCE);
        const { before, policy } = policyOf(page);
        expect(before).toMatch(/<head(\s[^>]*)?>$/);
        expect(policy).toBe(contentSecurityPolicy(CSP_SOURCE));
        // The framework's title is text, not markup.
        expect(page).not.toContain('<b>bold</b>');
    });

    test('a head with attributes, a page without a head, a fragment: the policy still comes before any content', () => {
        expect(policyOf(withContentSecurityPolicy('<html><head lang="en"><title>t</title></head></html>', CSP_SOURCE)).before).toBe('<html><head lang="en">');
        expect(policyOf(withContentSecurityPolicy('<!doctype html><html lang="en"><body>x</body></html>', CSP_SOURCE)).before).toBe('<!doctype html><html lang="en"><head>');
        const fragment = withContentSecurityPolicy('<p>questions</p>', CSP_SOURCE);
        expect(policyOf(fragment).before).toBe('<!doctype html>\n<html lang="en"><head>');
        expect(fragment).toContain('<body><p>questions</p></body>');
    });
});

test('the page reads dark on white in any theme, and its own styles, coming after, still win', () => {
    const page = withContentSecurityPolicy('<html><head><style>body { color: navy; }</style></head><body>x</body></html>', CSP_SOURCE);
    const paper = page.indexOf('body { color: #0b0c0c; background: #ffffff; }');
    expect(paper).toBeGreaterThan(page.indexOf('Content-Security-Policy'));
    expect(paper).toBeLessThan(page.indexOf('color: navy'));
});

test('the problem page: the messages as the CLI gives them, escaped, under the policy', () => {
    const lines = [
        "framework.svf:3:9 error reference/unresolved Unknown unit '<script>alert(1)</script>'.",
        '1 error, 0 warnings in 1 file',
        'Nothing to preview: fix the errors above, then preview again.'
    ];
    const page = problemPage('The question set cannot be previewed', lines, CSP_SOURCE);
    expect(policyOf(page).policy).toBe(contentSecurityPolicy(CSP_SOURCE));
    expect(page).not.toContain('<script>');
    expect(page).toContain('Unknown unit &#39;&#60;script&#62;alert(1)&#60;/script&#62;&#39;.');
    expect(page).toContain('1 error, 0 warnings in 1 file\nNothing to preview: fix the errors above, then preview again.</pre>');
});
