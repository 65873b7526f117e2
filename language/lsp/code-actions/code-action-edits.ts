import { CstUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Document, Measure } from '../../generated/ast.js';

/** The edits of code actions: where a node is, what removes it, where a new declaration or property goes. */

export function quickFix(title: string, diagnostic: Diagnostic, document: LangiumDocument, edits: TextEdit[], isPreferred = false): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred,
        edit: { changes: { [document.uri.toString()]: edits } }
    };
}

/** A quick fix whose edit may change other files (a WorkspaceEdit keyed by URI). */
export function workspaceQuickFix(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit, isPreferred = false): CodeAction {
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit };
}


/** The innermost node at the diagnostic's start that satisfies the test. */
export function nodeAt<T extends AstNode>(document: LangiumDocument, diagnostic: Diagnostic, test: (node: AstNode) => node is T): T | undefined;
export function nodeAt(document: LangiumDocument, diagnostic: Diagnostic, test: (node: AstNode) => boolean): AstNode | undefined;
export function nodeAt(document: LangiumDocument, diagnostic: Diagnostic, test: (node: AstNode) => boolean): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    let node: AstNode | undefined = leaf?.astNode;
    while (node && !test(node)) {
        node = node.$container;
    }
    return node;
}

/**
 * The range that removes a node: its whole lines when nothing else is written on them,
 * otherwise the node and the blanks before it.
 */
export function removalRange(document: LangiumDocument, node: CstNode): TextEdit['range'] {
    const text = document.textDocument.getText();
    let start = node.offset;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    let end = node.end;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    const startsLine = start === 0 || text[start - 1] === '\n';
    const endsLine = end === text.length || text[end] === '\n' || text[end] === '\r';
    if (startsLine && endsLine) {
        if (text[end] === '\r') end++;
        if (text[end] === '\n') end++;
    } else {
        end = node.end;
    }
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}

/**
 * Where a new top-level declaration goes: after the last declaration of the same kind in
 * the file, else before the first declaration, else at the end.
 */
export function declarationInsertion(document: LangiumDocument, declaration: string, sameKind: (node: AstNode) => boolean): TextEdit {
    const root = document.parseResult.value as Document;
    const textDocument = document.textDocument;
    const lastOfKind = [...root.elements].reverse().find(sameKind)?.$cstNode;
    if (lastOfKind) {
        const end = textDocument.positionAt(lastOfKind.end);
        return { range: { start: end, end }, newText: `\n${declaration}` };
    }
    const first = root.elements[0]?.$cstNode;
    if (first) {
        const start = textDocument.positionAt(first.offset);
        return { range: { start, end: start }, newText: `${declaration}\n\n${' '.repeat(start.character)}` };
    }
    const text = textDocument.getText();
    const end = textDocument.positionAt(text.length);
    const separator = text.length === 0 ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    return { range: { start: end, end }, newText: `${separator}${declaration}\n` };
}

/** A new property line at the end of a block, indented like the block's other properties. */
export function propertyInsertion(document: LangiumDocument, owner: Measure, property: string): TextEdit | undefined {
    const cst = owner.$cstNode;
    if (!cst) return undefined;
    const textDocument = document.textDocument;
    const last = owner.properties.at(-1)?.$cstNode;
    if (last) {
        const end = textDocument.positionAt(last.end);
        const indent = textDocument.positionAt(last.offset).character;
        return { range: { start: end, end }, newText: `\n${' '.repeat(indent)}${property}` };
    }
    const openingBrace = CstUtils.streamCst(cst).find(node => node.text === '{' && node.astNode === owner);
    if (!openingBrace) return undefined;
    const end = textDocument.positionAt(openingBrace.end);
    const indent = textDocument.positionAt(cst.offset).character + 4;
    return { range: { start: end, end }, newText: `\n${' '.repeat(indent)}${property}` };
}

