import { CstUtils, GrammarUtils, isReference, type LangiumDocument, type Reference, type ReferenceInfo } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, CodeActionTriggerKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import {
    isCurrencyProperty, isMeasure, isMeasureProxyProperty, isProfileDeclaration, isRecordOnlyProperty, isUnit,
    type Document
} from '../generated/ast.js';
import { IssueCodes } from '../validation/issue-codes.js';
import type { SvfServices } from '../svf-module.js';
import { spellingDistance } from '../spelling.js';
import { isInstalledPackageFile } from '../workspace/package-imports.js';
import { addGapRule } from './code-actions/add-gap-rule.js';
import { declarationInsertion, nodeAt, propertyInsertion, quickFix, removalRange } from './code-actions/code-action-edits.js';
import { addMeasureProxy } from './code-actions/measure-proxy.js';
import { organizeImports } from './code-actions/organize-imports.js';
import { removeUnreachableRule } from './code-actions/remove-unreachable-rule.js';
import { rescaleWeights } from './code-actions/rescale-weights.js';
import { renameDuplicateMeasure } from './code-actions/rename-duplicate.js';

type QuickFix = (diagnostic: Diagnostic, document: LangiumDocument) => CodeAction[] | Promise<CodeAction[]>;

/**
 * Quick fixes, keyed by the diagnostic's stable code (validation/issue-codes.ts), offered
 * only where the fix is obvious from the diagnostic and what it carries in `data`; and
 * "Organise imports" (`source.organizeImports`) for the whole file. The larger fixes live in
 * code-actions/, one file each. A fix edits the document it is asked about, or, when what it
 * fixes is written elsewhere (weights in another file, a rule next to its neighbour), those
 * files through a WorkspaceEdit; none is offered in, or edits, a file of an installed package
 * (under node_modules), which is read-only.
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
            [IssueCodes.MonetisedMeasureWithoutProxy]: (diagnostic, document) => [
                ...this.markRecordOnly(diagnostic, document),
                ...addMeasureProxy(diagnostic, document, context => services.references.ScopeProvider.getScope(context),
                    proxy => services.references.References.findReferences(proxy, { includeDeclaration: false }).count())
            ],
            [IssueCodes.RuleUnreachable]: (diagnostic, document) => removeUnreachableRule(diagnostic, document),
            [IssueCodes.RuleGap]: (diagnostic, document) => addGapRule(diagnostic, document, services.workspace.ImportGraph),
            [IssueCodes.QuestionWeightsNot100]: (diagnostic, document) => rescaleWeights(diagnostic, document, services.shared.workspace.LangiumDocuments, services.workspace.ImportGraph),
            [IssueCodes.CriteriaWeightingNot]: (diagnostic, document) => rescaleWeights(diagnostic, document, services.shared.workspace.LangiumDocuments, services.workspace.ImportGraph),
            [IssueCodes.DuplicateDeclaration]: (diagnostic, document) => renameDuplicateMeasure(diagnostic, document, services.lsp.RenameProvider!,
                () => new Set(services.shared.workspace.IndexManager.allElements('Measure').map(description => description.name))),
            [IssueCodes.InvalidCurrency]: (diagnostic, document) => this.upperCaseCurrency(diagnostic, document),
            [IssueCodes.UndeclaredFlag]: (diagnostic, document) => declareUndeclaredFlags(diagnostic, document),
            [IssueCodes.UndeclaredFact]: (diagnostic, document) => [...replaceWithNames(diagnostic, document), ...declareFact(diagnostic, document)],
            [IssueCodes.UnknownFactValue]: (diagnostic, document) => replaceWithNames(diagnostic, document),
            [IssueCodes.UndeclaredCategory]: (diagnostic, document) => replaceWithNames(diagnostic, document)
        };
    }

    async getCodeActions(document: LangiumDocument, params: CodeActionParams): Promise<CodeAction[]> {
        const actions: CodeAction[] = [];
        if (isInstalledPackageFile(document.uri)) return actions;
        // `only` lists kinds the client wants; a kind asked for includes its sub-kinds.
        const wanted = (kind: string) => !params.context.only || params.context.only.some(asked => kind === asked || kind.startsWith(`${asked}.`));
        if (wanted(CodeActionKind.QuickFix)) {
            for (const diagnostic of params.context.diagnostics) {
                const code = diagnostic.data?.code ?? diagnostic.code;
                const fix = typeof code === 'string' ? this.fixes[code] : undefined;
                if (fix) {
                    actions.push(...await fix(diagnostic, document));
                }
            }
        }
        // Not worked out for the lightbulb's automatic requests, which never show source actions.
        const automatic = !params.context.only && params.context.triggerKind === CodeActionTriggerKind.Automatic;
        if (wanted(CodeActionKind.SourceOrganizeImports) && !automatic) {
            actions.push(...organizeImports(document, this.services.workspace.ImportGraph));
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

