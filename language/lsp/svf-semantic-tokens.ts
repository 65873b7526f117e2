import { CstUtils, GrammarUtils, isLeafCstNode, isReference, type AstNode, type AstReflection, type Reference } from 'langium';
import { AbstractSemanticTokenProvider, AllSemanticTokenModifiers, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';

/**
 * Semantic highlighting: what each name and amount in a `.svf` file is, so an editor colours
 * a measure code, a proxy, a profile fact and an amount differently, and a declaration
 * differently from a use. The TextMate grammar colours keywords, strings and comments; these
 * tokens are laid over it. Standard LSP token types, so every theme colours them:
 *
 *     theme, outcome (and `require 1 from <theme or outcome>`)  namespace
 *     measure code (NT1)                                         variable
 *     proxy (localJob)                                           function
 *     unit (fte)                                                 type
 *     scale                                                      enum
 *     question, gate                                             class
 *     rule (and `before`/`after` <rule>)                         method
 *     criterion (and `weighting <criterion> 15%`)                property
 *     profile fact: a flag, choice or set, as declared in        parameter
 *       `profile { }` and as tested in a condition
 *     contractValue, durationMonths, annualValue                 parameter + defaultLibrary
 *     a choice's or set's value, a contract category            enumMember
 *     £ amounts                                                  number + money
 *     percentages                                                number + percentage
 *     other numbers (quantities, scores, years)                  number
 *     `and`, `or`, `not`, `is`, `in`, `from`, `to`, `category`   keyword + condition
 *       in a rule's `when`
 *     `<`, `<=`, `>`, `>=`, `=`, `!=` in a rule's `when`         operator + condition
 *
 * A name where it is declared carries the `declaration` modifier; every token of a rule's
 * `when` condition carries `condition`. `money`, `percentage` and `condition` are SVF's own
 * modifiers, added after the standard ones in the legend (a theme may style them with
 * `number.money` etc.; a client that does not know them ignores them).
 */
export class SvfSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private readonly reflection: AstReflection;

    constructor(services: SvfServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
    }

    override get tokenModifiers(): Record<string, number> {
        return SVF_TOKEN_MODIFIERS;
    }

    protected highlightElement(node: AstNode, accept: SemanticTokenAcceptor): void {
        if (ast.isDocument(node)) this.highlightLiterals(node, accept);
        const condition = isConditionNode(node) ? [SvfTokenModifiers.condition] : [];
        const declared = DECLARATION_TYPES[node.$type];
        const name = declared && GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
        if (name) accept({ cst: name, type: declared!, modifier: SemanticTokenModifiers.declaration });
        this.highlightReferences(node, accept);
        if (ast.isChoiceFact(node) || ast.isSetFact(node)) {
            accept({ node, property: 'values', type: SemanticTokenTypes.enumMember, modifier: SemanticTokenModifiers.declaration });
        } else if (ast.isCategoriesFact(node)) {
            accept({ node, property: 'categories', type: SemanticTokenTypes.enumMember, modifier: SemanticTokenModifiers.declaration });
        } else if (ast.isCategoriesProperty(node)) {
            accept({ node, property: 'categories', type: SemanticTokenTypes.enumMember });
        } else if (ast.isWeightingEffect(node) && node.criterion !== undefined) {
            accept({ node, property: 'criterion', type: SemanticTokenTypes.property });
        } else if (ast.isCategoryCondition(node)) {
            this.highlightKeywords(node, ['category', 'is', 'in'], accept);
            accept({ node, property: 'categories', type: SemanticTokenTypes.enumMember, modifier: condition });
        } else if (ast.isFactCondition(node)) {
            accept({ node, property: 'fact', type: SemanticTokenTypes.parameter, modifier: condition });
            this.highlightKeywords(node, ['is', 'in'], accept);
            accept({ node, property: 'values', type: SemanticTokenTypes.enumMember, modifier: condition });
        } else if (ast.isFlagCondition(node)) {
            accept({ node, property: 'flag', type: SemanticTokenTypes.parameter, modifier: condition });
        } else if (ast.isValueComparison(node)) {
            accept({ node, property: 'field', type: SemanticTokenTypes.parameter, modifier: [SemanticTokenModifiers.defaultLibrary, ...condition] });
            accept({ node, property: 'op', type: SemanticTokenTypes.operator, modifier: condition });
        } else if (ast.isValueBand(node)) {
            accept({ node, property: 'field', type: SemanticTokenTypes.parameter, modifier: [SemanticTokenModifiers.defaultLibrary, ...condition] });
            this.highlightKeywords(node, ['from', 'to'], accept);
        } else if (ast.isOrCondition(node)) {
            this.highlightKeywords(node, ['or'], accept);
        } else if (ast.isAndCondition(node)) {
            this.highlightKeywords(node, ['and'], accept);
        } else if (ast.isNotCondition(node)) {
            this.highlightKeywords(node, ['not'], accept);
        }
    }

    /** Each cross-reference, by what it names (what it would name, while it does not resolve). */
    private highlightReferences(node: AstNode, accept: SemanticTokenAcceptor): void {
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$')) continue;
            const reference: Reference | undefined = Array.isArray(value) ? value.find(isReference) : isReference(value) ? value : undefined;
            if (!reference) continue;
            const type = REFERENCE_TYPES[reference.ref?.$type ?? this.reflection.getReferenceType({ container: node, property, reference })];
            if (!type) continue;
            for (const cst of GrammarUtils.findNodesForProperty(node.$cstNode, property)) accept({ cst, type });
        }
    }

    /** A condition's own keywords (`and`, `from`...), each occurrence, as condition keywords. */
    private highlightKeywords(node: AstNode, keywords: string[], accept: SemanticTokenAcceptor): void {
        for (const keyword of keywords) {
            for (const cst of GrammarUtils.findNodesForKeyword(node.$cstNode, keyword)) {
                accept({ cst, type: SemanticTokenTypes.keyword, modifier: SvfTokenModifiers.condition });
            }
        }
    }

    /** £ amounts, percentages and numbers, wherever they are written: by the lexer's terminal, in one pass. */
    private highlightLiterals(document: ast.Document, accept: SemanticTokenAcceptor): void {
        if (!document.$cstNode) return;
        for (const leaf of CstUtils.streamCst(document.$cstNode)) {
            if (!isLeafCstNode(leaf) || leaf.hidden) continue;
            const literal = LITERAL_TOKENS[leaf.tokenType.name];
            if (!literal) continue;
            const inCondition = isConditionNode(leaf.astNode) || (leaf.astNode.$container !== undefined && isConditionNode(leaf.astNode.$container));
            accept({ cst: leaf, type: SemanticTokenTypes.number, modifier: [...literal, ...(inCondition ? [SvfTokenModifiers.condition] : [])] });
        }
    }
}

/** SVF's own token modifiers, after the standard ones. */
export const SvfTokenModifiers = {
    money: 'money',
    percentage: 'percentage',
    condition: 'condition'
} as const;

const standardModifierCount = Object.keys(AllSemanticTokenModifiers).length;
const SVF_TOKEN_MODIFIERS: Record<string, number> = {
    ...AllSemanticTokenModifiers,
    ...Object.fromEntries(Object.values(SvfTokenModifiers).map((modifier, index) => [modifier, 1 << (standardModifierCount + index)]))
};

/** The token type of a name where it is declared, by the declaration's AST type. */
const DECLARATION_TYPES: Record<string, string> = {
    [ast.Theme.$type]: SemanticTokenTypes.namespace,
    [ast.Outcome.$type]: SemanticTokenTypes.namespace,
    [ast.Measure.$type]: SemanticTokenTypes.variable,
    [ast.ProxyDeclaration.$type]: SemanticTokenTypes.function,
    [ast.Unit.$type]: SemanticTokenTypes.type,
    [ast.Scale.$type]: SemanticTokenTypes.enum,
    [ast.MethodQuestion.$type]: SemanticTokenTypes.class,
    [ast.Gate.$type]: SemanticTokenTypes.class,
    [ast.Rule.$type]: SemanticTokenTypes.method,
    [ast.CriterionProperty.$type]: SemanticTokenTypes.property,
    [ast.FlagFact.$type]: SemanticTokenTypes.parameter,
    [ast.ChoiceFact.$type]: SemanticTokenTypes.parameter,
    [ast.SetFact.$type]: SemanticTokenTypes.parameter
};

/** The token type of a reference, by the type it names (or the union a reference may name). */
const REFERENCE_TYPES: Record<string, string> = {
    ...DECLARATION_TYPES,
    RequireSource: SemanticTokenTypes.namespace
};

const LITERAL_TOKENS: Record<string, string[]> = {
    MONEY: [SvfTokenModifiers.money],
    PERCENT: [SvfTokenModifiers.percentage],
    NUMBER: []
};

const CONDITION_TYPES = new Set<string>([
    ast.OrCondition.$type, ast.AndCondition.$type, ast.NotCondition.$type, ast.ValueComparison.$type, ast.ValueBand.$type,
    ast.CategoryCondition.$type, ast.FactCondition.$type, ast.FlagCondition.$type
]);

/** A part of a rule's `when` condition (an amount in it is a MoneyAmount or NumberAmount whose container is one). */
function isConditionNode(node: AstNode): boolean {
    return CONDITION_TYPES.has(node.$type);
}
