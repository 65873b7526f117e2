import { AstUtils, DocumentState, UriUtils, WorkspaceCache, type LangiumDocument, type Properties, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { Decimal } from 'decimal.js';
import { formatPounds, parseAmountLiteral } from '../../model/amounts.js';
import { resolveRule, rulesOf, scopedMeasuresOf } from '../../compiler/resolve.js';
import { analyseRuleCoverage, type RuleCoverage } from '../../model/rules/rule-coverage.js';
import { isRelevantToCategory, measuresInScope, type ScopedMeasure } from '../../model/rules/rule-scope.js';
import type { ContractCategory, ProportionalityRule } from '../../model/rules/rule-types.js';
import * as ast from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { FrameworkDocuments, headerOf, relativePath } from './framework-documents.js';
import { IssueCodes } from './issue-codes.js';

/**
 * Proportionality rule checks. Rules are tried in the order of the entry file's import
 * closure (importer first), so whether a rule can ever apply, and to which contracts,
 * depends on the framework it belongs to: each rule is analysed in every framework (a
 * document with a header) whose closure holds its file, with the same conversion and
 * coverage analysis the compiler uses. A file that no loaded framework imports is
 * analysed on its own.
 */
export function ruleChecks(services: SvfServices): ValidationChecks<ast.SvfAstType> {
    const frameworks = new FrameworkRules(services);
    return {
        Document: (document, accept) => {
            if (!document.header) return;
            const context = frameworks.forEntry(AstUtils.getDocument(document));
            // One warning per band, naming every category it is a gap for.
            const categoriesByBand = new Map<string, ContractCategory[]>();
            for (const gap of context.coverage?.gaps ?? []) {
                categoriesByBand.set(gap.band, [...(categoriesByBand.get(gap.band) ?? []), gap.category]);
            }
            for (const [band, categories] of categoriesByBand) {
                accept('warning', `${listed(categories)} contracts ${band} match no rule. Add a rule for them, or a final rule without \`when\` to catch everything else.`,
                    { node: document.header, property: 'name', code: IssueCodes.RuleGap });
            }
        },
        Rule: (rule, accept) => {
            // A rule still being typed: the syntax error says what is wrong.
            if (!rule.name) return;
            const contexts = frameworks.containing(AstUtils.getDocument(rule));
            const reported = new Set<string>();
            const report = (severity: 'error' | 'warning', message: string, info: Parameters<ValidationAcceptor>[2]) => {
                if (reported.has(message)) return;
                reported.add(message);
                accept(severity, message, info);
            };
            for (const context of contexts) {
                checkRuleInFramework(rule, context, contexts.length > 1, report);
            }
            checkEffectConflicts(rule, accept);
        },
        ValueBand: checkBand,
        ValueComparison: (comparison, accept) => checkConditionValue(comparison, 'value', comparison.value, accept),
        SelectEffect: checkSelect,
        RequireEffect: (effect, accept) => checkCount(effect, 'count', effect.count, 1, accept, `the number of measures required from a theme`),
        KpiEffect: (effect, accept) => checkCount(effect, 'value', effect.value, 0, accept, 'the number of KPIs'),
        WeightingEffect: (effect, accept) => checkPercentage(effect, effect.value, 'weighting', accept),
        RatioEffect: (effect, accept) => checkPercentage(effect, effect.value, 'ratio', accept),
        MinimumCommitmentEffect: checkMinimumCommitment
    };
}

/**
 * One framework's rules, analysed; `rules` and `resolved` are in the order they are tried.
 * No coverage while any file of the closure has a syntax error: half-typed rules would
 * only give misleading gaps and unreachable rules on top of the syntax error.
 */
interface FrameworkContext {
    entry: LangiumDocument;
    name: string;
    rules: ast.Rule[];
    resolved: ProportionalityRule[];
    coverage: RuleCoverage | undefined;
    measures: ScopedMeasure[];
}

/**
 * Builds and caches the analysis of each framework once per build: the cache is cleared
 * when linking finishes, so validation always sees the current ASTs.
 */
class FrameworkRules {
    private readonly cache: WorkspaceCache<string, FrameworkContext>;
    private readonly frameworks: FrameworkDocuments;

    constructor(services: SvfServices) {
        this.cache = new WorkspaceCache(services.shared, DocumentState.Linked);
        this.frameworks = FrameworkDocuments.of(services);
    }

    forEntry(entry: LangiumDocument): FrameworkContext {
        return this.cache.get(entry.uri.toString(), () => {
            const closure = this.frameworks.closureOf(entry);
            const rules = rulesOf(closure);
            const name = headerOf(entry)?.name ?? UriUtils.basename(entry.uri);
            const broken = closure.some(document => document.parseResult.parserErrors.length > 0 || document.parseResult.lexerErrors.length > 0);
            if (broken) {
                return { entry, name, rules, resolved: [], coverage: undefined, measures: [] };
            }
            const resolved = rules.map(resolveRule);
            return { entry, name, rules, resolved, coverage: analyseRuleCoverage(resolved), measures: scopedMeasuresOf(closure) };
        });
    }

    /** The frameworks whose closure holds the document; the document alone if there are none. */
    containing(document: LangiumDocument): FrameworkContext[] {
        const entries = this.frameworks.headersOver(document).map(header => AstUtils.getDocument(header));
        return (entries.length > 0 ? entries : [document]).map(entry => this.forEntry(entry));
    }
}

type Report = (severity: 'error' | 'warning', message: string, info: Parameters<ValidationAcceptor>[2]) => void;

function checkRuleInFramework(rule: ast.Rule, context: FrameworkContext, nameFramework: boolean, report: Report): void {
    const index = context.rules.indexOf(rule);
    const reach = context.coverage?.rules[index];
    if (index < 0 || !reach) return;
    const where = nameFramework ? ` in framework '${context.name}'` : '';
    if (reach.unreachable) {
        report('warning', unreachableMessage(rule, context, reach.shadowedBy, where), { node: rule, property: 'name', code: IssueCodes.RuleUnreachable });
        return;
    }
    const resolved = context.resolved[index]!;
    checkMeasureRelevance(rule, context, reach.appliesTo, where, report);
    checkMeasuresAvailable(rule, resolved, context, reach.appliesTo, where, report);
}

function unreachableMessage(rule: ast.Rule, context: FrameworkContext, shadowedBy: string[], where: string): string {
    if (shadowedBy.length === 0) {
        return `Rule '${rule.name}' can never apply${where}: no contract satisfies its condition. Correct the condition or remove the rule.`;
    }
    const ruleDocument = AstUtils.getDocument(rule);
    const names = shadowedBy.map(name => {
        const earlier = context.rules.find(candidate => candidate.name === name);
        const elsewhere = earlier && AstUtils.getDocument(earlier) !== ruleDocument;
        return `'${name}'${elsewhere ? ` (${relativePath(ruleDocument.uri, AstUtils.getDocument(earlier).uri)})` : ''}`;
    });
    return names.length === 1
        ? `Rule '${rule.name}' can never apply${where}: earlier rule ${names[0]} already matches every contract it matches. Move it above '${shadowedBy[0]}' or remove it.`
        : `Rule '${rule.name}' can never apply${where}: earlier rules ${listed(names)} already match every contract it matches. Move it above them or remove it.`;
}

/** Measures a rule includes or sets a minimum for that no contract it applies to is asked. */
function checkMeasureRelevance(rule: ast.Rule, context: FrameworkContext, appliesTo: ContractCategory[], where: string, report: Report): void {
    const measureNamed = (name: string) => context.measures.find(measure => measure.code === name);
    const irrelevant = (name: string) => {
        const measure = measureNamed(name);
        return measure && !appliesTo.some(category => isRelevantToCategory(measure.categories, category)) ? measure : undefined;
    };
    const categories = (list: readonly ContractCategory[]) => listed([...list], 'or');
    const applies = `rule '${rule.name}' only applies to ${listed([...appliesTo], 'and')} contracts${where}`;
    for (const effect of rule.effects) {
        if (ast.isIncludeEffect(effect)) {
            effect.target.measures.forEach((reference, index) => {
                const measure = reference.ref ? irrelevant(reference.ref.name) : undefined;
                if (!measure) return;
                report('warning', `Measure '${measure.code}' is only asked of ${categories(measure.categories)} contracts, but ${applies}, so including it has no effect. Remove it from the rule, or add ${categories(appliesTo)} to the measure's categories.`,
                    { node: effect.target, property: 'measures', index, code: IssueCodes.RuleMeasureNotRelevant });
            });
        } else if (ast.isMinimumCommitmentEffect(effect) && effect.measure.ref) {
            const measure = irrelevant(effect.measure.ref.name);
            if (!measure) continue;
            report('warning', `Measure '${measure.code}' is only asked of ${categories(measure.categories)} contracts, but ${applies}, so this minimum is never used. Remove it from the rule, or add ${categories(appliesTo)} to the measure's categories.`,
                { node: effect, property: 'measure', code: IssueCodes.RuleMeasureNotRelevant });
        }
    }
}

/**
 * A rule must leave enough measures for its own `select` minimum and `require` counts, in
 * every category it applies to, after its include/exclude and category relevance.
 */
function checkMeasuresAvailable(rule: ast.Rule, resolved: ProportionalityRule, context: FrameworkContext, appliesTo: ContractCategory[], where: string, report: Report): void {
    if (resolved.effects.noAsk) return;
    const scarcest = (among: (measure: ScopedMeasure) => boolean) => appliesTo
        .map(category => ({ category, measures: measuresInScope(context.measures, resolved.effects, category).filter(among) }))
        .sort((a, b) => a.measures.length - b.measures.length)[0];
    const available = (found: { category: ContractCategory; measures: ScopedMeasure[] }, none: string, one: string, many: string) => {
        const under = `${found.category} contracts under it${where}`;
        const count = found.measures.length;
        return count === 0
            ? `${none} available to ${under}`
            : `only ${count} ${count === 1 ? one : many} available to ${under} (${found.measures.map(measure => measure.code).join(', ')})`;
    };
    for (const effect of rule.effects) {
        if (ast.isSelectEffect(effect) && effect.min !== undefined) {
            const minimum = wholeNumber(effect.min);
            const found = scarcest(() => true);
            if (minimum === undefined || !found || minimum <= found.measures.length) continue;
            report('error', `Rule '${rule.name}' asks for at least ${minimum} measures, but ${available(found, 'no measures are', 'measure is', 'measures are')}. Lower the minimum, or include more measures.`,
                { node: effect, property: 'min', code: IssueCodes.RuleMinimumMeasuresUnavailable });
        } else if (ast.isRequireEffect(effect) && effect.theme.ref) {
            const theme = effect.theme.ref.name;
            const count = wholeNumber(effect.count);
            const found = scarcest(measure => measure.theme === theme);
            if (count === undefined || !found || count <= found.measures.length) continue;
            report('error', `Rule '${rule.name}' requires ${count} ${count === 1 ? 'measure' : 'measures'} from theme '${theme}', but ${available(found, "none of the theme's measures is", 'of its measures is', 'of its measures are')}. Lower the count, or include more of the theme's measures.`,
                { node: effect, property: 'count', code: IssueCodes.RuleMinimumMeasuresUnavailable });
        }
    }
}

/** `no ask` with other effects, and an effect that can only have one value given twice. */
function checkEffectConflicts(rule: ast.Rule, accept: ValidationAcceptor): void {
    const noAsk = rule.effects.find(ast.isNoAskEffect);
    const others = rule.effects.filter(effect => !ast.isNoAskEffect(effect));
    if (noAsk && others.length > 0) {
        const described = [...new Set(others.map(effect => EFFECT_NAMES[effect.$type]))];
        accept('warning', `Rule '${rule.name}' says \`no ask\`, so its other effects (${described.join(', ')}) never apply. Remove them, or remove \`no ask\`.`,
            { node: noAsk, code: IssueCodes.RuleConflictingEffects });
    }
    const seen = new Set<string>();
    for (const effect of rule.effects) {
        if (!SINGLE_VALUED.has(effect.$type)) continue;
        if (seen.has(effect.$type)) {
            accept('warning', `Rule '${rule.name}' gives \`${EFFECT_NAMES[effect.$type]}\` more than once; only the last one applies. Keep one.`,
                { node: effect, code: IssueCodes.RuleConflictingEffects });
        }
        seen.add(effect.$type);
    }
}

const EFFECT_NAMES: Record<string, string> = {
    NoAskEffect: 'no ask', WeightingEffect: 'weighting', IncludeEffect: 'include', ExcludeEffect: 'exclude',
    SelectEffect: 'select', RequireEffect: 'require', MinimumCommitmentEffect: 'minimum', RatioEffect: 'ratio', KpiEffect: 'kpis'
};
const SINGLE_VALUED = new Set(['WeightingEffect', 'SelectEffect', 'RatioEffect', 'KpiEffect']);

function checkBand(band: ast.ValueBand, accept: ValidationAcceptor): void {
    checkConditionValue(band, 'low', band.low, accept);
    if (band.high === undefined) return;
    checkConditionValue(band, 'high', band.high, accept);
    const low = amountOrUndefined(band.low);
    const high = amountOrUndefined(band.high);
    if (!low || !high || low.lt(high)) return;
    const show = (value: Decimal) => band.field === 'contractValue' ? formatPounds(value) : `${value.toString()} months`;
    accept('error', `The band \`${band.field} from ${band.low} to ${band.high}\` matches no contract: \`from\` includes ${show(low)} and \`to\` excludes ${show(high)}, so the first must be below the second. Swap them or correct one.`,
        { node: band, property: 'high', code: IssueCodes.RuleBandMinimumAboveMaximum });
}

/** A duration is a number of months: `durationMonths < 12`, not `< £12`; neither field is negative. */
function checkConditionValue<N extends ast.ValueBand | ast.ValueComparison>(node: N, property: Properties<N>, text: string | undefined, accept: ValidationAcceptor): void {
    if (text === undefined) return;
    if (node.field === 'durationMonths' && text.includes('£')) {
        accept('error', `durationMonths is a number of months, not money: write ${text.replace(/£|,/g, '')} without the £.`,
            { node, property, code: IssueCodes.RuleInvalidNumber });
    } else if (amountOrUndefined(text)?.isNegative()) {
        accept('error', `${node.field} is never negative, so ${text} cannot be meant. Use a value of 0 or more.`,
            { node, property, code: IssueCodes.RuleInvalidNumber });
    }
}

function checkSelect(effect: ast.SelectEffect, accept: ValidationAcceptor): void {
    if (effect.min !== undefined) checkCount(effect, 'min', effect.min, 0, accept, 'the number of measures to select');
    if (effect.max !== undefined) checkCount(effect, 'max', effect.max, 0, accept, 'the number of measures to select');
    const min = effect.min === undefined ? undefined : wholeNumber(effect.min);
    const max = effect.max === undefined ? undefined : wholeNumber(effect.max);
    if (min !== undefined && max !== undefined && min > max) {
        accept('error', `\`select ${effect.min} to ${effect.max} measures\` asks for at least ${min} but at most ${max} measures. Make the first number no larger than the second.`,
            { node: effect, property: 'min', code: IssueCodes.RuleSelectMinimumAboveMaximum });
    }
}

function checkCount<N extends ast.Effect>(node: N, property: Properties<N>, text: string | undefined, least: number, accept: ValidationAcceptor, what: string): void {
    if (text === undefined) return;
    if (wholeNumber(text) === undefined || wholeNumber(text)! < least) {
        accept('error', `${text} cannot be ${what}: write a whole number of ${least} or more.`,
            { node, property, code: IssueCodes.RuleInvalidNumber });
    }
}

function checkPercentage(node: ast.WeightingEffect | ast.RatioEffect, text: string, what: string, accept: ValidationAcceptor): void {
    const value = amountOrUndefined(text);
    if (value && (value.isNegative() || value.gt(100))) {
        accept('error', `A ${what} of ${text} is impossible: it must be between 0% and 100%.`,
            { node, property: 'value', code: IssueCodes.RuleInvalidNumber });
    }
}

function checkMinimumCommitment(effect: ast.MinimumCommitmentEffect, accept: ValidationAcceptor): void {
    const quantity = amountOrUndefined(effect.quantity);
    if (quantity?.isNegative()) {
        accept('error', `A minimum commitment of ${effect.quantity} is impossible: write a quantity of 0 or more.`,
            { node: effect, property: 'quantity', code: IssueCodes.RuleInvalidNumber });
    }
    const per = effect.per === undefined ? undefined : amountOrUndefined(effect.per);
    if (per && !per.gt(0)) {
        accept('error', `\`per ${effect.per}\` cannot scale a minimum: the amount of contract value must be more than £0, e.g. \`per £1m\`.`,
            { node: effect, property: 'per', code: IssueCodes.RuleInvalidNumber });
    }
    // A fixed minimum above the most a bidder may answer can never be met.
    const measure = effect.measure?.ref;
    const maximumText = measure?.properties.find(ast.isMaximumProperty)?.value;
    const maximum = amountOrUndefined(maximumText);
    if (measure && quantity && maximum && effect.per === undefined && quantity.gt(maximum)) {
        accept('error', `Rule minimum of ${effect.quantity} for measure '${measure.name}' can never be met: answers to '${measure.name}' are limited to \`maximum ${maximumText}\`. Lower the minimum, or raise the measure's maximum.`,
            { node: effect, property: 'quantity', code: IssueCodes.RuleMinimumAboveAnswerMaximum });
    }
}

function wholeNumber(text: string | undefined): number | undefined {
    const value = amountOrUndefined(text);
    return value && value.isInteger() ? value.toNumber() : undefined;
}

function amountOrUndefined(text: string | undefined): Decimal | undefined {
    if (text === undefined) return undefined;
    try {
        return parseAmountLiteral(text);
    } catch {
        return undefined;
    }
}

/** 'a', 'b' and 'c' */
function listed(items: string[], conjunction = 'and'): string {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
