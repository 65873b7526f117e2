import type { RuleCondition } from './rule-types.js';

/** The flags a condition tests (`lotted`), in the order written, each once. */
export function flagsTestedBy(conditions: Iterable<RuleCondition | null>): string[] {
    const flags = new Set<string>();
    const walk = (condition: RuleCondition | null): void => {
        if (condition === null) return;
        if ('all' in condition) condition.all.forEach(walk);
        else if ('any' in condition) condition.any.forEach(walk);
        else if ('not' in condition) walk(condition.not);
        else if ('flag' in condition) flags.add(condition.flag);
    };
    for (const condition of conditions) walk(condition);
    return [...flags];
}
