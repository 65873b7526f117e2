/**
 * The plan as GitHub-flavoured Markdown, for pasting into tender documents: the same
 * blocks as the HTML page, tables as pipe tables with their caption in bold above them.
 */
import type { PlanBlock, PlanDocument } from './plan-document.js';

export function renderPlanMarkdown(plan: PlanDocument): string {
    const parts = [
        `# ${inline(plan.title)}`,
        inline(plan.subtitle),
        ...plan.blocks.map(renderBlock),
        `_${inline(plan.footer)}_`,
    ];
    return `${parts.join('\n\n')}\n`;
}

function renderBlock(block: PlanBlock): string {
    switch (block.kind) {
        case 'heading': return `${'#'.repeat(block.level)} ${inline(block.text)}`;
        case 'paragraph': return inline(block.text);
        case 'note': return `> **Note:** ${inline(block.text)}`;
        case 'list': return block.items.map(item => `- ${inline(item)}`).join('\n');
        case 'table': {
            const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
            return [
                `**${inline(block.caption)}**`,
                '',
                row(block.columns.map(column => column.header)),
                `| ${block.columns.map(column => (column.numeric === true ? '---:' : '---')).join(' | ')} |`,
                ...block.rows.map(row),
            ].join('\n');
        }
    }
}

/**
 * Text from the framework as Markdown text: characters that would start markup are
 * backslash-escaped and HTML's < > & become entities (GitHub would otherwise pass some
 * HTML through), so a title reads as written and nothing in it becomes a link or a tag.
 * Line breaks become spaces: every block is one line.
 */
function inline(text: string): string {
    return text
        .replace(/\s*[\r\n]+\s*/g, ' ')
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]#|~])/g, '\\$1')
        .replace(/^(\d+)\. /, '$1\\. ')
        .replace(/^([-+]) /, '\\$1 ');
}

/** A table cell: as inline text (the pipe is already escaped there). */
function cell(text: string): string {
    return inline(text);
}
