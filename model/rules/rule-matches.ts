import { evaluateCondition } from './evaluate-condition.js';
import { contractCellSpace, coverageDeclarationsOf, findRegions, forEachCell, gridSize, type CoverageDeclarations } from './rule-coverage.js';
import type { ProportionalityRule } from './rule-types.js';

/**
 * The contracts each rule of a framework applies to (those it is the first match for), in
 * words, as the coverage check sees them: `works contracts from £100,000 to under
 * £5,000,000`. For a rule that matches no contract, the reason.
 */
export type RuleMatches =
    /** The contracts the rule applies to, one phrase per region (categories sharing a band together), in category then value order. */
    | { kind: 'applies'; regions: string[] }
    /** Every contract the rule matches is matched by an earlier rule. */
    | { kind: 'shadowed'; by: string[] }
    /** No contract satisfies the rule's condition. */
    | { kind: 'never' };

/**
 * What each rule applies to, in rule order; undefined when the rules test too many facts for
 * the contracts to be enumerated (the coverage check then says nothing either). One pass over
 * the cells of contract profiles labels each cell with its first matching rule; the cells of
 * each label are then put in words as the coverage gaps are.
 */
export function ruleMatches(rules: readonly ProportionalityRule[], declarations: CoverageDeclarations = coverageDeclarationsOf()): RuleMatches[] | undefined {
    const space = contractCellSpace(rules, declarations);
    if (!space.analysable) return undefined;
    const noRule = rules.length;
    // -1: an infeasible cell (findRegions grows boxes over them).
    const labels = new Int32Array(gridSize(space)).fill(-1);
    const matched = rules.map(() => false);
    const shadowedBy = rules.map(() => new Set<number>());
    forEachCell(space, (index, _category, _term, profile) => {
        let first = noRule;
        rules.forEach((rule, ruleIndex) => {
            if (!evaluateCondition(rule.condition, profile)) return;
            matched[ruleIndex] = true;
            if (first === noRule) first = ruleIndex;
            else shadowedBy[ruleIndex]!.add(first);
        });
        labels[index] = first;
    });
    return rules.map((_rule, ruleIndex): RuleMatches => {
        if (!matched[ruleIndex]) return { kind: 'never' };
        const regions = findRegions(space, labels, ruleIndex);
        if (regions.length === 0) return { kind: 'shadowed', by: [...shadowedBy[ruleIndex]!].sort((a, b) => a - b).map(index => rules[index]!.id) };
        // One phrase per band, naming every category it holds for, as the gap warnings do.
        const categoriesByBand = new Map<string, string[]>();
        for (const region of regions) {
            const category = space.categories[region.box[0]![0]!]!;
            const categories = categoriesByBand.get(region.band) ?? [];
            if (!categories.includes(category)) categories.push(category);
            categoriesByBand.set(region.band, categories);
        }
        const phrases = [...categoriesByBand].map(([band, categories]) => {
            const every = categories.length === space.categories.length;
            if (band === 'of any value') return every ? 'every contract' : `every ${listed(categories, 'or')} contract`;
            return `${every ? '' : `${listed(categories, 'and')} `}contracts ${band}`;
        });
        return { kind: 'applies', regions: phrases };
    });
}

function listed(items: readonly string[], conjunction: 'and' | 'or'): string {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
