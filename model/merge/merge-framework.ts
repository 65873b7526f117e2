import type { Finding, LocationWording } from '../checks/framework-checks.js';
import { noChanges, type FrameworkOverride, type FrameworkRetirement, type MeasureAddition, type OutcomeAddition } from '../extension.js';
import { type ProfileDeclarations,
    measuresOf, type EvaluationSettings, type FinancialProxy, type Framework, type FrameworkRule, type Measure, type Outcome, type Theme
} from '../framework.js';
import { IssueCodes } from '../issue-codes.js';
import type { Origin } from '../origin.js';
import {
    applyEvaluationOverride, applyGateOverride, applyMeasureOverride, applyProxyOverride, applyQuestionOverride, applyRuleOverride,
    applyScaleOverride, overridingInlineProxy, type Overrider
} from './apply-overrides.js';
import { DECLARATION_KINDS, declaredNames, nearestNames, pluralOf, quotedList, type DeclarationKind, type DeclaredNames } from './base-names.js';

/** The merged framework, and what is wrong with the child's changes (in the child's files). */
export interface MergeResult {
    framework: Framework;
    findings: Finding[];
}

/**
 * base + child -> one framework, as if the child had been written out in full: the base's
 * declarations with the child's overrides applied and its retirements removed, the child's
 * additions inside the base's themes and outcomes, then the child's own declarations; its
 * rules placed among the base's (first match wins, so order is the point). The merged
 * framework has the child's identity, no changes left to apply, and the chain
 * [child, base, base's base...]; every overridden declaration carries OverrideRecords.
 *
 * Pure and deterministic, and it never mutates either input (the editor caches both, and a
 * base is shared by every child): what changes is copied. `base` may itself be merged.
 *
 * Tolerant like resolve: a change that names nothing the base has, or that changes
 * something a second time, is reported and left out; a child declaration that reuses a
 * base name is reported and dropped (the base's stays). The findings are on the child's
 * changes; checks of the merged framework as a whole are checkMergedFramework's.
 */
export function mergeFramework(base: Framework, child: Framework, wording: LocationWording): MergeResult {
    return new FrameworkMerge(base, child, wording).merge();
}

type ChildChange = FrameworkOverride | FrameworkRetirement;
type ChangeKind = DeclarationKind | 'evaluation';

/** `override measure` / `retire measure`: the change's kind and target, as a map key. */
const keyOf = (kind: ChangeKind, name: string) => `${kind}\0${name}`;
const isRetirement = (change: ChildChange): change is FrameworkRetirement => !('changes' in change);

/** The base's name in messages: `base framework 'orbis.base' 2.1.0`. */
export function baseFrameworkName(base: Pick<Framework, 'identity'>): string {
    return `base framework '${base.identity.id}'${base.identity.version === null ? '' : ` ${base.identity.version}`}`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

class FrameworkMerge {
    private readonly findings: Finding[] = [];
    private readonly baseNames: DeclaredNames;
    private readonly childNames: DeclaredNames;
    private readonly by: Overrider;
    private readonly baseName: string;
    /** The child's declarations dropped because the base already declares the name. */
    private readonly dropped = new Set<object>();
    /** Accepted overrides and retirements by keyOf(kind, target). */
    private readonly overrides = new Map<string, FrameworkOverride>();
    private readonly retirements = new Map<string, FrameworkRetirement>();
    /** Accepted additions by the base theme or outcome they add to. */
    private readonly outcomeAdditions = new Map<string, OutcomeAddition[]>();
    private readonly measureAdditions = new Map<string, MeasureAddition[]>();

    constructor(private readonly base: Framework, private readonly child: Framework, private readonly wording: LocationWording) {
        this.baseNames = declaredNames(base);
        this.childNames = declaredNames(child);
        // The child's own names include what it adds inside the base's themes and outcomes.
        for (const addition of child.changes.outcomeAdditions) {
            for (const outcome of addition.outcomes) {
                if (!this.childNames.outcome.has(outcome.id)) this.childNames.outcome.set(outcome.id, outcome.origin);
                for (const measure of outcome.measures) if (!this.childNames.measure.has(measure.code)) this.childNames.measure.set(measure.code, measure.origin);
            }
        }
        for (const measure of child.changes.measureAdditions.flatMap(addition => addition.measures)) {
            if (!this.childNames.measure.has(measure.code)) this.childNames.measure.set(measure.code, measure.origin);
        }
        this.by = { framework: { id: child.identity.id, version: child.identity.version } };
        this.baseName = baseFrameworkName(base);
    }

    merge(): MergeResult {
        this.findRedeclarations();
        this.acceptChanges();
        this.acceptAdditions();
        const measureOverrides = this.mergeMeasureOverrides();
        const themes = this.mergeThemes(measureOverrides);
        const outcomeThemes = new Map(themes.flatMap(theme => theme.outcomes.map(outcome => [outcome.id, theme.id] as const)));
        const themeOf = (outcome: string) => outcomeThemes.get(outcome) ?? null;
        const framework: Framework = {
            identity: this.child.identity,
            units: [...this.base.units, ...this.own(this.child.units)],
            proxies: this.mergeProxies(measureOverrides),
            scales: [...this.inherited('scale', this.base.scales, scale => scale.id, (scale, override) => applyScaleOverride(scale, override as ScaleOverride, this.by)), ...this.own(this.child.scales)],
            themes,
            questions: [
                ...this.inherited('question', this.base.questions, question => question.id, (question, override) => applyQuestionOverride(question, override as QuestionOverride, themeOf, this.by)),
                // Resolve cannot know the theme of a base outcome the child's question names.
                ...this.own(this.child.questions).map(question => (question.theme === null && question.outcomes[0] !== undefined && themeOf(question.outcomes[0]) !== null ? { ...question, theme: themeOf(question.outcomes[0]) } : question))
            ],
            gates: [...this.inherited('gate', this.base.gates, gate => gate.id, (gate, override) => applyGateOverride(gate, override as GateOverride, this.by)), ...this.own(this.child.gates)],
            evaluation: this.mergeEvaluation(),
            rules: this.mergeRules(),
            profile: mergeProfiles(this.base.profile, this.child.profile),
            acknowledgements: [...this.child.acknowledgements, ...this.base.acknowledgements],
            extends: this.child.extends,
            changes: noChanges(),
            chain: [...this.child.chain.slice(0, 1), ...this.base.chain]
        };
        this.findRetiredInUse(framework);
        return { framework, findings: this.findings };
    }

    // -------------------------------------------------------------- redeclared names

    /**
     * A child declaration (not an override) of a name the base has: reported, and the
     * child's dropped so the merged framework has one of each name (the base's, which the
     * base's own rules and questions were written against).
     */
    private findRedeclarations(): void {
        const check = (kind: DeclarationKind, declaration: object, name: string, origin: Origin) => {
            const baseOrigin = this.baseNames[kind].get(name);
            if (baseOrigin === undefined) return false;
            this.dropped.add(declaration);
            this.findings.push({
                code: IssueCodes.ExtendsRedeclared, severity: 'error', origin,
                message: `${capitalised(this.baseName)} already declares ${kind} '${name}' (${this.wording.where(baseOrigin, origin)}). ${redeclaredFix(kind, name)}`,
                related: [{ origin: baseOrigin, message: `The base's ${kind} '${name}'` }]
            });
            return true;
        };
        this.child.units.forEach(unit => check('unit', unit, unit.id, unit.origin));
        this.child.proxies.filter(proxy => proxy.inlineIn === null).forEach(proxy => check('proxy', proxy, proxy.id, proxy.origin));
        this.child.scales.forEach(scale => check('scale', scale, scale.id, scale.origin));
        // A theme or outcome that is dropped takes what is inside it along: one finding, on the name.
        const checkOutcomes = (outcomes: readonly Outcome[]) => outcomes.forEach(outcome => {
            if (!check('outcome', outcome, outcome.id, outcome.origin)) outcome.measures.forEach(measure => check('measure', measure, measure.code, measure.origin));
        });
        this.child.themes.forEach(theme => {
            if (!check('theme', theme, theme.id, theme.origin)) checkOutcomes(theme.outcomes);
        });
        this.child.changes.outcomeAdditions.forEach(addition => checkOutcomes(addition.outcomes));
        this.child.changes.measureAdditions.forEach(addition => addition.measures.forEach(measure => check('measure', measure, measure.code, measure.origin)));
        this.child.questions.forEach(question => check('question', question, question.id, question.origin));
        this.child.gates.forEach(gate => check('gate', gate, gate.id, gate.origin));
        const evaluation = this.child.evaluation;
        if (evaluation && this.base.evaluation) {
            this.dropped.add(evaluation);
            this.findings.push({
                code: IssueCodes.ExtendsRedeclared, severity: 'error', origin: evaluation.origin,
                message: `${capitalised(this.baseName)} already has an evaluation block (${this.wording.where(this.base.evaluation.origin, evaluation.origin)}), and a framework has one. To change it, write \`override evaluation because "..." { ... }\` with only what changes.`,
                related: [{ origin: this.base.evaluation.origin, message: "The base's evaluation block" }]
            });
        }
        this.child.rules.forEach(rule => check('rule', rule, rule.id, rule.origin));
    }

    /** The child's own declarations of a kind, without those dropped as redeclared. */
    private own<T extends object>(declarations: readonly T[]): T[] {
        return declarations.filter(declaration => !this.dropped.has(declaration));
    }

    // -------------------------------------------------------------- overrides and retirements

    /**
     * Each override and retirement, in the order written: reported when it has no reason,
     * names nothing the base has, or changes a base declaration already changed (the first
     * change stands); accepted otherwise.
     */
    private acceptChanges(): void {
        for (const change of writtenOrder(this.child.changes.overrides, this.child.changes.retirements)) {
            const retirement = isRetirement(change);
            const kind: ChangeKind = change.kind;
            if (!change.reason) {
                this.findings.push({
                    code: IssueCodes.ExtendsMissingReason, severity: 'error', origin: change.origin,
                    message: kind === 'evaluation'
                        ? '`override evaluation` has no reason. Write `override evaluation because "..." { ... }`: the reason is carried into the compiled output for suppliers and auditors.'
                        : `The ${retirement ? 'retirement' : 'override'} of ${kind} '${change.target}' has no reason. Write \`${retirement ? 'retire' : 'override'} ${kind} ${change.target} because "..."\`: the reason is carried into the compiled output for suppliers and auditors.`
                });
            }
            if (!this.targetExists(change, retirement)) continue;
            const key = keyOf(kind, change.target);
            const earlier = this.overrides.get(key) ?? this.retirements.get(key);
            if (earlier) {
                this.findings.push(this.changedTwice(change, earlier));
                continue;
            }
            if (retirement) this.retirements.set(key, change);
            else {
                this.overrides.set(key, change);
                if (change.kind === 'scale') this.checkScaleLevels(change);
            }
        }
    }

    /** Whether a change's target is in the base; if not, reports why (declared by the child, or unknown). */
    private targetExists(change: ChildChange, retirement: boolean): boolean {
        const verb = retirement ? 'retire' : 'override';
        if (change.kind === 'evaluation') {
            if (this.base.evaluation) return true;
            const own = this.child.evaluation;
            this.findings.push(own
                ? {
                    code: IssueCodes.ExtendsNotInherited, severity: 'error', origin: change.origin,
                    message: `The evaluation block is declared by this framework (${this.wording.where(own.origin, change.origin)}), not inherited from ${this.baseName}: change it where it is declared, and remove this \`override evaluation\`.`,
                    related: [{ origin: own.origin, message: "This framework's evaluation block" }]
                }
                : {
                    code: IssueCodes.ExtendsUnknownTarget, severity: 'error', origin: change.origin,
                    message: `${capitalised(this.baseName)} has no evaluation block to override. Write \`evaluation { ... }\` instead of \`override evaluation\`.`
                });
            return false;
        }
        const kind = change.kind;
        if (this.baseNames[kind].has(change.target)) return true;
        const own = this.childNames[kind].get(change.target);
        if (own) {
            this.findings.push({
                code: IssueCodes.ExtendsNotInherited, severity: 'error', origin: change.origin,
                message: `${capitalised(kind)} '${change.target}' is declared by this framework (${this.wording.where(own, change.origin)}), not inherited from ${this.baseName}, so there is nothing to ${verb}: change it where it is declared${retirement ? ' (or remove it)' : ''}, and remove this \`${verb}\`.`,
                related: [{ origin: own, message: `This framework's ${kind} '${change.target}'` }]
            });
        } else {
            this.findings.push(this.unknownTarget(kind, change.target, change.origin,
                `so there is nothing to ${verb}`,
                retirement ? `Correct the name, or remove this \`retire\`.` : `Correct the name, or declare a new ${kind} without \`override\`.`));
        }
        return false;
    }

    private changedTwice(change: ChildChange, earlier: ChildChange): Finding {
        const retirement = isRetirement(change);
        const earlierRetirement = isRetirement(earlier);
        const name = change.kind === 'evaluation' ? 'The evaluation' : `${capitalised(change.kind)} '${change.target}'`;
        const fix = retirement && earlierRetirement
            ? 'Remove this `retire`.'
            : !retirement && !earlierRetirement
                ? `Write one \`override\` with all the changes, and remove this one.`
                : 'Either override it or retire it, not both: remove one.';
        return {
            code: IssueCodes.ExtendsChangedTwice, severity: 'error', origin: change.origin,
            message: `${name} of ${this.baseName} is already ${earlierRetirement ? 'retired' : 'overridden'} (${this.wording.where(earlier.origin, change.origin)}); each base declaration can be changed once. ${fix}`,
            related: [{ origin: earlier.origin, message: `The earlier ${earlierRetirement ? 'retirement' : 'override'}` }]
        };
    }

    /** A scale override relabels the base's levels; it cannot add a score. */
    private checkScaleLevels(override: ScaleOverride): void {
        const scale = this.base.scales.find(candidate => candidate.id === override.target);
        if (!scale) return;
        for (const level of override.levels) {
            if (scale.levels.some(existing => existing.score.equals(level.score))) continue;
            this.findings.push({
                code: IssueCodes.ExtendsUnknownScaleLevel, severity: 'error', origin: level.origin,
                message: `Scale '${scale.id}' of ${this.baseName} has no level with score ${level.score.toString()} (its scores are ${scale.levels.map(existing => existing.score.toString()).join(', ')}). An override can only relabel the base's levels: use one of those scores, or declare a new scale.`,
                related: [{ origin: scale.origin, message: `The base's scale '${scale.id}'` }]
            });
        }
    }

    /**
     * `<what> names <kind> '<name>' that the base does not have`: with the nearest names of
     * that kind the base has, or what the name is in the base if it is another kind, or the
     * names of that kind it has when none is close.
     */
    private unknownTarget(kind: DeclarationKind, name: string, origin: Origin, consequence: string, fix: string, lead?: string): Finding {
        const names = [...this.baseNames[kind].keys()];
        const nearest = nearestNames(name, names);
        const otherKinds = DECLARATION_KINDS.filter(other => other !== kind && this.baseNames[other].has(name));
        let hint: string;
        if (nearest.length > 0) hint = `Did you mean ${quotedList(nearest, 'or')}?`;
        else if (otherKinds.length > 0) hint = `'${name}' is ${otherKinds.map(other => `a ${other}`).join(' and ')} there, not a ${kind}.`;
        else if (names.length === 0) hint = `It has no ${pluralOf(kind)}.`;
        else hint = `Its ${pluralOf(kind)} are ${quotedList(names.slice(0, 5), 'and')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}.`;
        return {
            code: IssueCodes.ExtendsUnknownTarget, severity: 'error', origin,
            message: `${lead ?? capitalised(this.baseName)} has no ${kind} '${name}', ${consequence}. ${hint} ${fix}`
        };
    }

    // -------------------------------------------------------------- additions

    /** `add to theme` / `add to outcome` must name a theme or outcome the base declares. */
    private acceptAdditions(): void {
        const accept = <A extends OutcomeAddition | MeasureAddition>(kind: 'theme' | 'outcome', addition: A, target: string, into: Map<string, A[]>) => {
            const what = kind === 'theme' ? 'outcomes' : 'measures';
            if (this.baseNames[kind].has(target)) {
                into.set(target, [...(into.get(target) ?? []), addition]);
                return;
            }
            const own = this.childNames[kind].get(target);
            this.findings.push(own
                ? {
                    code: IssueCodes.ExtendsNotInherited, severity: 'error', origin: addition.origin,
                    message: `${capitalised(kind)} '${target}' is declared by this framework (${this.wording.where(own, addition.origin)}), not inherited from ${this.baseName}: change it where it is declared, writing the ${what} inside it instead of in \`add to ${kind}\`.`,
                    related: [{ origin: own, message: `This framework's ${kind} '${target}'` }]
                }
                : this.unknownTarget(kind, target, addition.origin, `so ${what} cannot be added to it`,
                    `Correct the name, or declare a new ${kind} \`${kind} ${target} { ... }\` instead.`));
        };
        this.child.changes.outcomeAdditions.forEach(addition => accept('theme', addition, addition.theme, this.outcomeAdditions));
        this.child.changes.measureAdditions.forEach(addition => accept('outcome', addition, addition.outcome, this.measureAdditions));
    }

    // -------------------------------------------------------------- declarations

    /** The base's declarations of a kind, retired ones removed and overrides applied, in the base's order. */
    private inherited<T extends object>(kind: 'scale' | 'question' | 'gate' | 'rule', declarations: readonly T[], name: (declaration: T) => string, apply: (declaration: T, override: FrameworkOverride) => T): T[] {
        const result: T[] = [];
        for (const declaration of declarations) {
            const key = keyOf(kind, name(declaration));
            if (this.retirements.has(key)) continue;
            const override = this.overrides.get(key);
            result.push(override ? apply(declaration, override) : declaration);
        }
        return result;
    }

    /**
     * Each overridden base measure, and what happens to proxies for it: an inline proxy
     * written in the override replaces the measure's own inline proxy (same id,
     * `<code>-proxy`) or, for a measure that used a named proxy, is added and used instead;
     * the measure's own inline proxy goes when the override makes it use another, or none.
     */
    private mergeMeasureOverrides(): MeasureOverrides {
        const measures = new Map<string, Measure>();
        const replacedProxies = new Map<string, FinancialProxy | null>();
        const addedProxies: FinancialProxy[] = [];
        const baseProxies = new Map(this.base.proxies.map(proxy => [proxy.id, proxy]));
        for (const measure of measuresOf(this.base)) {
            const override = this.overrides.get(keyOf('measure', measure.code)) as MeasureOverride | undefined;
            if (!override || measures.has(measure.code)) continue;
            const used = measure.proxy === null ? undefined : baseProxies.get(measure.proxy);
            const ownInline = used?.inlineIn === measure.code ? used : undefined;
            const inlineProxy = override.inlineProxy ? overridingInlineProxy(override.inlineProxy, measure, ownInline, override, this.by) : null;
            const merged = applyMeasureOverride(measure, override, inlineProxy?.id, this.by);
            measures.set(measure.code, merged);
            if (ownInline && inlineProxy?.id === ownInline.id) replacedProxies.set(ownInline.id, inlineProxy);
            else {
                if (ownInline && merged.proxy !== ownInline.id) replacedProxies.set(ownInline.id, null);
                if (inlineProxy) addedProxies.push(inlineProxy);
            }
        }
        return { measures, replacedProxies, addedProxies };
    }

    /**
     * The base's proxies (overridden, an inline proxy replaced in place, those of retired or
     * re-pointed measures removed), the inline proxies measure overrides add, then the
     * child's own proxies (without those of declarations dropped as redeclared).
     */
    private mergeProxies({ replacedProxies, addedProxies }: MeasureOverrides): FinancialProxy[] {
        const retiredMeasures = new Set([...this.retirements.values()].filter(retirement => retirement.kind === 'measure').map(retirement => retirement.target));
        const inherited: FinancialProxy[] = [];
        for (const proxy of this.base.proxies) {
            if (proxy.inlineIn !== null && retiredMeasures.has(proxy.inlineIn)) continue;
            if (replacedProxies.has(proxy.id)) {
                const replacement = replacedProxies.get(proxy.id);
                if (replacement) inherited.push(replacement);
                continue;
            }
            const override = proxy.inlineIn === null ? this.overrides.get(keyOf('proxy', proxy.id)) : undefined;
            inherited.push(override ? applyProxyOverride(proxy, override as ProxyOverride, this.by) : proxy);
        }
        const droppedMeasures = new Set(this.droppedMeasureCodes());
        const own = this.own(this.child.proxies).filter(proxy => proxy.inlineIn === null || !droppedMeasures.has(proxy.inlineIn));
        return [...inherited, ...addedProxies, ...own];
    }

    /** Codes of the child's measures dropped with a redeclared theme, outcome or measure. */
    private droppedMeasureCodes(): string[] {
        const codes: string[] = [];
        const outcomes = (list: readonly Outcome[], themeDropped: boolean) => list.forEach(outcome => outcome.measures.forEach(measure => {
            if (themeDropped || this.dropped.has(outcome) || this.dropped.has(measure)) codes.push(measure.code);
        }));
        this.child.themes.forEach(theme => outcomes(theme.outcomes, this.dropped.has(theme)));
        this.child.changes.outcomeAdditions.forEach(addition => outcomes(addition.outcomes, false));
        this.child.changes.measureAdditions.forEach(addition => addition.measures.forEach(measure => {
            if (this.dropped.has(measure)) codes.push(measure.code);
        }));
        return codes;
    }

    /**
     * The base's themes with the child's outcomes added to them and measures added to their
     * outcomes (given the theme and outcome resolve could not know), measures overridden or
     * retired; then the child's own themes.
     */
    private mergeThemes({ measures: overridden }: MeasureOverrides): Theme[] {
        const addedMeasures = (outcome: Outcome, theme: string): Measure[] => (this.measureAdditions.get(outcome.id) ?? [])
            .flatMap(addition => this.own(addition.measures))
            .map(measure => ({ ...measure, theme, outcome: outcome.id }));
        const addedOutcomes = (theme: Theme): Outcome[] => (this.outcomeAdditions.get(theme.id) ?? [])
            .flatMap(addition => this.own(addition.outcomes))
            .map(outcome => ({ ...outcome, theme: theme.id, measures: this.own(outcome.measures).map(measure => ({ ...measure, theme: theme.id, outcome: outcome.id })) }));
        const inherited = this.base.themes.map(theme => ({
            ...theme,
            outcomes: [
                ...theme.outcomes.map(outcome => ({
                    ...outcome,
                    measures: [
                        ...outcome.measures
                            .filter(measure => !this.retirements.has(keyOf('measure', measure.code)))
                            .map(measure => overridden.get(measure.code) ?? measure),
                        ...addedMeasures(outcome, theme.id)
                    ]
                })),
                ...addedOutcomes(theme)
            ]
        }));
        const own = this.own(this.child.themes).map(theme => ({
            ...theme,
            outcomes: this.own(theme.outcomes).map(outcome => ({ ...outcome, measures: this.own(outcome.measures) }))
        }));
        return [...inherited, ...own];
    }

    /** The base's evaluation, overridden; the child's own only when the base has none. */
    private mergeEvaluation(): EvaluationSettings | null {
        const override = this.overrides.get(keyOf('evaluation', ''));
        if (this.base.evaluation) return override ? applyEvaluationOverride(this.base.evaluation, override as EvaluationOverride, this.by) : this.base.evaluation;
        return this.child.evaluation;
    }

    /**
     * First match wins, so order is the point: the child's rules without a placement first
     * (local rules win), then the base's (overridden, retired ones removed), each placed
     * child rule just before or after its anchor (several on one anchor in the child's order).
     */
    private mergeRules(): FrameworkRule[] {
        const baseRules = this.inherited('rule', this.base.rules, rule => rule.id, (rule, override) => applyRuleOverride(rule, override as RuleOverride, this.by));
        const anchored = new Map<string, { before: FrameworkRule[]; after: FrameworkRule[] }>();
        const first: FrameworkRule[] = [];
        for (const rule of this.own(this.child.rules)) {
            const placement = rule.placement;
            if (!placement || !this.anchorExists(rule)) {
                first.push(rule);
                continue;
            }
            const slot = anchored.get(placement.rule) ?? { before: [], after: [] };
            slot[placement.position].push(rule);
            anchored.set(placement.rule, slot);
        }
        return [...first, ...baseRules.flatMap(rule => [...(anchored.get(rule.id)?.before ?? []), rule, ...(anchored.get(rule.id)?.after ?? [])])];
    }

    /**
     * A placement must name a base rule that is still there (a retired anchor is reported with
     * the retirement, see findRetiredInUse); a rule placed on a missing anchor goes first.
     */
    private anchorExists(rule: FrameworkRule): boolean {
        const placement = rule.placement!;
        if (this.baseNames.rule.has(placement.rule)) return !this.retirements.has(keyOf('rule', placement.rule));
        const own = this.childNames.rule.get(placement.rule);
        this.findings.push(own
            ? {
                code: IssueCodes.ExtendsNotInherited, severity: 'error', origin: placement.origin,
                message: `Rule '${rule.id}' is placed ${placement.position} rule '${placement.rule}', which this framework declares itself (${this.wording.where(own, placement.origin)}), not ${this.baseName}. This framework's rules are tried in the order written: change it where it is declared, by moving rule '${rule.id}' ${placement.position === 'before' ? 'above' : 'below'} it, and remove \`${placement.position} ${placement.rule}\`.`,
                related: [{ origin: own, message: `This framework's rule '${placement.rule}'` }]
            }
            : this.unknownTarget('rule', placement.rule, placement.origin, `so rule '${rule.id}' cannot be placed ${placement.position} it`,
                `Correct the name, or remove \`${placement.position} ${placement.rule}\` to try rule '${rule.id}' first.`,
                `Rule '${rule.id}' is placed ${placement.position} rule '${placement.rule}', but ${this.baseName}`));
        return false;
    }

    // -------------------------------------------------------------- retired but still used

    /**
     * Something the child retires that the merged framework still uses: a rule (the base's,
     * or the child's own) that includes, excludes or sets a minimum for a retired measure,
     * or includes a retired question or gate, and a child rule placed on a retired rule.
     * Reported on the retirement, naming the place that still uses it.
     */
    private findRetiredInUse(framework: Framework): void {
        for (const retirement of this.retirements.values()) {
            const { kind, target } = retirement;
            for (const rule of framework.rules) {
                const uses: Array<{ verb: string; origin: Origin }> = [];
                const effects = rule.effects;
                if (kind === 'measure') {
                    const included = rule.effectOrigins.includedMeasures.filter(entry => entry.measure === target);
                    if (included.length > 0) uses.push({ verb: 'includes', origin: included[0]!.origin });
                    else if (effects.include?.measures.includes(target)) uses.push({ verb: 'includes', origin: rule.origin });
                    if (effects.exclude?.measures.includes(target)) uses.push({ verb: 'excludes', origin: rule.origin });
                    effects.minimumCommitments.forEach((minimum, index) => {
                        if (minimum.measure === target) uses.push({ verb: 'sets a minimum commitment for', origin: rule.effectOrigins.minimumCommitments[index]?.measure ?? rule.origin });
                    });
                } else if (kind === 'question' || kind === 'gate') {
                    const list = kind === 'question' ? effects.include?.questions : effects.include?.gates;
                    if (list?.includes(target)) uses.push({ verb: 'includes', origin: rule.origin });
                }
                // The child's own rules never share a base rule's name (a redeclared one is dropped).
                const fromBase = this.baseNames.rule.has(rule.id);
                for (const use of uses) {
                    const who = fromBase ? `rule '${rule.id}' of ${this.baseName}` : `this framework's rule '${rule.id}'`;
                    const overriddenHere = fromBase && this.overrides.has(keyOf('rule', rule.id));
                    const fix = overriddenHere
                        ? `Remove it from this framework's \`override rule ${rule.id}\`, or keep the ${kind}.`
                        : fromBase
                            ? `Override the rule too (\`override rule ${rule.id} because "..." { ... }\`, without ${kind} '${target}'), or keep the ${kind}.`
                            : `Remove it from rule '${rule.id}', or keep the ${kind}.`;
                    this.findings.push({
                        code: IssueCodes.ExtendsRetiredInUse, severity: 'error', origin: retirement.origin,
                        message: `${capitalised(kind)} '${target}' is retired here, but ${who} (${this.wording.where(use.origin, retirement.origin)}) still ${use.verb} it. ${fix}`,
                        related: [{ origin: use.origin, message: `Rule '${rule.id}' ${use.verb} ${kind} '${target}'` }]
                    });
                }
            }
            if (kind !== 'rule') continue;
            for (const rule of this.own(this.child.rules)) {
                const placement = rule.placement;
                if (!placement || placement.rule !== target) continue;
                this.findings.push({
                    code: IssueCodes.ExtendsRetiredInUse, severity: 'error', origin: retirement.origin,
                    message: `Rule '${target}' is retired here, but this framework's rule '${rule.id}' is placed ${placement.position} it (${this.wording.where(placement.origin, retirement.origin)}), so it is tried first instead. Place rule '${rule.id}' ${placement.position} another rule, or keep rule '${target}'.`,
                    related: [{ origin: placement.origin, message: `Rule '${rule.id}' is placed ${placement.position} rule '${target}'` }]
                });
            }
        }
    }
}

/** What the measure overrides do to measures and proxies (see mergeMeasureOverrides). */
interface MeasureOverrides {
    /** Overridden base measures by code. */
    measures: Map<string, Measure>;
    /** A base inline proxy id -> its replacement, or null when it goes. */
    replacedProxies: Map<string, FinancialProxy | null>;
    /** Inline proxies for measures that used a named proxy. */
    addedProxies: FinancialProxy[];
}

type ProxyOverride = Extract<FrameworkOverride, { kind: 'proxy' }>;
type MeasureOverride = Extract<FrameworkOverride, { kind: 'measure' }>;
type ScaleOverride = Extract<FrameworkOverride, { kind: 'scale' }>;
type QuestionOverride = Extract<FrameworkOverride, { kind: 'question' }>;
type GateOverride = Extract<FrameworkOverride, { kind: 'gate' }>;
type EvaluationOverride = Extract<FrameworkOverride, { kind: 'evaluation' }>;
type RuleOverride = Extract<FrameworkOverride, { kind: 'rule' }>;

/** How to change a base declaration of each kind the child redeclares instead. */
function redeclaredFix(kind: DeclarationKind, name: string): string {
    switch (kind) {
        case 'unit': return `Units cannot be overridden: use the base's unit '${name}', or pick another name for a new unit.`;
        case 'theme': return `To add outcomes to it, write \`add to theme ${name} { ... }\`; for a new theme, pick another name.`;
        case 'outcome': return `To add measures to it, write \`add to outcome ${name} { ... }\`; for a new outcome, pick another name.`;
        default: return `To change it, write \`override ${kind} ${name} because "..." { ... }\` with only what changes; for a new ${kind}, pick another name.`;
    }
}

/**
 * Overrides and retirements in the order written: by file (in the order the files first
 * appear among the changes, which resolve lists in declaration order), then by position.
 */
function writtenOrder(overrides: readonly FrameworkOverride[], retirements: readonly FrameworkRetirement[]): ChildChange[] {
    const files: string[] = [];
    const all: ChildChange[] = [...overrides, ...retirements];
    for (const change of all) if (!files.includes(change.origin.file)) files.push(change.origin.file);
    const rank = (origin: Origin) => [files.indexOf(origin.file), origin.range.start.line, origin.range.start.character];
    return all
        .map((change, index) => ({ change, index, rank: rank(change.origin) }))
        .sort((a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]! || a.rank[2]! - b.rank[2]! || a.index - b.index)
        .map(({ change }) => change);
}

/**
 * The facts a merged framework's profile gives: the base's, then those the child adds. The
 * child's categories, when it declares any, replace the base's (a child lists them all).
 */
function mergeProfiles(base: ProfileDeclarations, child: ProfileDeclarations): ProfileDeclarations {
    return {
        declared: base.declared || child.declared,
        flags: [...base.flags, ...child.flags],
        choices: [...base.choices, ...child.choices],
        sets: [...base.sets, ...child.sets],
        chosen: [...base.chosen, ...child.chosen],
        categories: child.categoriesDeclared ? child.categories : base.categories,
        categoriesDeclared: base.categoriesDeclared || child.categoriesDeclared
    };
}
