/**
 * What the plan says, in plain English for a supplier, from the compiled question set and
 * rubric: why this contract asks what it asks, how bids are marked, the minimums, the
 * gates, the measures with what one unit is worth, the method statements and their
 * scales, and what is reported after award. Pure; stable order (the outputs' own order).
 */
import { formatPounds } from '../../model/amounts.js';
import { describeApplicability } from '../../model/rules/condition-wording.js';
import type {
    CompiledFramework, MinimumCommitment, Question, RubricMeasureJson, RuleJson, ScaleJson, WeightJson
} from '../compiled-framework.js';
import type { PlanBlock, PlanDocument } from './plan-document.js';

export interface PlanInput {
    compiled: CompiledFramework;
    /**
     * The framework's proportionality rules (the untailored question set's `rules`), so a
     * tailored plan can say in words when the rule that applied applies. Without them the
     * plan names the rule and the contract it was applied to.
     */
    rules?: readonly RuleJson[] | null;
}

export function buildPlan({ compiled, rules }: PlanInput): PlanDocument {
    const { questionSet } = compiled;
    const identity = questionSet.framework;
    const title = identity.title ?? identity.id;
    const builder = new PlanBuilder(compiled, rules ?? questionSet.rules ?? null);
    const publisher = identity.publisher === null ? '' : `Published by ${identity.publisher}. `;
    return {
        title: `Social value in this contract: ${title}`,
        subtitle: `${publisher}Framework ${identity.id}, version ${identity.version}${identity.status === 'published' ? '' : ` (${identity.status})`}.`,
        blocks: builder.blocks(),
        footer: `Made by svf plan from ${questionSet.chainDescription} (sources sha256 ${identity.sourceHash.slice(0, 12)}). The question set and rubric are the authority; this page explains them.`
    };
}

/** What the £ column says of a measure that earns no marks. */
const NOT_SCORED = 'Not scored';

class PlanBuilder {
    private readonly out: PlanBlock[] = [];
    private readonly themeTitles = new Map<string, string>();
    private readonly measures = new Map<string, RubricMeasureJson>();
    private readonly questions = new Map<string, Question>();

    constructor(private readonly compiled: CompiledFramework, private readonly rules: readonly RuleJson[] | null) {
        for (const section of compiled.questionSet.sections) this.themeTitles.set(section.theme, section.title ?? section.theme);
        for (const measure of compiled.rubric.quantitative.measures) this.measures.set(measure.code, measure);
        for (const question of compiled.questionSet.questions) this.questions.set(question.id, question);
    }

    blocks(): PlanBlock[] {
        this.whatAndWhy();
        if (this.compiled.questionSet.socialValueAsked) {
            this.marking();
            this.minimumsAndTargets();
            this.gates();
            this.measureTables();
            this.methodStatements();
            this.reporting();
        }
        return this.out;
    }

    private heading(text: string, level: 2 | 3 = 2): void {
        this.out.push({ kind: 'heading', level, text });
    }

    private paragraph(text: string): void {
        this.out.push({ kind: 'paragraph', text });
    }

    /** 1. What this contract asks, and the rule that decided it. */
    private whatAndWhy(): void {
        const { questionSet } = this.compiled;
        const description = questionSet.framework.description;
        this.heading('What this contract asks and why');
        if (description !== null) this.paragraph(description);
        const profile = questionSet.profile;
        if (profile === null) {
            this.out.push({ kind: 'note', text: 'This plan is not tailored to a contract: it shows everything the framework can ask. What one contract asks depends on its value, category and duration, by the rules below (the first that applies decides). Ask the buyer for the plan of your contract.' });
            this.rulesTable();
            return;
        }
        const duration = profile.durationMonths === null ? '' : `, ${profile.durationMonths} ${profile.durationMonths === 1 ? 'month' : 'months'} long`;
        const facts = [
            ...profile.flags.map(flag => `marked '${flag}'`),
            ...Object.entries(profile.facts).map(([fact, value]) => `${fact}: ${Array.isArray(value) ? value.join(', ') : value}`),
            ...(profile.chosen.outcomes.length > 0 ? [`outcomes chosen by the buyer: ${profile.chosen.outcomes.join(', ')}`] : []),
            ...(profile.chosen.themes.length > 0 ? [`themes chosen by the buyer: ${profile.chosen.themes.join(', ')}`] : []),
        ];
        this.paragraph(`This is a ${profile.category} contract worth ${formatPounds(profile.contractValue)}${duration}${facts.length > 0 ? ` (${facts.join('; ')})` : ''}.`);
        const applied = questionSet.ruleApplied;
        if (applied !== null) {
            const rule = this.rules?.find(candidate => candidate.id === applied.id);
            const named = applied.title === null ? `'${applied.id}'` : `'${applied.id}' (${applied.title})`;
            const why = rule === undefined
                ? 'It is the first of the framework\'s proportionality rules that this contract matches.'
                : `${describeApplicability(rule.condition, false, this.factKinds())} It is the first of the framework's proportionality rules that this contract matches.`;
            this.paragraph(`The framework's rule ${named} decides what is asked. ${why}`);
        }
        for (const warning of questionSet.warnings) {
            this.out.push({ kind: 'note', text: warning.message });
        }
        if (!questionSet.socialValueAsked) {
            this.paragraph('No social value is asked for this contract: there are no social value questions and no social value marks.');
            return;
        }
        const counts = this.questionCounts();
        this.paragraph(`You are asked ${counts}. Social value is worth ${this.weightingWords()}.`);
    }

    private factKinds(): { sets: Array<{ name: string }> } {
        return { sets: this.compiled.questionSet.profileFacts.sets.map(set => ({ name: set.id })) };
    }

    private rulesTable(): void {
        if (this.rules === null || this.rules.length === 0) return;
        this.out.push({
            kind: 'table',
            caption: 'Proportionality rules, in the order they are tried',
            columns: [{ header: 'Rule' }, { header: 'When it applies' }, { header: 'What it asks' }],
            rows: this.rules.map(rule => [
                rule.title === null ? rule.id : `${rule.title} (${rule.id})`,
                describeApplicability(rule.condition, false, this.factKinds()),
                ruleEffectsWords(rule, theme => this.themeTitles.get(theme) ?? theme, outcome => this.outcomeTitle(outcome)),
            ])
        });
    }

    private questionCounts(): string {
        const bidQuestions = this.compiled.questionSet.questions.filter(question => question.stage === 'bid');
        const commitments = bidQuestions.filter(question => question.kind === 'commitment').length;
        const statements = bidQuestions.filter(question => question.kind === 'method-statement').length;
        const gates = bidQuestions.filter(question => question.kind === 'pass-fail').length;
        const parts = [
            commitments > 1 ? `to choose from ${countOf(commitments, 'measure')} to commit to` : commitments === 1 ? 'to commit to 1 measure' : undefined,
            statements > 0 ? `to write ${countOf(statements, 'method statement')}` : undefined,
            gates > 0 ? `to meet ${countOf(gates, 'pass/fail requirement')}` : undefined,
        ].filter((part): part is string => part !== undefined);
        return parts.length === 0 ? 'no questions' : listWithAnd(parts);
    }

    private weightingWords(): string {
        const { rubric } = this.compiled;
        return rubric.weighting === null
            ? 'a share of the total tender marks the buyer states in the tender documents (the framework does not fix it)'
            : `${rubric.weighting}% of the total tender marks`;
    }

    /** 2. How marks are given. */
    private marking(): void {
        const { rubric } = this.compiled;
        const { quantitative, qualitative, scoring } = rubric;
        this.heading('How your bid is marked');
        if (rubric.criteria.length > 1 || rubric.criteria.some(criterion => criterion.weightingMinimum !== null)) {
            this.out.push({
                kind: 'table',
                caption: 'Award criteria for social value',
                columns: [{ header: 'Criterion' }, { header: 'Share of total marks', numeric: true }, { header: 'Covers' }],
                rows: rubric.criteria.map(criterion => [
                    criterion.title === null ? criterion.id : `${criterion.title} (${criterion.id})`,
                    criterion.weighting === null ? 'stated in the tender' : `${criterion.weighting}%${criterion.weightingMinimum === null ? '' : ` (at least ${criterion.weightingMinimum}%)`}`,
                    criterion.themes.length > 0 ? `themes ${criterion.themes.map(theme => this.themeTitles.get(theme) ?? theme).join('; ')}` : `${countOf(criterion.measures.length, 'measure')}, ${countOf(criterion.questions.length, 'method statement')}`,
                ])
            });
        }
        const split = (share: number, total: number | null) => `${share}% of the social value marks${total === null ? '' : ` (${total}% of the total)`}`;
        const parts: string[] = [];
        if (quantitative.measures.some(measure => !measure.recordOnly)) {
            parts.push(`Commitments (the measures you choose, with quantities): ${split(quantitative.shareOfSocialValueMarks, quantitative.shareOfTotalMarks)}, marked ${quantitative.method === 'relative' ? 'against the best bid' : 'against a fixed target'}. ${quantitative.description}`);
        }
        if (qualitative.questions.length > 0) {
            parts.push(`Method statements: ${split(qualitative.shareOfSocialValueMarks, qualitative.shareOfTotalMarks)}. ${qualitative.description}`);
        }
        if (rubric.gates.length > 0) {
            parts.push(`Pass/fail requirements earn no marks; ${scoring.gates.failed === 'disqualify' ? 'a bid that fails one is disqualified.' : 'each must be met.'}`);
        }
        if (rubric.selection.minimumCommitments.length > 0) {
            parts.push(`A bid that does not meet a minimum commitment ${unmetWords(scoring.minimumCommitments.unmet)}.`);
        }
        if (rubric.targets.minimumSvRatio !== null) {
            parts.push(`A bid whose net social value is below the minimum under "Minimum commitments and targets" ${unmetWords(scoring.minimumSvRatio.unmet)}.`);
        }
        const selection = this.selectionWords();
        if (selection !== undefined) parts.push(selection);
        const askedInBid = this.compiled.questionSet.questions.filter(question => question.kind === 'commitment' && question.stage === 'bid');
        if (askedInBid.some(question => this.unitValue(question) === NOT_SCORED)) {
            parts.push(scoring.recordOnly.countsTowardsSelection
                ? `Measures marked "${NOT_SCORED}" are recorded and reported: they earn no marks, but count towards the number of measures you choose.`
                : `Measures marked "${NOT_SCORED}" are recorded and reported: they earn no marks and do not count towards the number of measures you choose.`);
        }
        this.out.push({ kind: 'list', items: parts });
    }

    private selectionWords(): string | undefined {
        const { selection } = this.compiled.questionSet;
        const limits = [
            selection.minMeasures === null ? undefined : `at least ${selection.minMeasures}`,
            selection.maxMeasures === null ? undefined : `at most ${selection.maxMeasures}`,
        ].filter((part): part is string => part !== undefined);
        const required = [
            ...selection.requiredThemes.map(required => `at least ${required.minMeasures} from ${this.themeTitles.get(required.theme) ?? required.theme}`),
            ...selection.requiredOutcomes.map(required => `at least ${required.minMeasures} for the outcome ${this.outcomeTitle(required.outcome)}`),
        ];
        if (limits.length === 0 && required.length === 0) return undefined;
        const choose = limits.length > 0 ? `Choose ${listWithAnd(limits)} measures` : 'Choose your measures';
        return `${choose}${required.length > 0 ? `, with ${listWithAnd(required)}` : ''}; a bid outside these limits is not valid.`;
    }

    private outcomeTitle(outcome: string): string {
        for (const section of this.compiled.questionSet.sections) {
            const found = section.outcomes.find(candidate => candidate.outcome === outcome);
            if (found !== undefined) return found.title ?? outcome;
        }
        return outcome;
    }

    /** 3. Minimum commitments and targets. */
    private minimumsAndTargets(): void {
        const { selection, targets } = this.compiled.questionSet;
        if (selection.minimumCommitments.length === 0 && targets.minimumSvRatio === null && targets.kpis === null) return;
        this.heading('Minimum commitments and targets');
        if (selection.minimumCommitments.length > 0) {
            this.out.push({
                kind: 'table',
                caption: 'The least you must commit to',
                columns: [{ header: 'Ref' }, { header: 'Measure' }, { header: 'Minimum', numeric: true }, { header: 'How it is worked out' }],
                rows: selection.minimumCommitments.map(minimum => [minimum.measure, this.measureTitle(minimum.measure), this.minimumWords(minimum), minimum.basis])
            });
        }
        const lines: string[] = [];
        if (targets.minimumSvRatio !== null) {
            const amount = targets.minimumSocialValue === null ? '' : ` (${formatPounds(targets.minimumSocialValue)})`;
            lines.push(`Net social value of at least ${targets.minimumSvRatio}% of the contract value${amount}.`);
        }
        if (targets.kpis !== null) {
            lines.push(`At least ${countOf(targets.kpis, 'key performance indicator')} (KPIs) of the contract are published and reported on.`);
        }
        if (lines.length > 0) this.out.push({ kind: 'list', items: lines });
    }

    private measureTitle(code: string): string {
        const question = this.questions.get(code);
        return question?.title ?? this.measures.get(code)?.title ?? code;
    }

    private minimumWords(minimum: MinimumCommitment): string {
        const question = this.questions.get(minimum.measure);
        const unit = question?.unit;
        const amount = (value: number | string) => (question?.answer.type === 'money' ? formatPounds(value) : `${value}${unit ? ` ${unit.label}` : ''}`);
        if (minimum.perYear !== null && minimum.years !== null) {
            return `${amount(minimum.perYear)} a year for ${minimum.years} ${minimum.years === 1 ? 'year' : 'years'}`;
        }
        return amount(minimum.quantity);
    }

    /** 4. Pass/fail gates. */
    private gates(): void {
        const gates = this.compiled.questionSet.questions.filter(question => question.kind === 'pass-fail');
        if (gates.length === 0) return;
        this.heading('Pass/fail requirements');
        this.out.push({
            kind: 'table',
            caption: 'Requirements every bid must meet (no marks; failing one disqualifies the bid)',
            columns: [{ header: 'Ref' }, { header: 'Requirement' }, { header: 'Evidence asked' }],
            rows: gates.map(gate => [gate.id, titled(gate), gate.evidence ?? 'None stated'])
        });
    }

    /** 5. The measures, one table per theme, in the question set's order. */
    private measureTables(): void {
        const commitments = this.compiled.questionSet.questions.filter(question => question.kind === 'commitment' && question.stage === 'bid');
        if (commitments.length === 0) return;
        this.heading('Measures you may commit to');
        this.paragraph(`For each measure you choose, state a quantity in its unit. One unit is worth the net £ shown (after deadweight and other adjustments); your net social value is the sum of quantity x £ per unit over your commitments.${this.priceYearsWords(commitments)}`);
        const byTheme = new Map<string, Question[]>();
        for (const question of commitments) {
            const theme = question.theme ?? '';
            byTheme.set(theme, [...(byTheme.get(theme) ?? []), question]);
        }
        for (const [theme, questions] of byTheme) {
            this.out.push({
                kind: 'table',
                caption: `Measures: ${this.themeTitles.get(theme) ?? (theme === '' ? 'other' : theme)}`,
                columns: [{ header: 'Ref' }, { header: 'Measure' }, { header: 'Unit' }, { header: '£ per unit (net)', numeric: true }, { header: 'Evidence asked' }],
                rows: questions.map(question => [question.id, this.measureWords(question), question.unit?.label ?? answerWords(question), this.unitValue(question), question.evidence ?? 'None stated'])
            });
        }
    }

    /** The price years of the proxies behind the £ values shown, so no one reads them as today's prices. */
    private priceYearsWords(commitments: readonly Question[]): string {
        const years = [...new Set(commitments
            .map(question => this.measures.get(question.id))
            .filter(measure => measure !== undefined && !measure.recordOnly && measure.proxy !== null)
            .map(measure => measure!.proxy!.priceYear ?? this.compiled.questionSet.framework.priceYear)
            .filter((year): year is number => year !== null))].sort((a, b) => a - b);
        if (years.length === 0) return '';
        return years.length === 1 ? ` The £ values are at ${years[0]} prices.` : ` The £ values are at ${years[0]} to ${years.at(-1)} prices, as each measure's source gives them.`;
    }

    private measureWords(question: Question): string {
        const categories = question.categories.length > 0 ? ` (only for ${listWithOr(question.categories)} contracts)` : '';
        // The title alone keeps the page to one or two A4 sheets; the question's full wording is in the portal.
        return `${question.title ?? question.text}${categories}`;
    }

    private unitValue(question: Question): string {
        const measure = this.measures.get(question.id);
        if (question.recordOnly || measure === undefined || measure.recordOnly) return NOT_SCORED;
        if (measure.proxy === null) return 'Not valued';
        const perYear = measure.multiYear
            ? ` a year${measure.proxy.dropOff > 0 ? `, ${measure.proxy.dropOff}% less each later year` : ''}`
            : '';
        return `${formatPounds(measure.proxy.netValuePerUnit)}${perYear}`;
    }

    /** 6. Method statements and the scales they are marked on. */
    private methodStatements(): void {
        const statements = this.compiled.questionSet.questions.filter(question => question.kind === 'method-statement' && question.stage === 'bid');
        if (statements.length === 0) return;
        const rubricQuestions = new Map(this.compiled.rubric.qualitative.questions.map(question => [question.id, question]));
        this.heading('Method statements');
        this.out.push({
            kind: 'table',
            caption: 'Method statements to write',
            columns: [{ header: 'Ref' }, { header: 'Question' }, { header: 'Word limit', numeric: true }, { header: 'Weight', numeric: true }, { header: 'Marked on' }],
            rows: statements.map(question => {
                const scored = rubricQuestions.get(question.id);
                const scale = scored?.scale ?? null;
                const minimum = scored?.minimumLevel === null || scored?.minimumLevel === undefined ? '' : `; at least ${scored.minimumLevel} needed, below it the bid is disqualified`;
                return [
                    question.id,
                    titled(question),
                    question.wordLimit === null ? 'None' : `${question.wordLimit} words`,
                    weightWords(question.weight),
                    `${scale === null ? (question.scale ?? 'the buyer\'s scale') : scaleName(scale)}${minimum}`,
                ];
            })
        });
        const scales = new Map<string, ScaleJson>();
        for (const question of this.compiled.rubric.qualitative.questions) {
            if (question.scale !== null && !scales.has(question.scale.id)) scales.set(question.scale.id, question.scale);
        }
        for (const scale of scales.values()) {
            this.out.push({
                kind: 'table',
                caption: `Scale ${scaleName(scale)}: what each level means`,
                columns: [{ header: 'Score' }, { header: 'Level' }, { header: 'What evaluators look for' }],
                rows: scale.levels.map(level => [String(level.score), level.label, level.descriptor ?? ''])
            });
        }
    }

    /** 7. What is reported after award. */
    private reporting(): void {
        const { questionSet } = this.compiled;
        const metrics = questionSet.questions.filter(question => question.stage === 'after-award');
        const commitments = questionSet.questions.some(question => question.kind === 'commitment' && question.stage === 'bid');
        this.heading('Reporting after award');
        if (commitments) this.paragraph('The commitments in your winning bid become part of the contract: you report what you delivered against each of them.');
        if (metrics.length === 0) {
            if (!commitments) this.paragraph('The framework names nothing to report after award for this contract.');
            return;
        }
        this.out.push({
            kind: 'table',
            caption: `${commitments ? 'Also reported' : 'Reported'} during the contract (not asked in the bid, not scored)`,
            columns: [{ header: 'Ref' }, { header: 'What to report' }, { header: 'Unit' }, { header: 'How often' }],
            rows: metrics.map(metric => [metric.id, titled(metric), metric.unit?.label ?? answerWords(metric), metric.reportingFrequency ?? 'as agreed'])
        });
    }
}

/** A question's title and text as one cell: "Title: text", or the text alone. */
function titled(question: Question): string {
    return question.title === null ? question.text : `${question.title}: ${question.text}`;
}

function answerWords(question: Question): string {
    switch (question.answer.type) {
        case 'yes-no': return 'yes or no';
        case 'choice': return `one of: ${(question.answer.options ?? []).join(', ')}`;
        case 'attachment': return question.answer.description ?? 'an attachment';
        case 'text': return 'text';
        default: return question.answer.type;
    }
}

function weightWords(weight: WeightJson | null): string {
    if (weight === null) return 'Equal share';
    return weight.kind === 'percentage' ? `${weight.value}%` : `${weight.value} ${weight.value === 1 ? 'point' : 'points'}`;
}

function scaleName(scale: ScaleJson): string {
    return scale.title === null ? `'${scale.id}'` : `'${scale.title}'`;
}

function unmetWords(unmet: 'disqualify' | 'zero-quantitative'): string {
    return unmet === 'disqualify' ? 'is disqualified' : 'gets no marks for its commitments';
}

/** A rule's effects in a few words, for the untailored plan's table of rules. */
function ruleEffectsWords(rule: RuleJson, themeTitle: (theme: string) => string, outcomeTitle: (outcome: string) => string): string {
    const effects = rule.effects;
    if (effects.noAsk) return 'No social value is asked.';
    const parts = [
        effects.weighting === null ? undefined : `weighting ${effects.weighting}%`,
        effects.select?.max === null || effects.select?.max === undefined ? undefined : `at most ${countOf(effects.select.max, 'measure')}`,
        effects.select?.min === null || effects.select?.min === undefined ? undefined : `at least ${countOf(effects.select.min, 'measure')}`,
        ...effects.require.map(required => `at least ${required.count} from ${required.theme !== undefined ? themeTitle(required.theme) : outcomeTitle(required.outcome ?? '')}`),
        ...effects.minimumCommitments.map(minimum => `${minimum.measure} at least ${minimum.quantity}${minimum.per === null ? '' : ` per ${formatPounds(minimum.per)}`}${minimum.perYear ? ' a year' : ''}`),
        effects.minimumSvRatio === null ? undefined : `social value of at least ${effects.minimumSvRatio}% of the contract value`,
        effects.kpis === null ? undefined : `at least ${countOf(effects.kpis, 'KPI')}`,
    ].filter((part): part is string => part !== undefined);
    return parts.length === 0 ? 'The framework\'s full ask.' : `${capitalised(listWithAnd(parts))}.`;
}

function capitalised(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function countOf(count: number, noun: string): string {
    return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

function listWithAnd(items: readonly string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function listWithOr(items: readonly string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
