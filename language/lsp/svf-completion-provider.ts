import { AstUtils, GrammarAST, GrammarUtils, TextDocument, UriUtils, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem } from 'langium/lsp';
import { CompletionItemKind, CompletionList, CompletionTriggerKind, type CancellationToken, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SvfServices } from '../svf-module.js';
import { readPackageJson } from '../workspace/package-imports.js';

/** Keywords after which a space opens the list: each is followed by a reference (or a list of them). */
const REFERENCE_KEYWORDS = new Set([
    'unit', 'proxy', 'from', 'scale', 'outcomes', 'measure', 'measures', 'theme', 'themes', 'question', 'questions',
    'gate', 'gates', 'minimum', 'before', 'after', 'outcome', 'rule', 'per'
]);

/** Properties a block may hold more than once: offered again even when one is already written. */
const REPEATABLE_PROPERTIES = new Set(['CategoriesProperty', 'CodesProperty', 'TagsProperty', 'CriterionProperty']);

/** Where the cursor is, read from the text alone: in code, a comment or a string (and where that string starts). */
type LexicalPlace = { kind: 'code' } | { kind: 'comment' } | { kind: 'string'; start: number; quote: string };

/**
 * Completion for SVF: opens on a space after a keyword that takes a reference, on `.` and on
 * `"` (import paths); offers nothing inside comments and strings (but files and folders
 * inside an import's path); leaves out properties a block already has; offers a keyword
 * that only exists as a phrase (`record only`) whole; describes each reference item (a
 * measure by its title and unit, a proxy by its value per unit). Never throws: a failure
 * answers with what was found so far (or nothing).
 */
export class SvfCompletionProvider extends DefaultCompletionProvider {
    private readonly svfServices: SvfServices;

    override readonly completionOptions: CompletionProviderOptions = {
        triggerCharacters: [' ', '.', '"', '/']
    };

    constructor(services: SvfServices) {
        super(services);
        this.svfServices = services;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        try {
            const text = document.textDocument.getText();
            const offset = document.textDocument.offsetAt(params.position);
            // Scanning from the declaration the cursor is in, which starts in code, gives the same answer.
            const place = lexicalPlaceAt(text, offset, topLevelStart(document, offset));
            if (place.kind === 'comment') return CompletionList.create([], false);
            if (place.kind === 'string') {
                return CompletionList.create(await this.importPathItems(document, text, place.start, offset), false);
            }
            const trigger = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined;
            if (trigger === '"' || trigger === '/') return CompletionList.create([], false);
            // A `.` opens the list after an alias (`base.`), not in a number (`£312.`).
            if (trigger === '.' && !/[A-Za-z_]\w*\.$/.test(text.slice(Math.max(0, offset - 64), offset))) return CompletionList.create([], false);
            if (trigger === ' ' && !REFERENCE_KEYWORDS.has(wordBefore(text, offset)) && !/,\s$/.test(text.slice(Math.max(0, offset - 2), offset))) {
                return CompletionList.create([], false);
            }
            const items = await this.collectItems(document, params, cancelToken);
            // A space opens the list for the names a keyword takes, not for more keywords.
            const shown = trigger === ' ' ? items.filter(item => item.kind !== CompletionItemKind.Keyword) : items;
            return CompletionList.create(shown, true);
        } catch {
            return CompletionList.create([], true);
        }
    }

    /**
     * What the grammar expects at `offset`. Langium parses the whole text before the cursor;
     * in a 5,000-measure file that is a megabyte per request. An SVF file is imports, a header,
     * then top-level declarations, and the parser is in the same state at the start of every
     * declaration, so when the cursor is inside one, only that declaration's text is parsed.
     * Before the first declaration (imports, header) the whole prefix is parsed, as before.
     */
    protected override findFeaturesAt(textDocument: TextDocument, offset: number): ReturnType<DefaultCompletionProvider['findFeaturesAt']> {
        const document = this.documentsByText.get(textDocument);
        const start = document ? topLevelStart(document, offset) : 0;
        if (start === 0) return super.findFeaturesAt(textDocument, offset);
        const text = textDocument.getText().substring(start, offset);
        return super.findFeaturesAt(TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, text), text.length);
    }

    /** The documents being completed, by their text document (findFeaturesAt is given only the latter). */
    private readonly documentsByText = new WeakMap<TextDocument, LangiumDocument>();

    /**
     * The items of every context at the cursor, each feature completed once; keywords are told
     * apart by the phrase they start (`at least`, `at most`), not only by the word.
     */
    private async collectItems(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionItem[]> {
        this.documentsByText.set(document.textDocument, document);
        const items: CompletionItem[] = [];
        const acceptor: CompletionAcceptor = (context, value) => {
            try {
                const item = this.fillCompletionItem(context, value);
                if (item) items.push(item);
            } catch {
                // One item that cannot be built does not lose the others.
            }
        };
        const done = new Set<unknown>();
        try {
            for (const context of this.buildContexts(document, params.position)) {
                if (cancelToken?.isCancellationRequested) break;
                const set = this.propertiesAlreadySet(context);
                for (const next of context.features) {
                    const key = GrammarAST.isKeyword(next.feature) ? keywordPhrase(next.feature).join(' ') : next.feature;
                    if (done.has(key)) continue;
                    done.add(key);
                    if (GrammarAST.isKeyword(next.feature) && set.size > 0 && this.isSetProperty(next.feature, set)) continue;
                    try {
                        await this.completionFor(context, next, acceptor);
                    } catch {
                        // A feature whose completion fails (half-typed text) adds nothing.
                    }
                }
                if (!this.continueCompletion(items)) break;
            }
        } catch {
            // Answer with what was found before the failure.
        }
        return this.deduplicateItems(items);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void {
        if (!this.filterKeyword(context, keyword)) return;
        const phrase = keywordPhrase(keyword).join(' ');
        acceptor(context, {
            label: phrase,
            kind: this.getKeywordCompletionItemKind(keyword),
            detail: 'Keyword',
            sortText: '1'
        });
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        try {
            const detail = referenceDetail(this.nodeOf(description));
            if (detail) return { ...item, detail };
        } catch {
            // Without a detail the item still completes the name.
        }
        return item;
    }

    private nodeOf(description: AstNodeDescription): AstNode | undefined {
        if (description.node) return description.node;
        const document = this.svfServices.shared.workspace.LangiumDocuments.getDocument(description.documentUri);
        if (!document) return undefined;
        return this.svfServices.workspace.AstNodeLocator.getAstNode(document.parseResult.value, description.path);
    }

    /**
     * The property types the block around the cursor already holds (but the one being typed),
     * for a block with `properties`: a measure, question, gate, proxy, evaluation or header.
     */
    private propertiesAlreadySet(context: CompletionContext): Set<string> {
        const set = new Set<string>();
        let block: AstNode | undefined = context.node;
        while (block && !Array.isArray((block as { properties?: unknown }).properties)) block = block.$container;
        if (!block?.$cstNode) return set;
        const cst = block.$cstNode;
        const closed = cst.text.trimEnd().endsWith('}');
        if (context.offset <= cst.offset || (closed && context.offset >= cst.end)) return set;
        for (const property of (block as unknown as { properties: AstNode[] }).properties) {
            const range = property.$cstNode;
            if (range && context.tokenOffset >= range.offset && context.tokenOffset <= range.end) continue;
            if (REPEATABLE_PROPERTIES.has(property.$type)) continue;
            set.add(property.$type === 'AdjustmentProperty' ? `AdjustmentProperty:${(property as unknown as { kind: string }).kind}` : property.$type);
        }
        return set;
    }

    /** Whether this keyword starts a property of a kind the block already has. */
    private isSetProperty(keyword: GrammarAST.Keyword, set: Set<string>): boolean {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        if (!rule) return false;
        const type = rule.inferredType?.name ?? rule.returnType?.ref?.name ?? rule.name;
        if (type === 'AdjustmentProperty') return set.has(`AdjustmentProperty:${keyword.value}`);
        return set.has(type);
    }

    /** The folders and `.svf` files for an import's path, relative to the importing file. */
    private async importPathItems(document: LangiumDocument, text: string, stringStart: number, offset: number): Promise<CompletionItem[]> {
        const lineStart = text.lastIndexOf('\n', stringStart - 1) + 1;
        if (!/^\s*import\s*$/.test(text.slice(lineStart, stringStart))) return [];
        const typed = text.slice(stringStart + 1, offset);
        if (/[\r\n]/.test(typed)) return [];
        const slash = typed.lastIndexOf('/');
        const folderPart = typed.slice(0, slash + 1);
        const nameStart = stringStart + 1 + slash + 1;
        if (typed.startsWith('@')) return this.packageItems(document, stringStart + 1, offset);
        if (folderPart.startsWith('/')) return [];
        const base = UriUtils.dirname(document.uri);
        const folder = folderPart === '' ? base : UriUtils.resolvePath(base, folderPart);
        let entries;
        try {
            entries = await this.svfServices.shared.workspace.FileSystemProvider.readDirectory(folder);
        } catch {
            return [];
        }
        const range = { start: document.textDocument.positionAt(nameStart), end: document.textDocument.positionAt(offset) };
        const items: CompletionItem[] = [];
        const ups = folderPart === '' ? ['./', '../'] : /^(\.\.\/)+$|^\.\/$/.test(folderPart) ? ['../'] : [];
        {
            for (const up of ups) {
                items.push({ label: up, kind: CompletionItemKind.Folder, sortText: '0' + up, textEdit: { range, newText: up }, command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } });
            }
        }
        for (const entry of entries) {
            const name = UriUtils.basename(entry.uri);
            if (name.startsWith('.') || name === 'node_modules') continue;
            if (entry.isDirectory) {
                items.push({ label: name + '/', kind: CompletionItemKind.Folder, sortText: '1' + name, textEdit: { range, newText: name + '/' }, command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } });
            } else if (entry.isFile && name.endsWith('.svf') && !UriUtils.equals(entry.uri, document.uri)) {
                items.push({ label: name, kind: CompletionItemKind.File, sortText: '2' + name, textEdit: { range, newText: name } });
            }
        }
        if (slash < 0) items.push(...this.packageItems(document, stringStart + 1, offset));
        return items;
    }

    /** The framework packages (a package.json with `svf`) installed in node_modules at or above the file's folder. */
    private packageItems(document: LangiumDocument, from: number, offset: number): CompletionItem[] {
        if (document.uri.scheme !== 'file') return [];
        const range = { start: document.textDocument.positionAt(from), end: document.textDocument.positionAt(offset) };
        const names = new Set<string>();
        let folder = path.dirname(document.uri.fsPath);
        for (;;) {
            const modules = path.join(folder, 'node_modules');
            for (const entry of safeList(modules)) {
                const candidates = entry.startsWith('@') ? safeList(path.join(modules, entry)).map(name => `${entry}/${name}`) : [entry];
                for (const name of candidates) {
                    if (readPackageJson(path.join(modules, name))?.svf !== undefined) names.add(name);
                }
            }
            const parent = path.dirname(folder);
            if (parent === folder) break;
            folder = parent;
        }
        return [...names].sort().map(name => ({ label: name, kind: CompletionItemKind.Module, detail: 'Framework package', sortText: '3' + name, textEdit: { range, newText: name } }));
    }
}

function safeList(folder: string): string[] {
    try {
        return fs.readdirSync(folder).filter(name => !name.startsWith('.'));
    } catch {
        return [];
    }
}

/**
 * The words a keyword is always followed by in its rule (`record` → `record only`), itself
 * first: a keyword that never stands alone is offered as the phrase it begins.
 */
function keywordPhrase(keyword: GrammarAST.Keyword): string[] {
    const words = [keyword.value];
    const group: AstNode | undefined = keyword.$container;
    if (keyword.cardinality || !GrammarAST.isGroup(group)) return words;
    const index = group.elements.indexOf(keyword);
    for (let i = index + 1; i < group.elements.length; i++) {
        const element = group.elements[i];
        if (!GrammarAST.isKeyword(element) || element.cardinality || !/^[a-z]/i.test(element.value)) break;
        words.push(element.value);
    }
    return words;
}

/** A reference item's detail: a measure's title and unit, a proxy's value per unit, another declaration's title. */
function referenceDetail(node: AstNode | undefined): string | undefined {
    if (!node) return undefined;
    const record = node as unknown as { title?: string; label?: string; properties?: AstNode[] };
    if (node.$type === 'Measure') {
        const unit = record.properties?.find(p => p.$type === 'MeasureUnitProperty') as { unit?: { $refText: string } } | undefined;
        const unitName = unit?.unit?.$refText;
        if (record.title && unitName) return `${record.title} (${unitName})`;
        return record.title ?? (unitName ? `(${unitName})` : undefined);
    }
    if (node.$type === 'ProxyDeclaration') {
        const value = node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, 'value')?.text : undefined;
        const unit = (node as unknown as { unit?: { $refText: string } }).unit?.$refText;
        return value && unit ? `${value} per ${unit}` : record.title;
    }
    if (node.$type === 'Unit') return record.label;
    return record.title;
}

/** The word just before the cursor's run of spaces (`unit ` → `unit`). */
function wordBefore(text: string, offset: number): string {
    const match = /([A-Za-z_]\w*)\s+$/.exec(text.slice(Math.max(0, offset - 64), offset));
    return match ? match[1] : '';
}

/** Reads the text from its start to the cursor: whether the cursor is in code, a comment or a string. */
/**
 * Where the top-level declaration holding `offset` starts (0 when the cursor is not inside
 * one, or when the parsed tree is not of the text the editor has now).
 */
function topLevelStart(document: LangiumDocument, offset: number): number {
    const root = document.parseResult.value as { elements?: AstNode[]; $cstNode?: { text: string } };
    const cst = (root as AstNode).$cstNode;
    // The tree must be of this very text (the same string, so the comparison is immediate).
    if (!cst || !root.elements || (cst.root as { fullText?: string }).fullText !== document.textDocument.getText()) return 0;
    let low = 0;
    let high = root.elements.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const node = root.elements[middle]!.$cstNode;
        if (!node) return 0;
        if (offset <= node.offset) high = middle - 1;
        else if (offset > node.end) low = middle + 1;
        else return node.offset;
    }
    return 0;
}

export function lexicalPlaceAt(text: string, offset: number, from = 0): LexicalPlace {
    let i = from;
    const end = Math.min(offset, text.length);
    while (i < end) {
        const c = text[i];
        if (c === '/' && text[i + 1] === '/') {
            const lineEnd = text.indexOf('\n', i);
            if (lineEnd < 0 || lineEnd >= offset) return { kind: 'comment' };
            i = lineEnd + 1;
        } else if (c === '/' && text[i + 1] === '*') {
            const close = text.indexOf('*/', i + 2);
            if (close < 0 || close + 2 > offset) return { kind: 'comment' };
            i = close + 2;
        } else if (c === '"' || c === '\'') {
            // A string may run over lines, as the lexer reads it; one never closed runs to the end.
            let j = i + 1;
            while (j < text.length && text[j] !== c) {
                j += text[j] === '\\' ? 2 : 1;
            }
            if (j >= offset) return { kind: 'string', start: i, quote: c };
            i = j + 1;
        } else {
            i++;
        }
    }
    return { kind: 'code' };
}
