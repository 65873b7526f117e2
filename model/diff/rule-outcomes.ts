import { Decimal, decimalOf, formatPounds } from '../amounts.js';
import { measuresOf, type Framework } from '../framework.js';
import type { Origin } from '../origin.js';
import { evaluateCondition } from '../rules/evaluate-condition.js';
import { contractCellSpace, coverageDeclarationsOf, findRegions, forEachCell, gridSize, unionOfDeclarations } from '../rules/rule-coverage.js';
import { keepsElement, keepsMeasure, type ScopedMeasure } from '../rules/rule-scope.js';
import { emptyEffects, type ContractCategory, type ElementSelection, type MinimumCommitmentRule, type ProportionalityRule, type RuleEffects } from '../rules/rule-types.js';
import type { ChangeClass, ContractAsk, RuleOutcomeChange } from './diff-types.js';

/**
 * The rule-table diff by contract outcome: which contracts now get another rule or another
 * ask, found on the partition of contract profiles the coverage check uses (value and
 * duration split at every threshold either version's rules use, the categories, the flags),
 * so a threshold moved from £100k to £250k shows as the band between them and nothing else.
 */

/** The old side's name of a declaration, as the new side calls it (renames detected by the diff). */
export type NameTranslation = (kind: 'theme' | 'measure' | 'question' | 'gate' | 'rule', id: string) => string;

/** One region whose rule or ask differs, with why it is breaking (empty lists: it is not). */
export interface RuleOutcomeRegion {
    change: RuleOutcomeChange;
    /** How the ask got stricter, in words (`ratio 10% -> 15%`). */
    stricter: string[];
    /** What the contracts no longer get (`measure NT3`). */
    lost: string[];
    /** The rule that applies after (new side), else the one that applied before (old side). */
    origin: Origin;
    side: 'old' | 'new';
    rule: string;
}

interface SideRule extends ProportionalityRule { origin: Origin }

/**
 * Regions of contract profiles whose applied rule (first match) or its ask differs between
 * the two versions, adjacent cells with the same before and after merged, in category then
 * value order. Renamed rules and names inside effects are compared under their new names, so
 * a rename alone (reported as such) changes no contract's outcome. Empty when the rules use
 * too many flags to enumerate.
 */
export function diffRuleOutcomes(before: Framework, after: Framework, rename: NameTranslation): RuleOutcomeRegion[] {
    const oldRules: SideRule[] = before.rules.map(rule => ({ ...rule, id: rename('rule', rule.id), effects: translateEffects(rule.effects, rename) }));
    const newRules: SideRule[] = after.rules;
    const declarations = unionOfDeclarations(coverageDeclarationsOf(before.profile), coverageDeclarationsOf(after.profile));
    const space = contractCellSpace([...oldRules, ...newRules], declarations);
    if (!space.analysable || (oldRules.length === 0 && newRules.length === 0)) return [];
    const scope = new ElementScope(before, after, rename);

    interface CellOutcome { key: string; before: ContractAsk; after: ContractAsk; oldRule: SideRule | undefined; newRule: SideRule | undefined; stricter: string[]; lost: string[] }
    interface Region { categories: ContractCategory[]; band: string; outcomes: CellOutcome[] }
    // Per cell: the outcome where it differs, labelled by its key (cells that do not differ keep label -2).
    const labels = new Int32Array(gridSize(space)).fill(-1);
    const outcomes = new Map<number, CellOutcome>();
    const keys = new Map<string, number>();
    forEachCell(space, (index, categoryIndex, term, profile) => {
        labels[index] = -2;
        const category = space.categories[categoryIndex]!;
        const oldRule = oldRules.find(rule => evaluateCondition(rule.condition, profile));
        const newRule = newRules.find(rule => evaluateCondition(rule.condition, profile));
        const beforeAsk = contractAsk(oldRule);
        const afterAsk = contractAsk(newRule);
        if (beforeAsk.rule === afterAsk.rule && beforeAsk.ask === afterAsk.ask) return;
        const oldEffects = oldRule?.effects ?? emptyEffects();
        const newEffects = newRule?.effects ?? emptyEffects();
        const key = `${beforeAsk.rule}\u0000${beforeAsk.ask}\u0001${afterAsk.rule}\u0000${afterAsk.ask}`;
        if (!keys.has(key)) keys.set(key, keys.size);
        labels[index] = keys.get(key)!;
        outcomes.set(index, {
            key, before: beforeAsk, after: afterAsk, oldRule, newRule,
            stricter: stricterAsks(oldEffects, newEffects, decimalOf(term.contractValue)),
            lost: scope.lost(oldEffects, newEffects, category)
        });
    });
    // Regions of each outcome, then one per wording and outcome across categories, in category then value order.
    const found = [...keys.values()].flatMap(label => findRegions(space, labels, label).map(region => ({ label, region })))
        .sort((a, b) => a.region.seed - b.region.seed);
    const regions = new Map<string, Region>();
    for (const { label, region: cellRegion } of found) {
        const regionKey = `${cellRegion.band}\u0003${label}`;
        const region = regions.get(regionKey) ?? { categories: [], band: cellRegion.band, outcomes: [] };
        const category = space.categories[cellRegion.box[0]![0]!]!;
        if (!region.categories.includes(category)) region.categories.push(category);
        region.outcomes.push(...cellRegion.cells.map(index => outcomes.get(index)!));
        regions.set(regionKey, region);
    }

    return [...regions.values()].map(region => {
        const first = region.outcomes[0]!;
        const stricter = unique(region.outcomes.flatMap(outcome => outcome.stricter));
        const lost = unique(region.outcomes.flatMap(outcome => outcome.lost));
        const changeClass: ChangeClass = stricter.length > 0 || lost.length > 0 ? 'breaking' : 'minor';
        const who = region.categories.length === space.categories.length ? 'contracts' : `${listWith(region.categories, 'and')} contracts`;
        const rule = first.newRule ?? first.oldRule!;
        return {
            change: { class: changeClass, region: `${who} ${region.band}`, before: first.before, after: first.after },
            stricter, lost,
            origin: rule.origin,
            side: first.newRule ? 'new' : 'old',
            rule: rule.id
        };
    });
}

/** What a contract gets under a rule (or none), in words. */
function contractAsk(rule: ProportionalityRule | undefined): ContractAsk {
    return rule ? { rule: rule.id, ask: askInWords(rule.effects) } : { rule: null, ask: 'no rule matches' };
}

/**
 * A rule's ask in words, in a fixed order: `no ask`, or the ratio (`10%`), weighting,
 * selection, required themes, minimum commitments, KPIs, then what it includes and
 * excludes; `no extra asks` for a rule with no effects.
 */
export function askInWords(effects: RuleEffects): string {
    if (effects.noAsk) return 'no ask';
    const parts: string[] = [];
    if (effects.minimumSvRatio !== null) parts.push(`${effects.minimumSvRatio}%`);
    if (effects.weighting !== null) parts.push(`weighting ${effects.weighting}%`);
    const select = effects.select;
    if (select && (select.min !== null || select.max !== null)) {
        parts.push(select.min !== null && select.max !== null
            ? `select ${select.min} to ${select.max}`
            : select.max !== null ? `select at most ${select.max}` : `select at least ${select.min}`);
    }
    for (const { theme, count } of effects.require) parts.push(`require ${count} from ${theme}`);
    for (const minimum of effects.minimumCommitments) {
        parts.push(`minimum ${minimum.measure} ${minimumWords(minimum)}`);
    }
    if (effects.kpis !== null) parts.push(`${effects.kpis} KPIs`);
    parts.push(...selectionWords('include', effects.include), ...selectionWords('exclude', effects.exclude));
    return parts.length > 0 ? parts.join(', ') : 'no extra asks';
}

function selectionWords(verb: string, selection: ElementSelection | null): string[] {
    if (!selection) return [];
    return (['themes', 'measures', 'questions', 'gates'] as const)
        .filter(kind => selection[kind].length > 0)
        .map(kind => `${verb} ${kind} ${selection[kind].join(', ')}`);
}

/**
 * How the new ask is stricter than the old for a contract of this value: asked where it was
 * not, or a higher ratio, more KPIs, a higher minimum or lower maximum selection, more
 * measures required from a theme, a higher minimum commitment (per-£ minimums compared at
 * this value). A contract moved to `no ask` is never stricter.
 */
function stricterAsks(before: RuleEffects, after: RuleEffects, contractValue: Decimal): string[] {
    if (after.noAsk) return [];
    if (before.noAsk) return ['asked for social value where it was not'];
    const reasons: string[] = [];
    const higher = (what: string, old: number | null, now: number | null, shown: (n: number) => string) => {
        if ((now ?? 0) > (old ?? 0)) reasons.push(`${what} ${old === null ? 'none' : shown(old)} -> ${shown(now!)}`);
    };
    higher('ratio', before.minimumSvRatio, after.minimumSvRatio, n => `${n}%`);
    higher('KPIs', before.kpis, after.kpis, String);
    higher('select at least', before.select?.min ?? null, after.select?.min ?? null, String);
    const oldMax = before.select?.max ?? null;
    const newMax = after.select?.max ?? null;
    if (newMax !== null && (oldMax === null || newMax < oldMax)) reasons.push(`select at most ${oldMax === null ? 'any number' : oldMax} -> ${newMax}`);
    const required = (effects: RuleEffects) => {
        const counts = new Map<string, number>();
        for (const { theme, outcome, count } of effects.require) {
            const from = theme ?? `outcome ${outcome}`;
            counts.set(from, Math.max(counts.get(from) ?? 0, count));
        }
        return counts;
    };
    const oldRequired = required(before);
    for (const [theme, count] of required(after)) higher(`require from ${theme}`, oldRequired.get(theme) ?? null, count, String);
    const minimums = (effects: RuleEffects) => {
        const amounts = new Map<string, Decimal>();
        for (const minimum of effects.minimumCommitments) {
            const quantity = new Decimal(minimum.quantity);
            const amount = minimum.per === null ? quantity : quantity.times(contractValue).dividedBy(decimalOf(minimum.per));
            const earlier = amounts.get(minimum.measure);
            if (!earlier || amount.gt(earlier)) amounts.set(minimum.measure, amount);
        }
        return amounts;
    };
    const oldMinimums = minimums(before);
    const oldWords = new Map(before.minimumCommitments.map(minimum => [minimum.measure, minimumWords(minimum)]));
    const oldPerYear = new Set(before.minimumCommitments.filter(minimum => minimum.perYear).map(minimum => minimum.measure));
    for (const minimum of after.minimumCommitments) {
        const now = minimums({ ...after, minimumCommitments: [minimum] }).get(minimum.measure)!;
        const old = oldMinimums.get(minimum.measure);
        // A fixed minimum now asked each year is more for every contract longer than a year.
        const nowYearly = minimum.perYear === true && minimum.per === null && !oldPerYear.has(minimum.measure) && old !== undefined && now.gte(old);
        if (old === undefined || now.gt(old) || nowYearly) {
            reasons.push(`minimum ${minimum.measure} ${oldWords.get(minimum.measure) ?? 'none'} -> ${minimumWords(minimum)}`);
        }
    }
    return unique(reasons);
}

/**
 * What contracts of a category are asked under a rule, measure by measure: only measures,
 * questions and gates both versions have count, each scoped by the new version's definition,
 * so a loss here is the rules' doing (a measure removed or narrowed is reported as such).
 */
class ElementScope {
    private readonly measures: ScopedMeasure[];
    private readonly questions: string[];
    private readonly gates: string[];
    private readonly cache = new Map<string, string[]>();

    constructor(before: Framework, after: Framework, rename: NameTranslation) {
        const oldMeasures = new Set(measuresOf(before).map(measure => rename('measure', measure.code)));
        this.measures = measuresOf(after).filter(measure => oldMeasures.has(measure.code));
        const oldQuestions = new Set(before.questions.map(question => rename('question', question.id)));
        this.questions = after.questions.map(question => question.id).filter(id => oldQuestions.has(id));
        const oldGates = new Set(before.gates.map(gate => rename('gate', gate.id)));
        this.gates = after.gates.map(gate => gate.id).filter(id => oldGates.has(id));
    }

    /** `measure NT3`, `question MS1`: what the old ask gave a contract that the new one does not. */
    lost(before: RuleEffects, after: RuleEffects, category: ContractCategory): string[] {
        // A contract that was asked nothing loses nothing; one moved to `no ask` loses all it was
        // asked (a member or portal that relied on asking it breaks, as the issue's table says).
        if (before.noAsk) return [];
        const key = `${JSON.stringify(before)}\u0000${JSON.stringify(after)}\u0000${category}`;
        const cached = this.cache.get(key);
        if (cached) return cached;
        const lost = [
            ...this.measures.filter(measure => keepsMeasure(before, measure, category) && (after.noAsk || !keepsMeasure(after, measure, category))).map(measure => `measure ${measure.code}`),
            ...this.questions.filter(id => keepsElement(before, 'questions', id) && (after.noAsk || !keepsElement(after, 'questions', id))).map(id => `question ${id}`),
            ...this.gates.filter(id => keepsElement(before, 'gates', id) && (after.noAsk || !keepsElement(after, 'gates', id))).map(id => `gate ${id}`)
        ];
        this.cache.set(key, lost);
        return lost;
    }
}

/** The old side's effects under the new side's names. */
export function translateEffects(effects: RuleEffects, rename: NameTranslation): RuleEffects {
    const selection = (names: ElementSelection | null): ElementSelection | null => names && {
        themes: names.themes.map(id => rename('theme', id)),
        measures: names.measures.map(id => rename('measure', id)),
        questions: names.questions.map(id => rename('question', id)),
        gates: names.gates.map(id => rename('gate', id))
    };
    return {
        ...effects,
        include: selection(effects.include),
        exclude: selection(effects.exclude),
        require: effects.require.map(entry => (entry.theme === undefined ? entry : { ...entry, theme: rename('theme', entry.theme) })),
        minimumCommitments: effects.minimumCommitments.map(entry => ({ ...entry, measure: rename('measure', entry.measure) }))
    };
}

function unique(items: string[]): string[] {
    return [...new Set(items)];
}

/** `goods, services and works` */
export function listWith(items: readonly string[], conjunction: 'and' | 'or'): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** `2`, `1 per £1,000,000`, `1 per £1,000,000 per year`. */
function minimumWords(minimum: MinimumCommitmentRule): string {
    return `${minimum.quantity}${minimum.per === null ? '' : ` per ${formatPounds(minimum.per)}`}${minimum.perYear ? ' per year' : ''}`;
}
