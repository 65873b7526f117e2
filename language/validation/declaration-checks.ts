import { measureCodeOf } from '../ast-containers.js';
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, WorkspaceCache, isLeafCstNode, type AstNode, type AstNodeDescription, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Range } from 'vscode-languageserver';
import { isAdjustmentProperty, isCriterionProperty, type Document, type SvfAstType } from '../generated/ast.js';
import { DECLARATION_KINDS, type DeclarationType } from '../declaration-kinds.js';
import type { SvfServices } from '../svf-module.js';
import { describeLocation, lineOf } from './framework-documents.js';
import { hasSyntaxErrors } from '../resolve/framework-resolution.js';
import { IssueCodes } from './issue-codes.js';
import { crossFileData } from './validation-categories.js';

type NamedDeclaration = SvfAstType[DeclarationType];

/** Declarations that list properties, each of which may be written once. */
type PropertyOwner = SvfAstType['FrameworkHeader' | 'ProxyDeclaration' | 'InlineProxy' | 'Measure' | 'MethodQuestion' | 'Gate' | 'Evaluation'
    | 'ProxyOverride' | 'MeasureOverride' | 'QuestionOverride' | 'GateOverride' | 'EvaluationOverride'];
const PROPERTY_OWNER_TYPES: Array<PropertyOwner['$type']> = ['FrameworkHeader', 'ProxyDeclaration', 'InlineProxy', 'Measure', 'MethodQuestion', 'Gate', 'Evaluation',
    'ProxyOverride', 'MeasureOverride', 'QuestionOverride', 'GateOverride', 'EvaluationOverride'];

/** What a declaration with a `properties` list is called in messages. */
export function propertyOwnerName(node: PropertyOwner): string {
    switch (node.$type) {
        case 'FrameworkHeader': return 'The framework header';
        case 'ProxyDeclaration': return `Proxy '${node.name}'`;
        case 'InlineProxy': return `The proxy of measure '${measureCodeOf(node.$container.$container)}'`;
        case 'Measure': return `Measure '${node.name}'`;
        case 'MethodQuestion': return `Question '${node.name}'`;
        case 'Gate': return `Gate '${node.name}'`;
        case 'Evaluation': return 'The evaluation block';
        case 'ProxyOverride': return `The override of proxy '${node.target?.$refText ?? ''}'`;
        case 'MeasureOverride': return `The override of measure '${node.target?.$refText ?? ''}'`;
        case 'QuestionOverride': return `The override of question '${node.target?.$refText ?? ''}'`;
        case 'GateOverride': return `The override of gate '${node.target?.$refText ?? ''}'`;
        case 'EvaluationOverride': return 'The override of the evaluation';
    }
}

/** Properties a declaration must have, with an example line for the fix. */
const REQUIRED_PROPERTIES: Record<string, Array<{ type: string; keyword: string; example: string }>> = {
    FrameworkHeader: [{ type: 'VersionProperty', keyword: 'version', example: 'version 1.0.0' }],
    Measure: [
        { type: 'MeasureUnitProperty', keyword: 'unit', example: 'unit FTE' },
        { type: 'AskProperty', keyword: 'ask', example: 'ask "How many local people will you employ on this contract?"' }
    ],
    MethodQuestion: [
        { type: 'QuestionScaleProperty', keyword: 'scale', example: 'scale fivePoint' },
        { type: 'AskProperty', keyword: 'ask', example: 'ask "Describe how you will ..."' }
    ],
    Gate: [{ type: 'AskProperty', keyword: 'ask', example: 'ask "Will you pay the Real Living Wage to everyone working on this contract?"' }]
};

/** Names are unique across a framework: a cross-file check (CROSS_FILE_CATEGORY). */
export function duplicateDeclarationChecks(services: SvfServices): ValidationChecks<SvfAstType> {
    const frameworkDocuments = services.workspace.FrameworkDocuments;
    const indexManager = services.shared.workspace.IndexManager;
    const locator = services.workspace.AstNodeLocator;
    // Per group of related documents (one framework): type -> name -> declarations. Looked up
    // by the document's URI, so the long key naming the whole group is built once per document.
    const groups = new WorkspaceCache<string, Map<string, Map<string, AstNodeDescription[]>>>(services.shared);
    const groupOfDocument = new WorkspaceCache<string, Map<string, Map<string, AstNodeDescription[]>>>(services.shared);

    const checkUnique = (node: NamedDeclaration, accept: ValidationAcceptor) => {
        if (!node.name) return;
        const document = AstUtils.getDocument(node);
        const type = node.$type as DeclarationType;
        const group = groupOfDocument.get(document.uri.toString(), () => groups.get(frameworkDocuments.relatedKey(document), () => new Map()));
        let byName = group.get(type);
        if (!byName) group.set(type, byName = (() => {
            const map = new Map<string, AstNodeDescription[]>();
            for (const description of indexManager.allElements(type, frameworkDocuments.relatedUris(document))) {
                if (description.type !== type) continue;
                const list = map.get(description.name) ?? [];
                list.push(description);
                map.set(description.name, list);
            }
            for (const list of map.values()) {
                list.sort((a, b) => a.documentUri.toString().localeCompare(b.documentUri.toString())
                    || (a.nameSegment?.offset ?? 0) - (b.nameSegment?.offset ?? 0));
            }
            return map;
        })());
        const ownPath = locator.getAstNodePath(node);
        const others = (byName.get(node.name) ?? [])
            .filter(d => !(d.documentUri.toString() === document.uri.toString() && d.path === ownPath));
        if (others.length === 0) return;
        // Point at a copy in this file first: it is the one the user can see.
        const other = others.find(d => d.documentUri.toString() === document.uri.toString()) ?? others[0];
        const kind = DECLARATION_KINDS[type];
        const where = describeLocation(document, other.documentUri, other.nameSegment?.range);
        accept('error', `${kind.named} '${node.name}' is already declared ${where.startsWith('line') ? 'on' : 'in'} ${where}; ${kind.plural} must be unique across a framework. Rename one of them.`, {
            node, property: 'name', code: IssueCodes.DuplicateDeclaration, data: crossFileData(IssueCodes.DuplicateDeclaration),
            relatedInformation: other.nameSegment ? [{
                location: { uri: other.documentUri.toString(), range: other.nameSegment.range },
                message: `The other '${node.name}'`
            }] : undefined
        });
    };

    const checks: Record<string, Array<(node: never, accept: ValidationAcceptor) => void>> = {};
    for (const type of Object.keys(DECLARATION_KINDS)) (checks[type] ??= []).push(checkUnique);
    return checks as ValidationChecks<SvfAstType>;
}

/** Each property of a declaration at most once, and the required ones present. */
export function declarationChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    const checkProperties = (node: PropertyOwner, accept: ValidationAcceptor) => {
        const owner = propertyOwnerName(node);
        const seen = new Map<string, AstNode>();
        for (const property of node.properties as AstNode[]) {
            const key = propertyKey(property);
            const first = seen.get(key);
            if (first) {
                accept('error', `${owner} sets \`${propertyKeyword(property)}\` more than once (first on line ${lineOf(first)}). Keep one and remove the other.`,
                    { node: property, code: IssueCodes.RepeatedProperty });
            } else {
                seen.set(key, property);
            }
        }
        for (const required of REQUIRED_PROPERTIES[node.$type] ?? []) {
            if (!(node.properties as AstNode[]).some(p => p.$type === required.type)) {
                accept('error', `${owner} has no \`${required.keyword}\`. Add a line such as \`${required.example}\`.`,
                    { node, range: nameRange(node), code: IssueCodes.MissingProperty, data: { property: required.keyword } });
            }
        }
    };

    const checks: Record<string, Array<(node: never, accept: ValidationAcceptor) => void>> = {};
    for (const type of PROPERTY_OWNER_TYPES) (checks[type] ??= []).push(checkProperties);

    return {
        ...(checks as ValidationChecks<SvfAstType>),
        Document: (document: Document, accept: ValidationAcceptor) => {
            if (!hasSyntaxErrors(AstUtils.getDocument(document)) && document.imports.length === 0 && !document.header && document.elements.length === 0) {
                accept('warning', 'This file is empty: it has no imports, no framework header and no declarations. Add declarations to it, or delete it.',
                    { node: document, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, code: IssueCodes.EmptyFile });
            }
        }
    };
}

/** Properties that may be written once per declaration; adjustments are keyed by their kind. */
function propertyKey(property: AstNode): string {
    if (isAdjustmentProperty(property)) return `${property.$type}:${property.kind}`;
    // An evaluation has one `criterion` line per award criterion: only a repeated name repeats.
    return isCriterionProperty(property) ? `${property.$type}:${property.name}` : property.$type;
}

/** The range of a declaration's name, or of its first line when it has none. */
export function nameRange(node: AstNode): Range {
    const range = (GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode)?.range;
    return range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** How the property is written: its leading keywords (`unit`, `whole numbers`, `deadweight`). */
function propertyKeyword(property: AstNode): string {
    if (isAdjustmentProperty(property)) return property.kind;
    const words: string[] = [];
    for (const leaf of CstUtils.streamCst(property.$cstNode!)) {
        if (!isLeafCstNode(leaf) || leaf.hidden) continue;
        if (!GrammarAST.isKeyword(leaf.grammarSource)) break;
        words.push(leaf.text);
    }
    // `whole numbers` and `record only` are all keywords; others read best by their first word.
    const allKeywords = words.length === CstUtils.streamCst(property.$cstNode!).filter(n => isLeafCstNode(n) && !n.hidden).count();
    return allKeywords ? words.join(' ') : words[0] ?? property.$type;
}
