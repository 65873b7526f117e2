import { spellingDistance } from '../spelling.js';
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

/** The declared names closest in spelling to a written one (case ignored), nearest first: at most 3. */
export function nearestNames(written: string, names: readonly string[]): string[] {
    return [...new Set(names)]
        .map(name => ({ name, distance: spellingDistance(written, name) }))
        .filter(candidate => candidate.distance <= Math.max(1, Math.floor(written.length / 3)))
        .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
        .slice(0, 3)
        .map(candidate => candidate.name);
}
