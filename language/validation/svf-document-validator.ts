import {
    AstUtils, DefaultDocumentValidator, DocumentValidator, interruptAndCheck,
    type AstNode, type LangiumCoreServices, type LangiumDocument, type Lexer, type ParseResult, type RootCstNode,
    type ValidationAcceptor, type ValidationOptions
} from 'langium';
import { CancellationToken, type Diagnostic, type Position } from 'vscode-languageserver';
import { isOutcomeAddition, isTheme, isThemeAddition, type Document } from '../generated/ast.js';
import { isSourceEncodingProblems } from '../workspace/svf-file-system.js';
import { headerOf } from '../workspace/import-graph.js';
import type { SvfServices } from '../svf-module.js';
import { describeCharacter, INVISIBLE_CHARACTER } from './confusable-characters.js';
import { IssueCodes } from './issue-codes.js';
import { SyntaxMessages } from './syntax-messages.js';
import { withoutAcknowledgedWarnings } from './acknowledged-diagnostics.js';
import { isWrongKindLinkingError } from '../scoping/svf-linker.js';
import { CROSS_FILE_CATEGORY } from './validation-categories.js';

const BUILT_IN_CODES: Record<string, string> = {
    [DocumentValidator.LexingError]: IssueCodes.LexingError,
    [DocumentValidator.ParsingError]: IssueCodes.SyntaxError,
    [DocumentValidator.LinkingError]: IssueCodes.UnresolvedReference
};

/**
 * Parser recovery can read the rest of a file out of step after one typo, so more syntax
 * errors than this in one file are mostly echoes: the first ones are what to fix.
 */
const MAX_SYNTAX_DIAGNOSTICS = 3;

/** Verdicts on a framework as a whole: unreliable while part of a file could not be read. */
const WHOLE_FRAMEWORK_CODES = new Set<string>([
    IssueCodes.MissingEvaluation, IssueCodes.MissingSplit, IssueCodes.SplitQuestionsMismatch, IssueCodes.QuestionWeightsNot100, IssueCodes.QuestionWeightsMixed, IssueCodes.RuleGap
]);

/**
 * Gives Langium's own lexing, parsing and linking diagnostics our stable codes and plain
 * English, and keeps one typo from producing a screenful of errors:
 * - a binary file gets one diagnostic saying so;
 * - a text in quotes left open (which swallows the lines after it) gets one diagnostic at
 *   its opening quote instead of the errors it causes further down;
 * - at most one syntax diagnostic per line, and at most MAX_SYNTAX_DIAGNOSTICS per file;
 * - verdicts on the whole framework (e.g. no evaluation block) wait until the file parses;
 * - from the declaration holding the first syntax error on, the tree is a guess, so the
 *   reference and validation diagnostics there, which would only repeat the damage, are
 *   left out until the syntax is fixed.
 */
/**
 * Langium awaits a cancellation check at every node it validates; on a framework of a
 * hundred thousand nodes the awaits alone cost a noticeable share of a build. Checking
 * every this many nodes still lets the editor cancel a build within milliseconds.
 */
const NODES_BETWEEN_CANCELLATION_CHECKS = 500;

export class SvfDocumentValidator extends DefaultDocumentValidator {
    private readonly messages: SyntaxMessages;
    /** Chevrotain's message of each parser error, before it was put in plain English. */
    private readonly chevrotainMessages = new WeakMap<object, string>();
    private readonly lexer: Lexer;
    private readonly fileSystem: unknown;
    private readonly services: LangiumCoreServices;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.services = services;
        this.messages = new SyntaxMessages(services.Grammar);
        this.lexer = services.parser.Lexer;
        this.fileSystem = services.shared.workspace.FileSystemProvider;
    }

    /**
     * Langium's loop, without awaiting every node and every check (see
     * NODES_BETWEEN_CANCELLATION_CHECKS); a check that returns a promise is still awaited.
     */
    override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        if (options.categories?.length === 1 && options.categories[0] === CROSS_FILE_CATEGORY) {
            return this.validateDeclarations(rootNode as Document, options, acceptor, cancelToken);
        }
        const nodes = AstUtils.streamAst(rootNode).iterator();
        let visited = 0;
        for (const node of nodes) {
            if (++visited % NODES_BETWEEN_CANCELLATION_CHECKS === 0) {
                await interruptAndCheck(cancelToken);
            }
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                    const pending = check(node, acceptor, cancelToken);
                    if (pending) await pending;
                }
            }
            if (!nodeOptions.validateChildren) {
                nodes.prune();
            }
        }
    }

    /**
     * The cross-file checks look at the document, its imports and its named declarations
     * only (which sit at the top level, in themes and in outcomes), so a rerun of just those checks
     * visits just those nodes, not every node of a large file.
     */
    private async validateDeclarations(root: Document, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: CancellationToken): Promise<void> {
        let visited = 0;
        const run = async (node: AstNode) => {
            if (++visited % NODES_BETWEEN_CANCELLATION_CHECKS === 0) await interruptAndCheck(cancelToken);
            for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                const pending = check(node, acceptor, cancelToken);
                if (pending) await pending;
            }
        };
        await run(root);
        for (const imp of root.imports ?? []) await run(imp);
        for (const element of root.elements ?? []) {
            await run(element);
            if (isTheme(element) || isThemeAddition(element)) {
                for (const outcome of element.outcomes) {
                    await run(outcome);
                    for (const measure of outcome.measures) await run(measure);
                }
            } else if (isOutcomeAddition(element)) {
                for (const measure of element.measures) await run(measure);
            }
        }
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const text = document.textDocument.getText();
        if (options?.categories?.length === 1 && options.categories[0] === CROSS_FILE_CATEGORY) {
            // A rerun of the cross-file checks alone (see SvfDocumentBuilder): the document's
            // other diagnostics are kept as they were, and a file that is binary or not UTF-8
            // gets no other diagnostic.
            const unreadable = binaryDataPosition(text, true) || (isSourceEncodingProblems(this.fileSystem) && this.fileSystem.encodingProblemOf(document.uri, text));
            return unreadable ? [] : super.validateDocument(document, options, cancelToken);
        }
        const encoding = isSourceEncodingProblems(this.fileSystem) ? this.fileSystem.encodingProblemOf(document.uri, text) : undefined;
        // Replacement characters from a file that is not UTF-8 are its encoding's, not binary data.
        const binary = binaryDataPosition(text, !encoding);
        if (binary) {
            return [{
                severity: 1, range: { start: binary, end: binary }, code: IssueCodes.NotSvfText, data: { code: IssueCodes.NotSvfText },
                source: this.getSource(),
                message: `This file is not SVF text: it contains binary data (line ${binary.line + 1}). Check that it is the .svf file you meant; SVF files are plain text.`
            }];
        }
        // A file that is not UTF-8 was read with replacement characters: anything else said about it would mislead.
        if (encoding) {
            const start = { line: encoding.line, character: encoding.character };
            return [{
                severity: 1, range: { start, end: { line: start.line, character: start.character + 1 } },
                code: IssueCodes.NotUtf8, data: { code: IssueCodes.NotUtf8 }, source: this.getSource(), message: encoding.message
            }];
        }
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const builtIn = diagnostic.data?.code as string | undefined;
            const code = builtIn ? BUILT_IN_CODES[builtIn] : undefined;
            if (code) {
                diagnostic.code = code;
                diagnostic.data = { ...diagnostic.data, code };
            }
        }
        if (!options?.categories || options.categories.includes('fast')) {
            diagnostics.push(...this.invisibleCharactersInTexts(text, document));
        }
        return withoutAcknowledgedWarnings(this.withoutKnockOnErrors(diagnostics, text, document), document, this.services as SvfServices);
    }

    /**
     * A zero-width space or a bidirectional control inside a text in quotes is legal, but
     * nobody reading the file or the compiled questions can see it (and a bidi control can
     * make the text read differently from what it says): warn, naming it by code point.
     */
    private invisibleCharactersInTexts(text: string, document: LangiumDocument): Diagnostic[] {
        if (!INVISIBLE_CHARACTER.test(text)) return [];
        const warnings: Diagnostic[] = [];
        for (const token of this.lexer.tokenize(text).tokens) {
            if (token.tokenType.name !== 'STRING') continue;
            for (const match of token.image.matchAll(new RegExp(INVISIBLE_CHARACTER.source, 'g'))) {
                const offset = token.startOffset + match.index;
                const start = document.textDocument.positionAt(offset);
                warnings.push({
                    severity: 2, range: { start, end: document.textDocument.positionAt(offset + 1) },
                    code: IssueCodes.InvisibleCharacter, data: { code: IssueCodes.InvisibleCharacter }, source: this.getSource(),
                    message: `This text contains ${describeCharacter(match[0])}. Delete it unless you mean it: it would reach the published questions unseen.`
                });
            }
        }
        return warnings;
    }

    /**
     * What `override`, `retire`, `add to` and `before`/`after` name is the base's: when the
     * base lacks it, the merge says so, naming the base and the nearest names it has (or, when
     * the framework extends nothing, the extends checks do), so Langium's plain "unknown name"
     * would only repeat it.
     */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        // The base class turns the references with an error into diagnostics in order; a name
        // declared as another kind of thing gets its own code.
        document.references.filter(reference => reference.error).forEach((reference, index) => {
            const diagnostic = diagnostics[before + index];
            if (diagnostic && isWrongKindLinkingError(reference.error)) {
                diagnostic.code = IssueCodes.ReferenceWrongKind;
                diagnostic.data = { ...diagnostic.data, code: IssueCodes.ReferenceWrongKind };
            }
        });
        // While the base cannot be found, every name it declares is unknown: the extends line says why, once.
        if (this.baseIsMissing(document)) {
            diagnostics.splice(before);
            return;
        }
        const kept = diagnostics.splice(before).filter(diagnostic => !namesABaseDeclaration(diagnostic.data?.containerType, diagnostic.data?.property));
        diagnostics.push(...kept);
    }

    /** Whether the document belongs to a framework whose `extends` line finds no framework to merge with. */
    private baseIsMissing(document: LangiumDocument): boolean {
        const svf = this.services as SvfServices;
        const graph = svf.workspace.ImportGraph;
        return svf.resolution.FrameworkResolution.entriesContaining(document).some(entry => {
            const edge = graph.baseEdgeOf(entry);
            if (!edge) return false;
            const base = graph.baseOf(entry);
            return !base || !headerOf(base) || graph.baseChain(entry).cycle;
        });
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        const errors = [...parseResult.lexerErrors, ...parseResult.lexerReport?.diagnostics ?? []];
        const text = (parseResult.value.$cstNode as RootCstNode | undefined)?.fullText ?? '';
        errors.forEach((error, index) => {
            const diagnostic = diagnostics[before + index];
            const skipped = text.substr(error.offset, error.length) || (/->([\s\S]*)<-/.exec(error.message)?.[1] ?? '');
            if (diagnostic && skipped) diagnostic.message = this.messages.lexerErrorMessage(skipped);
        });
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        // Rewrite the messages in place, so the base class keeps deciding the ranges. A parse
        // result is validated again when another file of its framework changes, so the
        // plain-English message is always made from Chevrotain's own, kept aside the first time.
        const keywordsAsNames = new Set<number>();
        parseResult.parserErrors.forEach((error, index) => {
            const original = this.chevrotainMessages.get(error) ?? error.message;
            this.chevrotainMessages.set(error, original);
            try {
                const keywordAsName = this.messages.keywordAsNameMessage({ ...error, message: original });
                if (keywordAsName) keywordsAsNames.add(index);
                error.message = keywordAsName ?? this.messages.parserErrorMessage({ ...error, message: original });
            } catch {
                error.message = original;
            }
        });
        const before = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        // One diagnostic per parser error, in order: a keyword written as a name gets its own code.
        for (const index of keywordsAsNames) {
            const diagnostic = diagnostics[before + index];
            if (diagnostic) {
                diagnostic.code = IssueCodes.KeywordAsName;
                diagnostic.data = { ...diagnostic.data, code: IssueCodes.KeywordAsName };
            }
        }
    }

    private withoutKnockOnErrors(diagnostics: Diagnostic[], text: string, document: LangiumDocument): Diagnostic[] {
        const isSyntax = (d: Diagnostic) => d.code === IssueCodes.SyntaxError || d.code === IssueCodes.LexingError || d.code === IssueCodes.KeywordAsName;
        let syntax = diagnostics.filter(isSyntax).sort(byPosition);
        if (syntax.length === 0) return diagnostics;

        const quotes = this.quotesOutOfStep(text, syntax);
        if (quotes?.unclosed) {
            const unclosed = quotes.unclosed;
            syntax = [...syntax.filter(d => before(d.range.start, unclosed.range.start)), unclosed];
        } else if (quotes) {
            // The first error's line has an odd quote: what follows is read inside out.
            syntax = syntax.filter(d => d.range.start.line <= quotes.fromLine);
            syntax[0].message += ' Check the quotes on this line: every text needs an opening and a closing ".';
        }
        const onePerLine: Diagnostic[] = [];
        for (const diagnostic of syntax) {
            const sameLine = onePerLine.findIndex(kept => kept.range.start.line === diagnostic.range.start.line);
            if (sameLine < 0) {
                onePerLine.push(diagnostic);
            } else if (diagnostic.code === IssueCodes.LexingError && onePerLine[sameLine].code !== IssueCodes.LexingError) {
                // A character the lexer cannot read (a Cyrillic 'е' in a keyword) is the cause; the parser's complaint on its line is the echo.
                onePerLine[sameLine] = diagnostic;
            }
        }
        const kept = onePerLine.slice(0, MAX_SYNTAX_DIAGNOSTICS);
        if (onePerLine.length > kept.length) {
            kept[kept.length - 1].message += ' Later syntax errors are not shown: they may follow from these; fix these first.';
        }
        // The declaration the first error is in (or just after) was parsed by guesswork too.
        const firstError = kept[0].range.start;
        const root = document.parseResult.value as Document;
        const declarationStarts = [...root.imports, root.header, ...root.elements]
            .map(node => node?.$cstNode?.range.start)
            .filter((start): start is Position => !!start && before(start, firstError));
        const cut = declarationStarts.length > 0 ? declarationStarts[declarationStarts.length - 1] : firstError;
        const uri = document.uri.toString();
        // Warnings about the characters of a text stand on the lexer's reading, not the parser's guess.
        const others = diagnostics.filter(d => !isSyntax(d) && (before(d.range.start, cut) || d.code === IssueCodes.InvisibleCharacter)
            // A diagnostic that pairs with something in the guessed part (a duplicate) is a guess too,
            && !(d.relatedInformation ?? []).some(related => related.location.uri === uri && !before(related.location.range.start, cut))
            // and so is a verdict on the whole framework, which includes the guessed part.
            && !WHOLE_FRAMEWORK_CODES.has(String(d.code)));
        return [...others, ...kept].sort(byPosition);
    }

    /**
     * Texts in quotes may span lines, so a missing quote makes the lexer read on to the next
     * quote and everything after it inside out. The first text that spans lines tells:
     * - if the syntax errors start inside or after it, it is most likely a text left open
     *   (`unclosed`: one diagnostic at its opening quote replaces the errors it causes);
     * - if it starts on the line of the first error, that line has an odd quote (a missing
     *   opening quote) and later syntax errors are its echo (`fromLine`).
     */
    private quotesOutOfStep(text: string, syntax: Diagnostic[]): { unclosed?: Diagnostic; fromLine: number } | undefined {
        const firstError = syntax[0].range.start;
        const token = this.lexer.tokenize(text).tokens.find(t => t.tokenType.name === 'STRING' && /[\r\n]/.test(t.image));
        if (!token) return undefined;
        const start = { line: token.startLine! - 1, character: token.startColumn! - 1 };
        if (before(firstError, start)) {
            return start.line === firstError.line ? { fromLine: start.line } : undefined;
        }
        const quote = token.image[0];
        return {
            fromLine: start.line,
            unclosed: {
                severity: 1, range: { start, end: { line: start.line, character: start.character + 1 } },
                code: IssueCodes.SyntaxError, data: { code: IssueCodes.SyntaxError }, source: this.getSource(),
                message: `This text in quotes is not closed on its line: the next ${quote} is on line ${token.endLine}, so everything in between was read as text. Add the closing ${quote} where the text ends.`
            }
        };
    }
}

/** Where a file has a NUL byte or many control characters: binary data, not text. */
function binaryDataPosition(text: string, countReplacementCharacters = true): { line: number; character: number } | undefined {
    const sample = text.slice(0, 8192);
    const suspicious = countReplacementCharacters ? /[\u0000-\u0008\u000e-\u001f\ufffd]/g : /[\u0000-\u0008\u000e-\u001f]/g;
    const controls = sample.match(suspicious)?.length ?? 0;
    const nul = text.indexOf('\u0000');
    if (nul < 0 && (sample.length === 0 || controls / sample.length < 0.1)) return undefined;
    const offset = nul >= 0 ? nul : sample.search(suspicious);
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The references that name a base framework's declaration (see processLinkingErrors). */
const BASE_REFERENCES = new Set(['ProxyOverride', 'MeasureOverride', 'ScaleOverride', 'QuestionOverride', 'GateOverride', 'RuleOverride', 'Retirement', 'ThemeAddition', 'OutcomeAddition']);

function namesABaseDeclaration(containerType: unknown, property: unknown): boolean {
    return (typeof containerType === 'string' && BASE_REFERENCES.has(containerType)) || (containerType === 'Rule' && property === 'anchor');
}
