import type { ContractCategory, ElementSelection, RuleEffects } from './rule-types.js';

/** What a rule needs to know of a measure to decide whether a contract is asked it. */
export interface ScopedMeasure {
    code: string;
    theme: string;
    /** Empty: relevant to every category. */
    categories: readonly ContractCategory[];
}

/** A measure with categories is only asked of contracts in one of them. */
export function isRelevantToCategory(categories: readonly ContractCategory[], category: ContractCategory): boolean {
    return categories.length === 0 || categories.includes(category);
}

function selectsAnything(selection: ElementSelection | null): selection is ElementSelection {
    return selection !== null && (selection.themes.length + selection.measures.length + selection.questions.length + selection.gates.length) > 0;
}

/**
 * Whether a rule keeps a measure for a contract of this category: when the rule includes
 * anything, only what it includes remains (a theme brings its measures); then what it
 * excludes goes; then measures not relevant to the category go.
 */
export function keepsMeasure(effects: RuleEffects, measure: ScopedMeasure, category: ContractCategory): boolean {
    const named = (selection: ElementSelection) => selection.themes.includes(measure.theme) || selection.measures.includes(measure.code);
    if (selectsAnything(effects.include) && !named(effects.include)) return false;
    if (effects.exclude && named(effects.exclude)) return false;
    return isRelevantToCategory(measure.categories, category);
}

/** Whether a rule keeps a method-statement question or a gate (same include/exclude logic). */
export function keepsElement(effects: RuleEffects, kind: 'questions' | 'gates', id: string): boolean {
    if (selectsAnything(effects.include) && !effects.include[kind].includes(id)) return false;
    return !(effects.exclude?.[kind].includes(id) ?? false);
}

/** The measures a contract of this category is asked under a rule, in the order given. */
export function measuresInScope<M extends ScopedMeasure>(measures: readonly M[], effects: RuleEffects, category: ContractCategory): M[] {
    return measures.filter(measure => keepsMeasure(effects, measure, category));
}
