import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { AstUtils, GrammarUtils, isCompositeCstNode, ValueConverter, type AstNode, type CstNode, type LangiumDocument, type Reference } from 'langium';
import { Decimal } from '../../model/amounts.js';
import { moneyString, parseAmount, parseNumber, parsePercentage } from '../../model/amounts.js';
import {
    DEFAULT_SCORING_CHOICES, isMonetisableUnitKind, type Acknowledgement, type AwardCriterion, type EvaluationMethod, type MeasureAnswer, type MeasureHorizon, type ProfileDeclarations, type EvaluationSettings, type FinancialProxy, type Framework, type FrameworkIdentity,
    type FrameworkRule, type Measure, type MethodStatementQuestion, type Outcome, type PassFailGate, type QuestionWeight,
    type RuleEffectOrigins, type ScoringScale, type Theme, type UnitDefinition, type UnitKind
} from '../../model/framework.js';
import type { FrameworkRef, Origin, PropertyOrigins } from '../../model/origin.js';
import type {
    BaseReference, EvaluationOverrideChanges, FrameworkOverride, FrameworkRetirement, MeasureAddition, OutcomeAddition, RuleOverrideChanges, WrittenReason
} from '../../model/extension.js';
import { MISSING_PART, writtenPartsOf, type WrittenCondition } from '../../model/rules/condition-wording.js';
import { CONTRACT_CATEGORIES, emptyEffects, emptySelection, type ContractCategory, type ElementSelection, type RuleCondition, type RuleEffects, type RuleScoringMethod } from '../../model/rules/rule-types.js';
import * as ast from '../generated/ast.js';
import { amountValue } from '../parser/written-amounts.js';
import { versionRangeText } from './version-range.js';
import { measureCodeOf, measureOf, measureThemeNameOf, measureUnitPropertyOf, outcomeNameOf, themeNameOf } from '../ast-containers.js';
import { DEFAULT_MAX_PROXY_AGE } from '../validation/header-checks.js';
import { netValuePerUnit } from '../../model/proxy-value.js';

/** The documents of one framework, in the two orders resolve needs (see ImportGraph). */
export interface FrameworkDocumentsInOrder {
    /** The entry document (the one with the `framework` header, or a file analysed on its own). */
    entry: LangiumDocument;
    /** The entry and everything it imports, importer first (the order rules are tried in). */
    closure: readonly LangiumDocument[];
    /** The same documents, each file's imports before the file itself (the order declarations are listed in). */
    declarationOrder: readonly LangiumDocument[];
}

/**
 * AST -> Framework: flattens a framework's documents into one plain model, with the origin
 * of every declaration and property. The end of the language layer: everything after it
 * (the framework checks, emit, tailoring, diff, scoring) works on the model alone.
 *
 * Tolerant of what an editor sees while a framework is being written: an unresolved name
 * is kept as written and a missing required property is null (the validator reports
 * both); it never throws on a half-typed file. Given a cache (FrameworkResolution keeps
 * one), each document's part of the model is reused until the document is reparsed or
 * relinked.
 */
export function resolveFramework(documents: FrameworkDocumentsInOrder, fragmentCache?: FragmentCache): Framework {
    const { entry, closure, declarationOrder } = documents;
    const header = rootOf(entry).header;
    const identity = resolveIdentity(header, entry, closure);
    const origins = new Origins({ id: identity.id, version: identity.version });
    identity.origin = header ? origins.of(header, 'name') : origins.start(entry);
    if (header) {
        const property = <T extends ast.HeaderProperty>(is: (node: unknown) => node is T) => header.properties.find(is);
        identity.origins = origins.all({
            version: property(ast.isVersionProperty), currency: property(ast.isCurrencyProperty),
            priceYear: property(ast.isPriceYearProperty), maxProxyAge: property(ast.isMaxProxyAgeProperty)
        });
    }
    const frameworkKey = `${identity.id}\0${identity.version}\0${identity.priceYear}`;
    const fragments = new Map(declarationOrder.map(document => [document, fragmentOf(document, frameworkKey, () => new DeclarationResolver(origins, identity.priceYear), fragmentCache)]));
    const inOrder = (documents: readonly LangiumDocument[]) => documents.map(document => fragments.get(document) ?? fragmentOf(document, frameworkKey, () => new DeclarationResolver(origins, identity.priceYear), fragmentCache));
    const declared = inOrder(declarationOrder);
    const tried = inOrder(closure);
    return {
        identity,
        units: declared.flatMap(fragment => fragment.units),
        // Declared proxies in declaration order, then those written inside measures.
        proxies: [...declared.flatMap(fragment => fragment.proxies), ...declared.flatMap(fragment => fragment.inlineProxies)],
        scales: declared.flatMap(fragment => fragment.scales),
        themes: declared.flatMap(fragment => fragment.themes),
        questions: declared.flatMap(fragment => fragment.questions),
        gates: declared.flatMap(fragment => fragment.gates),
        evaluation: tried.find(fragment => fragment.evaluation !== null)?.evaluation ?? null,
        rules: tried.flatMap(fragment => fragment.rules),
        profile: combineProfiles(declared.map(fragment => fragment.profile), identity.origin),
        acknowledgements: declared.flatMap(fragment => fragment.acknowledgements),
        extends: resolveExtends(header, origins),
        changes: {
            overrides: declared.flatMap(fragment => fragment.changes.overrides),
            retirements: declared.flatMap(fragment => fragment.changes.retirements),
            outcomeAdditions: declared.flatMap(fragment => fragment.changes.outcomeAdditions),
            measureAdditions: declared.flatMap(fragment => fragment.changes.measureAdditions)
        },
        chain: [{ id: identity.id, version: identity.version, package: identity.package ?? null, sourceHash: identity.sourceHash }]
    };
}

/** The header's `extends` line, as written. */
function resolveExtends(header: ast.FrameworkHeader | undefined, origins: Origins): BaseReference | null {
    const property = header?.properties.find(ast.isExtendsProperty);
    if (!property) return null;
    return { specifier: property.base ?? '', range: versionRangeText(property.range), origin: origins.of(property) };
}



/**
 * The `profile` blocks of a framework's files together; with none, the framework declares no
 * facts and has the default categories (whose origin is the framework header).
 */
export function combineProfiles(profiles: readonly ProfileDeclarations[], headerOrigin: Origin): ProfileDeclarations {
    const declaredCategories = profiles.flatMap(profile => (profile.categoriesDeclared ? profile.categories : []));
    return {
        declared: profiles.some(profile => profile.declared),
        flags: profiles.flatMap(profile => profile.flags),
        choices: profiles.flatMap(profile => profile.choices),
        sets: profiles.flatMap(profile => profile.sets),
        chosen: profiles.flatMap(profile => profile.chosen),
        categories: declaredCategories.length > 0 ? declaredCategories : CONTRACT_CATEGORIES.map(name => ({ name, origin: headerOrigin })),
        categoriesDeclared: declaredCategories.length > 0
    };
}

/** What one document declares, resolved: the part of the model that only changes when the document does. */
type DocumentFragment = Omit<Framework, 'identity' | 'extends' | 'chain'> & {
    /** Proxies written inside this document's measures (the framework lists them after the declared ones). */
    inlineProxies: FinancialProxy[];
};

/**
 * A document's fragment is reused while the document keeps its parse (its root node) and
 * its links (Langium gives a relinked document a new `references` array) and the framework
 * it is resolved for has the same id, version and price year: after an edit to one file of
 * a large framework only that file, and the files whose links the edit touched, are
 * resolved again.
 */
export type FragmentCache = WeakMap<LangiumDocument, { root: unknown; references: unknown; key: string; fragment: DocumentFragment }>;

function fragmentOf(document: LangiumDocument, frameworkKey: string, resolver: () => DeclarationResolver, fragmentCache: FragmentCache | undefined): DocumentFragment {
    const root = rootOf(document);
    const cached = fragmentCache?.get(document);
    if (cached && cached.root === root && cached.references === document.references && cached.key === frameworkKey) {
        return cached.fragment;
    }
    const declarations = resolver();
    const elements = root.elements ?? [];
    const inlineProxies: FinancialProxy[] = [];
    const fragment: DocumentFragment = {
        units: elements.filter(ast.isUnit).map(unit => declarations.unit(unit)),
        proxies: elements.filter(ast.isProxyDeclaration).map(proxy => declarations.proxy(proxy)),
        inlineProxies,
        scales: elements.filter(ast.isScale).map(scale => declarations.scale(scale)),
        themes: elements.filter(ast.isTheme).map(theme => declarations.theme(theme, inlineProxies)),
        questions: elements.filter(ast.isMethodQuestion).map(question => declarations.question(question)),
        gates: elements.filter(ast.isGate).map(gate => declarations.gate(gate)),
        evaluation: declarations.evaluation(elements.find(ast.isEvaluation)),
        rules: elements.filter(ast.isRule).map(rule => declarations.rule(rule)),
        profile: declarations.profile(elements.filter(ast.isProfileDeclaration)),
        acknowledgements: elements.filter(ast.isAcknowledgement).map(acknowledgement => declarations.acknowledgement(acknowledgement)),
        changes: {
            overrides: elements.filter(ast.isOverride).map(override => declarations.override(override)),
            retirements: elements.filter(ast.isRetirement).map(retirement => declarations.retirement(retirement)),
            outcomeAdditions: elements.filter(ast.isThemeAddition).map(addition => declarations.outcomeAddition(addition, inlineProxies)),
            measureAdditions: elements.filter(ast.isOutcomeAddition).map(addition => declarations.measureAddition(addition, inlineProxies))
        }
    };
    fragmentCache?.set(document, { root, references: document.references, key: frameworkKey, fragment });
    return fragment;
}

function rootOf(document: LangiumDocument): ast.Document {
    return document.parseResult.value as ast.Document;
}

function resolveIdentity(header: ast.FrameworkHeader | undefined, entry: LangiumDocument, closure: readonly LangiumDocument[]): FrameworkIdentity {
    const property = <T extends ast.HeaderProperty>(is: (node: unknown) => node is T) => header?.properties.find(is);
    const version = property(ast.isVersionProperty)?.value;
    const priceYear = property(ast.isPriceYearProperty)?.value;
    const maxProxyAge = property(ast.isMaxProxyAgeProperty)?.value;
    const placeholder: Origin = { file: entry.uri.toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, framework: { id: '', version: null } };
    return {
        id: header?.name || path.posix.basename(entry.uri.path),
        title: header?.title ?? null,
        version: version === undefined ? null : version.startsWith('"') || version.startsWith("'") ? ValueConverter.convertString(version) : version,
        currency: property(ast.isCurrencyProperty)?.value ?? 'GBP',
        priceYear: wholeYear(priceYear),
        publisher: property(ast.isPublisherProperty)?.value ?? null,
        status: property(ast.isStatusProperty)?.value ?? 'draft',
        description: property(ast.isDescriptionProperty)?.value ?? null,
        maxProxyAge: maxProxyAge !== undefined && /^\d+$/.test(maxProxyAge) ? Number(maxProxyAge) : DEFAULT_MAX_PROXY_AGE,
        sourceHash: sourceHashOf(entry, closure),
        origin: placeholder,
        hasHeader: header !== undefined,
        origins: {}
    };
}

/** A four-digit year, else null (the validator reports anything else). */
function wholeYear(text: string | undefined): number | null {
    return text !== undefined && /^\d{4}$/.test(text) ? Number(text) : null;
}

/**
 * sha256 over the framework's texts keyed by path relative to the entry file's folder, in
 * path order: the same sources give the same hash wherever they are checked out (line
 * endings are normalised so a Windows checkout agrees).
 */
function sourceHashOf(entry: LangiumDocument, closure: readonly LangiumDocument[]): string {
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

/** Origins of AST nodes, as the model records them. */
class Origins {
    constructor(private readonly framework: FrameworkRef) {}

    /** Where a node is: the given property's text if it has one (e.g. its name), else the whole node. */
    of(node: AstNode, property?: string): Origin {
        const cst = (property ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : undefined) ?? node.$cstNode;
        const document = documentOf(node);
        const range = cst ? uncachedRange(cst) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return { file: document.uri.toString(), range, framework: this.framework };
    }

    /** The first character of a document, for things that have no node of their own. */
    start(document: LangiumDocument): Origin {
        return { file: document.uri.toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, framework: this.framework };
    }

    /** The origins of the properties that are present. */
    all<K extends string>(nodes: Record<K, AstNode | undefined>): Partial<Record<K, Origin>> {
        const result: Partial<Record<K, Origin>> = {};
        for (const key of Object.keys(nodes) as K[]) {
            const node = nodes[key];
            if (node) result[key] = this.of(node);
        }
        return result;
    }
}

function documentOf(node: AstNode): LangiumDocument {
    return AstUtils.getDocument(node);
}

/** Parses a literal the validator checks separately; null when it is missing or malformed. */
function tolerant<T>(text: string | undefined, parse: (text: string) => T): T | null {
    if (text === undefined || text === '') return null;
    try {
        return parse(text);
    } catch {
        return null;
    }
}

class DeclarationResolver {
    constructor(private readonly origins: Origins, private readonly frameworkPriceYear: number | null) {}

    unit(unit: ast.Unit): UnitDefinition {
        const kind = (unit.kind ?? 'quantity') as UnitKind;
        return { id: unit.name, label: unit.label ?? '', kind, monetisable: isMonetisableUnitKind(kind), origin: this.origins.of(unit, 'name') };
    }

    /**
     * A named proxy, or one written inside a measure (named `<measure code>-proxy`, in the
     * measure's unit), with its exact net value per unit.
     */
    proxy(proxy: ast.ProxyDeclaration | ast.InlineProxy): FinancialProxy {
        if (ast.isInlineProxy(proxy)) {
            const measure = proxy.$container.$container;
            const unit = measureUnitPropertyOf(measure);
            return this.proxyFigures(proxy, `${measureCodeOf(measure)}-proxy`, measure.title ?? measureOf(measure)?.title ?? null, unit ? nameOf(unit.unit) : '', this.origins.of(proxy, 'value'));
        }
        return this.proxyFigures(proxy, proxy.name, proxy.title ?? null, nameOf(proxy.unit), this.origins.of(proxy, 'name'));
    }

    private proxyFigures(proxy: ast.ProxyDeclaration | ast.InlineProxy, id: string, title: string | null, unit: string, origin: Origin): FinancialProxy {
        const adjustmentNode = (kind: ast.AdjustmentProperty['kind']) => proxy.properties.find((property): property is ast.AdjustmentProperty => ast.isAdjustmentProperty(property) && property.kind === kind);
        const adjustment = (kind: ast.AdjustmentProperty['kind']) => tolerant(adjustmentNode(kind)?.value, parsePercentage) ?? new Decimal(0);
        const priceYearNode = proxy.properties.find(ast.isProxyPriceYearProperty);
        const sourceNode = proxy.properties.find(ast.isSourceProperty);
        const amount = tolerant(proxy.value, parseAmount) ?? new Decimal(0);
        const deadweight = adjustment('deadweight');
        const attribution = adjustment('attribution');
        const displacement = adjustment('displacement');
        const ownYear = wholeYear(priceYearNode?.value);
        return {
            id, title, inlineIn: ast.isInlineProxy(proxy) ? measureCodeOf(proxy.$container.$container) : null, unit, value: amount,
            source: sourceNode?.value ?? null,
            priceYear: ownYear ?? this.frameworkPriceYear,
            ownPriceYear: ownYear !== null,
            deadweight, attribution, displacement,
            dropOff: adjustment('dropOff'),
            netValuePerUnit: netValuePerUnit(amount, deadweight, attribution, displacement),
            origin,
            origins: {
                ...(proxy.$cstNode ? { value: this.origins.of(proxy, 'value') } : {}),
                ...(priceYearNode ? { priceYear: this.origins.of(priceYearNode, 'value') } : {}),
                ...this.origins.all({
                    source: sourceNode, deadweight: adjustmentNode('deadweight'), attribution: adjustmentNode('attribution'),
                    displacement: adjustmentNode('displacement'), dropOff: adjustmentNode('dropOff')
                })
            }
        };
    }

    scale(scale: ast.Scale): ScoringScale {
        const levels = scale.levels
            .map(level => ({ score: tolerant(level.score, parseNumber), label: level.label ?? '', descriptor: level.descriptor ?? null, origin: this.origins.of(level, 'score') }))
            .filter((level): level is typeof level & { score: Decimal } => level.score !== null);
        return { id: scale.name, title: scale.title ?? null, levels: levels.sort((a, b) => a.score.comparedTo(b.score)), origin: this.origins.of(scale, 'name') };
    }

    theme(theme: ast.Theme, proxies: FinancialProxy[]): Theme {
        return {
            id: theme.name,
            title: theme.title ?? null,
            description: theme.description ?? null,
            origin: this.origins.of(theme, 'name'),
            outcomes: theme.outcomes.map(outcome => this.outcome(outcome, proxies))
        };
    }

    private outcome(outcome: ast.Outcome, proxies: FinancialProxy[]): Outcome {
        return {
            id: outcome.name,
            title: outcome.title ?? null,
            description: outcome.description ?? null,
            theme: themeNameOf(outcome),
            origin: this.origins.of(outcome, 'name'),
            measures: outcome.measures.map(measure => this.measure(measure, proxies))
        };
    }

    outcomeAddition(addition: ast.ThemeAddition, proxies: FinancialProxy[]): OutcomeAddition {
        return { theme: nameOf(addition.theme), outcomes: addition.outcomes.map(outcome => this.outcome(outcome, proxies)), origin: this.origins.of(addition, 'theme') };
    }

    measureAddition(addition: ast.OutcomeAddition, proxies: FinancialProxy[]): MeasureAddition {
        return { outcome: nameOf(addition.outcome), measures: addition.measures.map(measure => this.measure(measure, proxies)), origin: this.origins.of(addition, 'outcome') };
    }

    retirement(retirement: ast.Retirement): FrameworkRetirement {
        const kind = retirement.kind;
        return { kind, target: nameOf(retirement[kind]), reason: this.reason(retirement), origin: this.origins.of(retirement, kind) };
    }

    private reason(node: { reason?: string } & AstNode): WrittenReason | null {
        return node.reason === undefined ? null : { text: node.reason, origin: this.origins.of(node, 'reason') };
    }

    /** An override as written: only the properties it sets. */
    override(node: ast.Override): FrameworkOverride {
        const common = { reason: this.reason(node), origin: ast.isEvaluationOverride(node) ? this.origins.of(node) : this.origins.of(node, 'target') };
        const written = <T extends object>(all: T, origins: Partial<Record<string, Origin>>, extra: string[] = []): Partial<T> =>
            Object.fromEntries(Object.entries(all).filter(([key]) => key in origins || extra.includes(key))) as Partial<T>;
        const titled = (title: string | undefined) => (title === undefined ? {} : { title: this.origins.of(node, 'title') });
        if (ast.isEvaluationOverride(node)) {
            const evaluation = this.evaluation(node as unknown as ast.Evaluation)!;
            const changes: EvaluationOverrideChanges = {};
            if (evaluation.origins.weighting && evaluation.weighting) {
                changes.weighting = evaluation.weighting;
                changes.weightingMinimum = evaluation.weightingMinimum;
            }
            if (evaluation.origins.criteria) changes.criteria = evaluation.criteria;
            if (evaluation.origins.measureCap && evaluation.measureCap) changes.measureCap = evaluation.measureCap;
            if (evaluation.origins.outlasting && evaluation.outlasting) changes.outlasting = evaluation.outlasting;
            if (evaluation.origins.split && evaluation.split) changes.split = evaluation.split;
            if (evaluation.origins.method) changes.method = evaluation.method;
            if (evaluation.origins.unmetMinimum) changes.unmetMinimum = evaluation.unmetMinimum;
            if (evaluation.origins.unmetRatio) changes.unmetRatio = evaluation.unmetRatio;
            if (evaluation.origins.recordOnlyCounts) changes.recordOnlyCounts = evaluation.recordOnlyCounts;
            return { kind: 'evaluation', target: '', ...common, changes, origins: evaluation.origins };
        }
        const target = nameOf(node.target);
        if (ast.isProxyOverride(node)) {
            const proxy = this.proxy(node as unknown as ast.ProxyDeclaration);
            const { value, ...origins } = proxy.origins;
            const propertyOrigins = { ...origins, ...(node.value !== undefined && value ? { value } : {}), ...titled(node.title) };
            const changes = written({ title: node.title ?? null, value: proxy.value, source: proxy.source, priceYear: proxy.priceYear, deadweight: proxy.deadweight, attribution: proxy.attribution, displacement: proxy.displacement, dropOff: proxy.dropOff }, propertyOrigins);
            return { kind: 'proxy', target, ...common, changes, origins: propertyOrigins };
        }
        if (ast.isMeasureOverride(node)) {
            const inline: FinancialProxy[] = [];
            const measure = this.measure(node, inline);
            const { unit: _unit, ...origins } = measure.origins;
            const propertyOrigins = { ...origins, ...titled(node.title) };
            const changes = written({ title: node.title ?? null, proxy: measure.proxy, ask: measure.ask, guidance: measure.guidance, evidence: measure.evidence, minimum: measure.minimum, maximum: measure.maximum, wholeNumbers: measure.wholeNumbers, categories: measure.categories, recordOnly: measure.recordOnly, multiYear: measure.multiYear, codes: measure.codes, tags: measure.tags, horizon: measure.horizon, answer: measure.answer, afterAward: measure.afterAward }, propertyOrigins);
            return { kind: 'measure', target, ...common, changes, origins: propertyOrigins, inlineProxy: inline[0] ?? null };
        }
        if (ast.isScaleOverride(node)) {
            const scale = this.scale(node as unknown as ast.Scale);
            return { kind: 'scale', target, ...common, changes: node.title === undefined ? {} : { title: node.title }, levels: scale.levels, origins: titled(node.title) };
        }
        if (ast.isQuestionOverride(node)) {
            const question = this.question(node as unknown as ast.MethodQuestion);
            const propertyOrigins = { ...question.origins, ...titled(node.title) };
            const { words, ...rest } = propertyOrigins;
            const origins = { ...rest, ...(words ? { wordLimit: words } : {}) };
            const changes = written({ title: node.title ?? null, outcomes: question.outcomes, scale: question.scale, wordLimit: question.wordLimit, weight: question.weight, minimumLevel: question.minimumLevel, ask: question.ask, guidance: question.guidance, evidence: question.evidence, codes: question.codes, tags: question.tags }, origins);
            return { kind: 'question', target, ...common, changes, origins };
        }
        if (ast.isGateOverride(node)) {
            const gate = this.gate(node as unknown as ast.Gate);
            const origins = { ...gate.origins, ...titled(node.title) };
            const changes = written({ title: node.title ?? null, ask: gate.ask, guidance: gate.guidance, evidence: gate.evidence }, origins);
            return { kind: 'gate', target, ...common, changes, origins };
        }
        const rule = this.rule(node as unknown as ast.Rule);
        const changes: RuleOverrideChanges = {};
        const origins: PropertyOrigins<'title' | 'condition' | 'effects'> = {};
        if (node.title !== undefined) { changes.title = node.title; origins.title = this.origins.of(node, 'title'); }
        if (node.condition) { changes.condition = rule.condition ?? { all: [] }; origins.condition = this.origins.of(node.condition); }
        const block = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
        if (block) {
            changes.effects = rule.effects;
            changes.effectOrigins = rule.effectOrigins;
            origins.effects = { ...this.origins.of(node), range: uncachedRange(block) };
        }
        return { kind: 'rule', target, ...common, changes, origins };
    }

    /** Inline proxies join `proxies`, named after their measure. */
    private measure(measure: ast.Measure | ast.MeasureOverride, proxies: FinancialProxy[]): Measure {
        const property = <T extends ast.MeasureProperty>(is: (node: unknown) => node is T) => measure.properties.find(is);
        const unitProperty = property(ast.isMeasureUnitProperty);
        const unitKind = (measureUnitPropertyOf(measure)?.unit?.ref?.kind ?? 'quantity') as UnitKind;
        const recordOnly = property(ast.isRecordOnlyProperty);
        const proxyProperty = property(ast.isMeasureProxyProperty);
        let proxy: string | null = null;
        // Record-only and unmonetisable measures are never given a value, whatever is written.
        if (proxyProperty && !recordOnly && isMonetisableUnitKind(unitKind)) {
            if (proxyProperty.inline) {
                const inline = this.proxy(proxyProperty.inline);
                proxy = inline.id;
                proxies.push(inline);
            } else if (proxyProperty.proxy) {
                proxy = nameOf(proxyProperty.proxy);
            }
        }
        const categoriesProperties = measure.properties.filter(ast.isCategoriesProperty);
        const minimum = property(ast.isMinimumProperty);
        const maximum = property(ast.isMaximumProperty);
        const wholeNumbers = property(ast.isWholeNumbersProperty);
        const ask = property(ast.isAskProperty);
        const guidance = property(ast.isGuidanceProperty);
        const evidence = property(ast.isEvidenceProperty);
        const multiYear = property(ast.isMultiYearProperty);
        const codesProperties = measure.properties.filter(ast.isCodesProperty);
        const tagsProperties = measure.properties.filter(ast.isTagsProperty);
        const horizon = property(ast.isHorizonProperty);
        const answer = property(ast.isAnswerProperty);
        const afterAward = property(ast.isAfterAwardProperty);
        const inBase = ast.isMeasure(measure) ? measure : undefined;
        return {
            code: measureCodeOf(measure),
            title: measure.title ?? null,
            theme: inBase ? measureThemeNameOf(inBase) : '',
            outcome: inBase ? outcomeNameOf(inBase) : '',
            unit: unitProperty ? nameOf(unitProperty.unit) : null,
            proxy,
            ask: ask?.value ?? null,
            guidance: guidance?.value ?? null,
            evidence: evidence?.value ?? null,
            minimum: amountValue(minimum?.value) ?? null,
            maximum: amountValue(maximum?.value) ?? null,
            wholeNumbers: wholeNumbers !== undefined,
            // All `categories` lines together; empty = every category.
            categories: [...new Set(categoriesProperties.flatMap(found => found.categories))],
            recordOnly: recordOnly !== undefined,
            multiYear: multiYear !== undefined,
            codes: [...new Set(codesProperties.flatMap(found => found.codes.map(externalCode)))],
            tags: [...new Set(tagsProperties.flatMap(found => found.tags.map(externalCode)))],
            horizon: resolveHorizon(horizon),
            answer: resolveAnswer(answer),
            afterAward: afterAward?.frequency ?? null,
            origin: this.origins.of(measure, inBase ? 'name' : 'target'),
            origins: this.origins.all({
                unit: unitProperty, proxy: proxyProperty, ask, guidance, evidence, minimum, maximum, wholeNumbers,
                categories: categoriesProperties[0], recordOnly, multiYear, codes: codesProperties[0], tags: tagsProperties[0],
                horizon, answer, afterAward: afterAward?.frequency ? afterAward : undefined
            })
        };
    }

    question(question: ast.MethodQuestion): MethodStatementQuestion {
        const property = <T extends ast.QuestionProperty>(is: (node: unknown) => node is T) => question.properties.find(is);
        const outcomeProperties = question.properties.filter(ast.isQuestionOutcomesProperty);
        const outcomes = outcomeProperties.flatMap(found => found.outcomes);
        const scale = property(ast.isQuestionScaleProperty);
        const words = property(ast.isWordLimitProperty);
        const weight = property(ast.isWeightProperty);
        const minimumLevel = property(ast.isMinimumLevelProperty);
        const ask = property(ast.isAskProperty);
        const guidance = property(ast.isGuidanceProperty);
        const evidence = property(ast.isEvidenceProperty);
        const codesProperties = question.properties.filter(ast.isCodesProperty);
        const tagsProperties = question.properties.filter(ast.isTagsProperty);
        return {
            id: question.name,
            title: question.title ?? null,
            outcomes: outcomes.map(nameOf),
            theme: outcomes[0]?.ref ? themeNameOf(outcomes[0].ref) : null,
            scale: scale ? nameOf(scale.scale) : null,
            wordLimit: words && /^\d+$/.test(words.value ?? '') ? Number(words.value) : null,
            weight: weight ? resolveWeight(weight.value) : null,
            minimumLevel: tolerant(minimumLevel?.value, parseNumber),
            ask: ask?.value ?? question.title ?? null,
            guidance: guidance?.value ?? null,
            evidence: evidence?.value ?? null,
            codes: [...new Set(codesProperties.flatMap(found => found.codes.map(externalCode)))],
            tags: [...new Set(tagsProperties.flatMap(found => found.tags.map(externalCode)))],
            origin: this.origins.of(question, 'name'),
            origins: this.origins.all({ outcomes: outcomeProperties[0], scale, words, weight, minimumLevel, ask, guidance, evidence, codes: codesProperties[0], tags: tagsProperties[0] })
        };
    }

    gate(gate: ast.Gate): PassFailGate {
        const ask = gate.properties.find(ast.isAskProperty);
        const guidance = gate.properties.find(ast.isGuidanceProperty);
        const evidence = gate.properties.find(ast.isEvidenceProperty);
        return {
            id: gate.name,
            title: gate.title ?? null,
            ask: ask?.value ?? gate.title ?? null,
            guidance: guidance?.value ?? null,
            evidence: evidence?.value ?? null,
            origin: this.origins.of(gate, 'name'),
            origins: this.origins.all({ ask, guidance, evidence })
        };
    }

    /** The framework's evaluation block: the first in closure order (the entry file's own first). */
    evaluation(evaluation: ast.Evaluation | undefined): EvaluationSettings | null {
        if (!evaluation) return null;
        const weighting = evaluation.properties.find(ast.isWeightingProperty);
        const split = evaluation.properties.find(ast.isSplitProperty);
        const method = evaluation.properties.find(ast.isMethodProperty);
        const unmetMinimum = evaluation.properties.find(ast.isUnmetMinimumProperty);
        const unmetRatio = evaluation.properties.find(ast.isUnmetRatioProperty);
        const recordOnlyCounts = evaluation.properties.find(ast.isRecordOnlyCountsProperty);
        const measureCap = evaluation.properties.find(ast.isMeasureCapProperty);
        const outlasting = evaluation.properties.find(ast.isOutlastingProperty);
        const criteria = evaluation.properties.filter(ast.isCriterionProperty);
        const quantitative = tolerant(split?.quantitative, parsePercentage);
        const qualitative = tolerant(split?.qualitative, parsePercentage);
        const weightingValue = weightingValueOf(weighting);
        return {
            weighting: weightingValue.weighting,
            weightingMinimum: weightingValue.minimum,
            criteria: criteria.map(criterion => this.criterion(criterion)),
            measureCap: tolerant(measureCap?.value, parsePercentage),
            outlasting: outlasting?.action ?? null,
            split: quantitative !== null && qualitative !== null ? { quantitative, qualitative } : null,
            method: resolveMethod(method),
            unmetMinimum: unmetMinimum?.outcome === 'disqualify' ? 'disqualify' : DEFAULT_SCORING_CHOICES.unmetMinimum,
            unmetRatio: unmetRatio?.outcome === 'disqualify' ? 'disqualify' : DEFAULT_SCORING_CHOICES.unmetRatio,
            recordOnlyCounts: recordOnlyCounts !== undefined || DEFAULT_SCORING_CHOICES.recordOnlyCounts,
            origin: this.origins.of(evaluation),
            origins: this.origins.all({
                weighting, split, method,
                // Half-typed (`unmet minimum` with no choice yet): not written, so an override does not change it.
                unmetMinimum: unmetMinimum?.outcome ? unmetMinimum : undefined,
                unmetRatio: unmetRatio?.outcome ? unmetRatio : undefined,
                recordOnlyCounts, measureCap, outlasting: outlasting?.action ? outlasting : undefined,
                criteria: criteria[0]
            })
        };
    }

    criterion(criterion: ast.CriterionProperty): AwardCriterion {
        const covers = (criterion.covers ?? []).reduce<ElementSelection>((selection, target) => addToSelection(selection, target), emptySelection());
        const value = weightingValueOf(criterion);
        return {
            id: criterion.name,
            title: criterion.title ?? null,
            description: criterion.description ?? null,
            weighting: value.weighting ?? new Decimal(0),
            weightingMinimum: value.minimum,
            covers,
            origin: this.origins.of(criterion, 'name')
        };
    }

    /** The `profile` blocks of one file, together. */
    profile(blocks: ast.ProfileDeclaration[]): ProfileDeclarations {
        const facts = blocks.flatMap(block => block.facts);
        const valueOrigins = (fact: ast.ChoiceFact | ast.SetFact) =>
            GrammarUtils.findNodesForProperty(fact.$cstNode, 'values').map(cst => ({ ...this.origins.of(fact), range: uncachedRange(cst) }));
        const categories = facts.filter(ast.isCategoriesFact).flatMap(fact =>
            GrammarUtils.findNodesForProperty(fact.$cstNode, 'categories').map((cst, index) => ({ name: fact.categories[index] ?? cst.text, origin: { ...this.origins.of(fact), range: uncachedRange(cst) } })));
        return {
            declared: blocks.length > 0,
            flags: facts.filter(ast.isFlagFact).map(fact => ({ name: fact.name, title: fact.title ?? null, origin: this.origins.of(fact, 'name') })),
            choices: facts.filter(ast.isChoiceFact).map(fact => ({ name: fact.name, title: fact.title ?? null, values: [...fact.values], origin: this.origins.of(fact, 'name'), valueOrigins: valueOrigins(fact) })),
            sets: facts.filter(ast.isSetFact).map(fact => ({ name: fact.name, title: fact.title ?? null, values: [...fact.values], origin: this.origins.of(fact, 'name'), valueOrigins: valueOrigins(fact) })),
            chosen: facts.filter(ast.isChosenFact).filter(fact => fact.kind).map(fact => ({ kind: fact.kind, title: fact.title ?? null, origin: this.origins.of(fact, 'kind') })),
            categories,
            categoriesDeclared: categories.length > 0
        };
    }

    acknowledgement(acknowledgement: ast.Acknowledgement): Acknowledgement {
        return {
            code: acknowledgement.code ?? '',
            subject: acknowledgement.subject ?? null,
            reason: acknowledgement.reason ?? null,
            origin: this.origins.of(acknowledgement)
        };
    }

    /** One rule as plain data with the origins of its parts. */
    rule(rule: ast.Rule): FrameworkRule {
        const origins: RuleEffectOrigins = { noAsk: null, selectMin: null, selectMax: null, require: [], minimumCommitments: [], includedMeasures: [] };
        const effects = emptyEffects();
        const count = (text: string | undefined) => tolerant(text, parseNumber)?.toNumber() ?? null;
        for (const effect of rule.effects) {
            if (ast.isNoAskEffect(effect)) {
                effects.noAsk = true;
                origins.noAsk = this.origins.of(effect);
            } else if (ast.isWeightingEffect(effect)) {
                const weighting = tolerant(effect.value, parsePercentage)?.toNumber() ?? null;
                if (effect.criterion === undefined) {
                    effects.weighting = weighting;
                    origins.weighting = this.origins.of(effect, 'value');
                } else if (weighting !== null) {
                    (effects.criterionWeightings ??= []).push({ criterion: effect.criterion, weighting });
                    (origins.criterionWeightings ??= []).push(this.origins.of(effect, 'criterion'));
                }
            } else if (ast.isSplitProperty(effect)) {
                const quantitative = tolerant(effect.quantitative, parsePercentage)?.toNumber();
                const qualitative = tolerant(effect.qualitative, parsePercentage)?.toNumber();
                if (quantitative !== undefined && qualitative !== undefined) effects.split = { quantitative, qualitative };
                origins.split = this.origins.of(effect);
            } else if (ast.isMethodProperty(effect)) effects.method = ruleMethod(resolveMethod(effect));
            else if (ast.isOutlastingProperty(effect)) effects.outlasting = effect.action ?? null;
            else if (ast.isIncludeChosenEffect(effect)) {
                if (effect.kind && !(effects.includeChosen ??= []).includes(effect.kind)) effects.includeChosen.push(effect.kind);
            }
            else if (ast.isIncludeEffect(effect)) {
                effects.include = addToSelection(effects.include, effect.target);
                (effect.target?.measures ?? []).forEach((reference, index) => origins.includedMeasures.push({
                    measure: nameOf(reference),
                    origin: this.referenceOrigin(effect.target, 'measures', index)
                }));
            } else if (ast.isExcludeEffect(effect)) effects.exclude = addToSelection(effects.exclude, effect.target);
            else if (ast.isSelectEffect(effect)) {
                effects.select = { min: count(effect.min), max: count(effect.max) };
                origins.selectMin = effect.min === undefined ? null : this.origins.of(effect, 'min');
                origins.selectMax = effect.max === undefined ? null : this.origins.of(effect, 'max');
            } else if (ast.isRequireEffect(effect)) {
                const source = effect.from?.ref;
                effects.require.push(source && ast.isOutcome(source)
                    ? { outcome: source.name, count: count(effect.count) ?? 0 }
                    : { theme: nameOf(effect.from), count: count(effect.count) ?? 0 });
                origins.require.push(this.origins.of(effect, 'count'));
            } else if (ast.isMinimumCommitmentEffect(effect)) {
                effects.minimumCommitments.push({
                    measure: nameOf(effect.measure),
                    quantity: count(effect.quantity) ?? 0,
                    per: tolerant(effect.per, text => moneyString(parseAmount(text))),
                    ...(effect.perYear ? { perYear: true } : {})
                });
                origins.minimumCommitments.push({ measure: this.origins.of(effect, 'measure'), quantity: this.origins.of(effect, 'quantity') });
            } else if (ast.isRatioEffect(effect)) {
                effects.minimumSvRatio = tolerant(effect.value, parsePercentage)?.toNumber() ?? null;
                origins.ratio = this.origins.of(effect);
            }
            else if (ast.isKpiEffect(effect)) effects.kpis = count(effect.value);
        }
        return {
            id: rule.name,
            title: rule.title ?? null,
            placement: rule.placement && rule.anchor ? { position: rule.placement, rule: nameOf(rule.anchor), origin: this.origins.of(rule, 'anchor') } : null,
            condition: rule.condition ? resolveCondition(rule.condition) : null,
            effects: effects as RuleEffects,
            origin: this.origins.of(rule, 'name'),
            origins: {
                ...(rule.title !== undefined ? { title: this.origins.of(rule, 'title') } : {}),
                ...(rule.condition ? { condition: this.origins.of(rule.condition) } : {})
            },
            effectOrigins: origins
        };
    }

    /** The origin of the index-th reference of a list property. */
    private referenceOrigin(node: ast.ElementSelection, property: 'measures', index: number): Origin {
        const cst = GrammarUtils.findNodesForProperty(node.$cstNode, property)[index];
        const origin = this.origins.of(node);
        return cst ? { ...origin, range: uncachedRange(cst) } : origin;
    }
}

/**
 * `cst.range` as fresh objects, computed as Langium does but without filling the range cache
 * of every composite node it passes through: those caches (a range and two positions per
 * node) would otherwise stay alive with the document, about 150 MB at 100,000 measures.
 */
function uncachedRange(cst: CstNode): { start: { line: number; character: number }; end: { line: number; character: number } } {
    if (!isCompositeCstNode(cst)) return cst.range;
    const first = cst.content.find(child => !child.hidden);
    let last: CstNode | undefined;
    for (let index = cst.content.length - 1; index >= 0 && !last; index--) {
        if (!cst.content[index].hidden) last = cst.content[index];
    }
    if (!first || !last) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = uncachedRange(first).start;
    const end = uncachedRange(last).end;
    return { start, end: end.line < start.line ? { ...start } : end };
}

function resolveWeight(weight: ast.PercentAmount | ast.NumberAmount | undefined): QuestionWeight | null {
    const value = amountValue(weight);
    if (!weight || value === undefined) return null;
    return { kind: ast.isPercentAmount(weight) ? 'percentage' : 'points', value };
}

/** `weighting 10%` or `weighting at least 10% default 12%` (the default is the floor when not written). */
function weightingValueOf(node: { value?: string; minimum?: string; default?: string } | undefined): { weighting: Decimal | null; minimum: Decimal | null } {
    if (!node) return { weighting: null, minimum: null };
    if (node.minimum !== undefined) {
        const minimum = tolerant(node.minimum, parsePercentage);
        return { weighting: tolerant(node.default, parsePercentage) ?? minimum, minimum };
    }
    return { weighting: tolerant(node.value, parsePercentage), minimum: null };
}

/** A scoring method as rules JSON carries it. */
function ruleMethod(method: EvaluationMethod): RuleScoringMethod {
    if (method.kind === 'relative') return { kind: 'relative' };
    return method.target.kind === 'money'
        ? { kind: 'absolute', target: { kind: 'money', amount: moneyString(method.target.amount) } }
        : { kind: 'absolute', target: { kind: 'share-of-contract-value', percent: method.target.percent.toNumber() } };
}

/** A code or tag as written: a string's contents, anything else as its text. */
function externalCode(code: string): string {
    return code;
}

function resolveHorizon(horizon: ast.HorizonProperty | undefined): MeasureHorizon | null {
    const value = tolerant(horizon?.value, parseNumber);
    if (!horizon?.period || value === null) return null;
    const period = horizon.period.startsWith('week') ? 'weeks' : horizon.period.startsWith('year') ? 'years' : 'months';
    const months = period === 'weeks' ? value.times(12).dividedBy(52) : period === 'years' ? value.times(12) : value;
    return { value, period, months };
}

function resolveAnswer(answer: ast.AnswerProperty | undefined): MeasureAnswer {
    if (!answer) return { kind: 'number' };
    if (answer.yesNo) return { kind: 'yes-no' };
    if (answer.choice) return { kind: 'choice', options: [...answer.options] };
    if (answer.text) return { kind: 'text', wordLimit: answer.words && /^\d+$/.test(answer.words) ? Number(answer.words) : null };
    if (answer.attachment) return { kind: 'attachment', description: answer.description ?? null };
    return { kind: 'number' };
}

function resolveMethod(method: ast.MethodProperty | undefined): EvaluationMethod {
    const target = method?.target;
    const value = amountValue(target);
    if (!method || method.method === 'relative' || !target || value === undefined) return { kind: 'relative' };
    return ast.isPercentAmount(target)
        ? { kind: 'absolute', target: { kind: 'share-of-contract-value', percent: value } }
        : { kind: 'absolute', target: { kind: 'money', amount: value } };
}

/** A referenced declaration's name, or the name as written when it does not resolve. */
function nameOf(reference: Reference<AstNode & { name: string }> | undefined): string {
    return reference?.ref?.name ?? reference?.$refText ?? '';
}

/** A rule's condition as plain data: the parts written so far (a half-typed part is left out). */
export function resolveCondition(condition: ast.Condition | undefined): RuleCondition {
    return writtenPartsOf(writtenCondition(condition)) ?? { all: [] };
}

/**
 * A condition as far as it is written, with the parts the parser had to leave out (the user
 * is still typing them) marked missing: what the editor words in a hover, and what resolve
 * takes the written parts of.
 */
export function writtenCondition(condition: ast.Condition | undefined): WrittenCondition {
    if (!condition) return MISSING_PART;
    if (ast.isOrCondition(condition)) return { any: flatten(condition, ast.isOrCondition).map(writtenCondition) };
    if (ast.isAndCondition(condition)) return { all: flatten(condition, ast.isAndCondition).map(writtenCondition) };
    if (ast.isNotCondition(condition)) return { not: writtenCondition(condition.operand) };
    if (ast.isCategoryCondition(condition)) return { category: [...new Set(condition.categories ?? [])].filter(Boolean) as ContractCategory[] };
    if (ast.isFlagCondition(condition)) return condition.flag ? { flag: condition.flag } : MISSING_PART;
    if (ast.isFactCondition(condition)) return condition.fact ? { fact: condition.fact, values: [...new Set(condition.values ?? [])] } : MISSING_PART;
    if (ast.isValueComparison(condition)) {
        return { field: condition.field ?? MISSING_PART, op: condition.op ?? MISSING_PART, value: conditionValue(condition.field, condition.value) ?? MISSING_PART };
    }
    if (ast.isValueBand(condition)) {
        return {
            field: condition.field ?? MISSING_PART,
            from: conditionValue(condition.field, condition.low) ?? MISSING_PART,
            to: condition.high === undefined ? null : conditionValue(condition.field, condition.high) ?? MISSING_PART
        };
    }
    return MISSING_PART;
}

/** `a or b or c` parses as ((a or b) or c): one list reads better in JSON. */
function flatten<T extends ast.AndCondition | ast.OrCondition>(condition: T, is: (node: unknown) => node is T): Array<ast.Condition | undefined> {
    return [condition.left, condition.right].flatMap(side => (side && is(side) ? flatten(side, is) : [side]));
}

function conditionValue(field: ast.ProfileField | undefined, amount: ast.MoneyAmount | ast.NumberAmount | undefined): string | number | null {
    const value = amountValue(amount);
    if (!field || value === undefined) return null;
    return field === 'durationMonths' ? value.toNumber() : moneyString(value);
}

function addToSelection(selection: ElementSelection | null, target: ast.ElementSelection | undefined): ElementSelection {
    const result = selection ?? emptySelection();
    if (!target) return result;
    const add = (list: string[], references: Array<Reference<AstNode & { name: string }>> | undefined) => {
        for (const reference of references ?? []) {
            const name = nameOf(reference);
            if (!list.includes(name)) list.push(name);
        }
    };
    add(result.themes, target.themes);
    add(result.measures, target.measures);
    add(result.questions, target.questions);
    add(result.gates, target.gates);
    return result;
}

/**
 * One proxy's figures as the compiler computes them, for the editor's hovers. The
 * framework's price year is not known here, so a proxy without its own has none.
 */
export function resolveProxy(proxy: ast.ProxyDeclaration | ast.InlineProxy): FinancialProxy {
    return new DeclarationResolver(new Origins({ id: '', version: null }), null).proxy(proxy);
}
