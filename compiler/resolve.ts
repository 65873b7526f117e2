import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { ValueConverter, type AstNode, type LangiumDocument, type LangiumDocuments, type Reference } from 'langium';
import { Decimal } from 'decimal.js';
import * as ast from '../language/generated/ast.js';
import { importClosure, importsOf, resolveImportUri } from '../language/scoping/svf-imports.js';
import type { SvfServices } from '../language/svf-module.js';
import { moneyString, parseAmount, parseAmountLiteral, parseNumber, parsePercentage } from '../model/amounts.js';
import { CompilerError } from './compiler-error.js';
import type {
    EvaluationMethod, EvaluationSettings, FinancialProxy, Framework, FrameworkIdentity, Measure,
    MethodStatementQuestion, Outcome, PassFailGate, QuestionWeight, ScoringScale, Theme, UnitDefinition, UnitKind
} from '../model/framework.js';
import type { ScopedMeasure } from '../model/rules/rule-scope.js';
import {
    emptyEffects, emptySelection, type ContractCategory, type ElementSelection, type ProportionalityRule, type RuleCondition, type RuleEffects
} from '../model/rules/rule-types.js';

/**
 * AST -> Framework: flattens the entry document and its import closure into one plain
 * model. The only module of the compiler that knows Langium's AST. Expects the closure to
 * be linked and free of errors (the caller checks diagnostics first); where that does not
 * hold it throws CompilerError rather than guessing.
 */
export function resolveFramework(services: SvfServices, entry: LangiumDocument): Framework {
    const header = (entry.parseResult.value as ast.Document).header;
    if (!header) {
        throw new CompilerError(`${entry.uri.path}: this file has no \`framework\` header, so it is not a framework's entry file. Compile the file that starts with \`framework NAME { ... }\`.`);
    }
    const documents = services.shared.workspace.LangiumDocuments;
    const closure = importClosure(entry, documents);
    const ordered = declarationOrder(entry, documents);
    const elements = ordered.flatMap(document => (document.parseResult.value as ast.Document).elements);

    const identity = resolveIdentity(header, entry, closure);
    const proxies: FinancialProxy[] = elements.filter(ast.isProxyDeclaration)
        .map(proxy => resolveProxyNode(proxy, identity.priceYear));
    const themes = elements.filter(ast.isTheme).map(theme => resolveTheme(theme, proxies, identity.priceYear));
    const questions = elements.filter(ast.isMethodQuestion).map(resolveQuestion);
    const evaluation = resolveEvaluation(closure, questions.length > 0, identity.id);
    return {
        identity,
        units: elements.filter(ast.isUnit).map(resolveUnit),
        proxies,
        scales: elements.filter(ast.isScale).map(resolveScale),
        themes,
        questions,
        gates: elements.filter(ast.isGate).map(resolveGate),
        evaluation,
        rules: resolveRules(closure)
    };
}

/**
 * Declaration order: a file's imports first (depth-first, in import order), then its own
 * declarations; each file once.
 */
function declarationOrder(entry: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    const seen = new Set<string>();
    const ordered: LangiumDocument[] = [];
    const visit = (document: LangiumDocument) => {
        const key = document.uri.toString();
        if (seen.has(key)) return;
        seen.add(key);
        for (const imp of importsOf(document)) {
            const target = imp.path ? documents.getDocument(resolveImportUri(document, imp.path)) : undefined;
            if (target) visit(target);
        }
        ordered.push(document);
    };
    visit(entry);
    return ordered;
}

function resolveIdentity(header: ast.FrameworkHeader, entry: LangiumDocument, closure: LangiumDocument[]): FrameworkIdentity {
    const property = <T extends ast.HeaderProperty>(is: (node: unknown) => node is T) => firstOf(header.properties, is);
    const version = property(ast.isVersionProperty)?.value;
    if (version === undefined) {
        throw new CompilerError(`Framework '${header.name}' has no version. Add \`version 1.0.0\` to its header.`);
    }
    const priceYear = property(ast.isPriceYearProperty)?.value;
    return {
        id: header.name,
        title: header.title ?? null,
        version: version.startsWith('"') || version.startsWith("'") ? ValueConverter.convertString(version) : version,
        currency: property(ast.isCurrencyProperty)?.value ?? 'GBP',
        priceYear: priceYear === undefined ? null : parseNumber(priceYear).toNumber(),
        publisher: property(ast.isPublisherProperty)?.value ?? null,
        status: property(ast.isStatusProperty)?.value ?? 'draft',
        description: property(ast.isDescriptionProperty)?.value ?? null,
        sourceHash: sourceHashOf(entry, closure)
    };
}

/**
 * sha256 over the closure's texts keyed by path relative to the entry file's folder, in
 * path order: the same sources give the same hash wherever they are checked out (line
 * endings are normalised so a Windows checkout agrees).
 */
function sourceHashOf(entry: LangiumDocument, closure: LangiumDocument[]): string {
    const folder = path.posix.dirname(entry.uri.path);
    const files = closure
        .map(document => ({ file: path.posix.relative(folder, document.uri.path), text: document.textDocument.getText().replace(/\r\n?/g, '\n') }))
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const hash = createHash('sha256');
    for (const { file, text } of files) {
        hash.update(`${file}\0${Buffer.byteLength(text)}\0${text}\0`);
    }
    return hash.digest('hex');
}

function resolveUnit(unit: ast.Unit): UnitDefinition {
    const kind = (unit.kind ?? 'quantity') as UnitKind;
    return { id: unit.name, label: unit.label, kind, monetisable: kind === 'quantity' || kind === 'money' };
}

/**
 * A named proxy, or one written inside a measure (named `<measure code>-proxy`, in the
 * measure's unit), with its exact net value per unit. Exported so the editor's hover shows
 * the very figures the compiler emits.
 */
export function resolveProxyNode(proxy: ast.ProxyDeclaration | ast.InlineProxy, frameworkPriceYear: number | null): FinancialProxy {
    if (ast.isInlineProxy(proxy)) {
        const measure = proxy.$container.$container;
        const unit = firstOf(measure.properties, ast.isMeasureUnitProperty);
        if (!unit) throw new CompilerError(`Measure '${measure.name}' has no unit. Add \`unit NAME\` to it.`);
        return proxyFigures(`${measure.name}-proxy`, measure.title ?? null, nameOf(unit.unit, 'unit'), proxy.value, proxy.properties, frameworkPriceYear);
    }
    return proxyFigures(proxy.name, proxy.title ?? null, nameOf(proxy.unit, 'unit'), proxy.value, proxy.properties, frameworkPriceYear);
}

function proxyFigures(id: string, title: string | null, unit: string, value: string, properties: ast.ProxyProperty[], frameworkPriceYear: number | null): FinancialProxy {
    const adjustment = (kind: ast.AdjustmentProperty['kind']) => {
        const found = properties.find((property): property is ast.AdjustmentProperty => ast.isAdjustmentProperty(property) && property.kind === kind);
        return found ? parsePercentage(found.value) : new Decimal(0);
    };
    const priceYear = properties.find(ast.isProxyPriceYearProperty)?.value;
    const amount = parseAmount(value);
    const deadweight = adjustment('deadweight');
    const attribution = adjustment('attribution');
    const displacement = adjustment('displacement');
    const remaining = (percent: Decimal) => new Decimal(1).minus(percent.dividedBy(100));
    return {
        id, title, unit, value: amount,
        source: properties.find(ast.isSourceProperty)?.value ?? null,
        priceYear: priceYear === undefined ? frameworkPriceYear : parseNumber(priceYear).toNumber(),
        deadweight, attribution, displacement,
        dropOff: adjustment('dropOff'),
        netValuePerUnit: amount.times(remaining(deadweight)).times(remaining(attribution)).times(remaining(displacement))
    };
}

function resolveScale(scale: ast.Scale): ScoringScale {
    const levels = scale.levels.map(level => ({ score: parseNumber(level.score), label: level.label, descriptor: level.descriptor ?? null }));
    return { id: scale.name, title: scale.title ?? null, levels: levels.sort((a, b) => a.score.comparedTo(b.score)) };
}

function resolveTheme(theme: ast.Theme, proxies: FinancialProxy[], frameworkPriceYear: number | null): Theme {
    return {
        id: theme.name,
        title: theme.title ?? null,
        description: theme.description ?? null,
        outcomes: theme.outcomes.map((outcome): Outcome => ({
            id: outcome.name,
            title: outcome.title ?? null,
            description: outcome.description ?? null,
            theme: theme.name,
            measures: outcome.measures.map(measure => resolveMeasure(measure, proxies, frameworkPriceYear))
        }))
    };
}

/** Inline proxies join `proxies`, named after their measure. */
function resolveMeasure(measure: ast.Measure, proxies: FinancialProxy[], frameworkPriceYear: number | null): Measure {
    const property = <T extends ast.MeasureProperty>(is: (node: unknown) => node is T) => firstOf(measure.properties, is);
    const unitProperty = property(ast.isMeasureUnitProperty);
    if (!unitProperty) {
        throw new CompilerError(`Measure '${measure.name}' has no unit. Add \`unit NAME\` to it.`);
    }
    const unit = nameOf(unitProperty.unit, 'unit');
    const unitKind = (unitProperty.unit.ref?.kind ?? 'quantity') as UnitKind;
    const recordOnly = property(ast.isRecordOnlyProperty) !== undefined;
    const proxyProperty = property(ast.isMeasureProxyProperty);
    let proxy: string | null = null;
    // Record-only and unmonetisable measures are never given a value, whatever is written.
    if (proxyProperty && !recordOnly && (unitKind === 'quantity' || unitKind === 'money')) {
        if (proxyProperty.inline) {
            const inline = resolveProxyNode(proxyProperty.inline, frameworkPriceYear);
            proxy = inline.id;
            proxies.push(inline);
        } else if (proxyProperty.proxy) {
            proxy = nameOf(proxyProperty.proxy, 'financial proxy');
        }
    }
    const ask = property(ast.isAskProperty)?.value;
    if (ask === undefined) {
        throw new CompilerError(`Measure '${measure.name}' has no \`ask\`: suppliers would see no question. Add \`ask "..."\` to it.`);
    }
    const limit = (value: string | undefined) => (value === undefined ? null : parseAmountLiteral(value));
    return {
        code: measure.name,
        title: measure.title ?? null,
        theme: measure.$container.$container.name,
        outcome: measure.$container.name,
        unit,
        proxy,
        ask,
        guidance: property(ast.isGuidanceProperty)?.value ?? null,
        evidence: property(ast.isEvidenceProperty)?.value ?? null,
        minimum: limit(property(ast.isMinimumProperty)?.value),
        maximum: limit(property(ast.isMaximumProperty)?.value),
        wholeNumbers: property(ast.isWholeNumbersProperty) !== undefined,
        categories: categoriesOf(measure),
        recordOnly
    };
}

/** A measure's categories (all `categories` lines together); empty = every category. */
function categoriesOf(measure: ast.Measure): ContractCategory[] {
    return [...new Set(measure.properties.filter(ast.isCategoriesProperty).flatMap(property => property.categories))];
}

function askOf(kind: string, node: { name: string; title?: string; properties: ast.QuestionProperty[] | ast.GateProperty[] }): string {
    const ask = (node.properties as AstNode[]).find(ast.isAskProperty)?.value ?? node.title;
    if (ask === undefined) {
        throw new CompilerError(`${kind} '${node.name}' has neither a title nor an \`ask\`: suppliers would see no question. Add \`ask "..."\` to it.`);
    }
    return ask;
}

function resolveQuestion(question: ast.MethodQuestion): MethodStatementQuestion {
    const property = <T extends ast.QuestionProperty>(is: (node: unknown) => node is T) => firstOf(question.properties, is);
    const outcomes = question.properties.filter(ast.isQuestionOutcomesProperty).flatMap(found => found.outcomes);
    const scale = property(ast.isQuestionScaleProperty);
    const words = property(ast.isWordLimitProperty);
    const weight = property(ast.isWeightProperty);
    return {
        id: question.name,
        title: question.title ?? null,
        outcomes: outcomes.map(outcome => nameOf(outcome, 'outcome')),
        theme: outcomes[0]?.ref?.$container.name ?? null,
        scale: scale ? nameOf(scale.scale, 'scoring scale') : null,
        wordLimit: words ? parseNumber(words.value).toNumber() : null,
        weight: weight ? resolveWeight(weight.value) : null,
        ask: askOf('Method-statement question', question),
        guidance: property(ast.isGuidanceProperty)?.value ?? null,
        evidence: property(ast.isEvidenceProperty)?.value ?? null
    };
}

function resolveWeight(value: string): QuestionWeight {
    return value.endsWith('%') ? { kind: 'percentage', value: parsePercentage(value) } : { kind: 'points', value: parseNumber(value) };
}

function resolveGate(gate: ast.Gate): PassFailGate {
    return {
        id: gate.name,
        title: gate.title ?? null,
        ask: askOf('Gate', gate),
        guidance: gate.properties.find(ast.isGuidanceProperty)?.value ?? null,
        evidence: gate.properties.find(ast.isEvidenceProperty)?.value ?? null
    };
}

/** The first `evaluation` block in import-closure order (the entry file's wins). */
function resolveEvaluation(closure: LangiumDocument[], hasMethodStatements: boolean, frameworkId: string): EvaluationSettings {
    const evaluation = closure.flatMap(document => (document.parseResult.value as ast.Document).elements).find(ast.isEvaluation);
    const properties = evaluation?.properties ?? [];
    const weighting = properties.find(ast.isWeightingProperty);
    const split = properties.find(ast.isSplitProperty);
    const method = properties.find(ast.isMethodProperty);
    if (!split && hasMethodStatements) {
        throw new CompilerError(`Framework '${frameworkId}' has method-statement questions but no \`split\` saying how social value marks divide between commitments and method statements. Add e.g. \`split quantitative 60% qualitative 40%\` to its evaluation block.`);
    }
    return {
        weighting: weighting ? parsePercentage(weighting.value) : null,
        split: split
            ? { quantitative: parsePercentage(split.quantitative), qualitative: parsePercentage(split.qualitative) }
            : { quantitative: new Decimal(100), qualitative: new Decimal(0) },
        method: resolveMethod(method)
    };
}

function resolveMethod(method: ast.MethodProperty | undefined): EvaluationMethod {
    if (!method || method.method === 'relative' || method.target === undefined) return { kind: 'relative' };
    return method.target.endsWith('%')
        ? { kind: 'absolute', target: { kind: 'share-of-contract-value', percent: parsePercentage(method.target) } }
        : { kind: 'absolute', target: { kind: 'money', amount: parseAmount(method.target) } };
}

/** The first property of a kind (a repeated property is a validation error; the first wins). */
function firstOf<P, T extends P>(properties: readonly P[], is: (node: unknown) => node is T): T | undefined {
    return properties.find(is);
}

function nameOf(reference: Reference<AstNode & { name: string }>, noun: string): string {
    const target = reference.ref;
    if (!target) {
        throw new CompilerError(`Unknown ${noun} '${reference.$refText}'. Fix the validation errors before compiling.`);
    }
    return target.name;
}

// ------------------------------------------------------------------ rules and measures for the rule checks

/**
 * The proportionality rules of a closure in the order they are tried: the given
 * documents' order (importClosure: importer first), each file's rules as written.
 */
export function resolveRules(documents: readonly LangiumDocument[]): ProportionalityRule[] {
    return rulesOf(documents).map(resolveRule);
}

export function rulesOf(documents: readonly LangiumDocument[]): ast.Rule[] {
    return documents.flatMap(document => (document.parseResult.value as ast.Document).elements.filter(ast.isRule));
}

/**
 * One rule as plain data. Tolerant of unresolved references (it runs during validation
 * too): an unresolved name is kept as written.
 */
export function resolveRule(rule: ast.Rule): ProportionalityRule {
    return { id: rule.name, title: rule.title ?? null, condition: rule.condition ? resolveCondition(rule.condition) : null, effects: resolveEffects(rule.effects) };
}

function resolveCondition(condition: ast.Condition): RuleCondition {
    if (ast.isOrCondition(condition)) return { any: flatten(condition, ast.isOrCondition).map(resolveCondition) };
    if (ast.isAndCondition(condition)) return { all: flatten(condition, ast.isAndCondition).map(resolveCondition) };
    if (ast.isNotCondition(condition)) return { not: resolveCondition(condition.operand) };
    if (ast.isCategoryCondition(condition)) return { category: [...new Set(condition.categories)] };
    if (ast.isFlagCondition(condition)) return { flag: condition.flag };
    if (ast.isValueComparison(condition)) return { field: condition.field, op: condition.op, value: conditionValue(condition.field, condition.value) };
    return {
        field: condition.field,
        from: conditionValue(condition.field, condition.low),
        to: condition.high === undefined ? null : conditionValue(condition.field, condition.high)
    };
}

/** `a or b or c` parses as ((a or b) or c): one list reads better in JSON. */
function flatten<T extends ast.AndCondition | ast.OrCondition>(condition: T, is: (node: unknown) => node is T): ast.Condition[] {
    return [condition.left, condition.right].flatMap(side => (is(side) ? flatten(side, is) : [side]));
}

function conditionValue(field: ast.ProfileField, text: string): string | number {
    const value = parseAmountLiteral(text);
    return field === 'contractValue' ? moneyString(value) : value.toNumber();
}

function resolveEffects(effects: ast.Effect[]): RuleEffects {
    const resolved = emptyEffects();
    const count = (text: string) => parseNumber(text).toNumber();
    for (const effect of effects) {
        if (ast.isNoAskEffect(effect)) resolved.noAsk = true;
        else if (ast.isWeightingEffect(effect)) resolved.weighting = parsePercentage(effect.value).toNumber();
        else if (ast.isIncludeEffect(effect)) resolved.include = addToSelection(resolved.include, effect.target);
        else if (ast.isExcludeEffect(effect)) resolved.exclude = addToSelection(resolved.exclude, effect.target);
        else if (ast.isSelectEffect(effect)) resolved.select = { min: effect.min === undefined ? null : count(effect.min), max: effect.max === undefined ? null : count(effect.max) };
        else if (ast.isRequireEffect(effect)) resolved.require.push({ theme: referencedName(effect.theme), count: count(effect.count) });
        else if (ast.isMinimumCommitmentEffect(effect)) {
            resolved.minimumCommitments.push({
                measure: referencedName(effect.measure),
                quantity: count(effect.quantity),
                per: effect.per === undefined ? null : moneyString(parseAmount(effect.per))
            });
        } else if (ast.isRatioEffect(effect)) resolved.minimumSvRatio = parsePercentage(effect.value).toNumber();
        else if (ast.isKpiEffect(effect)) resolved.kpis = count(effect.value);
    }
    return resolved;
}

function addToSelection(selection: ElementSelection | null, target: ast.ElementSelection): ElementSelection {
    const result = selection ?? emptySelection();
    const add = (list: string[], references: Array<Reference<AstNode & { name: string }>>) => {
        for (const reference of references) {
            const name = referencedName(reference);
            if (!list.includes(name)) list.push(name);
        }
    };
    add(result.themes, target.themes);
    add(result.measures, target.measures);
    add(result.questions, target.questions);
    add(result.gates, target.gates);
    return result;
}

function referencedName(reference: Reference<AstNode & { name: string }>): string {
    return reference.ref?.name ?? reference.$refText;
}

/** Every measure of the given documents with what rules need to know of it. */
export function scopedMeasuresOf(documents: readonly LangiumDocument[]): ScopedMeasure[] {
    return documents.flatMap(document => (document.parseResult.value as ast.Document).elements.filter(ast.isTheme))
        .flatMap(theme => theme.outcomes.flatMap(outcome => outcome.measures.map(measure => ({
            code: measure.name, theme: theme.name, categories: categoriesOf(measure)
        }))));
}
