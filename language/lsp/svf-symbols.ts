import { GrammarUtils, interruptAndCheck, type AstNode, type AstNodeDescription, type CstNode, type LangiumDocument } from 'langium';
import { DefaultNodeKindProvider, DefaultWorkspaceSymbolProvider, type DocumentSymbolProvider } from 'langium/lsp';
import { CancellationToken, SymbolKind, SymbolTag, type DocumentSymbol, type DocumentSymbolParams, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { measureUnitPropertyOf } from '../ast-containers.js';
import { AmountError, formatPounds, parseAmount } from '../../model/amounts.js';
import { ruleApplicability } from './rule-condition-wording.js';

/**
 * The outline (document symbols), the breadcrumbs and "Go to Symbol in Workspace" for SVF:
 * each kind of declaration with its own icon, its title as the detail, nested as written
 * (theme > outcome > measure), and workspace symbols ranked so the exact code comes first.
 */

/**
 * The LSP symbol kind (and so the editor's icon) of each kind of SVF node. LSP has no kind
 * for a unit or a pass/fail gate; the nearest distinct ones are used, so no two kinds of
 * top-level declaration share an icon.
 */
const SYMBOL_KINDS: Readonly<Record<string, SymbolKind>> = {
    FrameworkHeader: SymbolKind.Package,
    Theme: SymbolKind.Namespace,
    ThemeAddition: SymbolKind.Namespace,
    Outcome: SymbolKind.Module,
    OutcomeAddition: SymbolKind.Module,
    Measure: SymbolKind.Field,
    MeasureOverride: SymbolKind.Field,
    ProxyDeclaration: SymbolKind.Constant,
    ProxyOverride: SymbolKind.Constant,
    Unit: SymbolKind.TypeParameter,
    Scale: SymbolKind.Enum,
    ScaleOverride: SymbolKind.Enum,
    ScaleLevel: SymbolKind.EnumMember,
    MethodQuestion: SymbolKind.Interface,
    QuestionOverride: SymbolKind.Interface,
    Gate: SymbolKind.Boolean,
    GateOverride: SymbolKind.Boolean,
    Rule: SymbolKind.Function,
    RuleOverride: SymbolKind.Function,
    Evaluation: SymbolKind.Object,
    EvaluationOverride: SymbolKind.Object,
    CriterionProperty: SymbolKind.Property,
    ProfileDeclaration: SymbolKind.Struct,
    FlagFact: SymbolKind.Field,
    ChoiceFact: SymbolKind.Field,
    SetFact: SymbolKind.Field,
    ChosenFact: SymbolKind.Field,
    CategoriesFact: SymbolKind.Field
};

/** What a retirement retires, as the node type whose icon it takes. */
const RETIRED_TYPES: Readonly<Record<ast.Retirement['kind'], string>> = {
    measure: 'Measure', question: 'MethodQuestion', gate: 'Gate', rule: 'Rule'
};

/** The symbol kind of a node type (`Measure`), or of a retirement's retired kind. */
export function symbolKindOfType(type: string): SymbolKind {
    return SYMBOL_KINDS[type] ?? SymbolKind.Field;
}

/** Kinds for the outline and workspace symbols, by node or by index entry (which carries the node's type). */
export class SvfNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        const type = '$type' in node ? node.$type : node.type;
        return symbolKindOfType(type);
    }
}

/** `£31k` as `£31,000`; the text as written when it is not an amount (a half-typed one). */
function moneyText(written: string | undefined): string | undefined {
    if (!written) return undefined;
    try {
        return formatPounds(parseAmount(written));
    } catch (error) {
        if (error instanceof AmountError) return written;
        throw error;
    }
}

function joined(...parts: Array<string | undefined>): string | undefined {
    const present = parts.filter((part): part is string => part !== undefined && part.trim() !== '');
    return present.length > 0 ? present.join(' · ') : undefined;
}

function weightingText(value: { value?: string; minimum?: string; default?: string }): string | undefined {
    if (value.value) return value.value;
    if (value.minimum) return `at least ${value.minimum}${value.default ? `, default ${value.default}` : ''}`;
    return undefined;
}

/**
 * The detail shown beside a symbol: its title, and what a reader most wants next to it (a
 * measure's unit, a proxy's £ value per unit, a unit's label).
 */
export function symbolDetail(node: AstNode): string | undefined {
    if (ast.isMeasure(node)) return joined(node.title, measureUnitPropertyOf(node)?.unit?.$refText);
    if (ast.isProxyDeclaration(node)) {
        const value = moneyText(node.value);
        const unit = node.unit?.$refText;
        return joined(value && unit ? `${value} per ${unit}` : value, node.title);
    }
    if (ast.isUnit(node)) return joined(node.label, node.kind);
    if (ast.isRule(node)) {
        if (node.title) return node.title;
        try {
            return ruleApplicability(node);
        } catch {
            return undefined;
        }
    }
    if (ast.isScaleLevel(node)) return node.descriptor;
    if (ast.isCriterionProperty(node)) return joined(node.title, weightingText(node));
    if (ast.isEvaluation(node) || ast.isEvaluationOverride(node)) {
        const weighting = node.properties.find(ast.isWeightingProperty);
        const text = weighting ? weightingText(weighting) : undefined;
        return joined(ast.isEvaluationOverride(node) ? 'override' : undefined, text ? `weighting ${text}` : undefined, ast.isEvaluationOverride(node) ? node.reason : undefined);
    }
    if (ast.isChoiceFact(node)) return joined(node.title, `one of ${node.values.join(', ')}`);
    if (ast.isSetFact(node)) return joined(node.title, `any of ${node.values.join(', ')}`);
    if (ast.isFlagFact(node) || ast.isChosenFact(node)) return joined(node.title, ast.isFlagFact(node) ? 'flag' : undefined);
    if (ast.isCategoriesFact(node)) return node.categories.join(', ');
    if (ast.isProxyOverride(node)) return joined('override', node.value ? moneyText(node.value) : undefined, node.title, node.reason);
    if (ast.isMeasureOverride(node) || ast.isScaleOverride(node) || ast.isQuestionOverride(node) || ast.isGateOverride(node) || ast.isRuleOverride(node)) {
        return joined('override', node.title, node.reason);
    }
    if (ast.isRetirement(node)) return joined(node.kind ? `retired ${node.kind}` : 'retired', node.reason);
    if (ast.isThemeAddition(node) || ast.isOutcomeAddition(node)) return 'added to';
    if ('title' in node && typeof node.title === 'string') return node.title || undefined;
    return undefined;
}

/** The children shown under a symbol, in the order written. */
function childrenOf(node: AstNode): readonly AstNode[] {
    if (ast.isTheme(node) || ast.isThemeAddition(node)) return node.outcomes;
    if (ast.isOutcome(node) || ast.isOutcomeAddition(node)) return node.measures;
    if (ast.isScale(node) || ast.isScaleOverride(node)) return node.levels;
    if (ast.isEvaluation(node) || ast.isEvaluationOverride(node)) return node.properties.filter(ast.isCriterionProperty);
    if (ast.isProfileDeclaration(node)) return node.facts;
    return [];
}

/** The reference an override, an addition or a retirement is written about, by property name. */
function targetProperty(node: AstNode): string | undefined {
    if (ast.isThemeAddition(node)) return 'theme';
    if (ast.isOutcomeAddition(node)) return 'outcome';
    if (ast.isRetirement(node)) return node.kind;
    if (ast.isProxyOverride(node) || ast.isMeasureOverride(node) || ast.isScaleOverride(node) || ast.isQuestionOverride(node)
        || ast.isGateOverride(node) || ast.isRuleOverride(node)) return 'target';
    return undefined;
}

/** The keyword that names a symbol without a name of its own (`evaluation`, `profile`, `categories`). */
const KEYWORD_NAMES: Readonly<Record<string, string>> = {
    Evaluation: 'evaluation', EvaluationOverride: 'evaluation', ProfileDeclaration: 'profile', CategoriesFact: 'categories', ChosenFact: 'chosen'
};

/**
 * The outline of one file. Only what a reader navigates by is shown: declarations, the
 * `profile` and `evaluation` blocks with their facts and criteria, scale levels, and the
 * overrides, additions and retirements of an extending framework. Imports, properties and
 * acknowledgements are left out.
 */
export class SvfDocumentSymbolProvider implements DocumentSymbolProvider {

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams, _cancelToken?: CancellationToken): DocumentSymbol[] {
        const root = document.parseResult.value as ast.Document;
        const symbols: DocumentSymbol[] = [];
        if (root.header) this.push(symbols, root.header);
        for (const element of root.elements ?? []) this.push(symbols, element);
        return symbols;
    }

    private push(symbols: DocumentSymbol[], node: AstNode): void {
        const symbol = this.symbolOf(node);
        if (symbol) symbols.push(symbol);
    }

    /** The symbol of a node, or undefined for what the outline leaves out. */
    protected symbolOf(node: AstNode): DocumentSymbol | undefined {
        const cst = node.$cstNode;
        if (!cst || (!(node.$type in SYMBOL_KINDS) && !ast.isRetirement(node))) return undefined;
        const { name, nameNode } = this.nameOf(node, cst);
        const children: DocumentSymbol[] = [];
        for (const child of childrenOf(node)) this.push(children, child);
        const detail = symbolDetail(node);
        const symbol: DocumentSymbol = {
            name,
            kind: ast.isRetirement(node) ? symbolKindOfType(RETIRED_TYPES[node.kind]) : symbolKindOfType(node.$type),
            range: cst.range,
            selectionRange: (nameNode ?? cst).range
        };
        if (detail) symbol.detail = detail;
        if (ast.isRetirement(node)) symbol.tags = [SymbolTag.Deprecated];
        if (children.length > 0) symbol.children = children;
        return symbol;
    }

    /** What the symbol is called and where that is written; never empty (an editor rejects an empty name). */
    private nameOf(node: AstNode, cst: CstNode): { name: string; nameNode: CstNode | undefined } {
        const target = targetProperty(node);
        if (target) {
            const nameNode = GrammarUtils.findNodeForProperty(cst, target);
            return { name: nameNode?.text || node.$type, nameNode };
        }
        if (ast.isScaleLevel(node)) {
            return { name: `${node.score} ${node.label ?? ''}`.trim(), nameNode: GrammarUtils.findNodeForProperty(cst, 'score') };
        }
        const keyword = KEYWORD_NAMES[node.$type];
        if (keyword) {
            const name = ast.isChosenFact(node) ? `chosen ${node.kind ?? ''}`.trim() : keyword;
            return { name, nameNode: GrammarUtils.findNodeForKeyword(cst, keyword) };
        }
        const nameNode = GrammarUtils.findNodeForProperty(cst, 'name');
        const written = 'name' in node && typeof node.name === 'string' ? node.name : undefined;
        // While a declaration is being typed its name may be missing: call it by its keyword.
        return { name: written || nameNode?.text || cst.text.split(/\s/, 1)[0] || node.$type, nameNode };
    }
}

/** How well a name matches a workspace-symbol query: lower is better, undefined is no match. */
function matchRank(query: string, name: string, fuzzy: (query: string, name: string) => boolean): number | undefined {
    if (query === '') return 0;
    const lower = name.toLowerCase();
    if (lower === query) return 0;
    if (lower.startsWith(query)) return 1;
    if (lower.includes(query)) return 2;
    return fuzzy(query, name) ? 3 : undefined;
}

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * "Go to Symbol in Workspace": every declaration in the index (the workspace's files and
 * the files they import) whose name matches, ranked: the exact name (ignoring case) first,
 * then names starting with the query, then names containing it, then fuzzy matches; in
 * each group in natural order (`NT2` before `NT10`). The container name is the detail the
 * outline shows (a measure's title and unit).
 */
export class SvfWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {

    override async getSymbols(params: WorkspaceSymbolParams, cancelToken = CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const query = params.query.trim().toLowerCase();
        const ranked: Array<{ rank: number; symbol: WorkspaceSymbol }> = [];
        let visited = 0;
        for (const description of this.indexManager.allElements()) {
            if (++visited % 1000 === 0) await interruptAndCheck(cancelToken);
            const rank = matchRank(query, description.name, (q, name) => this.fuzzyMatcher.match(q, name));
            if (rank === undefined) continue;
            const symbol = this.getWorkspaceSymbol(description);
            if (symbol) ranked.push({ rank, symbol });
        }
        await interruptAndCheck(cancelToken);
        ranked.sort((a, b) => a.rank - b.rank
            || naturalOrder.compare(a.symbol.name, b.symbol.name)
            || compareText(a.symbol.name, b.symbol.name)
            || compareText(a.symbol.location.uri, b.symbol.location.uri));
        return ranked.map(({ symbol }) => symbol);
    }

    override getWorkspaceSymbol(description: AstNodeDescription): WorkspaceSymbol | undefined {
        const symbol = super.getWorkspaceSymbol(description);
        const detail = symbol && description.node ? symbolDetail(description.node) : undefined;
        if (symbol && detail) symbol.containerName = detail;
        return symbol;
    }
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
