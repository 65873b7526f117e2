import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { AstUtils, CstUtils, GrammarUtils, isLeafCstNode, type Lexer } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams,
    FormattingOptions, Range, TextEdit
} from 'vscode-languageserver';
import { isDocument, isOutcome, isTheme } from '../generated/ast.js';

/** Nodes written as `keyword name ... { ... }`: their contents go one per line, indented. */
const BLOCK_TYPES = new Set([
    'FrameworkHeader', 'ProxyDeclaration', 'InlineProxy', 'Scale', 'Theme', 'Outcome', 'Measure',
    'MethodQuestion', 'Gate', 'Evaluation', 'Rule',
    'ProxyOverride', 'MeasureOverride', 'ScaleOverride', 'QuestionOverride', 'GateOverride', 'EvaluationOverride', 'RuleOverride',
    'ThemeAddition', 'OutcomeAddition', 'ProfileDeclaration'
]);

interface Token {
    readonly start: number;
    readonly end: number;
    readonly text: string;
    readonly comment: boolean;
    readonly lineComment: boolean;
}

/** The result of formatting one document: the edits, and the formatted text they give. */
export interface SvfFormatResult {
    readonly edits: TextEdit[];
    readonly text: string;
    /** Where the first syntax error is (0-based), when the file has one: nothing from its line on was changed. */
    readonly firstError?: { line: number; character: number; message: string };
}

/**
 * Format Document for .svf files, used by the language server and by `svf fmt`:
 * - one declaration or property per line, one indentation level per block (tabs or
 *   `tabSize` spaces, as the client asks), closing braces on their own line;
 * - comments on their own line are indented like the line that follows them (inside a
 *   block before its `}`, like the block's contents), a block comment's later lines moved
 *   with it; a comment after code stays on its line;
 * - runs of spaces between tokens become one space, trailing spaces go, runs of blank
 *   lines become one blank line (none at the start of the file or before a `}`), and the
 *   file ends with one line break;
 * - nothing inside a line is rearranged (a rule's condition, a list of categories): only
 *   whitespace changes, never a token, so the parse cannot change (checked: if the
 *   formatted text lexes to other tokens, no edit is returned).
 * On a file with a syntax error, the lines before the first error are formatted and the
 * rest is left as it is.
 */
export class SvfFormatter implements Formatter {
    constructor(private readonly lexer: Lexer) {}

    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        return formatSvfDocument(document, this.lexer, params.options).edits;
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        const { start, end } = params.range;
        return formatSvfDocument(document, this.lexer, params.options).edits
            .filter(edit => overlapsLines(edit.range, start.line, end.line));
    }

    formatDocumentOnType(_document: LangiumDocument, _params: DocumentOnTypeFormattingParams): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }
}

function overlapsLines(range: Range, first: number, last: number): boolean {
    return range.end.line >= first && range.start.line <= last;
}

/** Formats a parsed .svf document; see SvfFormatter. */
export function formatSvfDocument(document: LangiumDocument, lexer: Lexer, options: FormattingOptions): SvfFormatResult {
    const text = document.textDocument.getText();
    const lexed = lexer.tokenize(text);
    const tokens: Token[] = [...lexed.tokens, ...lexed.hidden]
        .map(token => {
            const comment = token.tokenType.name === 'SL_COMMENT' || token.tokenType.name === 'ML_COMMENT';
            return {
                start: token.startOffset, end: token.startOffset + token.image.length, text: token.image,
                comment, lineComment: token.tokenType.name === 'SL_COMMENT'
            };
        })
        .sort((a, b) => a.start - b.start);
    if (tokens.length === 0) return { edits: [], text };

    const firstError = firstSyntaxError(document);
    // Nothing at or after the start of the first error's line is changed.
    const limit = firstError ? document.textDocument.offsetAt({ line: firstError.line, character: 0 }) : Number.POSITIVE_INFINITY;

    const places = placesOf(document.parseResult.value);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const tabSize = Math.max(1, Math.floor(options.tabSize) || 4);
    const unit = options.insertSpaces ? ' '.repeat(tabSize) : '\t';
    const indentText = (levels: number) => unit.repeat(Math.max(0, levels));

    // Block depth before each token, and the depth a line starting with it is indented to.
    const depthBefore: number[] = [];
    const lineIndent: number[] = [];
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
        const place = places.get(tokens[i].start);
        if (place === 'close') depth = Math.max(0, depth - 1);
        depthBefore.push(depth);
        lineIndent.push(place === 'line' || place === 'close' ? depth : depth + 1);
        if (place === 'open') depth++;
    }
    // A comment on its own line is indented like the next token that is not a comment
    // (or, before a closing brace, like the block's contents).
    let nextIndent = 0;
    for (let i = tokens.length - 1; i >= 0; i--) {
        if (tokens[i].comment) {
            lineIndent[i] = nextIndent;
        } else {
            nextIndent = places.get(tokens[i].start) === 'close' ? depthBefore[i] + 1 : lineIndent[i];
        }
    }

    const edits: Array<{ start: number; end: number; newText: string }> = [];
    const replace = (start: number, end: number, newText: string) => {
        if (end >= limit) return;
        if (text.slice(start, end) !== newText) edits.push({ start, end, newText });
    };

    for (let i = 0; i <= tokens.length; i++) {
        const previous = tokens[i - 1];
        const token = tokens[i];
        const gapStart = previous ? previous.end : 0;
        const gapEnd = token ? token.start : text.length;
        const gap = text.slice(gapStart, gapEnd);
        // Text the lexer could not read (a syntax error) is never touched, nor its surroundings.
        if (/\S/.test(gap)) continue;
        if (!token) {
            replace(gapStart, gapEnd, eol);
            continue;
        }
        if (!previous) {
            replace(gapStart, gapEnd, '');
            continue;
        }
        const breaks = countLineBreaks(gap);
        const place = places.get(token.start);
        let newText: string;
        if (token.comment) {
            newText = breaks === 0 ? (gap === '' ? '' : ' ') : lineBreaks(Math.min(breaks, 2), eol) + indentText(lineIndent[i]);
        } else if (place === 'line' || place === 'close') {
            const wanted = place === 'close' ? 1 : Math.min(Math.max(breaks, 1), 2);
            newText = lineBreaks(wanted, eol) + indentText(lineIndent[i]);
        } else if (place === 'space' || place === 'open') {
            newText = previous.lineComment ? lineBreaks(1, eol) + indentText(lineIndent[i]) : ' ';
        } else if (breaks > 0) {
            newText = lineBreaks(Math.min(breaks, 2), eol) + indentText(lineIndent[i]);
        } else {
            newText = gap === '' ? '' : ' ';
        }
        replace(gapStart, gapEnd, newText);
        // A block comment's later lines move with its first line.
        if (token.comment && !token.lineComment && breaks > 0 && token.text.includes('\n')) {
            reindentBlockComment(text, gapStart, gapEnd, token, newText, tabSize, options.insertSpaces, replace);
        }
    }

    edits.sort((a, b) => a.start - b.start);
    let formatted = '';
    let at = 0;
    for (const edit of edits) {
        formatted += text.slice(at, edit.start) + edit.newText;
        at = edit.end;
    }
    formatted += text.slice(at);

    // Only whitespace may change: the formatted text must lex to the same tokens.
    if (!sameTokens(lexer, text, formatted)) return { edits: [], text, firstError };
    const textDocument = document.textDocument;
    return {
        edits: edits.map(edit => ({ range: { start: textDocument.positionAt(edit.start), end: textDocument.positionAt(edit.end) }, newText: edit.newText })),
        text: formatted,
        firstError
    };
}

function countLineBreaks(text: string): number {
    let count = 0;
    for (const char of text) if (char === '\n') count++;
    return count;
}

function lineBreaks(count: number, eol: string): string {
    return eol.repeat(count);
}

/** The width of leading whitespace in columns, a tab reaching the next multiple of tabSize. */
function columns(whitespace: string, tabSize: number): number {
    let width = 0;
    for (const char of whitespace) width = char === '\t' ? (Math.floor(width / tabSize) + 1) * tabSize : width + 1;
    return width;
}

function whitespaceOfWidth(width: number, tabSize: number, insertSpaces: boolean): string {
    if (width <= 0) return '';
    return insertSpaces ? ' '.repeat(width) : '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize);
}

function reindentBlockComment(
    text: string, gapStart: number, gapEnd: number, token: Token, newGap: string, tabSize: number, insertSpaces: boolean,
    replace: (start: number, end: number, newText: string) => void
): void {
    const oldIndent = text.slice(text.lastIndexOf('\n', gapEnd - 1) + 1, gapEnd);
    const newIndent = newGap.slice(newGap.lastIndexOf('\n') + 1);
    const shift = columns(newIndent, tabSize) - columns(oldIndent, tabSize);
    let lineStart = token.text.indexOf('\n') + 1;
    while (lineStart > 0) {
        const absolute = token.start + lineStart;
        const match = /^[ \t]*/.exec(token.text.slice(lineStart))!;
        const lineEnd = token.text.indexOf('\n', lineStart);
        const rest = token.text.slice(lineStart + match[0].length, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '');
        const width = rest === '' ? 0 : Math.max(0, columns(match[0], tabSize) + shift);
        replace(absolute, absolute + match[0].length, whitespaceOfWidth(width, tabSize, insertSpaces));
        lineStart = lineEnd + 1;
    }
}

function sameTokens(lexer: Lexer, before: string, after: string): boolean {
    const a = lexer.tokenize(before);
    const b = lexer.tokenize(after);
    if (a.tokens.length !== b.tokens.length || a.hidden.length !== b.hidden.length || a.errors.length !== b.errors.length) return false;
    for (let i = 0; i < a.tokens.length; i++) {
        if (a.tokens[i].image !== b.tokens[i].image || a.tokens[i].tokenType !== b.tokens[i].tokenType) return false;
    }
    const words = (comment: string) => comment.split(/\s+/).filter(Boolean).join(' ');
    for (let i = 0; i < a.hidden.length; i++) {
        if (words(a.hidden[i].image) !== words(b.hidden[i].image) || a.hidden[i].tokenType !== b.hidden[i].tokenType) return false;
    }
    return true;
}

function firstSyntaxError(document: LangiumDocument): SvfFormatResult['firstError'] {
    const { lexerErrors, parserErrors } = document.parseResult;
    const found: Array<{ line: number; character: number; message: string }> = [];
    for (const error of lexerErrors) {
        found.push({ line: (error.line ?? 1) - 1, character: (error.column ?? 1) - 1, message: error.message });
    }
    for (const error of parserErrors) {
        const token = error.token;
        if (token.startLine !== undefined && !Number.isNaN(token.startOffset)) {
            found.push({ line: token.startLine - 1, character: (token.startColumn ?? 1) - 1, message: error.message });
        } else {
            // At the end of the file: the error is after the last line.
            const end = document.textDocument.positionAt(document.textDocument.getText().length);
            found.push({ line: end.line, character: end.character, message: error.message });
        }
    }
    found.sort((a, b) => a.line - b.line || a.character - b.character);
    return found[0];
}

/**
 * Where each token that the layout fixes goes, by its offset: `line` (starts a line),
 * `space` (one space before it), `open` / `close` (a block's braces).
 */
function placesOf(root: AstNode): Map<number, 'line' | 'space' | 'open' | 'close'> {
    const places = new Map<number, 'line' | 'space' | 'open' | 'close'>();
    const firstToken = (node: CstNode | undefined): CstNode | undefined => {
        if (!node) return undefined;
        if (isLeafCstNode(node)) return node.hidden ? undefined : node;
        return CstUtils.streamCst(node).find(leaf => isLeafCstNode(leaf) && !leaf.hidden);
    };
    const mark = (node: CstNode | undefined, place: 'line' | 'space' | 'open' | 'close') => {
        const token = firstToken(node);
        if (token) places.set(token.offset, place);
    };
    if (isDocument(root)) {
        for (const child of [...root.imports, ...(root.header ? [root.header] : []), ...root.elements]) mark(child.$cstNode, 'line');
    }
    for (const node of AstUtils.streamAllContents(root)) {
        if (!BLOCK_TYPES.has(node.$type) || !node.$cstNode) continue;
        const cst = node.$cstNode;
        const open = GrammarUtils.findNodeForKeyword(cst, '{');
        if (!open) continue;
        const close = GrammarUtils.findNodeForKeyword(cst, '}');
        // `description "..."` in a theme or outcome is one line: its text stays beside the keyword.
        const description = isTheme(node) || isOutcome(node) ? GrammarUtils.findNodeForProperty(cst, 'description') : undefined;
        // The block's contents are the CST nodes beside its braces (the node's own CST may wrap them).
        const children = open.container?.content ?? [];
        for (const child of children) {
            if (child.offset <= open.offset || (close && child.offset >= close.offset)) continue;
            mark(child, description && child.offset === description.offset ? 'space' : 'line');
        }
        places.set(open.offset, 'open');
        if (close) places.set(close.offset, 'close');
    }
    return places;
}
