import { CstUtils, GrammarUtils, isReference, type AstNode, type CstNode, type LangiumDocument, type Reference, type ReferenceInfo } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import {
    isCurrencyProperty, isMeasure, isMeasureProxyProperty, isProfileDeclaration, isRecordOnlyProperty, isUnit,
    type Document, type Measure
} from '../generated/ast.js';
import { IssueCodes } from '../validation/issue-codes.js';
import type { SvfServices } from '../svf-module.js';
import { spellingDistance } from '../spelling.js';
import { isInstalledPackageFile } from '../workspace/package-imports.js';

type QuickFix = (diagnostic: Diagnostic, document: LangiumDocument) => CodeAction[];

/**
 * Quick fixes, keyed by the diagnostic's stable code (validation/issue-codes.ts), offered
 * only where the fix is obvious from the diagnostic alone. Each fix edits only the document
 * it is asked about, and none is offered in a file of an installed package (under
 * node_modules), which is read-only.
 */
export class SvfCodeActionProvider implements CodeActionProvider {
    private readonly services: SvfServices;
    private readonly fixes: Partial<Record<string, QuickFix>>;

    constructor(services: SvfServices) {
        this.services = services;
        this.fixes = {
            [IssueCodes.UnresolvedReference]: (diagnostic, document) => [
                ...this.replaceWithSimilarName(diagnostic, document),
                ...this.declareMissingUnit(diagnostic, document)
            ],
            [IssueCodes.RepeatedProperty]: (diagnostic, document) => this.removeRepeatedProperty(diagnostic, document),
            [IssueCodes.RecordOnlyMeasureWithProxy]: (diagnostic, document) => this.removeMeasureProxy(diagnostic, document,
                'because a record-only measure is reported but never monetised'),
            [IssueCodes.ProxyOnUnmonetisableUnit]: (diagnostic, document) => this.removeMeasureProxy(diagnostic, document,
                "because its unit can't be given a value in £"),
            [IssueCodes.MonetisedMeasureWithoutProxy]: (diagnostic, document) => this.markRecordOnly(diagnostic, document),
            [IssueCodes.InvalidCurrency]: (diagnostic, document) => this.upperCaseCurrency(diagnostic, document),
            [IssueCodes.UndeclaredFlag]: (diagnostic, document) => declareUndeclaredFlags(diagnostic, document),
            [IssueCodes.UndeclaredFact]: (diagnostic, document) => [...replaceWithNames(diagnostic, document), ...declareFact(diagnostic, document)],
            [IssueCodes.UnknownFactValue]: (diagnostic, document) => replaceWithNames(diagnostic, document),
            [IssueCodes.UndeclaredCategory]: (diagnostic, document) => replaceWithNames(diagnostic, document)
        };
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const actions: CodeAction[] = [];
        const only = params.context.only;
        if ((only && !only.some(kind => CodeActionKind.QuickFix.startsWith(kind))) || isInstalledPackageFile(document.uri)) {
            return actions;
        }
        for (const diagnostic of params.context.diagnostics) {
            const code = diagnostic.data?.code ?? diagnostic.code;
            const fix = typeof code === 'string' ? this.fixes[code] : undefined;
            if (fix) {
                actions.push(...fix(diagnostic, document));
            }
        }
        return actions;
    }

    /** `unit FTEs` -> `unit FTE`: the visible names closest to the unknown one. */
    private replaceWithSimilarName(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const found = findReferenceAt(document, diagnostic);
        if (!found) return [];
        const written = found.reference.$refText;
        const candidates = this.services.references.ScopeProvider.getScope(found).getAllElements()
            .map(description => description.name)
            .distinct()
            .map(name => ({ name, distance: spellingDistance(written, name) }))
            .filter(candidate => candidate.distance <= Math.max(1, Math.floor(written.length / 3)))
            .toArray()
            .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
            .slice(0, 3);
        return candidates.map((candidate, index) => quickFix(
            `Change '${written}' to '${candidate.name}'`, diagnostic, document,
            [{ range: diagnostic.range, newText: candidate.name }], index === 0 && candidates.length === 1
        ));
    }

    /** An unknown unit -> declare it in this file, after the file's other units. */
    private declareMissingUnit(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const found = findReferenceAt(document, diagnostic);
        if (!found || this.services.shared.AstReflection.getReferenceType(found) !== 'Unit') return [];
        const name = found.reference.$refText;
        if (!/^[_a-zA-Z]\w*$/.test(name)) return [];
        const declaration = `unit ${name} "${name}"`;
        return [quickFix(`Declare unit '${name}' in this file`, diagnostic, document,
            [declarationInsertion(document, declaration, isUnit)])];
    }

    private removeRepeatedProperty(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const property = nodeAt(document, diagnostic, node => node.$containerProperty === 'properties');
        if (!property?.$cstNode) return [];
        const keyword = property.$cstNode.text.split(/\s/)[0];
        return [quickFix(`Remove the repeated '${keyword}' line`, diagnostic, document,
            [{ range: removalRange(document, property.$cstNode), newText: '' }], true)];
    }

    private removeMeasureProxy(diagnostic: Diagnostic, document: LangiumDocument, why: string): CodeAction[] {
        const measure = nodeAt(document, diagnostic, isMeasure);
        const proxy = measure?.properties.find(isMeasureProxyProperty);
        if (!measure || !proxy?.$cstNode) return [];
        return [quickFix(`Remove the proxy from measure '${measure.name}' (${why})`, diagnostic, document,
            [{ range: removalRange(document, proxy.$cstNode), newText: '' }], true)];
    }

    private markRecordOnly(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const measure = nodeAt(document, diagnostic, isMeasure);
        if (!measure || measure.properties.some(isRecordOnlyProperty)) return [];
        const insertion = propertyInsertion(document, measure, 'record only');
        if (!insertion) return [];
        return [quickFix(`Mark measure '${measure.name}' as record only (reported, never monetised)`, diagnostic, document, [insertion])];
    }

    /** `currency gbp` -> `currency GBP`, when the upper-case code is a real ISO 4217 code. */
    private upperCaseCurrency(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const property = nodeAt(document, diagnostic, isCurrencyProperty);
        const valueNode = property && GrammarUtils.findNodeForProperty(property.$cstNode, 'value');
        if (!property || !valueNode) return [];
        const upper = property.value.toUpperCase();
        if (upper === property.value || !Intl.supportedValuesOf('currency').includes(upper)) return [];
        return [quickFix(`Change the currency to '${upper}'`, diagnostic, document,
            [{ range: valueNode.range, newText: upper }], true)];
    }
}

/**
 * `profile/undeclared-flag`: one fix declares every undeclared flag the file's rules test, in
 * a new `profile` block (or the file's existing one), in the order the rules test them.
 */
function declareUndeclaredFlags(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
    const flags = [...new Set((document.diagnostics ?? [])
        .filter(other => (other.data?.code ?? other.code) === IssueCodes.UndeclaredFlag && typeof other.data?.flag === 'string')
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .map(other => other.data.flag as string))];
    if (typeof diagnostic.data?.flag === 'string' && !flags.includes(diagnostic.data.flag)) flags.push(diagnostic.data.flag);
    if (flags.length === 0) return [];
    const title = flags.length === 1
        ? `Declare flag '${flags[0]}' in a \`profile\` block`
        : `Declare the flags ${flags.map(flag => `'${flag}'`).join(', ')} in a \`profile\` block`;
    return [quickFix(title, diagnostic, document, [profileInsertion(document, flags.map(flag => `flag ${flag}`))], true)];
}

/** `profile/undeclared-fact`: declare the fact as the condition uses it (a flag, or a choice of the values written). */
function declareFact(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
    const { fact, kind, values } = (diagnostic.data ?? {}) as { fact?: string; kind?: string; values?: string[] };
    if (typeof fact !== 'string' || !/^[_a-zA-Z]\w*$/.test(fact)) return [];
    const line = kind === 'flag' ? `flag ${fact}` : `choice ${fact} one of ${(values ?? []).length > 0 ? values!.join(', ') : 'a, b'}`;
    return [quickFix(`Declare \`${line}\` in the \`profile\` block`, diagnostic, document, [profileInsertion(document, [line])])];
}

/** `Boost` -> `boost`: the declared names nearest the one written, which the diagnostic carries. */
function replaceWithNames(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
    const names = diagnostic.data?.names;
    if (!Array.isArray(names)) return [];
    const written = document.textDocument.getText(diagnostic.range);
    return (names as string[]).map(name => quickFix(`Change '${written}' to '${name}'`, diagnostic, document,
        [{ range: diagnostic.range, newText: name }], names.length === 1));
}

/** Lines added at the end of the file's `profile` block, or a new block with them. */
function profileInsertion(document: LangiumDocument, lines: string[]): TextEdit {
    const root = document.parseResult.value as Document;
    const block = root.elements.find(isProfileDeclaration)?.$cstNode;
    const textDocument = document.textDocument;
    const closing = block && CstUtils.streamCst(block).filter(node => node.text === '}').toArray().at(-1);
    if (block && closing) {
        const indent = ' '.repeat(textDocument.positionAt(block.offset).character + 4);
        const last = root.elements.find(isProfileDeclaration)!.facts.at(-1)?.$cstNode;
        const at = textDocument.positionAt(last ? last.end : closing.offset);
        return { range: { start: at, end: at }, newText: `${last ? '' : '\n'}${lines.map(line => `${last ? '\n' : ''}${indent}${line}${last ? '' : '\n'}`).join('')}` };
    }
    return declarationInsertion(document, ['profile {', ...lines.map(line => `    ${line}`), '}'].join('\n'), isProfileDeclaration);
}

function quickFix(title: string, diagnostic: Diagnostic, document: LangiumDocument, edits: TextEdit[], isPreferred = false): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred,
        edit: { changes: { [document.uri.toString()]: edits } }
    };
}

/** The reference a linking diagnostic is about: the one whose text the diagnostic covers. */
function findReferenceAt(document: LangiumDocument, diagnostic: Diagnostic): (ReferenceInfo & { reference: Reference }) | undefined {
    const offset = document.textDocument.offsetAt(diagnostic.range.start);
    for (const reference of document.references) {
        const refNode = reference.$refNode;
        if (!isReference(reference) || !refNode || refNode.offset !== offset) continue;
        const container = refNode.astNode;
        for (const [property, value] of Object.entries(container)) {
            if (value === reference) return { reference, container, property };
            if (Array.isArray(value) && value.includes(reference)) {
                return { reference, container, property, index: value.indexOf(reference) };
            }
        }
    }
    return undefined;
}

/** The innermost node at the diagnostic's start that satisfies the test. */
function nodeAt<T extends AstNode>(document: LangiumDocument, diagnostic: Diagnostic, test: (node: AstNode) => node is T): T | undefined;
function nodeAt(document: LangiumDocument, diagnostic: Diagnostic, test: (node: AstNode) => boolean): AstNode | undefined;
function nodeAt(document: LangiumDocument, diagnostic: Diagnostic, test: (node: AstNode) => boolean): AstNode | undefined {
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
function removalRange(document: LangiumDocument, node: CstNode): TextEdit['range'] {
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
function declarationInsertion(document: LangiumDocument, declaration: string, sameKind: (node: AstNode) => boolean): TextEdit {
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
function propertyInsertion(document: LangiumDocument, owner: Measure, property: string): TextEdit | undefined {
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

