import type { LangiumDocument } from 'langium';
import type { RenameProvider } from 'langium/lsp';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import { isMeasure } from '../../generated/ast.js';
import { nodeAt, workspaceQuickFix } from './code-action-edits.js';

/**
 * `declaration/duplicate` on a measure: rename this one to a free code with the same prefix
 * (`NT1` when NT1 to NT14 exist -> `NT15`; `localJob` -> `localJob2`), through the rename
 * provider, so the references that resolve to this measure follow it and a clash is refused.
 * The title says how many references move: references to the other measure of that name
 * stay with it.
 */
export async function renameDuplicateMeasure(diagnostic: Diagnostic, document: LangiumDocument, rename: RenameProvider, takenNames: (document: LangiumDocument) => Set<string>): Promise<CodeAction[]> {
    const measure = nodeAt(document, diagnostic, isMeasure);
    if (!measure?.name) return [];
    const free = freeCode(measure.name, takenNames(document));
    let edit: WorkspaceEdit | undefined;
    try {
        edit = await rename.rename(document, { textDocument: { uri: document.uri.toString() }, position: diagnostic.range.start, newName: free });
    } catch {
        return []; // refused (a clash, a file of an installed package): nothing to offer
    }
    if (!edit?.changes) return [];
    // One edit renames the declaration; the others are the references that follow it.
    const references = Object.values(edit.changes).reduce((count, edits) => count + edits.length, 0) - 1;
    const title = references === 0
        ? `Rename this measure '${measure.name}' to '${free}' (only this declaration: no reference points to it)`
        : `Rename this measure '${measure.name}' to '${free}' (and the ${references} reference${references === 1 ? '' : 's'} that point to it)`;
    return [workspaceQuickFix(title, diagnostic, edit)];
}

/** The next free code with the name's prefix: the largest number used with it, plus one; without a number, 2, 3, ... */
export function freeCode(name: string, taken: ReadonlySet<string>): string {
    const numbered = /^(.*?)(\d+)$/.exec(name);
    if (numbered) {
        const prefix = numbered[1]!;
        const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)$`);
        let next = Math.max(...[...taken].map(candidate => Number(pattern.exec(candidate)?.[1] ?? 0)), Number(numbered[2])) + 1;
        while (taken.has(`${prefix}${next}`)) next++;
        return `${prefix}${next}`;
    }
    let index = 2;
    while (taken.has(`${name}${index}`)) index++;
    return `${name}${index}`;
}
