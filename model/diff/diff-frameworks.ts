import { describeApplicability } from '../rules/condition-wording.js';
import { Decimal, formatPounds, moneyString } from '../amounts.js';
import type { LocationWording } from '../checks/framework-checks.js';
import {
    measuresOf, type AwardCriterion, type EvaluationSettings, type FinancialProxy, type Framework, type Measure, type MeasureAnswer, type MethodStatementQuestion, type Outcome,
    type ProfileDeclarations, type QuestionWeight, type ScoringScale, type UnitDefinition
} from '../framework.js';
import type { Origin } from '../origin.js';
import { CONTRACT_CATEGORIES, type ContractCategory } from '../rules/rule-types.js';
import { CHANGE_KINDS, classRank, type ChangeKindName } from './change-kinds.js';
import type { ChangeClass, FrameworkChange, FrameworkDiff, ProxyRebase, SubjectType, VersionBump } from './diff-types.js';
import { askInWords, diffRuleOutcomes, listWith, translateEffects, type NameTranslation } from './rule-outcomes.js';

/**
 * old model + new model -> changes + required version bump. Declarations are paired by id or
 * code, never by file or position, so moving a declaration to another file, reordering,
 * reformatting and comments are no change. A declaration removed and another of the same
 * kind added with the same substance (a measure with the same unit, proxy and ask or title;
 * a proxy with the same value and unit...) is one `-renamed` change, still breaking, and the
 * old name is then read as the new one everywhere else (a measure in a renamed theme has not
 * moved).
 *
 * Pure and deterministic: the same two models give the same diff, changes sorted breaking,
 * minor, patch, then by file, line and column. Every lookup is by Map, so two frameworks of
 * 10,000 measures diff in a few milliseconds; only the rules' partition is enumerated.
 * `wording` names the old place of a renamed declaration.
 */
export function diffFrameworks(before: Framework, after: Framework, wording: LocationWording): FrameworkDiff {
    return new FrameworkComparison(before, after, wording).diff();
}

/** The least bump for a set of changes: major for any breaking change, minor for any minor one, patch for wording only. */
export function requiredBumpOf(classes: Iterable<ChangeClass>): VersionBump {
    let bump: VersionBump = 'none';
    for (const changeClass of classes) {
        if (changeClass === 'breaking') return 'major';
        if (changeClass === 'minor') bump = 'minor';
        else if (bump === 'none') bump = 'patch';
    }
    return bump;
}

type RenameKind = 'unit' | 'proxy' | 'scale' | 'theme' | 'outcome' | 'measure' | 'question' | 'gate' | 'rule';

/** How each kind is named in messages. */
const NOUNS: Record<RenameKind, string> = {
    unit: 'Unit', proxy: 'Proxy', scale: 'Scale', theme: 'Theme', outcome: 'Outcome', measure: 'Measure', question: 'Question', gate: 'Gate', rule: 'Rule'
};

/** What makes two declarations of a kind the same thing under different names, for the rename message. */
const SAME_SUBSTANCE: Record<RenameKind, string> = {
    unit: 'same label and kind', proxy: 'same value, unit and adjustments', scale: 'same levels', theme: 'same title or outcomes',
    outcome: 'same title or measures', measure: 'same unit, proxy and ask or title', question: 'same scale and ask or title',
    gate: 'same ask or title', rule: 'same condition and effects'
};

const ADJUSTMENTS = ['deadweight', 'attribution', 'displacement', 'dropOff'] as const;

class FrameworkComparison {
    private readonly changes: FrameworkChange[] = [];
    private readonly rebasing: ProxyRebase[] = [];
    private readonly renames = new Map<RenameKind, Map<string, string>>();

    constructor(private readonly before: Framework, private readonly after: Framework, private readonly wording: LocationWording) {}

    diff(): FrameworkDiff {
        this.compareIdentity();
        for (const [old, now] of this.pair('unit', this.before.units, this.after.units, unit => unit.id, unit => [`${unit.label}\u0000${unit.kind}`], unit => unit.label)) {
            this.compareUnits(old, now);
        }
        const named = (proxies: readonly FinancialProxy[]) => proxies.filter(proxy => proxy.inlineIn === null);
        const proxyPairs = this.pair('proxy', named(this.before.proxies), named(this.after.proxies), proxy => proxy.id,
            (proxy, side) => [`${side === 'old' ? this.translate('unit', proxy.unit) : proxy.unit}\u0000${proxy.value.toString()}\u0000${ADJUSTMENTS.map(key => proxy[key].toString()).join('/')}`],
            proxy => proxy.title);
        for (const [old, now] of this.pair('scale', this.before.scales, this.after.scales, scale => scale.id,
            scale => [scale.levels.map(level => `${level.score.toString()}:${level.label}`).join('\u0000')], scale => scale.title)) {
            this.compareScales(old, now);
        }
        const themePairs = this.pair('theme', this.before.themes, this.after.themes, theme => theme.id,
            theme => [theme.title === null ? null : `title:${theme.title}`, theme.outcomes.length === 0 ? null : `outcomes:${theme.outcomes.map(outcome => outcome.id).sort().join(',')}`],
            theme => theme.title);
        const outcomesOf = (framework: Framework) => framework.themes.flatMap(theme => theme.outcomes);
        const outcomePairs = this.pair('outcome', outcomesOf(this.before), outcomesOf(this.after), outcome => outcome.id,
            outcome => [outcome.title === null ? null : `title:${outcome.title}`, outcome.measures.length === 0 ? null : `measures:${outcome.measures.map(measure => measure.code).sort().join(',')}`],
            outcome => outcome.title);
        const oldProxies = new Map(this.before.proxies.map(proxy => [proxy.id, proxy]));
        const newProxies = new Map(this.after.proxies.map(proxy => [proxy.id, proxy]));
        const measurePairs = this.pair('measure', measuresOf(this.before), measuresOf(this.after), measure => measure.code, (measure, side) => {
            const unit = side === 'old' && measure.unit !== null ? this.translate('unit', measure.unit) : measure.unit;
            const proxy = this.proxyKey(measure, side === 'old' ? oldProxies : newProxies, side);
            return [measure.ask === null ? null : `${unit}\u0000${proxy}\u0000ask:${measure.ask}`, measure.title === null ? null : `${unit}\u0000${proxy}\u0000title:${measure.title}`];
        }, measure => measure.title);
        for (const [old, now] of this.pair('question', this.before.questions, this.after.questions, question => question.id, (question, side) => {
            const scale = side === 'old' && question.scale !== null ? this.translate('scale', question.scale) : question.scale;
            return [question.ask === null ? null : `${scale}\u0000ask:${question.ask}`, question.title === null ? null : `${scale}\u0000title:${question.title}`];
        }, question => question.title)) {
            this.compareQuestions(old, now);
        }
        for (const [old, now] of this.pair('gate', this.before.gates, this.after.gates, gate => gate.id,
            gate => [gate.ask === null ? null : `ask:${gate.ask}`, gate.title === null ? null : `title:${gate.title}`], gate => gate.title)) {
            this.compareWording('gate', old, now, ['title', 'ask', 'guidance', 'evidence']);
        }

        themePairs.forEach(([old, now]) => this.compareWording('theme', old, now, ['title', 'description']));
        outcomePairs.forEach(([old, now]) => this.compareOutcomes(old, now));
        measurePairs.forEach(([old, now]) => this.compareMeasures(old, now, oldProxies, newProxies));
        proxyPairs.forEach(([old, now]) => this.compareProxies(old, now));
        this.compareInlineProxies();
        this.compareEvaluation(this.before.evaluation, this.after.evaluation);
        this.compareProfiles(this.before.profile, this.after.profile);
        this.compareRules();
        this.compareRuleOutcomes();

        const changes = this.changes.sort(compareChanges);
        return {
            old: { id: this.before.identity.id, version: this.before.identity.version },
            new: { id: this.after.identity.id, version: this.after.identity.version },
            changes,
            ruleOutcomes: this.ruleOutcomes,
            proxyRebasing: this.rebasing.sort((a, b) => compareText(a.proxy, b.proxy)),
            requiredBump: requiredBumpOf(changes.map(change => change.class))
        };
    }

    private ruleOutcomes: FrameworkDiff['ruleOutcomes'] = [];

    // -------------------------------------------------------------- pairing and renames

    /** The old side's name as the new side calls it. */
    private translate(kind: RenameKind, id: string): string {
        return this.renames.get(kind)?.get(id) ?? id;
    }

    private readonly translation: NameTranslation = (kind, id) => this.translate(kind, id);

    /**
     * Pairs the declarations of a kind by id (the first of a duplicated id wins, as in the
     * merge), reports those removed, added and renamed, and returns the pairs to compare
     * (renamed ones included). A removed declaration is a rename of an added one when one of
     * their substance keys matches (first match in id order, each used once).
     */
    private pair<T>(
        kind: RenameKind, oldItems: readonly T[], newItems: readonly T[], idOf: (item: T) => string,
        substance: (item: T, side: 'old' | 'new') => Array<string | null>, titleOf: (item: T) => string | null
    ): Array<[T, T]> {
        const oldById = byId(oldItems, idOf);
        const newById = byId(newItems, idOf);
        const pairs: Array<[T, T]> = [];
        const removed: T[] = [];
        for (const [id, old] of oldById) {
            const now = newById.get(id);
            if (now) pairs.push([old, now]);
            else removed.push(old);
        }
        const added = [...newById].filter(([id]) => !oldById.has(id)).map(([, item]) => item);
        const candidates = new Map<string, T[]>();
        for (const item of added) {
            for (const key of substance(item, 'new')) if (key !== null) candidates.set(key, [...(candidates.get(key) ?? []), item]);
        }
        const renamed = new Map<string, string>();
        const taken = new Set<T>();
        const origin = (item: T) => (item as { origin: Origin }).origin;
        const named = (item: T) => {
            const title = titleOf(item);
            return `${NOUNS[kind]} '${idOf(item)}'${title === null ? '' : ` ("${title}")`}`;
        };
        for (const old of removed.sort((a, b) => compareText(idOf(a), idOf(b)))) {
            const match = substance(old, 'old').filter((key): key is string => key !== null)
                .flatMap(key => candidates.get(key) ?? []).find(item => !taken.has(item));
            if (match === undefined) {
                this.add(`${kind}-removed` as ChangeKindName, { type: kind, id: idOf(old) }, origin(old), 'old', `${named(old)} was removed.`);
                continue;
            }
            taken.add(match);
            renamed.set(idOf(old), idOf(match));
            pairs.push([old, match]);
            this.add(`${kind}-renamed` as ChangeKindName, { type: kind, id: idOf(match) }, origin(match), 'new',
                `${NOUNS[kind]} '${idOf(old)}' is now '${idOf(match)}' (${SAME_SUBSTANCE[kind]}; it was at ${this.wording.where(origin(old), origin(match))}). Members and portals that name '${idOf(old)}' must use '${idOf(match)}'.`,
                { before: idOf(old), after: idOf(match) });
        }
        for (const item of added) {
            if (!taken.has(item)) this.add(`${kind}-added` as ChangeKindName, { type: kind, id: idOf(item) }, origin(item), 'new', `${named(item)} was added.`);
        }
        this.renames.set(kind, renamed);
        return pairs;
    }

    private add(kind: ChangeKindName, subject: { type: SubjectType; id: string }, origin: Origin, side: 'old' | 'new', message: string, values?: { before: unknown; after: unknown }): void {
        this.changes.push({ class: CHANGE_KINDS[kind].class, kind, message, origin, side, subject, ...(values ?? {}) });
    }

    // -------------------------------------------------------------- framework, units, scales

    private compareIdentity(): void {
        const old = this.before.identity;
        const now = this.after.identity;
        const subject = { type: 'framework' as const, id: now.id };
        for (const property of ['title', 'publisher', 'description'] as const) {
            if (old[property] !== now[property]) {
                this.add('framework-wording-changed', subject, now.origin, 'new', `The framework's ${property} changed from ${quoted(old[property])} to ${quoted(now[property])}.`, { before: old[property], after: now[property] });
            }
        }
        if (old.priceYear !== now.priceYear) {
            this.add('framework-price-year-changed', subject, now.origins.priceYear ?? now.origin, 'new',
                `The framework's price year changed from ${old.priceYear ?? 'none'} to ${now.priceYear ?? 'none'}: proxies without their own price year are re-based.`, { before: old.priceYear, after: now.priceYear });
        }
        if (old.status !== now.status) {
            this.add('framework-status-changed', subject, now.origin, 'new', `The framework's status changed from ${old.status} to ${now.status}.`, { before: old.status, after: now.status });
        }
    }

    private compareUnits(old: UnitDefinition, now: UnitDefinition): void {
        const subject = { type: 'unit' as const, id: now.id };
        if (old.label !== now.label) {
            this.add('unit-wording-changed', subject, now.origin, 'new', `Unit '${now.id}' label changed from "${old.label}" to "${now.label}".`, { before: old.label, after: now.label });
        }
        if (old.kind !== now.kind) {
            this.add('unit-kind-changed', subject, now.origin, 'new', `Unit '${now.id}' changed from ${old.kind} to ${now.kind}, so the answer type of every measure in it changes.`, { before: old.kind, after: now.kind });
        }
    }

    private compareScales(old: ScoringScale, now: ScoringScale): void {
        const subject = { type: 'scale' as const, id: now.id };
        if (old.title !== now.title) {
            this.add('scale-wording-changed', subject, now.origin, 'new', `Scale '${now.id}' title changed from ${quoted(old.title)} to ${quoted(now.title)}.`, { before: old.title, after: now.title });
        }
        type Level = ScoringScale['levels'][number];
        const oldLevels = byId(old.levels, level => level.score.toString());
        const newLevels = byId(now.levels, level => level.score.toString());
        const removed = [...oldLevels].filter(([score]) => !newLevels.has(score)).map(([, level]) => level);
        const added = [...newLevels].filter(([score]) => !oldLevels.has(score)).map(([, level]) => level);
        const taken = new Set<Level>();
        const levelSubject = (level: Level) => ({ type: 'scale-level' as const, id: `${now.id}/${level.score.toString()}` });
        for (const level of removed) {
            const match = added.find(candidate => !taken.has(candidate) && candidate.label === level.label);
            if (match) {
                taken.add(match);
                this.add('scale-level-renamed', levelSubject(match), match.origin, 'new',
                    `Scale '${now.id}': level "${level.label}" now scores ${match.score.toString()} instead of ${level.score.toString()}.`, { before: level.score.toString(), after: match.score.toString() });
            } else {
                this.add('scale-level-removed', { type: 'scale-level', id: `${old.id}/${level.score.toString()}` }, level.origin, 'old',
                    `Scale '${now.id}' no longer has level ${level.score.toString()} ("${level.label}"); its scores are now ${now.levels.map(each => each.score.toString()).join(', ')}.`);
            }
        }
        for (const level of added.filter(candidate => !taken.has(candidate))) {
            this.add('scale-level-added', levelSubject(level), level.origin, 'new',
                `Scale '${now.id}' has a new level ${level.score.toString()} ("${level.label}"); its scores are now ${now.levels.map(each => each.score.toString()).join(', ')}.`);
        }
        for (const [score, level] of newLevels) {
            const previous = oldLevels.get(score);
            if (!previous) continue;
            for (const property of ['label', 'descriptor'] as const) {
                if (previous[property] !== level[property]) {
                    this.add('scale-level-wording-changed', levelSubject(level), level.origin, 'new',
                        `Scale '${now.id}' level ${score}: ${property} changed from ${quoted(previous[property])} to ${quoted(level[property])}.`, { before: previous[property], after: level[property] });
                }
            }
        }
    }

    // -------------------------------------------------------------- themes, outcomes, measures, questions, gates

    /** One `<kind>-wording-changed` per text property that differs, at the property where it is written. */
    private compareWording<T extends { id?: string; code?: string; origin: Origin; origins?: Partial<Record<string, Origin>> }>(
        kind: 'theme' | 'outcome' | 'measure' | 'question' | 'gate', old: T, now: T, properties: Array<keyof T & string>
    ): void {
        const id = (now.id ?? now.code)!;
        for (const property of properties) {
            const before = old[property] as unknown as string | null;
            const after = now[property] as unknown as string | null;
            if (before === after) continue;
            this.add(`${kind}-wording-changed` as ChangeKindName, { type: kind, id }, now.origins?.[property] ?? now.origin, 'new',
                `${NOUNS[kind]} '${id}': ${property} changed from ${quoted(before)} to ${quoted(after)}.`, { before, after });
        }
    }

    private compareOutcomes(old: Outcome, now: Outcome): void {
        this.compareWording('outcome', old, now, ['title', 'description']);
        const theme = this.translate('theme', old.theme);
        if (theme !== now.theme) {
            this.add('outcome-theme-changed', { type: 'outcome', id: now.id }, now.origin, 'new',
                `Outcome '${now.id}' moved from theme '${theme}' to theme '${now.theme}', with its ${now.measures.length === 1 ? 'measure' : `${now.measures.length} measures`}.`, { before: theme, after: now.theme });
        }
    }

    private proxyKey(measure: Measure, proxies: Map<string, FinancialProxy>, side: 'old' | 'new'): string {
        if (measure.proxy === null) return 'none';
        const proxy = proxies.get(measure.proxy);
        // Inline proxies are named after their measure: compare them by figures, not name.
        if (proxy?.inlineIn) return `inline:${proxy.value.toString()}`;
        return `named:${side === 'old' ? this.translate('proxy', measure.proxy) : measure.proxy}`;
    }

    private compareMeasures(old: Measure, now: Measure, oldProxies: Map<string, FinancialProxy>, newProxies: Map<string, FinancialProxy>): void {
        const subject = { type: 'measure' as const, id: now.code };
        const at = (property: keyof Measure['origins']) => now.origins[property] ?? now.origin;
        const name = `Measure '${now.code}'`;
        this.compareWording('measure', old, now, ['title', 'ask', 'guidance', 'evidence']);
        const unit = old.unit === null ? null : this.translate('unit', old.unit);
        if (unit !== now.unit) {
            this.add('measure-unit-changed', subject, at('unit'), 'new', `${name} is now measured in ${now.unit ?? 'no unit'} instead of ${unit ?? 'no unit'}: committed quantities mean something else.`, { before: unit, after: now.unit });
        }
        const outcome = this.translate('outcome', old.outcome);
        const theme = this.translate('theme', old.theme);
        if (theme !== now.theme && outcome !== now.outcome) {
            this.add('measure-theme-changed', subject, now.origin, 'new', `${name} moved from theme '${theme}' (outcome '${outcome}') to theme '${now.theme}' (outcome '${now.outcome}').`, { before: theme, after: now.theme });
        } else if (theme === now.theme && outcome !== now.outcome) {
            this.add('measure-outcome-changed', subject, now.origin, 'new', `${name} moved from outcome '${outcome}' to outcome '${now.outcome}' of theme '${now.theme}'.`, { before: outcome, after: now.outcome });
        }
        this.compareLimits(old, now, name, subject);
        const oldCategories = categoriesOf(old.categories);
        const newCategories = categoriesOf(now.categories);
        const lost = oldCategories.filter(category => !newCategories.includes(category));
        const gained = newCategories.filter(category => !oldCategories.includes(category));
        const categories = { before: old.categories, after: now.categories };
        if (lost.length > 0) {
            this.add('measure-categories-narrowed', subject, at('categories'), 'new', `${name} is no longer asked of ${listWith(lost, 'or')} contracts (it was relevant to ${listWith(oldCategories, 'and')}; now ${listWith(newCategories, 'and')}).`, categories);
        }
        if (gained.length > 0) {
            this.add('measure-categories-widened', subject, at('categories'), 'new', `${name} is now also asked of ${listWith(gained, 'and')} contracts.`, categories);
        }
        const oldProxy = this.proxyKey(old, oldProxies, 'old');
        const newProxy = this.proxyKey(now, newProxies, 'new');
        const inlineBoth = oldProxy.startsWith('inline:') && newProxy.startsWith('inline:');
        // Becoming record only drops the proxy too: one change says both.
        if (!inlineBoth && oldProxy !== newProxy && old.recordOnly === now.recordOnly) {
            const shown = (measure: Measure, key: string) => key === 'none' ? 'no proxy' : key.startsWith('inline:') ? `its own proxy of ${formatPounds(key.slice(7))}` : `proxy '${measure.proxy}'`;
            this.add('measure-valuation-changed', subject, at('proxy'), 'new', `${name} is now valued with ${shown(now, newProxy)} instead of ${shown(old, oldProxy)}.`, { before: old.proxy, after: now.proxy });
        }
        if (old.multiYear !== now.multiYear) {
            this.add('measure-valuation-changed', subject, at('multiYear'), 'new', now.multiYear ? `${name} is now multi year: the committed quantity is per year, valued year by year.` : `${name} is no longer multi year: the committed quantity is valued once.`, { before: old.multiYear, after: now.multiYear });
        }
        if (old.recordOnly !== now.recordOnly) {
            this.add('measure-valuation-changed', subject, at('recordOnly'), 'new', now.recordOnly ? `${name} is now record only: reported but never monetised.` : `${name} is no longer record only: it is monetised.`, { before: old.recordOnly, after: now.recordOnly });
        }
        this.compareAnswers(old.answer, now.answer, name, subject, at('answer'));
        if (old.afterAward !== now.afterAward) {
            const stage = (frequency: Measure['afterAward']) => (frequency === null ? 'asked at bid time' : `reported after award (${frequency})`);
            // Only a move between bid time and after award is breaking; a new reporting frequency is not.
            const kind = (old.afterAward === null) === (now.afterAward === null) ? 'measure-reporting-frequency-changed' : 'measure-stage-changed';
            this.add(kind, subject, at('afterAward'), 'new', `${name} is now ${stage(now.afterAward)}; it was ${stage(old.afterAward)}.`, { before: old.afterAward, after: now.afterAward });
        }
        this.compareCodes(old, now, name, subject, at('codes'));
        const horizon = (measure: Measure) => (measure.horizon === null ? 'none' : `${measure.horizon.value.toString()} ${measure.horizon.period}`);
        if (horizon(old) !== horizon(now)) {
            this.add('measure-horizon-changed', subject, at('horizon'), 'new', `${name} horizon changed from ${horizon(old)} to ${horizon(now)}.`, { before: horizon(old), after: horizon(now) });
        }
    }

    /** A new answer kind, or a choice's options: fewer options break answers, more do not. */
    private compareAnswers(old: MeasureAnswer, now: MeasureAnswer, name: string, subject: { type: 'measure'; id: string }, origin: Origin): void {
        const words = answerWords;
        if (old.kind !== now.kind || (old.kind === 'text' && now.kind === 'text' && (now.wordLimit ?? Infinity) < (old.wordLimit ?? Infinity))) {
            this.add('measure-answer-changed', subject, origin, 'new', `${name} is now answered with ${words(now)} instead of ${words(old)}.`, { before: words(old), after: words(now) });
            return;
        }
        if (old.kind === 'choice' && now.kind === 'choice') {
            const lost = old.options.filter(option => !now.options.includes(option));
            const gained = now.options.filter(option => !old.options.includes(option));
            const values = { before: old.options, after: now.options };
            if (lost.length > 0) this.add('measure-answer-changed', subject, origin, 'new', `${name} no longer offers ${listWith(lost.map(option => `"${option}"`), 'or')} as an answer.`, values);
            else if (gained.length > 0) this.add('measure-answer-widened', subject, origin, 'new', `${name} now also offers ${listWith(gained.map(option => `"${option}"`), 'and')} as an answer.`, values);
        }
    }

    /** Codes and tags, of a measure or a question. */
    private compareCodes(old: { codes: string[]; tags: string[] }, now: { codes: string[]; tags: string[] }, name: string, subject: { type: 'measure' | 'question'; id: string }, origin: Origin): void {
        for (const property of ['codes', 'tags'] as const) {
            const before = [...old[property]].sort();
            const after = [...now[property]].sort();
            if (before.join('\u0000') === after.join('\u0000')) continue;
            this.add('measure-codes-changed', subject, origin, 'new', `${name} ${property} changed from ${listOrNothing(before)} to ${listOrNothing(after)}.`, { before, after });
        }
    }

    // -------------------------------------------------------------- the contract profile

    private compareProfiles(old: ProfileDeclarations, now: ProfileDeclarations): void {
        const facts = (profile: ProfileDeclarations) => new Map<string, { kind: string; values: string[] | null; origin: Origin }>([
            ...profile.flags.map(fact => [fact.name, { kind: 'flag', values: null, origin: fact.origin }] as const),
            ...profile.choices.map(fact => [fact.name, { kind: 'choice', values: fact.values, origin: fact.origin }] as const),
            ...profile.sets.map(fact => [fact.name, { kind: 'set', values: fact.values, origin: fact.origin }] as const),
            ...profile.chosen.map(fact => [`chosen ${fact.kind}`, { kind: 'chosen', values: null, origin: fact.origin }] as const)
        ]);
        const before = facts(old);
        const after = facts(now);
        for (const [name, fact] of before) {
            const next = after.get(name);
            const subject = { type: 'profile' as const, id: name };
            if (!next) {
                this.add('profile-fact-removed', subject, fact.origin, 'old', `The contract profile no longer has the ${fact.kind} '${name}': profiles that give it are refused.`);
                continue;
            }
            if (next.kind !== fact.kind) {
                this.add('profile-fact-narrowed', subject, next.origin, 'new', `'${name}' is now a ${next.kind} instead of a ${fact.kind}: profiles must give it differently.`, { before: fact.kind, after: next.kind });
                continue;
            }
            const lost = (fact.values ?? []).filter(value => !(next.values ?? []).includes(value));
            const gained = (next.values ?? []).filter(value => !(fact.values ?? []).includes(value));
            if (lost.length > 0) {
                this.add('profile-fact-narrowed', subject, next.origin, 'new', `The ${fact.kind} '${name}' no longer has ${listWith(lost, 'or')}: profiles that give ${lost.length === 1 ? 'it' : 'them'} are refused.`, { before: fact.values, after: next.values });
            } else if (gained.length > 0) {
                this.add('profile-fact-widened', subject, next.origin, 'new', `The ${fact.kind} '${name}' can now also be ${listWith(gained, 'or')}.`, { before: fact.values, after: next.values });
            }
        }
        for (const [name, fact] of after) {
            if (!before.has(name)) this.add('profile-fact-added', { type: 'profile', id: name }, fact.origin, 'new', `The contract profile has a new ${fact.kind} '${name}'.`);
        }
        const oldCategories = old.categories.map(category => category.name);
        const newCategories = now.categories.map(category => category.name);
        const lost = oldCategories.filter(category => !newCategories.includes(category));
        const gained = newCategories.filter(category => !oldCategories.includes(category));
        const origin = now.categories[0]?.origin ?? this.after.identity.origin;
        const values = { before: oldCategories, after: newCategories };
        if (lost.length > 0) this.add('profile-categories-narrowed', { type: 'profile', id: 'categories' }, origin, 'new', `Contracts can no longer be ${listWith(lost, 'or')}: profiles in ${lost.length === 1 ? 'that category' : 'those categories'} are refused.`, values);
        if (gained.length > 0) this.add('profile-categories-widened', { type: 'profile', id: 'categories' }, origin, 'new', `Contracts can now also be ${listWith(gained, 'or')}.`, values);
    }

    /** Answer limits: narrowed (some valid answer becomes invalid) and widened reported apart. */
    private compareLimits(old: Measure, now: Measure, name: string, subject: { type: 'measure'; id: string }): void {
        const narrowed: string[] = [];
        const widened: string[] = [];
        const shown = (value: Decimal | null) => value === null ? 'none' : value.toString();
        if (!sameDecimal(old.minimum, now.minimum)) {
            const raised = now.minimum !== null && (old.minimum === null || now.minimum.gt(old.minimum));
            (raised ? narrowed : widened).push(`minimum ${shown(old.minimum)} -> ${shown(now.minimum)}`);
        }
        if (!sameDecimal(old.maximum, now.maximum)) {
            const lowered = now.maximum !== null && (old.maximum === null || now.maximum.lt(old.maximum));
            (lowered ? narrowed : widened).push(`maximum ${shown(old.maximum)} -> ${shown(now.maximum)}`);
        }
        if (old.wholeNumbers !== now.wholeNumbers) (now.wholeNumbers ? narrowed : widened).push(now.wholeNumbers ? 'whole numbers only' : 'no longer whole numbers only');
        const limits = (measure: Measure) => ({ minimum: decimalJson(measure.minimum), maximum: decimalJson(measure.maximum), wholeNumbers: measure.wholeNumbers });
        const origin = now.origins.minimum ?? now.origins.maximum ?? now.origins.wholeNumbers ?? now.origin;
        if (narrowed.length > 0) this.add('measure-limits-narrowed', subject, origin, 'new', `${name} answer limits narrowed: ${narrowed.join(', ')}.`, { before: limits(old), after: limits(now) });
        if (widened.length > 0) this.add('measure-limits-widened', subject, origin, 'new', `${name} answer limits widened: ${widened.join(', ')}.`, { before: limits(old), after: limits(now) });
    }

    private compareQuestions(old: MethodStatementQuestion, now: MethodStatementQuestion): void {
        const subject = { type: 'question' as const, id: now.id };
        const at = (property: keyof MethodStatementQuestion['origins']) => now.origins[property] ?? now.origin;
        const name = `Question '${now.id}'`;
        this.compareWording('question', old, now, ['title', 'ask', 'guidance', 'evidence']);
        const scale = old.scale === null ? null : this.translate('scale', old.scale);
        if (scale !== now.scale) {
            this.add('question-scale-changed', subject, at('scale'), 'new', `${name} is now scored on scale ${quotedName(now.scale)} instead of ${quotedName(scale)}.`, { before: scale, after: now.scale });
        }
        if (old.wordLimit !== now.wordLimit) {
            const lower = now.wordLimit !== null && (old.wordLimit === null || now.wordLimit < old.wordLimit);
            this.add(lower ? 'question-word-limit-narrowed' : 'question-word-limit-widened', subject, at('words'), 'new',
                `${name} word limit changed from ${old.wordLimit ?? 'none'} to ${now.wordLimit ?? 'none'}.`, { before: old.wordLimit, after: now.wordLimit });
        }
        this.compareCodes(old, now, name, subject, at('codes'));
        if (!sameDecimal(old.minimumLevel, now.minimumLevel)) {
            const raised = now.minimumLevel !== null && (old.minimumLevel === null || now.minimumLevel.gt(old.minimumLevel));
            this.add(raised ? 'question-minimum-level-raised' : 'question-minimum-level-lowered', subject, at('minimumLevel'), 'new',
                `${name} minimum level changed from ${old.minimumLevel?.toString() ?? 'none'} to ${now.minimumLevel?.toString() ?? 'none'}.`, { before: decimalJson(old.minimumLevel), after: decimalJson(now.minimumLevel) });
        }
        if (weightWords(old.weight) !== weightWords(now.weight)) {
            this.add('question-weight-changed', subject, at('weight'), 'new', `${name} weight changed from ${weightWords(old.weight)} to ${weightWords(now.weight)}.`, { before: weightJson(old.weight), after: weightJson(now.weight) });
        }
        const outcomes = old.outcomes.map(outcome => this.translate('outcome', outcome));
        if (outcomes.join(',') !== now.outcomes.join(',')) {
            this.add('question-outcomes-changed', subject, at('outcomes'), 'new', `${name} now addresses ${listOrNone(now.outcomes)} instead of ${listOrNone(outcomes)}.`, { before: outcomes, after: now.outcomes });
        }
    }

    // -------------------------------------------------------------- proxies

    private compareProxies(old: FinancialProxy, now: FinancialProxy): void {
        const subject = { type: 'proxy' as const, id: now.id };
        const name = now.inlineIn === null ? `Proxy '${now.id}'` : `The proxy of measure '${now.inlineIn}'`;
        const at = (property: keyof FinancialProxy['origins']) => now.origins[property] ?? now.origin;
        if (now.inlineIn === null && this.translate('unit', old.unit) !== now.unit) {
            this.add('proxy-unit-changed', subject, now.origin, 'new', `${name} is now per ${now.unit} instead of per ${this.translate('unit', old.unit)}.`, { before: old.unit, after: now.unit });
        }
        for (const property of ['title', 'source'] as const) {
            if (old[property] !== now[property]) {
                this.add('proxy-wording-changed', subject, property === 'source' ? at('source') : now.origin, 'new', `${name}: ${property} changed from ${quoted(old[property])} to ${quoted(now[property])}.`, { before: old[property], after: now[property] });
            }
        }
        const net = `net per unit ${formatPounds(old.netValuePerUnit, PENCE)} -> ${formatPounds(now.netValuePerUnit, PENCE)}`;
        const valueChanged = !old.value.eq(now.value);
        if (valueChanged) {
            this.add('proxy-value-changed', subject, at('value'), 'new', `${name} value changed from ${formatPounds(old.value, PENCE)} to ${formatPounds(now.value, PENCE)} per ${now.unit} (${net}).`, { before: moneyString(old.value), after: moneyString(now.value) });
        }
        const priceYearChanged = old.priceYear !== now.priceYear;
        if (priceYearChanged && (old.ownPriceYear || now.ownPriceYear)) {
            this.add('proxy-price-year-changed', subject, at('priceYear'), 'new', `${name} price year changed from ${old.priceYear ?? 'none'} to ${now.priceYear ?? 'none'}.`, { before: old.priceYear, after: now.priceYear });
        }
        const adjusted = ADJUSTMENTS.filter(key => !old[key].eq(now[key]));
        if (adjusted.length > 0) {
            const percent = (proxy: FinancialProxy) => Object.fromEntries(ADJUSTMENTS.map(key => [key, proxy[key].toString()]));
            this.add('proxy-adjustments-changed', subject, at(adjusted[0]!), 'new',
                `${name} ${adjusted.map(key => `${key} ${old[key].toString()}% -> ${now[key].toString()}%`).join(', ')} (${net}).`, { before: percent(old), after: percent(now) });
        }
        if (valueChanged || priceYearChanged || adjusted.length > 0) {
            const figures = (proxy: FinancialProxy) => ({ value: moneyString(proxy.value), priceYear: proxy.priceYear, netValuePerUnit: moneyString(proxy.netValuePerUnit) });
            this.rebasing.push({ proxy: now.id, unit: now.unit, before: figures(old), after: figures(now), netChangePercent: percentChange(old.netValuePerUnit, now.netValuePerUnit) });
        }
    }

    /** Proxies written inside measures go with their measure: paired through it (renamed measures included). */
    private compareInlineProxies(): void {
        const newInline = new Map(this.after.proxies.filter(proxy => proxy.inlineIn !== null).map(proxy => [proxy.inlineIn!, proxy]));
        for (const old of this.before.proxies) {
            if (old.inlineIn === null) continue;
            const now = newInline.get(this.translate('measure', old.inlineIn));
            if (now) this.compareProxies(old, now);
        }
    }

    // -------------------------------------------------------------- evaluation and rules

    private compareEvaluation(old: EvaluationSettings | null, now: EvaluationSettings | null): void {
        const subject = { type: 'evaluation' as const, id: 'evaluation' };
        if (old === null && now === null) return;
        if (old === null) {
            this.add('evaluation-added', subject, now!.origin, 'new', 'An evaluation block was added.');
            return;
        }
        if (now === null) {
            this.add('evaluation-removed', subject, old.origin, 'old', 'The evaluation block was removed: bids can no longer be scored.');
            return;
        }
        const at = (property: keyof EvaluationSettings['origins']) => now.origins[property] ?? now.origin;
        if (!sameDecimal(old.weighting, now.weighting)) {
            this.add('evaluation-weighting-changed', subject, at('weighting'), 'new', `The social value weighting changed from ${percentOrNone(old.weighting)} to ${percentOrNone(now.weighting)} of tender marks.`, { before: decimalJson(old.weighting), after: decimalJson(now.weighting) });
        }
        const split = (evaluation: EvaluationSettings) => evaluation.split === null ? 'none' : `quantitative ${evaluation.split.quantitative.toString()}% qualitative ${evaluation.split.qualitative.toString()}%`;
        if (split(old) !== split(now)) {
            this.add('evaluation-split-changed', subject, at('split'), 'new', `The split changed from ${split(old)} to ${split(now)}.`, { before: split(old), after: split(now) });
        }
        if (methodWords(old) !== methodWords(now)) {
            this.add('evaluation-method-changed', subject, at('method'), 'new', `The scoring method changed from ${methodWords(old)} to ${methodWords(now)}.`, { before: methodWords(old), after: methodWords(now) });
        }
        // Each scoring choice on its own: stricter when a bid that was valid may now be disqualified or invalid.
        const choices = [
            { property: 'unmetMinimum', words: 'An unmet minimum commitment', before: old.unmetMinimum, after: now.unmetMinimum, stricter: now.unmetMinimum === 'disqualify' },
            { property: 'unmetRatio', words: 'An unmet minimum SV ratio', before: old.unmetRatio, after: now.unmetRatio, stricter: now.unmetRatio === 'disqualify' }
        ] as const;
        const outcome = (choice: 'disqualify' | 'zero') => (choice === 'disqualify' ? 'disqualifies the bid' : 'scores zero quantitative marks');
        const outcomeBefore = (choice: 'disqualify' | 'zero') => (choice === 'disqualify' ? 'disqualified the bid' : 'scored zero quantitative marks');
        for (const choice of choices) {
            if (choice.before === choice.after) continue;
            this.add(choice.stricter ? 'evaluation-scoring-stricter' : 'evaluation-scoring-looser', subject, at(choice.property), 'new',
                `${choice.words} now ${outcome(choice.after)}; it ${outcomeBefore(choice.before)}.`, { before: choice.before, after: choice.after });
        }
        if (old.recordOnlyCounts !== now.recordOnlyCounts) {
            this.add(now.recordOnlyCounts ? 'evaluation-scoring-stricter' : 'evaluation-scoring-looser', subject, at('recordOnlyCounts'), 'new',
                now.recordOnlyCounts ? 'Record-only measures now count towards `select` limits.' : 'Record-only measures no longer count towards `select` limits.', { before: old.recordOnlyCounts, after: now.recordOnlyCounts });
        }
        this.compareFloors(old.weightingMinimum, now.weightingMinimum, 'The social value weighting', at('weighting'));
        const criteria = (evaluation: EvaluationSettings) => evaluation.criteria.map(criterionWords);
        if (criteria(old).join('; ') !== criteria(now).join('; ')) {
            this.add('evaluation-criteria-changed', subject, at('criteria'), 'new', `The award criteria changed from ${criteria(old).join('; ') || 'none'} to ${criteria(now).join('; ') || 'none'}.`, { before: criteria(old), after: criteria(now) });
        }
        const oldFloors = new Map(old.criteria.map(criterion => [criterion.id, criterion.weightingMinimum]));
        for (const criterion of now.criteria) {
            if (oldFloors.has(criterion.id)) this.compareFloors(oldFloors.get(criterion.id)!, criterion.weightingMinimum, `Criterion '${criterion.id}'`, criterion.origin);
        }
        if (!sameDecimal(old.measureCap, now.measureCap)) {
            this.add('evaluation-measure-cap-changed', subject, at('measureCap'), 'new', `The cap per measure changed from ${percentOrNone(old.measureCap)} to ${percentOrNone(now.measureCap)} of the quantitative marks.`, { before: decimalJson(old.measureCap), after: decimalJson(now.measureCap) });
        }
        if (old.outlasting !== now.outlasting) {
            this.add('evaluation-outlasting-changed', subject, at('outlasting'), 'new', `Measures that outlast the contract are now ${outlastingWords(now.outlasting)}; they were ${outlastingWords(old.outlasting)}.`, { before: old.outlasting, after: now.outlasting });
        }
    }

    private compareFloors(old: Decimal | null, now: Decimal | null, name: string, origin: Origin): void {
        if (sameDecimal(old, now)) return;
        const raised = now !== null && (old === null || now.gt(old));
        this.add(raised ? 'evaluation-weighting-floor-raised' : 'evaluation-weighting-floor-lowered', { type: 'evaluation', id: 'evaluation' }, origin, 'new',
            `${name} floor changed from ${percentOrNone(old)} to ${percentOrNone(now)}${raised ? ': a buyer may no longer set a weighting below it' : ''}.`, { before: decimalJson(old), after: decimalJson(now) });
    }

    private compareRules(): void {
        // The old side's effects under the new side's names, so a renamed measure or theme changes no rule.
        const effectsOf = (rule: Framework['rules'][number], side: 'old' | 'new') => side === 'old' ? translateEffects(rule.effects, this.translation) : rule.effects;
        const pairs = this.pair('rule', this.before.rules, this.after.rules, rule => rule.id,
            (rule, side) => [`${JSON.stringify(rule.condition)}\u0000${JSON.stringify(effectsOf(rule, side))}`], rule => rule.title);
        for (const [oldRule, now] of pairs) {
            const old = { ...oldRule, effects: effectsOf(oldRule, 'old') };
            const subject = { type: 'rule' as const, id: now.id };
            if (old.title !== now.title) {
                this.add('rule-wording-changed', subject, now.origins.title ?? now.origin, 'new', `Rule '${now.id}': title changed from ${quoted(old.title)} to ${quoted(now.title)}.`, { before: old.title, after: now.title });
            }
            const oldWhen = JSON.stringify(old.condition);
            const newWhen = JSON.stringify(now.condition);
            const oldAsk = askInWords(old.effects);
            const newAsk = askInWords(now.effects);
            if (oldWhen !== newWhen || JSON.stringify(old.effects) !== JSON.stringify(now.effects)) {
                const parts = [
                    ...(oldWhen === newWhen ? [] : [`condition "${conditionWords(old.condition)}" -> "${conditionWords(now.condition)}"`]),
                    ...(oldAsk === newAsk ? [] : [`ask (${oldAsk}) -> (${newAsk})`])
                ];
                this.add('rule-changed', subject, oldWhen === newWhen ? now.origin : now.origins.condition ?? now.origin, 'new',
                    `Rule '${now.id}' changed: ${parts.length > 0 ? parts.join('; ') : 'its effects'} (see the rule outcomes for the contracts concerned).`,
                    { before: { condition: old.condition, effects: old.effects }, after: { condition: now.condition, effects: now.effects } });
            }
        }
        const common = new Set(pairs.map(([, now]) => now.id));
        const oldOrder = this.before.rules.map(rule => this.translate('rule', rule.id)).filter(id => common.has(id));
        const newOrder = this.after.rules.map(rule => rule.id).filter(id => common.has(id));
        const moved = newOrder.findIndex((id, index) => oldOrder[index] !== id);
        if (moved >= 0) {
            const rule = this.after.rules.find(candidate => candidate.id === newOrder[moved])!;
            this.add('rule-order-changed', { type: 'rule', id: rule.id }, rule.origin, 'new',
                `Rules are tried in another order: ${oldOrder.join(', ')} -> ${newOrder.join(', ')} (first match wins).`, { before: oldOrder, after: newOrder });
        }
    }

    private compareRuleOutcomes(): void {
        const regions = diffRuleOutcomes(this.before, this.after, this.translation);
        this.ruleOutcomes = regions.map(region => region.change);
        for (const region of regions) {
            const { change } = region;
            const summary = `${capitalised(change.region)}: ${askShown(change.before)} -> ${askShown(change.after)}`;
            const subject = { type: 'rule' as const, id: region.rule };
            const values = { before: change.before, after: change.after };
            if (region.lost.length > 0) {
                const shown = region.lost.length > 5 ? `${region.lost.slice(0, 5).join(', ')} and ${region.lost.length - 5} more` : region.lost.join(', ');
                this.add('rule-contracts-lose-element', subject, region.origin, region.side, `${summary}: they no longer get ${shown}.`, values);
            }
            if (region.stricter.length > 0) {
                this.add('rule-contracts-stricter-ask', subject, region.origin, region.side, `${summary}: stricter: ${region.stricter.join(', ')}.`, values);
            }
            if (change.class !== 'breaking') this.add('rule-contracts-looser-ask', subject, region.origin, region.side, `${summary}.`, values);
        }
    }
}

// ------------------------------------------------------------------ small helpers

function byId<T>(items: readonly T[], idOf: (item: T) => string): Map<string, T> {
    const map = new Map<string, T>();
    for (const item of items) if (!map.has(idOf(item))) map.set(idOf(item), item);
    return map;
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Breaking, minor, patch; then file, line, column; then kind and subject, so the order never depends on the input's. */
function compareChanges(a: FrameworkChange, b: FrameworkChange): number {
    return classRank(a.class) - classRank(b.class)
        || compareText(a.origin.file, b.origin.file)
        || a.origin.range.start.line - b.origin.range.start.line
        || a.origin.range.start.character - b.origin.range.start.character
        || compareText(a.kind, b.kind)
        || compareText(a.subject.id, b.subject.id)
        || compareText(a.message, b.message);
}

function quoted(text: string | null): string {
    return text === null ? 'none' : `"${text}"`;
}

function quotedName(name: string | null): string {
    return name === null ? 'none' : `'${name}'`;
}

function listOrNone(names: readonly string[]): string {
    return names.length === 0 ? 'no outcomes' : listWith(names.map(name => `'${name}'`), 'and');
}

function capitalised(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function sameDecimal(a: Decimal | null, b: Decimal | null): boolean {
    return a === null || b === null ? a === b : a.eq(b);
}

function decimalJson(value: Decimal | null): string | null {
    return value === null ? null : value.toString();
}

function percentOrNone(value: Decimal | null): string {
    return value === null ? 'none' : `${value.toString()}%`;
}

function categoriesOf(categories: readonly ContractCategory[]): ContractCategory[] {
    return categories.length === 0 ? [...CONTRACT_CATEGORIES] : CONTRACT_CATEGORIES.filter(category => categories.includes(category));
}

function listOrNothing(items: readonly string[]): string {
    return items.length === 0 ? 'none' : items.join(', ');
}

function answerWords(answer: MeasureAnswer): string {
    switch (answer.kind) {
        case 'number': return 'a number';
        case 'yes-no': return 'yes or no';
        case 'choice': return `one of ${answer.options.map(option => `"${option}"`).join(', ')}`;
        case 'text': return answer.wordLimit === null ? 'text' : `text of at most ${answer.wordLimit} words`;
        default: return 'an attachment';
    }
}

function criterionWords(criterion: AwardCriterion): string {
    const covers = criterion.covers;
    const parts = [
        covers.themes.length > 0 ? `themes ${covers.themes.join(', ')}` : null,
        covers.measures.length > 0 ? `measures ${covers.measures.join(', ')}` : null,
        covers.questions.length > 0 ? `questions ${covers.questions.join(', ')}` : null,
        covers.gates.length > 0 ? `gates ${covers.gates.join(', ')}` : null
    ].filter(part => part !== null);
    const weighting = criterion.weightingMinimum === null ? `${criterion.weighting.toString()}%` : `at least ${criterion.weightingMinimum.toString()}% (default ${criterion.weighting.toString()}%)`;
    return `${criterion.id} ${weighting}${parts.length > 0 ? ` covering ${parts.join(', ')}` : ''}`;
}

function outlastingWords(action: EvaluationSettings['outlasting']): string {
    return action === null ? 'asked as any other' : action === 'exclude' ? 'excluded' : 'scaled to the contract';
}

function weightWords(weight: QuestionWeight | null): string {
    if (weight === null) return 'none';
    return weight.kind === 'percentage' ? `${weight.value.toString()}%` : `${weight.value.toString()} points`;
}

function weightJson(weight: QuestionWeight | null): unknown {
    return weight === null ? null : { kind: weight.kind, value: weight.value.toString() };
}

function methodWords(evaluation: EvaluationSettings): string {
    const method = evaluation.method;
    if (method.kind === 'relative') return 'relative';
    return method.target.kind === 'money' ? `absolute, target ${formatPounds(method.target.amount)}` : `absolute, target ${method.target.percent.toString()}% of contract value`;
}

/** A rule's condition in words: `every contract`, or `the contract value is under £25,000.00`. */
/** Money in messages as everywhere else in the outputs: with pence. */
const PENCE = { pence: 'always' } as const;

function conditionWords(condition: Framework['rules'][number]['condition']): string {
    if (condition === null) return 'every contract';
    return describeApplicability(condition).replace(/^Applies when /, '').replace(/\.$/, '');
}

function askShown(ask: { rule: string | null; ask: string }): string {
    return ask.rule === null ? 'no rule matches' : `rule '${ask.rule}' (${ask.ask})`;
}

/** `+7.3`, `-2.0`, `0.0`: the change of b over a in percent, one decimal, half up; `n/a` from zero. */
export function percentChange(before: Decimal, after: Decimal): string {
    if (before.isZero()) return after.isZero() ? '0.0' : 'n/a';
    const change = after.minus(before).dividedBy(before).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
    if (change.isZero()) return '0.0';
    return `${change.isPositive() ? '+' : ''}${change.toFixed(1)}`;
}
