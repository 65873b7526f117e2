/**
 * The plan on a page as a small document of blocks (headings, paragraphs, lists, tables),
 * written once in plain English and rendered twice: as HTML (plan-html.ts) and as Markdown
 * (plan-markdown.ts), so both formats say the same thing.
 */

/** One table column: numeric columns are right-aligned. */
export interface PlanColumn {
    header: string;
    numeric?: boolean;
}

export type PlanBlock =
    | { kind: 'heading'; level: 2 | 3; text: string }
    | { kind: 'paragraph'; text: string }
    /** A statement set apart from the text (an untailored plan, a tailoring warning): always says "Note:" in words. */
    | { kind: 'note'; text: string }
    | { kind: 'list'; items: string[] }
    /** The first cell of each row heads its row (th scope="row"). */
    | { kind: 'table'; caption: string; columns: PlanColumn[]; rows: string[][] };

export interface PlanDocument {
    /** The page's title and its one h1. */
    title: string;
    /** One line under the h1: who publishes the framework and which version. */
    subtitle: string;
    blocks: PlanBlock[];
    /** The last line: where the plan comes from (framework id, version, sources hash). */
    footer: string;
}
