import * as ast from './generated/ast.js';

/**
 * Outcomes may sit in a theme or in `add to theme <base theme> { ... }`, measures in an
 * outcome or in `add to outcome <base outcome> { ... }`, and properties of a measure in a
 * measure or in `override measure <base measure> { ... }`. These say which theme, outcome or
 * measure that is, by name, wherever the node sits.
 */

/** The name of the theme an outcome belongs to. */
export function themeNameOf(outcome: ast.Outcome): string {
    const container = outcome.$container;
    return ast.isTheme(container) ? container.name : container.theme?.ref?.name ?? container.theme?.$refText ?? '';
}

/** The name of the outcome a measure belongs to. */
export function outcomeNameOf(measure: ast.Measure): string {
    const container = measure.$container;
    return ast.isOutcome(container) ? container.name : container.outcome?.ref?.name ?? container.outcome?.$refText ?? '';
}

/** The name of the theme a measure belongs to (through its outcome, which may be the base's). */
export function measureThemeNameOf(measure: ast.Measure): string {
    const container = measure.$container;
    if (ast.isOutcome(container)) return themeNameOf(container);
    const outcome = container.outcome?.ref;
    return outcome ? themeNameOf(outcome) : '';
}

/** The measure a measure's property describes: the measure itself, or the base measure an override changes. */
export function measureOf(owner: ast.Measure | ast.MeasureOverride): ast.Measure | undefined {
    return ast.isMeasure(owner) ? owner : owner.target?.ref;
}

/** The code of that measure, as written when an override's target does not resolve. */
export function measureCodeOf(owner: ast.Measure | ast.MeasureOverride): string {
    return ast.isMeasure(owner) ? owner.name : owner.target?.ref?.name ?? owner.target?.$refText ?? '';
}

/** The unit property of a measure, or for an override the overriding one, else the base measure's. */
export function measureUnitPropertyOf(owner: ast.Measure | ast.MeasureOverride): ast.MeasureUnitProperty | undefined {
    return owner.properties.find(ast.isMeasureUnitProperty) ?? measureOf(owner)?.properties.find(ast.isMeasureUnitProperty);
}
