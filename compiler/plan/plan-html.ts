/**
 * The plan as one self-contained HTML page: inline CSS, no scripts, no fonts, images or
 * anything else fetched; laid out for A4 print (rows never split across pages). Every text
 * comes from the framework's files and is escaped.
 */
import type { PlanBlock, PlanDocument } from './plan-document.js';

/** Colours meet WCAG AA contrast on white (#1a1a1a text, #4a4a4a muted, #0b3d6e headings); nothing is said by colour alone. */
const STYLE = `
@page { size: A4; margin: 9mm 10mm; }
* { box-sizing: border-box; }
html { color: #1a1a1a; background: #ffffff; }
body { font-family: Arial, Helvetica, "Liberation Sans", sans-serif; font-size: 10pt; line-height: 1.3; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 16pt; margin: 0 0 0.2rem; color: #0b3d6e; }
h2 { font-size: 12pt; margin: 0.9rem 0 0.3rem; color: #0b3d6e; border-bottom: 1px solid #0b3d6e; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0.6rem 0 0.2rem; break-after: avoid; page-break-after: avoid; }
p, ul { margin: 0.25rem 0 0.4rem; }
ul { padding-left: 1.2rem; }
li { margin: 0.1rem 0; }
.subtitle, footer { color: #4a4a4a; }
footer { margin-top: 1rem; font-size: 8pt; }
.note { border: 1px solid #4a4a4a; border-left-width: 4px; padding: 0.3rem 0.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.5rem; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; padding: 0.15rem 0; break-after: avoid; page-break-after: avoid; }
th, td { border: 1px solid #8c8c8c; padding: 0.15rem 0.3rem; text-align: left; vertical-align: top; }
thead th { background: #e8eef5; }
tbody th { font-weight: bold; white-space: nowrap; }
td.number, th.number { text-align: right; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 8.5pt; line-height: 1.15; }
  h1 { font-size: 14pt; }
  h2 { font-size: 10.5pt; margin: 0.5rem 0 0.2rem; }
  table { font-size: 7pt; line-height: 1.1; margin: 0.2rem 0 0.3rem; }
  th, td { padding: 0.05rem 0.25rem; }
  p, ul { margin: 0.15rem 0 0.25rem; }
}
`.trim();

export function renderPlanHtml(plan: PlanDocument): string {
    const lines = [
        '<!doctype html>',
        '<html lang="en-GB">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${escapeHtml(plan.title)}</title>`,
        `<style>\n${STYLE}\n</style>`,
        '</head>',
        '<body>',
        '<main>',
        `<h1>${escapeHtml(plan.title)}</h1>`,
        `<p class="subtitle">${escapeHtml(plan.subtitle)}</p>`,
        ...plan.blocks.map(renderBlock),
        '</main>',
        `<footer><p>${escapeHtml(plan.footer)}</p></footer>`,
        '</body>',
        '</html>',
    ];
    return `${lines.join('\n')}\n`;
}

function renderBlock(block: PlanBlock): string {
    switch (block.kind) {
        case 'heading': return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
        case 'paragraph': return `<p>${escapeHtml(block.text)}</p>`;
        case 'note': return `<p class="note"><strong>Note:</strong> ${escapeHtml(block.text)}</p>`;
        case 'list': return `<ul>\n${block.items.map(item => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
        case 'table': {
            const numeric = block.columns.map(column => column.numeric === true);
            const cellClass = (index: number) => (numeric[index] ? ' class="number"' : '');
            const head = block.columns.map((column, index) => `<th scope="col"${cellClass(index)}>${escapeHtml(column.header)}</th>`).join('');
            const rows = block.rows.map(row => `<tr>${row.map((cell, index) => index === 0
                ? `<th scope="row">${escapeHtml(cell)}</th>`
                : `<td${cellClass(index)}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
            return [`<table>`, `<caption>${escapeHtml(block.caption)}</caption>`, `<thead><tr>${head}</tr></thead>`, '<tbody>', ...rows, '</tbody>', '</table>'].join('\n');
        }
    }
}

/** Text as HTML text or attribute value: the five characters with a meaning in markup become references. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
}
