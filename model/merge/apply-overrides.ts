import { Decimal } from '../amounts.js';
import type { FrameworkOverride, OverrideRecord, PropertyChange } from '../extension.js';
import type {
    EvaluationSettings, FinancialProxy, FrameworkRule, Measure, MethodStatementQuestion, Overridable, PassFailGate, ScoringScale
} from '../framework.js';
import type { FrameworkRef, Origin } from '../origin.js';
import { netValuePerUnit as netValueOf } from '../proxy-value.js';

/**
 * Applying one `override` to one inherited declaration. Each function returns a new
 * declaration and never touches the one it is given: base frameworks are cached by the
 * editor and shared by every child that extends them. Only the properties the override
 * writes change; their origins move to the override, and an OverrideRecord (who, why,
 * what it was before) is appended after the base's own records.
 */

type OverrideOf<K extends FrameworkOverride['kind']> = Extract<FrameworkOverride, { kind: K }>;

/** Who overrides: the child's identity, as records and origins name a framework. */
export interface Overrider {
    framework: FrameworkRef;
}

/**
 * A model value as JSON-ready data, for an OverrideRecord's previous and new values: exact
 * decimals as strings (`"31000"`, never a binary float), everything else as plain data.
 */
export function jsonValue(value: unknown): unknown {
    if (value === undefined || value === null) return null;
    if (Decimal.isDecimal(value)) return (value as Decimal).toString();
    if (Array.isArray(value)) return value.map(jsonValue);
    if (typeof value === 'object') {
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined).map(([key, entry]) => [key, jsonValue(entry)]));
    }
    return value;
}

/** Equality of two model values as JSON (decimals by value: decimal.js writes 10.0 as "10"). */
export function sameValue(a: unknown, b: unknown): boolean {
    return JSON.stringify(jsonValue(a)) === JSON.stringify(jsonValue(b));
}

/** The record of an override applied to a declaration. */
function recordOf(override: FrameworkOverride, by: Overrider, changes: PropertyChange[]): OverrideRecord {
    return { framework: by.framework, reason: override.reason?.text ?? null, changes, origin: override.origin };
}

/** The declaration's records with one more at the end (the base's own first). */
function withRecord<T extends Overridable>(declaration: T, record: OverrideRecord): OverrideRecord[] {
    return [...(declaration.overrides ?? []), record];
}

/**
 * `property: previous -> value` for each property the override writes, in the order of
 * `changes` (resolve lists them in a fixed order, so records are deterministic).
 */
function changesOf<T extends object>(declaration: T, changes: Partial<T>): PropertyChange[] {
    return (Object.keys(changes) as Array<keyof T & string>)
        .filter(property => changes[property] !== undefined)
        .map(property => ({ property, previous: jsonValue(declaration[property]), value: jsonValue(changes[property]) }));
}

/** The override's origins for the given properties (those it writes), renamed where the declaration calls them otherwise. */
function movedOrigins<K extends string>(origins: Partial<Record<string, Origin>>, properties: readonly K[], renamed: Partial<Record<string, K>> = {}): Partial<Record<K, Origin>> {
    const result: Partial<Record<K, Origin>> = {};
    for (const [key, origin] of Object.entries(origins)) {
        const property = (renamed[key] ?? key) as K;
        if (origin && properties.includes(property)) result[property] = origin;
    }
    return result;
}

/** The proxy's net value per unit (model/proxy-value.ts), after an override changed its figures. */
export function netValuePerUnit(proxy: Pick<FinancialProxy, 'value' | 'deadweight' | 'attribution' | 'displacement'>): Decimal {
    return netValueOf(proxy.value, proxy.deadweight, proxy.attribution, proxy.displacement);
}

const PROXY_PROPERTIES = ['value', 'source', 'priceYear', 'deadweight', 'attribution', 'displacement', 'dropOff'] as const;

export function applyProxyOverride(proxy: FinancialProxy, override: OverrideOf<'proxy'>, by: Overrider): FinancialProxy {
    const changes = override.changes;
    const merged: FinancialProxy = { ...proxy, ...definedOnly(changes) };
    // The net figure follows the gross value and the adjustments it is computed from.
    if (['value', 'deadweight', 'attribution', 'displacement'].some(property => property in changes)) merged.netValuePerUnit = netValuePerUnit(merged);
    if (changes.priceYear !== undefined) merged.ownPriceYear = true;
    merged.origins = { ...proxy.origins, ...movedOrigins(override.origins, PROXY_PROPERTIES) };
    merged.overrides = withRecord(proxy, recordOf(override, by, changesOf(proxy, changes)));
    return merged;
}

/**
 * The inline proxy written in a measure override (`override measure NT1 ... { proxy £18 }`)
 * in place of the measure's proxy: it takes the measure's unit (an override cannot change
 * the unit) and, when it replaces the base's inline proxy, that proxy's history plus a
 * record of what changed.
 */
export function overridingInlineProxy(inline: FinancialProxy, measure: Measure, replaced: FinancialProxy | undefined, override: OverrideOf<'measure'>, by: Overrider): FinancialProxy {
    const proxy: FinancialProxy = { ...inline, unit: measure.unit ?? inline.unit, title: inline.title ?? replaced?.title ?? measure.title, inlineIn: measure.code };
    if (!replaced) return proxy;
    const compared = ['title', 'value', 'source', 'priceYear', 'deadweight', 'attribution', 'displacement', 'dropOff'] as const;
    const changes = compared
        .filter(property => !sameValue(replaced[property], proxy[property]))
        .map(property => ({ property, previous: jsonValue(replaced[property]), value: jsonValue(proxy[property]) }));
    return { ...proxy, overrides: withRecord(replaced, recordOf(override, by, changes)) };
}

const MEASURE_PROPERTIES = ['proxy', 'ask', 'guidance', 'evidence', 'minimum', 'maximum', 'wholeNumbers', 'categories', 'recordOnly', 'multiYear', 'codes', 'tags', 'horizon', 'answer', 'afterAward'] as const;

/**
 * A measure override; `proxy` is the id of the proxy it now uses (the override's inline
 * proxy, or a named one). A measure made record only is never given a value, as resolve
 * treats one declared so.
 */
export function applyMeasureOverride(measure: Measure, override: OverrideOf<'measure'>, proxy: string | null | undefined, by: Overrider): Measure {
    const changes = { ...definedOnly(override.changes), ...(proxy !== undefined ? { proxy } : {}) };
    if (changes.recordOnly && changes.proxy === undefined) changes.proxy = null;
    const merged: Measure = { ...measure, ...changes };
    merged.origins = { ...measure.origins, ...movedOrigins(override.origins, MEASURE_PROPERTIES) };
    // An inline proxy replaced by one with the same id: the proxy's own record says what changed.
    const recorded = changesOf(measure, changes).filter(change => change.property !== 'proxy' || !sameValue(change.previous, change.value));
    merged.overrides = withRecord(measure, recordOf(override, by, recorded));
    return merged;
}

/**
 * A scale override: each level written replaces the label and descriptor of the base's
 * level with the same score (the caller has reported scores the base lacks), recorded as
 * `levels.<score>`.
 */
export function applyScaleOverride(scale: ScoringScale, override: OverrideOf<'scale'>, by: Overrider): ScoringScale {
    const changes: PropertyChange[] = changesOf(scale, override.changes);
    const levels = scale.levels.map(level => {
        const replacement = override.levels.find(written => written.score.equals(level.score));
        if (!replacement) return level;
        changes.push({
            property: `levels.${level.score.toString()}`,
            previous: { label: level.label, descriptor: level.descriptor },
            value: { label: replacement.label, descriptor: replacement.descriptor }
        });
        return { ...level, label: replacement.label, descriptor: replacement.descriptor, origin: replacement.origin };
    });
    return { ...scale, ...definedOnly(override.changes), levels, overrides: withRecord(scale, recordOf(override, by, changes)) };
}

const QUESTION_PROPERTIES = ['outcomes', 'scale', 'words', 'weight', 'minimumLevel', 'ask', 'guidance', 'evidence', 'codes', 'tags'] as const;

/** `themeOf` finds an outcome's theme in the merged framework, for a question whose outcomes change. */
export function applyQuestionOverride(question: MethodStatementQuestion, override: OverrideOf<'question'>, themeOf: (outcome: string) => string | null, by: Overrider): MethodStatementQuestion {
    const changes = { ...definedOnly(override.changes) };
    // A question without its own `ask` asks its title: a new title is then the new ask.
    if (changes.title !== undefined && changes.ask === undefined && !question.origins.ask) changes.ask = changes.title;
    const merged: MethodStatementQuestion = { ...question, ...changes };
    if (changes.outcomes !== undefined) merged.theme = changes.outcomes[0] === undefined ? null : themeOf(changes.outcomes[0]);
    merged.origins = { ...question.origins, ...movedOrigins(override.origins, QUESTION_PROPERTIES, { wordLimit: 'words' }) };
    merged.overrides = withRecord(question, recordOf(override, by, changesOf(question, changes)));
    return merged;
}

const GATE_PROPERTIES = ['ask', 'guidance', 'evidence'] as const;

export function applyGateOverride(gate: PassFailGate, override: OverrideOf<'gate'>, by: Overrider): PassFailGate {
    const changes = { ...definedOnly(override.changes) };
    if (changes.title !== undefined && changes.ask === undefined && !gate.origins.ask) changes.ask = changes.title;
    const merged: PassFailGate = { ...gate, ...changes };
    merged.origins = { ...gate.origins, ...movedOrigins(override.origins, GATE_PROPERTIES) };
    merged.overrides = withRecord(gate, recordOf(override, by, changesOf(gate, changes)));
    return merged;
}

const EVALUATION_PROPERTIES = ['weighting', 'split', 'method', 'unmetMinimum', 'unmetRatio', 'recordOnlyCounts', 'criteria', 'measureCap', 'outlasting'] as const;

export function applyEvaluationOverride(evaluation: EvaluationSettings, override: OverrideOf<'evaluation'>, by: Overrider): EvaluationSettings {
    const changes = definedOnly(override.changes);
    // Criteria are recorded as written, without where each was written.
    // A floor that stays as it was (none, for a fixed weighting) is not a change.
    const recorded = changesOf(evaluation, changes).filter(change => change.property !== 'weightingMinimum' || !sameValue(change.previous, change.value)).map(change => (change.property === 'criteria'
        ? { ...change, previous: withoutOrigins(change.previous), value: withoutOrigins(change.value) }
        : change));
    return {
        ...evaluation, ...changes,
        origins: { ...evaluation.origins, ...movedOrigins(override.origins, EVALUATION_PROPERTIES) },
        overrides: withRecord(evaluation, recordOf(override, by, recorded))
    };
}

function withoutOrigins(criteria: unknown): unknown {
    return Array.isArray(criteria) ? criteria.map(criterion => Object.fromEntries(Object.entries(criterion as Record<string, unknown>).filter(([key]) => key !== 'origin'))) : criteria;
}

/** A rule override: a new title, condition or effects (all of them, with their origins) as written. */
export function applyRuleOverride(rule: FrameworkRule, override: OverrideOf<'rule'>, by: Overrider): FrameworkRule {
    const { effectOrigins, ...changes } = definedOnly(override.changes);
    const merged: FrameworkRule = { ...rule, ...changes };
    if (changes.effects !== undefined && effectOrigins) merged.effectOrigins = effectOrigins;
    merged.origins = { ...rule.origins, ...movedOrigins(override.origins, ['title', 'condition'] as const) };
    merged.overrides = withRecord(rule, recordOf(override, by, changesOf(rule, changes)));
    return merged;
}

/** The properties of a partial that are set (an explicit undefined would otherwise erase an inherited value). */
function definedOnly<T extends object>(partial: T): T {
    return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as T;
}
