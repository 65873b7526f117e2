import { Decimal, decimalOf, formatPounds } from '../amounts.js';
import type { ProfileDeclarations } from '../framework.js';
import { evaluateCondition } from './evaluate-condition.js';
import { CONTRACT_CATEGORIES, type ContractCategory, type ContractProfile, type ProfileField, type ProportionalityRule, type RuleCondition } from './rule-types.js';

/**
 * Which contracts each rule applies to, found by splitting the space of contract profiles
 * into cells within which every rule's condition has one answer: contract value, duration
 * and annual value split at every threshold the rules use (with a cell for each threshold
 * itself, so inclusive and exclusive edges are told apart), the framework's categories, each
 * declared choice the rules test (exactly one of its values per contract, so no cell has two
 * programmes), each value of a set the rules test present or not, and each flag the rules use
 * set or not. Only feasible cells are enumerated: an annual value of £5m a year cannot come
 * from a £100,000 contract of 12 months. A representative of each cell stands for the whole cell.
 */
export interface RuleCoverage {
    /** False when the rules test too many facts to enumerate; nothing else is then reported. */
    analysed: boolean;
    /** One entry per rule, in the order given. */
    rules: RuleReach[];
    /** Contracts no rule matches, as readable regions per category (fewest, largest first found). */
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
    /** For people: `works contracts from £100,000 to under £250,000 in programme cityDeal`. */
    description: string;
    /** The same without the category: `from £100,000 to under £250,000 in programme cityDeal`. */
    band: string;
    /** A contract in the region that no rule matches. */
    example: ContractProfile;
    /** The region as a box of the cell space (an index set per axis), for regionContains. */
    box: number[][];
    /**
     * The region as an SVF rule condition without the category (`contractValue from £100k to
     * £250k and lotted`), for a quick fix that adds a rule for it; '' for every contract of the
     * category; undefined when the region cannot be written as one condition.
     */
    condition?: string;
    /** The rules that take the contracts just below and just above the region's value band, if any. */
    neighbours: { below?: string; above?: string };
}

/** What the analysis needs of a framework's `profile` declarations. */
export interface CoverageDeclarations {
    categories: readonly ContractCategory[];
    choices: ReadonlyArray<{ name: string; values: readonly string[] }>;
    sets: ReadonlyArray<{ name: string; values: readonly string[] }>;
}

/** A framework's declarations as the analysis takes them; none given: goods, services, works and no facts. */
export function coverageDeclarationsOf(profile?: Pick<ProfileDeclarations, 'categories' | 'choices' | 'sets'>): CoverageDeclarations {
    if (!profile) return { categories: CONTRACT_CATEGORIES, choices: [], sets: [] };
    const categories = profile.categories.map(category => category.name);
    return { categories: categories.length > 0 ? categories : CONTRACT_CATEGORIES, choices: profile.choices, sets: profile.sets };
}

/** Two versions' declarations together (the diff compares contracts either version knows). */
export function unionOfDeclarations(a: CoverageDeclarations, b: CoverageDeclarations): CoverageDeclarations {
    const facts = (first: CoverageDeclarations['choices'], second: CoverageDeclarations['choices']) => {
        const merged = new Map<string, string[]>();
        for (const fact of [...first, ...second]) merged.set(fact.name, [...new Set([...(merged.get(fact.name) ?? []), ...fact.values])]);
        return [...merged].map(([name, values]) => ({ name, values }));
    };
    return { categories: [...new Set([...a.categories, ...b.categories])], choices: facts(a.choices, b.choices), sets: facts(a.sets, b.sets) };
}

/** Each choice value and boolean multiplies the cells; beyond this many combinations the enumeration is not worth its cost (12 flags, as before). */
const MAX_FACT_COMBINATIONS = 4096;

export interface Edge { value: Decimal; inclusive: boolean }
/** A cell of one numeric axis: a threshold itself, or the open interval between two. */
export interface AxisCell { lower: Edge; upper: Edge | null; representative: Decimal }

/** One axis of facts: a choice (one of its values), a value of a set (in it or not), or a flag (set or not). */
export type FactAxis =
    | { kind: 'choice'; fact: string; values: string[] }
    | { kind: 'member'; fact: string; value: string }
    | { kind: 'flag'; flag: string };

/** A feasible (value cell, duration cell, annual cell) with the numbers of a contract in it. */
export interface CellTerm {
    value: number;
    /** 0: no duration given; otherwise durationCells[duration]. */
    duration: number;
    /** 0: no annual value (no or zero duration, or annualValue unused); otherwise annualCells[annual - 1]. */
    annual: number;
    contractValue: string;
    durationMonths: number | undefined;
}

/**
 * The cells of contract profiles for a set of rules: the axes (category, value, duration,
 * annual value, then one per fact) and the feasible (value, duration, annual) terms. Cells
 * are numbered in a grid over all axes (infeasible ones included, never enumerated), so
 * regions can be found as boxes. The coverage check enumerates it; the diff enumerates it
 * for two versions' rules at once.
 */
export interface ContractCellSpace {
    /** False when the rules test more fact combinations than are worth enumerating. */
    analysable: boolean;
    categories: ContractCategory[];
    valueCells: AxisCell[];
    /** The first, undefined, is "no duration given". */
    durationCells: Array<AxisCell | undefined>;
    /** Empty when no rule tests annualValue. */
    annualCells: AxisCell[];
    facts: FactAxis[];
    terms: CellTerm[];
    /** Sizes of the grid's axes: category, value, duration, annual (its cells + "none"), then each fact. */
    sizes: number[];
    /** The facts and flags of each combination of the fact axes, in grid order. */
    factCombinations: Array<{ coordinates: number[]; flags: string[]; facts: Record<string, string | string[]> }>;
}

const VALUE_AXIS = 1;
const DURATION_AXIS = 2;
const ANNUAL_AXIS = 3;
const FIRST_FACT_AXIS = 4;

export function contractCellSpace(rules: readonly ProportionalityRule[], declarations: CoverageDeclarations = coverageDeclarationsOf()): ContractCellSpace {
    const valueCells = axisCells(thresholds(rules, 'contractValue'));
    const annualThresholds = thresholds(rules, 'annualValue');
    const annualUsed = usesField(rules, 'annualValue');
    const annualCells = annualUsed ? axisCells(annualThresholds) : [];
    const durationThresholds = thresholds(rules, 'durationMonths');
    // Undefined stands for a profile that gives no duration; an annual value needs the duration split too.
    const durationCells: Array<AxisCell | undefined> = durationThresholds.length > 0 || usesField(rules, 'durationMonths') || annualUsed
        ? [undefined, ...axisCells(durationThresholds)] : [undefined];
    const facts = factAxes(rules, declarations);
    const factSizes = facts.map(axis => (axis.kind === 'choice' ? axis.values.length : 2));
    const combinationCount = factSizes.reduce((product, size) => product * size, 1);
    const analysable = combinationCount <= MAX_FACT_COMBINATIONS;
    const categories = [...declarations.categories];
    const terms = analysable ? feasibleTerms(valueCells, durationCells, annualCells) : [];
    return {
        analysable, categories, valueCells, durationCells, annualCells, facts, terms,
        sizes: [categories.length, valueCells.length, durationCells.length, annualCells.length + 1, ...factSizes],
        factCombinations: analysable ? combinationsOf(facts, factSizes) : []
    };
}

/** Every feasible cell of the space, in grid order, with its grid index and a representative profile. */
export function forEachCell(space: ContractCellSpace, visit: (index: number, category: number, term: CellTerm, profile: ContractProfile) => void): void {
    const combinations = space.factCombinations.length;
    space.categories.forEach((category, categoryIndex) => {
        for (const term of space.terms) {
            const base = gridIndex(space, [categoryIndex, term.value, term.duration, term.annual]);
            space.factCombinations.forEach((combination, offset) => {
                const profile: ContractProfile = {
                    contractValue: term.contractValue,
                    category,
                    ...(term.durationMonths === undefined ? {} : { durationMonths: term.durationMonths }),
                    flags: combination.flags,
                    ...(Object.keys(combination.facts).length > 0 ? { facts: combination.facts } : {})
                };
                visit(base * combinations + offset, categoryIndex, term, profile);
            });
        }
    });
}

/** The number of cells of the grid (feasible or not). */
export function gridSize(space: ContractCellSpace): number {
    return space.sizes.reduce((product, size) => product * size, 1);
}

/** The grid index of the first four axes' coordinates (before the facts). */
function gridIndex(space: ContractCellSpace, coordinates: number[]): number {
    return coordinates.reduce((index, coordinate, axis) => index * space.sizes[axis]! + coordinate, 0);
}

export function analyseRuleCoverage(rules: readonly ProportionalityRule[], declarations: CoverageDeclarations = coverageDeclarationsOf()): RuleCoverage {
    const space = contractCellSpace(rules, declarations);
    const reaches = rules.map(rule => ({ id: rule.id, matched: 0, firstMatched: 0, shadowedBy: new Set<number>(), appliesTo: new Set<number>() }));
    if (!space.analysable || rules.length === 0) {
        return { analysed: space.analysable, rules: reaches.map(reach => ({ id: reach.id, matchesAnyContract: true, unreachable: false, shadowedBy: [], appliesTo: [...space.categories] })), gaps: [] };
    }
    const labels = new Int8Array(gridSize(space)).fill(INFEASIBLE);
    const examples = new Map<number, ContractProfile>();
    const firstRules = new Map<number, number>();
    forEachCell(space, (index, category, _term, profile) => {
        let first: number | undefined;
        rules.forEach((rule, ruleIndex) => {
            if (!evaluateCondition(rule.condition, profile)) return;
            const reach = reaches[ruleIndex]!;
            reach.matched++;
            if (first === undefined) {
                first = ruleIndex;
                reach.firstMatched++;
                reach.appliesTo.add(category);
            } else {
                reach.shadowedBy.add(first);
            }
        });
        labels[index] = first === undefined ? 1 : 0;
        if (first !== undefined) firstRules.set(index, first);
        if (first === undefined) examples.set(index, profile);
    });
    const gaps = findRegions(space, labels, 1).map(region => {
        const category = space.categories[region.box[0]![0]!]!;
        const condition = regionCondition(space, region.box);
        const strides = space.sizes.map((_, axis) => space.sizes.slice(axis + 1).reduce((product, size) => product * size, 1));
        const values = region.box[VALUE_AXIS]!;
        const neighbour = (value: number) => {
            if (value < 0 || value >= space.sizes[VALUE_AXIS]!) return undefined;
            const rule = firstRules.get(region.seed + (value - Math.floor(region.seed / strides[VALUE_AXIS]!) % space.sizes[VALUE_AXIS]!) * strides[VALUE_AXIS]!);
            return rule === undefined ? undefined : rules[rule]!.id;
        };
        const below = neighbour(values[0]! - 1);
        const above = neighbour(values.at(-1)! + 1);
        return {
            category, description: `${category} contracts ${region.band}`, band: region.band, example: examples.get(region.seed)!, box: region.box,
            ...(condition === undefined ? {} : { condition }),
            neighbours: { ...(below === undefined ? {} : { below }), ...(above === undefined ? {} : { above }) }
        };
    });
    return {
        analysed: true,
        rules: reaches.map(reach => ({
            id: reach.id,
            matchesAnyContract: reach.matched > 0,
            unreachable: reach.firstMatched === 0,
            shadowedBy: reach.firstMatched === 0 ? [...reach.shadowedBy].sort((a, b) => a - b).map(index => rules[index]!.id) : [],
            appliesTo: space.categories.filter((_, index) => reach.appliesTo.has(index))
        })),
        gaps
    };
}

/** Whether a contract profile lies in a gap region the analysis of these rules reported. */
export function regionContains(space: ContractCellSpace, box: readonly number[][], profile: ContractProfile): boolean {
    const coordinates = cellCoordinates(space, profile);
    return coordinates !== undefined && coordinates.every((coordinate, axis) => box[axis]!.includes(coordinate));
}

/** The grid coordinates of the cell a profile falls in; undefined when its category or a choice is not on an axis. */
export function cellCoordinates(space: ContractCellSpace, profile: ContractProfile): number[] | undefined {
    const category = space.categories.indexOf(profile.category);
    const term = classify(space.valueCells, space.durationCells, space.annualCells, decimalOf(profile.contractValue), profile.durationMonths);
    const facts: number[] = [];
    for (const axis of space.facts) {
        if (axis.kind === 'flag') { facts.push((profile.flags ?? []).includes(axis.flag) ? 1 : 0); continue; }
        const given = profile.facts?.[axis.fact];
        const values = Array.isArray(given) ? given : given === undefined ? [] : [given];
        if (axis.kind === 'member') { facts.push(values.includes(axis.value) ? 1 : 0); continue; }
        const index = axis.values.indexOf(values[0] ?? '');
        if (index < 0) return undefined;
        facts.push(index);
    }
    if (category < 0) return undefined;
    return [category, term.value, term.duration, term.annual, ...facts];
}

// ------------------------------------------------------------------ axes

function thresholds(rules: readonly ProportionalityRule[], field: ProfileField): Decimal[] {
    const found = new Map<string, Decimal>();
    for (const condition of comparisons(rules, field)) {
        const values = 'op' in condition ? [condition.value] : [condition.from, ...(condition.to === null ? [] : [condition.to])];
        for (const value of values) {
            const decimal = decimalOf(value);
            // Contract values, durations and annual values are never negative.
            if (!decimal.isNegative()) found.set(decimal.toString(), decimal);
        }
    }
    return [...found.values()].sort((a, b) => a.comparedTo(b));
}

function usesField(rules: readonly ProportionalityRule[], field: ProfileField): boolean {
    return comparisons(rules, field).length > 0;
}

type FieldCondition = Extract<RuleCondition, { field: ProfileField }>;

function comparisons(rules: readonly ProportionalityRule[], field: ProfileField): FieldCondition[] {
    return rules.flatMap(rule => leaves(rule.condition)).filter((leaf): leaf is FieldCondition => 'field' in leaf && leaf.field === field);
}

/** The conditions a condition is made of, without all/any/not. */
function leaves(condition: RuleCondition | null): RuleCondition[] {
    if (condition === null) return [];
    if ('all' in condition) return condition.all.flatMap(leaves);
    if ('any' in condition) return condition.any.flatMap(leaves);
    if ('not' in condition) return leaves(condition.not);
    return [condition];
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

/**
 * The fact axes the rules test, in a stable order: declared choices (one axis over all their
 * values), values of declared sets (an axis each), then flags. A fact the profile does not
 * declare is read like a set: each value tested is there or not (the validator reports it).
 */
function factAxes(rules: readonly ProportionalityRule[], declarations: CoverageDeclarations): FactAxis[] {
    const conditions = rules.flatMap(rule => leaves(rule.condition));
    const tested = new Map<string, Set<string>>();
    for (const condition of conditions) {
        if ('fact' in condition) tested.set(condition.fact, new Set([...(tested.get(condition.fact) ?? []), ...condition.values]));
    }
    const axes: FactAxis[] = [];
    for (const [fact, values] of [...tested].sort(([a], [b]) => a.localeCompare(b))) {
        const choice = declarations.choices.find(candidate => candidate.name === fact);
        if (choice && choice.values.length > 0) {
            axes.push({ kind: 'choice', fact, values: [...choice.values] });
            continue;
        }
        const set = declarations.sets.find(candidate => candidate.name === fact);
        // A value a declared set does not have is never in a profile: it is always absent.
        const members = set ? [...values].filter(value => set.values.includes(value)) : [...values];
        axes.push(...members.sort().map(value => ({ kind: 'member' as const, fact, value })));
    }
    const flags = [...new Set(conditions.flatMap(condition => ('flag' in condition ? [condition.flag] : [])))].sort();
    axes.push(...flags.map(flag => ({ kind: 'flag' as const, flag })));
    return axes;
}

/** Every combination of the fact axes' coordinates (the last axis fastest), with its profile facts. */
function combinationsOf(facts: FactAxis[], sizes: number[]): ContractCellSpace['factCombinations'] {
    let coordinates: number[][] = [[]];
    for (const size of sizes) coordinates = coordinates.flatMap(prefix => Array.from({ length: size }, (_, value) => [...prefix, value]));
    return coordinates.map(combination => {
        const flags: string[] = [];
        const profileFacts: Record<string, string | string[]> = {};
        facts.forEach((axis, index) => {
            const coordinate = combination[index]!;
            if (axis.kind === 'choice') profileFacts[axis.fact] = axis.values[coordinate]!;
            else if (axis.kind === 'flag') { if (coordinate === 1) flags.push(axis.flag); }
            else {
                const members = (profileFacts[axis.fact] ?? []) as string[];
                profileFacts[axis.fact] = coordinate === 1 ? [...members, axis.value] : members;
            }
        });
        return { coordinates: combination, flags, facts: profileFacts };
    });
}

// ------------------------------------------------------------------ feasible value x duration x annual value

/** An interval of non-negative numbers; hi null: no upper end. */
interface Interval { lo: Decimal; loInclusive: boolean; hi: Decimal | null; hiInclusive: boolean }

const intervalOf = (cell: AxisCell): Interval => ({ lo: cell.lower.value, loInclusive: cell.lower.inclusive, hi: cell.upper?.value ?? null, hiInclusive: cell.upper?.inclusive ?? false });

function contains(cell: AxisCell, x: Decimal): boolean {
    const aboveLower = cell.lower.inclusive ? x.gte(cell.lower.value) : x.gt(cell.lower.value);
    const belowUpper = cell.upper === null || (cell.upper.inclusive ? x.lte(cell.upper.value) : x.lt(cell.upper.value));
    return aboveLower && belowUpper;
}

function intersect(a: Interval, b: Interval): Interval | undefined {
    const lower = a.lo.gt(b.lo) ? a : b.lo.gt(a.lo) ? b : { lo: a.lo, loInclusive: a.loInclusive && b.loInclusive };
    const upper = a.hi === null ? b : b.hi === null ? a : a.hi.lt(b.hi) ? a : b.hi.lt(a.hi) ? b : { hi: a.hi, hiInclusive: a.hiInclusive && b.hiInclusive };
    const result = { lo: lower.lo, loInclusive: lower.loInclusive, hi: upper.hi, hiInclusive: upper.hiInclusive };
    if (result.hi !== null && (result.lo.gt(result.hi) || (result.lo.eq(result.hi) && !(result.loInclusive && result.hiInclusive)))) return undefined;
    return result;
}

/** The cells a contract value and duration fall in: value, duration (0 = none) and annual value (0 = none). */
function classify(valueCells: AxisCell[], durationCells: Array<AxisCell | undefined>, annualCells: AxisCell[], contractValue: Decimal, durationMonths: number | undefined): { value: number; duration: number; annual: number } {
    const value = Math.max(0, valueCells.findIndex(cell => contains(cell, contractValue)));
    if (durationMonths === undefined || durationCells.length === 1) return { value, duration: 0, annual: 0 };
    const months = decimalOf(durationMonths);
    const duration = Math.max(1, durationCells.findIndex(cell => cell !== undefined && contains(cell, months)));
    if (annualCells.length === 0 || !months.gt(0)) return { value, duration, annual: 0 };
    return { value, duration, annual: 1 + Math.max(0, annualCells.findIndex(cell => containsAnnualValue(cell, contractValue, months))) };
}

/** Whether value x 12 / months lies in an annual-value cell, compared exactly (value x 12 against the bound x months), as the rules' evaluation does. */
function containsAnnualValue(cell: AxisCell, contractValue: Decimal, months: Decimal): boolean {
    const yearly = contractValue.times(12);
    const lower = cell.lower.value.times(months);
    const aboveLower = cell.lower.inclusive ? yearly.gte(lower) : yearly.gt(lower);
    if (cell.upper === null) return aboveLower;
    const upper = cell.upper.value.times(months);
    return aboveLower && (cell.upper.inclusive ? yearly.lte(upper) : yearly.lt(upper));
}

function feasibleTerms(valueCells: AxisCell[], durationCells: Array<AxisCell | undefined>, annualCells: AxisCell[]): CellTerm[] {
    const terms: CellTerm[] = [];
    valueCells.forEach((valueCell, value) => {
        durationCells.forEach((durationCell, duration) => {
            const plain = { value, duration, contractValue: valueCell.representative.toString(), durationMonths: durationCell?.representative.toNumber() };
            if (annualCells.length === 0 || durationCell === undefined || !durationCell.representative.gt(0)) {
                terms.push({ ...plain, annual: 0 });
                return;
            }
            annualCells.forEach((annualCell, annualIndex) => {
                const witness = annualWitness(valueCell, durationCell, annualCell);
                if (!witness) return;
                const found = classify(valueCells, durationCells, annualCells, decimalOf(witness.contractValue), witness.durationMonths);
                if (found.value === value && found.duration === duration && found.annual === annualIndex + 1) {
                    terms.push({ value, duration, annual: annualIndex + 1, ...witness });
                }
            });
        });
    });
    return terms;
}

/**
 * A contract value in `valueCell` and a (positive) duration in `durationCell` whose annual
 * value (value x 12 / months) lies in `annualCell`, or undefined when there is none: the
 * annual values of the pair form an interval, which must meet the annual cell; a point of
 * the meeting fixes which durations can give it. Checked by the caller with the same
 * arithmetic as the rules' evaluation.
 */
function annualWitness(valueCell: AxisCell, durationCell: AxisCell, annualCell: AxisCell): { contractValue: string; durationMonths: number } | undefined {
    const values = intervalOf(valueCell);
    const durations = intervalOf(durationCell);
    if (durations.lo.isZero()) durations.loInclusive = false;
    const twelve = new Decimal(12);
    const reachable: Interval = values.hi !== null && values.hi.isZero()
        ? { lo: new Decimal(0), loInclusive: true, hi: new Decimal(0), hiInclusive: true }
        : {
            lo: durations.hi === null ? new Decimal(0) : values.lo.times(twelve).dividedBy(durations.hi),
            loInclusive: (values.lo.isZero() && values.loInclusive) || (durations.hi !== null && values.loInclusive && durations.hiInclusive),
            hi: values.hi === null || durations.lo.isZero() ? null : values.hi.times(twelve).dividedBy(durations.lo),
            hiInclusive: values.hi !== null && values.hiInclusive && durations.loInclusive
        };
    const annual = intersect(reachable, intervalOf(annualCell));
    if (!annual) return undefined;
    for (const annualValue of pointsIn(annual)) {
        if (annualValue.isZero()) return { contractValue: '0', durationMonths: durationCell.representative.toNumber() };
        const months = intersect(durations, {
            lo: values.lo.times(twelve).dividedBy(annualValue), loInclusive: values.loInclusive,
            hi: values.hi === null ? null : values.hi.times(twelve).dividedBy(annualValue), hiInclusive: values.hiInclusive
        });
        if (!months) continue;
        for (const duration of pointsIn(months)) {
            const exact = annualValue.times(duration).dividedBy(twelve);
            for (const contractValue of [exact.toDecimalPlaces(2), exact]) {
                const durationMonths = duration.toNumber();
                const months = decimalOf(durationMonths);
                if (contains(valueCell, contractValue) && contains(durationCell, months) && months.gt(0) && containsAnnualValue(annualCell, decimalOf(contractValue.toString()), months)) {
                    return { contractValue: contractValue.toString(), durationMonths };
                }
            }
        }
    }
    return undefined;
}

/** A few points of an interval to try, whole numbers first (durations are usually whole months). */
function pointsIn(interval: Interval): Decimal[] {
    const { lo, hi } = interval;
    if (hi !== null && lo.eq(hi)) return [lo];
    const inside = (x: Decimal) => (interval.loInclusive ? x.gte(lo) : x.gt(lo)) && (hi === null || (interval.hiInclusive ? x.lte(hi) : x.lt(hi)));
    const candidates = hi === null
        ? [lo.floor().plus(1), lo.plus(1), lo.times(2).plus(1), lo]
        : [lo.ceil(), lo.floor().plus(1), hi.floor(), lo.plus(hi).dividedBy(2).toDecimalPlaces(2), lo.plus(hi).dividedBy(2), lo, hi];
    const seen = new Set<string>();
    return candidates.filter(x => inside(x) && !seen.has(x.toString()) && seen.add(x.toString()));
}

// ------------------------------------------------------------------ regions

const INFEASIBLE = -1;

/** A box of the cell space whose feasible cells all carry one label, in words. */
export interface CellRegion {
    /** The index set of each axis (category, value, duration, annual, facts...). */
    box: number[][];
    /** `from £100,000 to under £250,000 in programme cityDeal` (without the category). */
    band: string;
    /** The grid index of the cell the region grew from. */
    seed: number;
    /** The grid indices of the region's feasible cells. */
    cells: number[];
}

/**
 * The cells labelled `target`, covered by few large boxes, one category each: from each cell
 * not yet covered, a box grows one axis at a time as far as every feasible cell in it keeps the
 * label (trying a few axis orders and keeping the largest), so facts that make no difference
 * drop out of the wording and adjacent value bands merge.
 */
export function findRegions(space: ContractCellSpace, labels: ArrayLike<number>, target: number): CellRegion[] {
    const strides = space.sizes.map((_, axis) => space.sizes.slice(axis + 1).reduce((product, size) => product * size, 1));
    const covered = new Uint8Array(labels.length);
    const factAxes = space.facts.map((_, index) => FIRST_FACT_AXIS + index);
    const orders = [
        [...factAxes, ANNUAL_AXIS, DURATION_AXIS, VALUE_AXIS],
        [VALUE_AXIS, DURATION_AXIS, ANNUAL_AXIS, ...factAxes],
        [DURATION_AXIS, ANNUAL_AXIS, VALUE_AXIS, ...factAxes]
    ];
    const cellsOf = (box: number[][]): number[] => {
        let indices = [0];
        box.forEach((set, axis) => { indices = indices.flatMap(index => set.map(coordinate => index + coordinate * strides[axis]!)); });
        return indices;
    };
    const fits = (box: number[][]) => cellsOf(box).every(index => labels[index] === target || labels[index] === INFEASIBLE);
    const regions: CellRegion[] = [];
    for (let seed = 0; seed < labels.length; seed++) {
        if (labels[seed] !== target || covered[seed]) continue;
        const coordinates = space.sizes.map((size, axis) => Math.floor(seed / strides[axis]!) % size);
        let best: { box: number[][]; cells: number[]; fresh: number } | undefined;
        for (const order of orders) {
            const box = grow(coordinates, order, space.sizes, fits);
            const cells = cellsOf(box).filter(index => labels[index] === target);
            const fresh = cells.filter(index => !covered[index]).length;
            if (!best || fresh > best.fresh) best = { box, cells, fresh };
        }
        for (const index of best!.cells) covered[index] = 1;
        regions.push({ box: best!.box, band: describeRegion(space, best!.box, best!.cells.map(index => space.sizes.map((size, axis) => Math.floor(index / strides[axis]!) % size))), seed, cells: best!.cells });
    }
    return regions;
}

function grow(seed: number[], order: number[], sizes: number[], fits: (box: number[][]) => boolean): number[][] {
    const box = seed.map(coordinate => [coordinate]);
    const tryAdd = (axis: number, coordinates: number[]) => {
        const slab = box.map((set, index) => (index === axis ? coordinates : set));
        if (!fits(slab)) return false;
        box[axis] = [...box[axis]!, ...coordinates].sort((a, b) => a - b);
        return true;
    };
    for (const axis of order) {
        const size = sizes[axis]!;
        if (size === 1) continue;
        if (axis === VALUE_AXIS) {
            // Value bands stay contiguous: one band per region.
            for (let next = seed[axis]! + 1; next < size && tryAdd(axis, [next]); next++);
            for (let next = seed[axis]! - 1; next >= 0 && tryAdd(axis, [next]); next--);
        } else if (axis === ANNUAL_AXIS) {
            // "No annual value" joins annual bands only as "any annual value".
            const all = Array.from({ length: size - 1 }, (_, index) => index + 1);
            if (seed[axis] === 0) {
                tryAdd(axis, all);
            } else {
                for (let next = seed[axis]! + 1; next < size && tryAdd(axis, [next]); next++);
                for (let next = seed[axis]! - 1; next >= 1 && tryAdd(axis, [next]); next--);
                if (box[axis]!.length === size - 1) tryAdd(axis, [0]);
            }
        } else {
            for (let coordinate = 0; coordinate < size; coordinate++) {
                if (!box[axis]!.includes(coordinate)) tryAdd(axis, [coordinate]);
            }
        }
    }
    return box;
}

/**
 * A region as an SVF condition, without its category: the value band, the durations and
 * annual values when limited (each a single band), then the choices, set values and flags it
 * is limited to, joined with `and`. Undefined when a part cannot be one band (e.g. "no duration
 * given or lasting over 36 months").
 */
export function regionCondition(space: ContractCellSpace, box: readonly number[][]): string | undefined {
    const parts: string[] = [];
    const contiguous = (set: readonly number[]) => set.every((value, index) => index === 0 || value === set[index - 1]! + 1);
    const values = box[VALUE_AXIS]!;
    if (!contiguous(values)) return undefined;
    parts.push(bandCondition('contractValue', mergeCells(space.valueCells.slice(values[0], values.at(-1)! + 1)), svfMoney));
    // A limited axis must be one band that says so: a broader condition could take contracts
    // earlier rules are meant for, depending on where the rule is put.
    const limited = (field: ProfileField, set: readonly number[], cells: Array<AxisCell | undefined>, format: (value: Decimal) => string): boolean => {
        if (set.length === cells.length) return true;
        if (cells[set[0]!] === undefined || !contiguous(set)) return false;
        const condition = bandCondition(field, mergeCells(set.map(index => cells[index]!)), format);
        parts.push(condition);
        return condition !== '';
    };
    if (!limited('durationMonths', box[DURATION_AXIS]!, space.durationCells, value => value.toString())) return undefined;
    if (!limited('annualValue', box[ANNUAL_AXIS]!, [undefined, ...space.annualCells], svfMoney)) return undefined;
    space.facts.forEach((axis, index) => {
        const set = box[FIRST_FACT_AXIS + index]!;
        if (axis.kind === 'choice') {
            if (set.length < axis.values.length) parts.push(`${axis.fact} ${set.length === 1 ? 'is' : 'in'} ${set.map(value => axis.values[value]!).join(', ')}`);
            return;
        }
        if (set.length !== 1) return;
        const test = axis.kind === 'flag' ? axis.flag : `${axis.fact} is ${axis.value}`;
        parts.push(set[0] === 1 ? test : `not ${test}`);
    });
    return parts.filter(Boolean).join(' and ');
}

/** `contractValue from £100k to £250k`, `contractValue >= £5m`, `durationMonths > 12 and durationMonths <= 36`; '' for any value. */
function bandCondition(field: ProfileField, band: { lower: Edge; upper: Edge | null }, format: (value: Decimal) => string): string {
    const { lower, upper } = band;
    const fromStart = lower.inclusive && lower.value.isZero();
    const low = fromStart ? '' : `${field} ${lower.inclusive ? '>=' : '>'} ${format(lower.value)}`;
    if (upper === null) return low;
    if (lower.inclusive && upper.inclusive && lower.value.eq(upper.value)) return `${field} = ${format(lower.value)}`;
    if (lower.inclusive && !upper.inclusive && !fromStart) return `${field} from ${format(lower.value)} to ${format(upper.value)}`;
    const high = `${field} ${upper.inclusive ? '<=' : '<'} ${format(upper.value)}`;
    return low ? `${low} and ${high}` : high;
}

/** An amount as SVF writes it: `£250k`, `£5m`, `£1bn`, `£12,500.50` -> `£12500.5`. */
function svfMoney(value: Decimal): string {
    for (const [suffix, size] of [['bn', 1e9], ['m', 1e6], ['k', 1e3]] as const) {
        if (!value.isZero() && value.mod(size).isZero()) return `£${value.div(size).toFixed()}${suffix}`;
    }
    return `£${value.toFixed()}`;
}

/** A region's words: the value band, then the durations, the annual values and the facts it is limited to. */
function describeRegion(space: ContractCellSpace, box: number[][], cells: number[][]): string {
    const present = (axis: number) => [...new Set(cells.map(cell => cell[axis]!))].sort((a, b) => a - b);
    const values = present(VALUE_AXIS);
    const parts = [describeValueBand(space.valueCells.slice(values[0], values.at(-1)! + 1))];
    const durations = new Set(present(DURATION_AXIS));
    const annual = box[ANNUAL_AXIS]!.filter(index => index > 0);
    const annualPhrase = annual.length > 0 && annual.length < space.annualCells.length
        ? `with an annual value ${describeBand(mergeCells(space.annualCells.slice(annual[0]! - 1, annual.at(-1)!)), formatPounds, 'of')}` : '';
    // An annual value implies a duration over 0 months (cells 2 on): saying so again adds nothing.
    const everyPositiveDuration = durations.size === space.durationCells.length - 2 && !durations.has(0) && !durations.has(1);
    if (durations.size < space.durationCells.length && !(annualPhrase && everyPositiveDuration)) parts.push(describeDurations(durations, space.durationCells));
    parts.push(annualPhrase);
    parts.push(...describeFacts(space.facts, box.slice(FIRST_FACT_AXIS)));
    return parts.filter(Boolean).join(' ');
}

/** `in programme cityDeal or boost`, `whose priorities include skills but not housing`, `that are lotted and not residentialSite`. */
function describeFacts(facts: FactAxis[], sets: number[][]): string[] {
    const choices: string[] = [];
    const members = new Map<string, { included: string[]; excluded: string[] }>();
    const flags: string[] = [];
    facts.forEach((axis, index) => {
        const set = sets[index]!;
        if (axis.kind === 'choice') {
            if (set.length < axis.values.length) choices.push(`in ${axis.fact} ${listed(set.map(value => axis.values[value]!), 'or')}`);
            return;
        }
        if (set.length !== 1) return;
        if (axis.kind === 'flag') { flags.push(set[0] === 1 ? axis.flag : `not ${axis.flag}`); return; }
        const entry = members.get(axis.fact) ?? { included: [], excluded: [] };
        (set[0] === 1 ? entry.included : entry.excluded).push(axis.value);
        members.set(axis.fact, entry);
    });
    const setPhrases = [...members].map(([fact, { included, excluded }]) => included.length === 0
        ? `whose ${fact} do not include ${listed(excluded, 'or')}`
        : `whose ${fact} include ${listed(included, 'and')}${excluded.length > 0 ? ` but not ${listed(excluded, 'or')}` : ''}`);
    return [
        choices.join(' and '),
        setPhrases.join(' and '),
        flags.length > 0 ? `that are ${flags.join(' and ')}` : ''
    ];
}

/** `from £100,000 to under £250,000`: adjacent value cells as one band, in words. */
export function describeValueBand(cells: AxisCell[]): string {
    return describeBand(mergeCells(cells), formatPounds, 'of');
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

/** 'a', 'b' and 'c' */
function listed(items: string[], conjunction: 'and' | 'or'): string {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
