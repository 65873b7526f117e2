import { measuresOf, type Framework } from '../framework.js';
import type { Origin } from '../origin.js';
import { spellingDistance } from '../spelling.js';

/**
 * The names a framework declares, kind by kind, with where each is declared: what the
 * merge looks a child's changes up in (the base's names) and tells "not inherited" from
 * "unknown" with (the child's own).
 */

/** The kinds of declaration a child may name in a change or redeclare. */
export type DeclarationKind = 'unit' | 'proxy' | 'scale' | 'theme' | 'outcome' | 'measure' | 'question' | 'gate' | 'rule';

export const DECLARATION_KINDS: readonly DeclarationKind[] = ['unit', 'proxy', 'scale', 'theme', 'outcome', 'measure', 'question', 'gate', 'rule'];

const PLURALS: Record<DeclarationKind, string> = {
    unit: 'units', proxy: 'proxies', scale: 'scales', theme: 'themes', outcome: 'outcomes', measure: 'measures', question: 'questions', gate: 'gates', rule: 'rules'
};

export function pluralOf(kind: DeclarationKind): string {
    return PLURALS[kind];
}

/** Name -> origin, per kind, in declaration order (the first declaration of a name wins). */
export type DeclaredNames = Record<DeclarationKind, Map<string, Origin>>;

/**
 * What a framework declares itself. Proxies written inside measures are left out: they are
 * named after their measure and go with it.
 */
export function declaredNames(framework: Pick<Framework, 'units' | 'proxies' | 'scales' | 'themes' | 'questions' | 'gates' | 'rules'>): DeclaredNames {
    const names = Object.fromEntries(DECLARATION_KINDS.map(kind => [kind, new Map<string, Origin>()])) as DeclaredNames;
    const add = (kind: DeclarationKind, name: string, origin: Origin) => {
        if (!names[kind].has(name)) names[kind].set(name, origin);
    };
    framework.units.forEach(unit => add('unit', unit.id, unit.origin));
    framework.proxies.filter(proxy => proxy.inlineIn === null).forEach(proxy => add('proxy', proxy.id, proxy.origin));
    framework.scales.forEach(scale => add('scale', scale.id, scale.origin));
    framework.themes.forEach(theme => {
        add('theme', theme.id, theme.origin);
        theme.outcomes.forEach(outcome => add('outcome', outcome.id, outcome.origin));
    });
    measuresOf(framework).forEach(measure => add('measure', measure.code, measure.origin));
    framework.questions.forEach(question => add('question', question.id, question.origin));
    framework.gates.forEach(gate => add('gate', gate.id, gate.origin));
    framework.rules.forEach(rule => add('rule', rule.id, rule.origin));
    return names;
}

/**
 * Names of a kind close enough to a misspelt one to suggest, nearest first (ties by name,
 * so the wording is stable): at most one edit for short names, more for longer ones.
 */
export function nearestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
    const allowed = Math.max(1, Math.floor(name.length / 3));
    return [...candidates]
        .map(candidate => ({ candidate, distance: spellingDistance(name, candidate) }))
        .filter(({ distance }) => distance <= allowed)
        .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
        .slice(0, limit)
        .map(({ candidate }) => candidate);
}

/** 'a', 'b' or 'c' */
export function quotedList(names: readonly string[], conjunction: 'and' | 'or'): string {
    const quoted = names.map(name => `'${name}'`);
    return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}
