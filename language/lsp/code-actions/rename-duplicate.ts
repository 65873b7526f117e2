import { GrammarUtils, type LangiumDocument } from 'langium';
import type { RenameProvider } from 'langium/lsp';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import { isMeasure } from '../../generated/ast.js';
import { nodeAt, workspaceQuickFix } from './code-action-edits.js';

/**
 * `declaration/duplicate` on a measure: rename this one to a free code with the same prefix
 * (`NT1` when NT1 to NT14 exist -> `NT15`; `localJob` -> `localJob2`), through the rename
 * provider, which refuses a clash. References to a name declared twice are ambiguous (they
 * resolve to one of the two by scope order), so when some resolve to this measure there are
 * two fixes: rename the declaration only (they then mean the other measure), or rename them
 * with it; the titles say which.
 */
export async function renameDuplicateMeasure(diagnostic: Diagnostic, document: LangiumDocument, rename: RenameProvider, takenNames: (document: LangiumDocument) => Set<string>): Promise<CodeAction[]> {
    const measure = nodeAt(document, diagnostic, isMeasure);
    // The diagnostic is on the measure's name (not on another declaration inside it).
    const nameNode = measure && GrammarUtils.findNodeForProperty(measure.$cstNode, 'name');
    if (!measure?.name || !nameNode || document.textDocument.offsetAt(diagnostic.range.start) !== nameNode.offset) return [];
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
    const declarationOnly = workspaceQuickFix(
        `Rename this measure '${measure.name}' to '${free}' (only this declaration: ${references === 0 ? 'no reference points to it' : `references to '${measure.name}' then all mean the other one`})`,
        diagnostic, { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: free }] } }, references === 0);
    if (references === 0) return [declarationOnly];
    // Which of two same-named measures a reference meant is a guess: offer both readings.
    return [declarationOnly, workspaceQuickFix(
        `Rename this measure '${measure.name}' to '${free}' with the ${references} reference${references === 1 ? '' : 's'} that now resolve${references === 1 ? 's' : ''} to it`,
        diagnostic, edit)];
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
