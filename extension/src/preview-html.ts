// The HTML "SVF: Preview question set" shows in its webview, without VS Code: the plan page
// from the server with a strict Content-Security-Policy, or the reason there is none.

/**
 * The policy: nothing may load or run (no scripts at all; the webview has them disabled
 * too), except the page's own inline styles and images from the webview's resources or
 * data: URIs. `cspSource` is the webview's `cspSource`.
 */
export function contentSecurityPolicy(cspSource: string): string {
    return [
        "default-src 'none'",
        `style-src ${cspSource} 'unsafe-inline'`,
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`,
        "script-src 'none'",
        "form-action 'none'",
        "base-uri 'none'"
    ].join('; ');
}

/**
 * The page reads as printed, dark on white, whatever the editor's theme: VS Code gives a
 * webview's body the theme's text colour, which a page written for a browser does not
 * expect. Before the page's own styles, so they win where they say otherwise.
 */
const PAPER_STYLE = '<style>html { background: #ffffff; } body { color: #0b0c0c; background: #ffffff; }</style>';

/**
 * The page with the policy as the first element of its head (a page without a head gets
 * one), so it applies before anything in the page is read, then the paper style. Any policy meta the page had is
 * kept: policies only add restrictions.
 */
export function withContentSecurityPolicy(html: string, cspSource: string): string {
    const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource))}">${PAPER_STYLE}`;
    const head = /<head(\s[^>]*)?>/i.exec(html);
    if (head) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
    const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
    if (htmlTag) return `${html.slice(0, htmlTag.index + htmlTag[0].length)}<head>${meta}</head>${html.slice(htmlTag.index + htmlTag[0].length)}`;
    return `<!doctype html>\n<html lang="en"><head>${meta}</head><body>${html}</body></html>\n`;
}

/** The page shown instead of the plan when the framework or the profile has a problem: the messages, as the CLI gives them. */
export function problemPage(title: string, lines: readonly string[], cspSource: string): string {
    return withContentSecurityPolicy([
        '<!doctype html>',
        `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`,
        '<style>body { font-family: var(--vscode-font-family, sans-serif); padding: 1em 2em; } pre { white-space: pre-wrap; }</style></head>',
        `<body><h1>${escapeHtml(title)}</h1>`,
        '<p>The question set cannot be shown until this is fixed; the preview refreshes when a file of the framework is saved.</p>',
        `<pre>${lines.map(escapeHtml).join('\n')}</pre>`,
        '</body></html>',
        ''
    ].join('\n'), cspSource);
}

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
}
