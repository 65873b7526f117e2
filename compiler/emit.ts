import { Decimal } from '../model/amounts.js';
import { amountInUnitJson, exactNumber, moneyString } from '../model/amounts.js';
import { CompilerError } from './compiler-error.js';
import {
    SCHEMA_VERSION, type AnswerType, type CompiledFramework, type FrameworkIdentityJson, type ProxyJson, type Question,
    type QuestionSet, type Rubric, type RuleJson, type ScaleJson, type ScoringTarget, type Section, type UnitJson
} from './compiled-framework.js';
import {
    DEFAULT_SCORING_CHOICES, measuresOf, noFrameworkHeaderMessage, type FinancialProxy, type Framework, type FrameworkRule, type Measure, type QuestionWeight,
    type ScoringScale, type UnitDefinition
} from '../model/framework.js';
import { chainJson, describeChain, provenanceJson } from './provenance.js';
import { profileFactsJson } from './profile-facts.js';
import { describeQualitativeScoring, describeScoringMethod, scoringRules, shareOfTotalMarks } from '../model/scoring-method.js';
import { criterionScopesOf } from '../model/award-criteria.js';

/**
 * Framework -> the untailored question set and rubric. They carry the proportionality
 * rules as data so that applyContractProfile (or a portal) can tailor them to a contract,
 * the chain of frameworks they were compiled from, and, on every question, proxy, scale,
 * rule and the evaluation, its provenance: the framework that declared it and the
 * overrides applied to it (a merged framework carries these; mergeFramework fills them).
 */
export function emitCompiledFramework(framework: Framework): CompiledFramework {
    assertCompilable(framework);
    const unitOf = declared(framework.units, 'unit');
    const proxyOf = declared(framework.proxies, 'financial proxy');
    const scaleOf = declared(framework.scales, 'scoring scale');
    const measures = measuresOf(framework);
    const evaluation = framework.evaluation;
    const rules = framework.rules.map(rulesJson);
    const chain = chainJson(framework);
    const criteria = criteriaJson(framework);
    const criteriaDeclared = (evaluation?.criteria.length ?? 0) > 0;
    // With declared criteria the social value weighting is the sum of theirs.
    const weighting = criteriaDeclared
        ? criteria.reduce((sum, criterion) => sum.plus(criterion.weighting ?? 0), new Decimal(0))
        : evaluation?.weighting ?? null;
    const criterionOf = (kind: 'measures' | 'questions', id: string) => criteria.find(criterion => criterion[kind].includes(id))?.id ?? null;
    const measureCap = evaluation?.measureCap == null ? null : exactNumber(evaluation.measureCap);
    const header = {
        schemaVersion: SCHEMA_VERSION,
        framework: identityJson(framework),
        chain,
        chainDescription: describeChain(chain),
        profile: null,
        ruleApplied: null,
        socialValueAsked: true,
        weighting: weighting === null ? null : exactNumber(weighting),
        outlasting: evaluation?.outlasting ?? null
    } as const;
    const targets = { minimumSvRatio: null, minimumSocialValue: null, kpis: null };

    const questions: Question[] = [
        ...measures.map(measure => commitmentQuestion(measure, unitOf(measure.unit!))),
        ...framework.questions.map((question): Question => ({
            id: question.id, kind: 'method-statement', title: question.title, text: question.ask!,
            guidance: question.guidance, evidence: question.evidence, unit: null,
            answer: { type: 'text', minimum: null, maximum: null, wholeNumbers: false, options: null, description: null },
            theme: question.theme, outcome: null, outcomes: question.outcomes, categories: [], recordOnly: false,
            wordLimit: question.wordLimit, scale: question.scale, weight: weightJson(question.weight),
            codes: question.codes, tags: question.tags, stage: 'bid', reportingFrequency: null, horizonMonths: null,
            provenance: provenanceJson(question)
        })),
        ...framework.gates.map((gate): Question => ({
            id: gate.id, kind: 'pass-fail', title: gate.title, text: gate.ask!, guidance: gate.guidance, evidence: gate.evidence,
            unit: null, answer: { type: 'yes-no', minimum: null, maximum: null, wholeNumbers: false, options: null, description: null },
            theme: null, outcome: null, outcomes: null, categories: [], recordOnly: false, wordLimit: null, scale: null, weight: null,
            codes: [], tags: [], stage: 'bid', reportingFrequency: null, horizonMonths: null,
            provenance: provenanceJson(gate)
        }))
    ];

    const selection = { minMeasures: null, maxMeasures: null, requiredThemes: [], requiredOutcomes: [], minimumCommitments: [] };
    const questionSet: QuestionSet = {
        ...header,
        profileFacts: profileFactsJson(framework),
        selection,
        targets,
        sections: sectionsOf(framework),
        gates: framework.gates.map(gate => gate.id),
        questions,
        rules,
        warnings: []
    };

    // Without a split every social value mark goes to the commitments (assertCompilable
    // has made sure there are no method statements then).
    const split = evaluation?.split ?? { quantitative: new Decimal(100), qualitative: new Decimal(0) };
    const method = evaluation?.method ?? { kind: 'relative' as const };
    const target: ScoringTarget | null = method.kind === 'relative'
        ? null
        : method.target.kind === 'money'
            ? { kind: 'money', percent: null, amount: moneyString(method.target.amount) }
            : { kind: 'share-of-contract-value', percent: exactNumber(method.target.percent), amount: null };
    const quantitativeShare = exactNumber(split.quantitative);
    const qualitativeShare = exactNumber(split.qualitative);
    const rubric: Rubric = {
        ...header,
        quantitative: {
            method: method.kind,
            description: describeScoringMethod(method.kind, target, measureCap),
            target,
            shareOfSocialValueMarks: quantitativeShare,
            shareOfTotalMarks: shareOfTotalMarks(header.weighting, quantitativeShare),
            measureCap,
            measures: measures.map(measure => {
                const unit = unitOf(measure.unit!);
                const valued = isValued(measure);
                return {
                    code: measure.code,
                    title: measure.title,
                    theme: measure.theme,
                    outcome: measure.outcome,
                    unit: unitJson(unit),
                    proxy: measure.proxy === null ? null : proxyJson(proxyOf(measure.proxy)),
                    // In the rubric, record only means not scored: declared so, unmonetised, not
                    // answered with a number, or a reporting metric (not in the bid at all).
                    recordOnly: !valued,
                    // Only a valued measure is valued year by year.
                    multiYear: measure.multiYear && valued,
                    answer: { type: answerType(measure, unit), options: answerOptions(measure), wordLimit: answerWordLimit(measure) },
                    stage: measure.afterAward === null ? 'bid' as const : 'after-award' as const,
                    reportingFrequency: measure.afterAward,
                    codes: measure.codes,
                    tags: measure.tags,
                    criterion: criterionOf('measures', measure.code),
                    provenance: provenanceJson(measure)
                };
            })
        },
        qualitative: {
            description: describeQualitativeScoring(framework.questions.some(question => question.minimumLevel !== null)),
            shareOfSocialValueMarks: qualitativeShare,
            shareOfTotalMarks: shareOfTotalMarks(header.weighting, qualitativeShare),
            questions: framework.questions.map(question => ({
                id: question.id,
                title: question.title,
                weight: weightJson(question.weight),
                scale: question.scale === null ? null : scaleJson(scaleOf(question.scale)),
                minimumLevel: question.minimumLevel === null ? null : exactNumber(question.minimumLevel),
                criterion: criterionOf('questions', question.id),
                provenance: provenanceJson(question)
            }))
        },
        criteria: criteria.map(({ weighting: criterionWeighting, weightingMinimum, ...criterion }) => ({
            ...criterion,
            weighting: criterionWeighting === null ? null : exactNumber(criterionWeighting),
            weightingMinimum: weightingMinimum === null ? null : exactNumber(weightingMinimum)
        })),
        gates: framework.gates.map(gate => ({ id: gate.id, title: gate.title, text: gate.ask!, provenance: provenanceJson(gate) })),
        evaluationProvenance: evaluation === null ? null : provenanceJson(evaluation),
        targets,
        selection: structuredClone(selection),
        scoring: scoringRules(method.kind, target, evaluation ?? DEFAULT_SCORING_CHOICES, null, { measureCap, criteriaDeclared }),
        rules,
        warnings: []
    };
    return { questionSet, rubric };
}

/**
 * The compiler runs on frameworks the validator passed; resolve is tolerant (the editor
 * resolves half-written frameworks), so say plainly what is missing rather than emit a
 * question set with holes in it.
 */
function assertCompilable(framework: Framework): void {
    const { identity } = framework;
    if (!identity.hasHeader) throw new CompilerError(noFrameworkHeaderMessage(new URL(identity.origin.file).pathname));
    if (identity.version === null) throw new CompilerError(`Framework '${identity.id}' has no version. Add \`version 1.0.0\` to its header.`);
    for (const measure of measuresOf(framework)) {
        if (measure.unit === null) throw new CompilerError(`Measure '${measure.code}' has no unit. Add \`unit NAME\` to it.`);
        if (measure.ask === null) throw new CompilerError(`Measure '${measure.code}' has no \`ask\`: suppliers would see no question. Add \`ask "..."\` to it.`);
    }
    for (const [kind, list] of [['Method-statement question', framework.questions], ['Gate', framework.gates]] as const) {
        const silent = list.find(item => item.ask === null);
        if (silent) throw new CompilerError(`${kind} '${silent.id}' has neither a title nor an \`ask\`: suppliers would see no question. Add \`ask "..."\` to it.`);
    }
    if (framework.questions.length > 0 && !framework.evaluation?.split) {
        throw new CompilerError(`Framework '${identity.id}' has method-statement questions but no \`split\` saying how social value marks divide between commitments and method statements. Add e.g. \`split quantitative 60% qualitative 40%\` to its evaluation block.`);
    }
}

/** The award criteria with what each covers, as the rubric lists them (weightings still exact). */
function criteriaJson(framework: Framework) {
    return criterionScopesOf(framework).map(scope => ({
        id: scope.id, title: scope.title, description: scope.description,
        weighting: scope.weighting, weightingMinimum: scope.weightingMinimum,
        themes: scope.themes, measures: scope.measures, questions: scope.questions, gates: scope.gates
    }));
}

/** A rule as the JSON carries it: without the model's origins, with its provenance. */
function rulesJson(rule: FrameworkRule): RuleJson {
    const { id, title, condition, effects } = rule;
    return { id, title, condition, effects, provenance: provenanceJson(rule) };
}

/** Looks declarations up by id; resolve only produces ids it has declarations for. */
function declared<T extends { id: string }>(declarations: T[], noun: string): (id: string) => T {
    const byId = new Map(declarations.map(declaration => [declaration.id, declaration]));
    return id => {
        const found = byId.get(id);
        if (!found) throw new CompilerError(`The framework refers to ${noun} '${id}' but does not declare it.`);
        return found;
    };
}

function identityJson({ identity }: Framework): FrameworkIdentityJson {
    const { id, title, version, currency, priceYear, publisher, status, description, sourceHash } = identity;
    return { id, title, version: version!, currency, priceYear, publisher, status, description, sourceHash };
}

const ANSWER_TYPES: Record<UnitDefinition['kind'], AnswerType> = {
    quantity: 'number', record: 'number', money: 'money', percentage: 'percentage', text: 'text'
};

/** A measure's answer type: its `answer` kind, else what its unit is counted in. */
function answerType(measure: Measure, unit: UnitDefinition): AnswerType {
    return measure.answer.kind === 'number' ? ANSWER_TYPES[unit.kind] : measure.answer.kind;
}

function answerOptions(measure: Measure): string[] | null {
    return measure.answer.kind === 'choice' ? measure.answer.options : null;
}

function answerWordLimit(measure: Measure): number | null {
    return measure.answer.kind === 'text' ? measure.answer.wordLimit : null;
}

/**
 * Whether a measure earns marks: a number valued by a proxy, asked in the bid. A yes/no,
 * choice, text or attachment answer has no quantity to value; a reporting metric is not bid.
 */
function isValued(measure: Measure): boolean {
    return !measure.recordOnly && measure.proxy !== null && measure.answer.kind === 'number' && measure.afterAward === null;
}

function commitmentQuestion(measure: Measure, unit: UnitDefinition): Question {
    const type = answerType(measure, unit);
    const numeric = measure.answer.kind === 'number';
    const limit = (value: Decimal | null) => (value === null || !numeric ? null : amountInUnitJson(value, type));
    return {
        id: measure.code, kind: 'commitment', title: measure.title, text: measure.ask!,
        guidance: measure.guidance, evidence: measure.evidence, unit: unitJson(unit),
        answer: {
            type, minimum: limit(measure.minimum), maximum: limit(measure.maximum), wholeNumbers: numeric && measure.wholeNumbers,
            options: answerOptions(measure), description: measure.answer.kind === 'attachment' ? measure.answer.description : null
        },
        theme: measure.theme, outcome: measure.outcome, outcomes: null, categories: measure.categories,
        // A non-number answer is recorded, never valued.
        recordOnly: measure.recordOnly || !numeric, wordLimit: answerWordLimit(measure), scale: null, weight: null,
        codes: measure.codes, tags: measure.tags,
        stage: measure.afterAward === null ? 'bid' : 'after-award',
        reportingFrequency: measure.afterAward,
        horizonMonths: measure.horizon === null ? null : exactNumber(measure.horizon.months),
        provenance: provenanceJson(measure)
    };
}

/**
 * Themes -> outcomes -> question ids: each outcome's measures, then the method statements
 * whose first outcome it is. Outcomes and themes with no questions are left out.
 */
function sectionsOf(framework: Framework): Section[] {
    const sections: Section[] = [];
    for (const theme of framework.themes) {
        const outcomes = theme.outcomes
            .map(outcome => ({
                outcome: outcome.id,
                title: outcome.title,
                questions: [
                    ...outcome.measures.map(measure => measure.code),
                    ...framework.questions.filter(question => question.outcomes[0] === outcome.id).map(question => question.id)
                ]
            }))
            .filter(outcome => outcome.questions.length > 0);
        if (outcomes.length > 0) sections.push({ theme: theme.id, title: theme.title, outcomes });
    }
    return sections;
}

function unitJson(unit: UnitDefinition): UnitJson {
    return { id: unit.id, label: unit.label, kind: unit.kind };
}

function weightJson(weight: QuestionWeight | null) {
    return weight === null ? null : { kind: weight.kind, value: exactNumber(weight.value) };
}

function proxyJson(proxy: FinancialProxy): ProxyJson {
    return {
        id: proxy.id,
        title: proxy.title,
        value: moneyString(proxy.value),
        priceYear: proxy.priceYear,
        source: proxy.source,
        deadweight: exactNumber(proxy.deadweight),
        attribution: exactNumber(proxy.attribution),
        displacement: exactNumber(proxy.displacement),
        dropOff: exactNumber(proxy.dropOff),
        netValuePerUnit: moneyString(proxy.netValuePerUnit),
        provenance: provenanceJson(proxy)
    };
}

function scaleJson(scale: ScoringScale): ScaleJson {
    return {
        id: scale.id,
        title: scale.title,
        levels: scale.levels.map(level => ({ score: level.score.toNumber(), label: level.label, descriptor: level.descriptor })),
        provenance: provenanceJson(scale)
    };
}
