import { Decimal, decimalOf, formatPounds } from '../amounts.js';
import { evaluateCondition } from './evaluate-condition.js';
import { CONTRACT_CATEGORIES, type ContractCategory, type ContractProfile, type ProfileField, type ProportionalityRule, type RuleCondition } from './rule-types.js';

/**
 * Which contracts each rule applies to, found by splitting the space of contract profiles
 * into cells within which every rule's condition has one answer: contract value and
 * duration split at every threshold the rules use (with a cell for each threshold itself,
 * so inclusive and exclusive edges are told apart), the three categories, and each flag
 * the rules use set or not. A representative of each cell stands for the whole cell.
 */
export interface RuleCoverage {
    /** False when the rules use too many flags to enumerate; nothing else is then reported. */
    analysed: boolean;
    /** One entry per rule, in the order given. */
    rules: RuleReach[];
    /** Contracts no rule matches, as value bands per category. */
    gaps: CoverageGap[];
}

export interface RuleReach {
    id: string;
    /** Whether any contract at all satisfies the rule's condition. */
    matchesAnyContract: boolean;
    /** True when every contract it matches is matched by an earlier rule. */
    unreachable: boolean;
    /** The earlier rules that take the contracts it matches (empty when it matches none). */
    shadowedBy: string[];
    /** The categories of contract the rule is the first match for. */
    appliesTo: ContractCategory[];
}

export interface CoverageGap {
    category: ContractCategory;
    /** For people: `works contracts from £100,000 to under £250,000`. */
    description: string;
    /** The same without the category: `from £100,000 to under £250,000`. */
    band: string;
}

/** Each flag doubles the cells; beyond this many the enumeration is not worth its cost. */
const MAX_FLAGS = 12;

export interface Edge { value: Decimal; inclusive: boolean }
/** A cell of one numeric axis: a threshold itself, or the open interval between two. */
export interface AxisCell { lower: Edge; upper: Edge | null; representative: Decimal }

/**
 * The axes of the partition of contract profiles for a set of rules: value cells, duration
 * cells (the first, undefined, is "no duration given") and the flags the rules use. The
 * coverage check enumerates them; the diff enumerates them for two versions' rules at once.
 */
export interface ContractCellAxes {
    valueCells: AxisCell[];
    durationCells: Array<AxisCell | undefined>;
    flags: string[];
    flagCombinations: string[][];
    /** False when the rules use more flags than are worth enumerating (flagCombinations is then empty). */
    analysable: boolean;
}

export function contractCellAxes(rules: readonly ProportionalityRule[]): ContractCellAxes {
    const valueCells = axisCells(thresholds(rules, 'contractValue'));
    const durationThresholds = thresholds(rules, 'durationMonths');
    // Undefined stands for a profile that gives no duration.
    const durationCells: Array<AxisCell | undefined> = durationThresholds.length > 0 ? [undefined, ...axisCells(durationThresholds)] : [undefined];
    const flags = [...new Set(rules.flatMap(rule => flagsOf(rule.condition)))].sort();
    const analysable = flags.length <= MAX_FLAGS;
    return { valueCells, durationCells, flags, flagCombinations: analysable ? combinations(flags) : [], analysable };
}

/** A representative contract profile of one cell. */
export function cellProfile(category: ContractCategory, valueCell: AxisCell, durationCell: AxisCell | undefined, flags: string[]): ContractProfile {
    return {
        contractValue: valueCell.representative.toString(),
        category,
        ...(durationCell ? { durationMonths: durationCell.representative.toNumber() } : {}),
        flags
    };
}

/** `from £100,000 to under £250,000`: adjacent value cells as one band, in words. */
export function describeValueBand(cells: AxisCell[]): string {
    return describeBand(mergeCells(cells), formatPounds, 'of');
}

export function analyseRuleCoverage(rules: readonly ProportionalityRule[]): RuleCoverage {
    const { valueCells, durationCells, flags } = contractCellAxes(rules);
    const reaches = rules.map(rule => ({ id: rule.id, matched: 0, firstMatched: 0, shadowedBy: new Set<number>(), appliesTo: new Set<ContractCategory>() }));
    if (flags.length > MAX_FLAGS || rules.length === 0) {
        return { analysed: flags.length <= MAX_FLAGS, rules: reaches.map(reach => ({ id: reach.id, matchesAnyContract: true, unreachable: false, shadowedBy: [], appliesTo: [...CONTRACT_CATEGORIES] })), gaps: [] };
    }
    const flagCombinations = combinations(flags);
    const subCellCount = durationCells.length * flagCombinations.length;
    const gaps: CoverageGap[] = [];
    for (const category of CONTRACT_CATEGORIES) {
        // Per value cell: which (duration, flags) sub-cells no rule matches.
        const unmatchedByValue: Array<Array<{ duration: number; flags: number }>> = [];
        for (const valueCell of valueCells) {
            const unmatched: Array<{ duration: number; flags: number }> = [];
            durationCells.forEach((durationCell, durationIndex) => {
                flagCombinations.forEach((set, flagsIndex) => {
                    const profile = cellProfile(category, valueCell, durationCell, set);
                    let first: number | undefined;
                    rules.forEach((rule, index) => {
                        if (!evaluateCondition(rule.condition, profile)) return;
                        const reach = reaches[index]!;
                        reach.matched++;
                        if (first === undefined) {
                            first = index;
                            reach.firstMatched++;
                            reach.appliesTo.add(category);
                        } else {
                            reach.shadowedBy.add(first);
                        }
                    });
                    if (first === undefined) unmatched.push({ duration: durationIndex, flags: flagsIndex });
                });
            });
            unmatchedByValue.push(unmatched);
        }
        gaps.push(...describeGaps(category, valueCells, unmatchedByValue, subCellCount, durationCells, flagCombinations, flags));
    }
    return {
        analysed: true,
        rules: reaches.map(reach => ({
            id: reach.id,
            matchesAnyContract: reach.matched > 0,
            unreachable: reach.firstMatched === 0,
            shadowedBy: reach.firstMatched === 0 ? [...reach.shadowedBy].sort((a, b) => a - b).map(index => rules[index]!.id) : [],
            appliesTo: CONTRACT_CATEGORIES.filter(category => reach.appliesTo.has(category))
        })),
        gaps
    };
}

function thresholds(rules: readonly ProportionalityRule[], field: ProfileField): Decimal[] {
    const found = new Map<string, Decimal>();
    const visit = (condition: RuleCondition | null) => {
        if (condition === null) return;
        if ('all' in condition) condition.all.forEach(visit);
        else if ('any' in condition) condition.any.forEach(visit);
        else if ('not' in condition) visit(condition.not);
        else if ('field' in condition && condition.field === field) {
            const values = 'op' in condition ? [condition.value] : [condition.from, ...(condition.to === null ? [] : [condition.to])];
            for (const value of values) {
                const decimal = decimalOf(value);
                // Contract values and durations are never negative.
                if (!decimal.isNegative()) found.set(decimal.toString(), decimal);
            }
        }
    };
    rules.forEach(rule => visit(rule.condition));
    return [...found.values()].sort((a, b) => a.comparedTo(b));
}

/** Point cells at 0 and at each threshold, and the open intervals between and after them. */
function axisCells(points: Decimal[]): AxisCell[] {
    const breakpoints = points.length > 0 && points[0]!.isZero() ? points : [new Decimal(0), ...points];
    const cells: AxisCell[] = [];
    breakpoints.forEach((point, index) => {
        cells.push({ lower: { value: point, inclusive: true }, upper: { value: point, inclusive: true }, representative: point });
        const next = breakpoints[index + 1];
        cells.push(next
            ? { lower: { value: point, inclusive: false }, upper: { value: next, inclusive: false }, representative: point.plus(next).dividedBy(2) }
            : { lower: { value: point, inclusive: false }, upper: null, representative: point.plus(1) });
    });
    return cells;
}

function flagsOf(condition: RuleCondition | null): string[] {
    if (condition === null) return [];
    if ('all' in condition) return condition.all.flatMap(flagsOf);
    if ('any' in condition) return condition.any.flatMap(flagsOf);
    if ('not' in condition) return flagsOf(condition.not);
    if ('flag' in condition) return [condition.flag];
    return [];
}

/** Every subset of the flags (as the set flags of a profile). */
function combinations(flags: string[]): string[][] {
    return flags.reduce<string[][]>((sets, flag) => sets.flatMap(set => [set, [...set, flag]]), [[]]);
}

function describeGaps(
    category: ContractCategory, valueCells: AxisCell[], unmatchedByValue: Array<Array<{ duration: number; flags: number }>>,
    subCellCount: number, durationCells: Array<AxisCell | undefined>, flagCombinations: string[][], flags: string[]
): CoverageGap[] {
    const gaps: CoverageGap[] = [];
    const keyOf = (unmatched: Array<{ duration: number; flags: number }>) => unmatched.map(cell => `${cell.duration}/${cell.flags}`).join(',');
    let start = 0;
    while (start < valueCells.length) {
        const unmatched = unmatchedByValue[start]!;
        let end = start;
        while (end + 1 < valueCells.length && keyOf(unmatchedByValue[end + 1]!) === keyOf(unmatched)) end++;
        if (unmatched.length > 0) {
            const band = describeValueBand(valueCells.slice(start, end + 1));
            const qualifiers = unmatched.length === subCellCount ? [''] : describeSubCells(unmatched, durationCells, flagCombinations, flags);
            for (const qualifier of qualifiers) {
                const qualified = qualifier ? `${band} ${qualifier}` : band;
                gaps.push({ category, description: `${category} contracts ${qualified}`, band: qualified });
            }
        }
        start = end + 1;
    }
    return gaps;
}

/**
 * Phrases for the (duration, flags) sub-cells no rule matches within one value band: one
 * per set of flags, with the durations it leaves unmatched; flags are left out when every
 * combination of them leaves the same durations unmatched.
 */
export function describeSubCells(unmatched: Array<{ duration: number; flags: number }>, durationCells: Array<AxisCell | undefined>, flagCombinations: string[][], flags: string[]): string[] {
    const byDurations = new Map<string, { durations: Set<number>; sets: string[][] }>();
    flagCombinations.forEach((set, flagsIndex) => {
        const durations = new Set(unmatched.filter(cell => cell.flags === flagsIndex).map(cell => cell.duration));
        if (durations.size === 0) return;
        const key = [...durations].join(',');
        const group = byDurations.get(key) ?? { durations, sets: [] };
        group.sets.push(set);
        byDurations.set(key, group);
    });
    const phrases: string[] = [];
    for (const { durations, sets } of byDurations.values()) {
        const durationPhrase = durations.size === durationCells.length ? '' : describeDurations(durations, durationCells);
        const flagPhrases = sets.length === flagCombinations.length
            ? ['']
            : sets.map(set => `that are ${flags.map(flag => set.includes(flag) ? flag : `not ${flag}`).join(' and ')}`);
        for (const flagPhrase of flagPhrases) {
            phrases.push([durationPhrase, flagPhrase].filter(Boolean).join(' '));
        }
    }
    return phrases;
}

/** `with no duration given or lasting under 12 months`: cell 0 is "no duration given". */
function describeDurations(durations: Set<number>, durationCells: Array<AxisCell | undefined>): string {
    const phrases: string[] = [];
    if (durations.has(0)) phrases.push('with no duration given');
    let index = 1;
    while (index < durationCells.length) {
        if (!durations.has(index)) { index++; continue; }
        let end = index;
        while (end + 1 < durationCells.length && durations.has(end + 1)) end++;
        const cells = durationCells.slice(index, end + 1) as AxisCell[];
        phrases.push(index === 1 && end === durationCells.length - 1
            ? 'with a duration given'
            : `lasting ${describeBand(mergeCells(cells), months => `${months.toString()} months`, '')}`);
        index = end + 1;
    }
    return phrases.join(' or ');
}

function mergeCells(cells: AxisCell[]): { lower: Edge; upper: Edge | null } {
    return { lower: cells[0]!.lower, upper: cells[cells.length - 1]!.upper };
}

/**
 * `from £100,000 to under £250,000`, `under £25,000`, `of £5,000,000 or more`. `of` is the
 * word before a bare amount ("contracts of £0"); durations read "lasting 12 months".
 */
function describeBand(band: { lower: Edge; upper: Edge | null }, format: (value: Decimal) => string, of: string): string {
    const { lower, upper } = band;
    const bare = (value: Decimal) => of ? `${of} ${format(value)}` : format(value);
    const fromStart = lower.inclusive && lower.value.isZero();
    if (upper === null) {
        if (fromStart) return 'of any value';
        return lower.inclusive ? `${bare(lower.value)} or more` : `over ${format(lower.value)}`;
    }
    if (lower.inclusive && upper.inclusive && lower.value.eq(upper.value)) return of ? `of exactly ${format(lower.value)}` : `exactly ${format(lower.value)}`;
    if (fromStart) return upper.inclusive ? `up to and including ${format(upper.value)}` : `under ${format(upper.value)}`;
    if (lower.inclusive) {
        return upper.inclusive ? `from ${format(lower.value)} to ${format(upper.value)} inclusive` : `from ${format(lower.value)} to under ${format(upper.value)}`;
    }
    return upper.inclusive ? `over ${format(lower.value)} up to and including ${format(upper.value)}` : `over ${format(lower.value)} and under ${format(upper.value)}`;
}
