import { amountInUnitJson, Decimal, decimalOf, formatPounds, moneyString } from '../model/amounts.js';
import type {
    AppliedProfile, CompiledFramework, MinimumCommitment, Question, QuestionSet, Rubric, ScoringTarget, TailoringWarning, WeightJson
} from './compiled-framework.js';
import { CompilerError } from './compiler-error.js';
import { amountWords, applyOutlasting, exactMinimum, OutlastingWarningCodes, roundedUp, scaleWords, yearsWords, type OutlastingScale } from './contract-years.js';
import { ProfileError } from './contract-profile.js';
import { checkPortalInput } from './portal-input.js';
import { checkProfileFacts, includeChosen } from './profile-facts.js';
import { annualValueOf, firstMatchingRule } from '../model/rules/evaluate-condition.js';
import { keepsElement, keepsMeasure } from '../model/rules/rule-scope.js';
import { emptyEffects, type ContractProfile, type RuleEffects } from '../model/rules/rule-types.js';
import { describeScoringMethod, scoringRules, shareOfContractValue, shareOfTotalMarks, type ScoringRules } from '../model/scoring-method.js';
import { tailorEvaluation } from './tailor-evaluation.js';

/** Codes of the warnings a tailored question set and rubric may carry. */
export const TailoringWarningCodes = {
    NoRuleMatched: 'profile/no-rule-matched',
    MinimumCommitmentNotAsked: 'profile/minimum-commitment-not-asked',
    RequiredThemeNotAsked: 'profile/required-theme-not-asked',
    RequiredOutcomeNotAsked: 'profile/required-outcome-not-asked',
    MarksMoved: 'profile/marks-moved',
    /** A framework without a `profile` block: a flag the profile sets that no rule tests. */
    UnknownFlag: 'profile/unknown-flag',
    ...OutlastingWarningCodes
} as const;

/**
 * Tailors the untailored question set and rubric to one contract: the first rule whose
 * condition the profile matches decides what is asked. Pure, and works on the emitted
 * JSON alone (no Langium anywhere below it), so an e-procurement portal can run exactly
 * what `svf compile --profile` runs. Returns tailored copies; the input is not changed.
 *
 * Both arguments are checked first (they usually come from outside: a portal's database, a
 * form): the question set and rubric must be the untailored outputs of one compilation,
 * valid against their schemas, and the profile must be valid as parseContractProfile
 * requires. Anything else throws PortalInputError (ProfileError for the profile) with the
 * JSON Pointer of the problem, e.g. `/questionSet/rules/3/condition/op`, and never
 * produces output that fails our schemas.
 */
export function applyContractProfile(compiled: CompiledFramework, profile: ContractProfile): CompiledFramework {
    checkPortalInput(compiled, profile);
    // The result shares no objects with the input, so a caller may change either freely.
    return structuredClone(tailorSharingInput(compiled, profile, '/profile'));
}

/**
 * applyContractProfile without the final copy: the result shares unchanged parts with the
 * input. For compileFramework, whose untailored outputs nobody else holds (copying a
 * 10,000-measure question set costs more than tailoring it).
 */
export function tailorSharingInput(compiled: CompiledFramework, profile: ContractProfile, profilePath = ''): CompiledFramework {
    const { questionSet, rubric } = compiled;
    if (questionSet.profile !== null || questionSet.rules === null) {
        throw new CompilerError('This question set is already tailored to a contract profile; apply profiles to the untailored outputs.');
    }
    // What the profile says must be what the framework declares (profileFacts): checked before any rule is tried.
    const warnings: TailoringWarning[] = checkProfileFacts(profile, questionSet, profilePath);
    const applied = normaliseProfile(profile);
    const contract = `${formatPounds(applied.contractValue)} ${applied.category} contract`;
    const rule = firstMatchingRule(questionSet.rules, profile);
    if (!rule) {
        warnings.push({
            code: TailoringWarningCodes.NoRuleMatched,
            message: `No proportionality rule matches this ${contract}, so the framework's full ask applies, without the measures that are not relevant to ${applied.category} contracts. Add a rule for such contracts, or a final rule without \`when\`.`
        });
    }
    const effects = rule ? includeChosen(rule.effects, rule.id, profile, questionSet, profilePath) : emptyEffects();
    const tailored = { profile: applied, ruleApplied: rule ? { id: rule.id, title: rule.title, provenance: rule.provenance } : null, rules: null };
    if (effects.noAsk) {
        // Nothing is weighted, but the profile's weightings must still name criteria at allowed values.
        tailorEvaluation(rubric, effects, profile, applied.contractValue, new Set(), new Set(), profilePath);
    }
    return effects.noAsk
        ? noAsk(questionSet, rubric, tailored, warnings)
        : tailor(questionSet, rubric, tailored, effects, applied, warnings, profile, profilePath);
}

type TailoredIdentity = Pick<QuestionSet, 'profile' | 'ruleApplied' | 'rules'>;

function normaliseProfile(profile: ContractProfile): AppliedProfile {
    const annualValue = annualValueOf(profile);
    return {
        contractValue: moneyString(decimalOf(profile.contractValue)),
        category: profile.category,
        durationMonths: profile.durationMonths ?? null,
        flags: [...new Set(profile.flags ?? [])].sort(),
        annualValue: annualValue === undefined ? null : moneyString(annualValue),
        facts: Object.fromEntries(Object.entries(profile.facts ?? {}).sort(([a], [b]) => compareNames(a, b))
            .map(([name, value]) => [name, typeof value === 'string' ? value : [...new Set(value)].sort(compareNames)])),
        chosen: {
            outcomes: [...new Set(profile.chosen?.outcomes ?? [])].sort(compareNames),
            themes: [...new Set(profile.chosen?.themes ?? [])].sort(compareNames)
        },
        weightings: Object.fromEntries(Object.entries(profile.weightings ?? {}).sort(([a], [b]) => compareNames(a, b)))
    };
}

function noAsk(questionSet: QuestionSet, rubric: Rubric, tailored: TailoredIdentity, warnings: TailoringWarning[]): CompiledFramework {
    const nothing = { socialValueAsked: false, weighting: 0, targets: { minimumSvRatio: null, minimumSocialValue: null, kpis: null }, warnings };
    return {
        questionSet: {
            ...questionSet, ...tailored, ...nothing,
            selection: { minMeasures: null, maxMeasures: null, requiredThemes: [], requiredOutcomes: [], minimumCommitments: [] },
            sections: [], gates: [], questions: []
        },
        rubric: {
            ...rubric, ...tailored, ...nothing,
            selection: { minMeasures: null, maxMeasures: null, requiredThemes: [], requiredOutcomes: [], minimumCommitments: [] },
            scoring: tailoredScoring(rubric, rubric.quantitative.target, tailored.profile!),
            quantitative: { ...rubric.quantitative, shareOfTotalMarks: 0, measures: [] },
            qualitative: { ...rubric.qualitative, shareOfTotalMarks: 0, questions: [] },
            criteria: rubric.criteria.map(criterion => ({ ...criterion, weighting: 0, themes: [], measures: [], questions: [], gates: [] })),
            gates: []
        }
    };
}

function tailor(questionSet: QuestionSet, rubric: Rubric, tailored: TailoredIdentity, effects: RuleEffects, applied: AppliedProfile, warnings: TailoringWarning[], profile: ContractProfile, profilePath: string): CompiledFramework {
    const keeps = (question: Question) => {
        switch (question.kind) {
            case 'commitment': return keepsMeasure(effects, { code: question.id, theme: question.theme ?? '', categories: question.categories }, applied.category);
            case 'method-statement': return keepsElement(effects, 'questions', question.id);
            case 'pass-fail': return keepsElement(effects, 'gates', question.id);
        }
    };
    const outlasting = effects.outlasting ?? questionSet.outlasting ?? null;
    const { asked: kept, scaled } = applyOutlasting(questionSet.questions.filter(keeps), outlasting, applied.durationMonths, warnings);
    const keptIds = new Set(kept.map(question => question.id));
    const weights = rescaledWeights(kept.filter(question => question.kind === 'method-statement'));
    const reweigh = <Q extends { id: string; weight: WeightJson | null }>(question: Q): Q => ({ ...question, weight: weights.get(question.id) ?? question.weight });
    const commitments = kept.filter(question => question.kind === 'commitment');
    // What a bidder can choose to meet a `require`: measures asked in the bid, not reporting metrics.
    const biddable = commitments.filter(question => question.stage !== 'after-award');
    const keptThemes = new Set(kept.flatMap(question => question.theme === null ? [] : [question.theme]));
    const evaluation = tailorEvaluation(rubric, effects, profile, applied.contractValue, keptIds, keptThemes, profilePath);
    const weighting = evaluation.weighting;

    const selection = {
        minMeasures: effects.select?.min ?? null,
        maxMeasures: effects.select?.max ?? null,
        requiredThemes: askedRequirements('theme', effects, biddable, tailored.ruleApplied?.id, warnings).map(({ name, count }) => ({ theme: name, minMeasures: count })),
        requiredOutcomes: askedRequirements('outcome', effects, biddable, tailored.ruleApplied?.id, warnings).map(({ name, count }) => ({ outcome: name, minMeasures: count })),
        minimumCommitments: minimumCommitments(effects, commitments, applied, tailored.ruleApplied?.id ?? '', warnings, {
            multiYear: new Set(rubric.quantitative.measures.filter(measure => measure.multiYear).map(measure => measure.code)), scaled, profilePath
        })
    };
    const ratio = effects.minimumSvRatio;
    const targets = {
        minimumSvRatio: ratio,
        minimumSocialValue: ratio === null ? null : moneyString(shareOfContractValue(ratio, applied.contractValue)),
        kpis: effects.kpis
    };

    const measures = rubric.quantitative.measures.filter(measure => keptIds.has(measure.code));
    const methodStatements = rubric.qualitative.questions.filter(question => keptIds.has(question.id)).map(reweigh);
    const shares = marksShares(evaluation.split, measures.some(measure => measure.proxy !== null), methodStatements.length > 0, warnings);
    const target = evaluation.target;
    const common = { ...tailored, weighting, outlasting, targets, warnings };

    // A question's least answer is its measure's own minimum or the rule's minimum commitment, whichever is larger.
    const ruleMinimum = new Map(selection.minimumCommitments.map(minimum => [minimum.measure, minimum.quantity]));
    const withMinimum = (question: Question): Question => {
        const demanded = question.kind === 'commitment' ? ruleMinimum.get(question.id) : undefined;
        const own = question.answer.minimum;
        if (demanded === undefined || (own !== null && !decimalOf(demanded).gt(decimalOf(own)))) return question;
        return { ...question, answer: { ...question.answer, minimum: demanded } };
    };

    const tailoredQuestionSet: QuestionSet = {
        ...questionSet, ...common,
        selection,
        sections: questionSet.sections
            .map(section => ({
                ...section,
                outcomes: section.outcomes
                    .map(outcome => ({ ...outcome, questions: outcome.questions.filter(id => keptIds.has(id)) }))
                    .filter(outcome => outcome.questions.length > 0)
            }))
            .filter(section => section.outcomes.length > 0),
        gates: questionSet.gates.filter(id => keptIds.has(id)),
        questions: kept.map(reweigh).map(withMinimum)
    };
    const tailoredRubric: Rubric = {
        ...rubric, ...common,
        quantitative: {
            ...rubric.quantitative,
            method: evaluation.method,
            target,
            description: describeScoringMethod(evaluation.method, target, rubric.quantitative.measureCap),
            shareOfSocialValueMarks: shares.quantitative,
            shareOfTotalMarks: shareOfTotalMarks(weighting, shares.quantitative),
            measures
        },
        qualitative: {
            ...rubric.qualitative,
            shareOfSocialValueMarks: shares.qualitative,
            shareOfTotalMarks: shareOfTotalMarks(weighting, shares.qualitative),
            questions: methodStatements
        },
        gates: rubric.gates.filter(gate => keptIds.has(gate.id)),
        criteria: evaluation.criteria,
        selection: structuredClone(selection),
        scoring: tailoredScoring(rubric, target, applied, evaluation.method)
    };
    return { questionSet: tailoredQuestionSet, rubric: tailoredRubric };
}

/**
 * Percentage weights rescaled to add up to 100 over the questions that remain: exact, then
 * to hundredths by largest remainder so the rounded weights still add up to 100.
 */
function rescaledWeights(questions: Question[]): Map<string, WeightJson> {
    const weighted = questions.filter(question => question.weight?.kind === 'percentage');
    const total = weighted.reduce((sum, question) => sum.plus(decimalOf(question.weight!.value)), new Decimal(0));
    const result = new Map<string, WeightJson>();
    if (weighted.length === 0 || total.isZero()) return result;
    const exact = weighted.map(question => decimalOf(question.weight!.value).times(100).dividedBy(total));
    const hundredths = exact.map(value => value.times(100).floor());
    let shortfall = new Decimal(10_000).minus(hundredths.reduce((sum, value) => sum.plus(value), new Decimal(0))).toNumber();
    const byRemainder = exact
        .map((value, index) => ({ index, remainder: value.times(100).minus(hundredths[index]!) }))
        .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
    for (const { index } of byRemainder) {
        if (shortfall <= 0) break;
        hundredths[index] = hundredths[index]!.plus(1);
        shortfall--;
    }
    weighted.forEach((question, index) => result.set(question.id, { kind: 'percentage', value: hundredths[index]!.dividedBy(100).toNumber() }));
    return result;
}

/**
 * `minimum NT1 1 per £1m` scaled to the contract value, `per year` for each year of the
 * contract, an outlasting measure's scaled by duration / horizon; rounded up, never down,
 * once, at output. A multi-year measure is answered per year, so its per-year minimum is
 * the yearly quantity.
 */
function minimumCommitments(effects: RuleEffects, commitments: Question[], applied: AppliedProfile, ruleId: string, warnings: TailoringWarning[], time: { multiYear: ReadonlySet<string>; scaled: ReadonlyMap<string, OutlastingScale>; profilePath: string }): MinimumCommitment[] {
    const result: MinimumCommitment[] = [];
    for (const minimum of effects.minimumCommitments) {
        const question = commitments.find(candidate => candidate.id === minimum.measure);
        if (!question) {
            warnings.push({
                code: TailoringWarningCodes.MinimumCommitmentNotAsked,
                message: `Rule '${ruleId}' sets a minimum for measure '${minimum.measure}', but that measure is not asked of this contract, so the minimum is dropped.`
            });
            continue;
        }
        const type = question.answer.type;
        const wholeNumbers = question.answer.wholeNumbers;
        const written = type === 'money' ? formatPounds(minimum.quantity) : decimalOf(minimum.quantity).toString();
        const scale = time.scaled.get(minimum.measure);
        if (minimum.perYear && !(applied.durationMonths !== null && applied.durationMonths > 0)) {
            const path = `${time.profilePath}/durationMonths`;
            throw new ProfileError(path, `${path}: ${applied.durationMonths === null ? 'the contract profile gives no duration' : 'the contract profile gives a duration of 0 months'}, but rule '${ruleId}' asks a yearly minimum of measure '${minimum.measure}' (${written}${minimum.per === null ? '' : ` per ${formatPounds(minimum.per)}`} per year), which needs the contract's duration. Give durationMonths in the profile (e.g. "durationMonths": 36, or --duration 36).`);
        }
        const exact = exactMinimum(minimum, decimalOf(applied.contractValue), applied.durationMonths);
        // An outlasting measure asks what the contract's months of its horizon can deliver.
        const total = scale ? exact.total.times(scale.factor) : exact.total;
        if (exact.yearly === null || exact.years === null) {
            const rounded = roundedUp(total, wholeNumbers);
            const core = minimum.per === null ? `a fixed minimum of ${written}, whatever the contract value` : `${written} per ${formatPounds(minimum.per)} of contract value`;
            result.push({ measure: minimum.measure, quantity: amountInUnitJson(rounded, type), perYear: null, years: null, basis: `${core}${scaleWords(scale, total, type)}${roundingWords(rounded, total, wholeNumbers)}` });
            continue;
        }
        const rate = minimum.per === null ? `${written} per year` : `${written} per ${formatPounds(minimum.per)} of annual value per year (annual value ${formatPounds(decimalOf(applied.contractValue).times(12).dividedBy(applied.durationMonths!))})`;
        const years = exact.years.toNumber();
        if (time.multiYear.has(minimum.measure)) {
            // Answered per year: the least yearly answer, for each year of the contract.
            const yearly = scale ? exact.yearly.times(scale.factor) : exact.yearly;
            const rounded = roundedUp(yearly, wholeNumbers);
            result.push({
                measure: minimum.measure, quantity: amountInUnitJson(rounded, type), perYear: amountInUnitJson(rounded, type), years,
                basis: `${rate}: ${amountWords(exact.yearly, type)} a year for ${yearsWords(exact.years)} (the measure is answered per year)${scaleWords(scale, yearly, type)}${roundingWords(rounded, yearly, wholeNumbers)}`
            });
            continue;
        }
        const rounded = roundedUp(total, wholeNumbers);
        result.push({
            measure: minimum.measure, quantity: amountInUnitJson(rounded, type),
            perYear: amountInUnitJson(exact.yearly.toDecimalPlaces(2, Decimal.ROUND_UP), type), years,
            basis: `${rate}: ${amountWords(exact.yearly, type)} a year for ${yearsWords(exact.years)}, ${amountWords(exact.total, type)} in total${scaleWords(scale, total, type)}${roundingWords(rounded, total, wholeNumbers)}`
        });
    }
    return result;
}

/** `, rounded up to a whole number` when rounding changed the exact quantity. */
function roundingWords(rounded: Decimal, exact: Decimal, wholeNumbers: boolean): string {
    if (rounded.eq(exact)) return '';
    return wholeNumbers ? ', rounded up to a whole number' : ', rounded up';
}

/**
 * When a contract is asked no method statements, their share of the social value marks
 * goes to the commitments (and the other way round), so the marks available still add up.
 */
function marksShares(split: { quantitative: number; qualitative: number }, scoresCommitments: boolean, scoresMethodStatements: boolean, warnings: TailoringWarning[]): { quantitative: number; qualitative: number } {
    const { quantitative, qualitative } = split;
    if (!scoresMethodStatements && qualitative > 0 && scoresCommitments) {
        warnings.push({ code: TailoringWarningCodes.MarksMoved, message: `No method-statement questions are asked of this contract, so their ${qualitative}% of the social value marks go to the commitments (now 100%).` });
        return { quantitative: 100, qualitative: 0 };
    }
    if (!scoresCommitments && quantitative > 0 && scoresMethodStatements) {
        warnings.push({ code: TailoringWarningCodes.MarksMoved, message: `No scored commitments are asked of this contract, so their ${quantitative}% of the social value marks go to the method statements (now 100%).` });
        return { quantitative: 0, qualitative: 100 };
    }
    return { quantitative, qualitative };
}

/** The untailored rubric's scoring with the contract's method (the rule's, when it sets one), target amount and years. */
function tailoredScoring(rubric: Rubric, target: ScoringTarget | null, applied: AppliedProfile, method = rubric.scoring.quantitative.method): ScoringRules {
    const { scoring } = rubric;
    const choices = {
        unmetMinimum: scoring.minimumCommitments.unmet === 'disqualify' ? 'disqualify' : 'zero',
        unmetRatio: scoring.minimumSvRatio.unmet === 'disqualify' ? 'disqualify' : 'zero',
        recordOnlyCounts: scoring.recordOnly.countsTowardsSelection
    } as const;
    return scoringRules(method, target, choices, applied.durationMonths, { measureCap: rubric.quantitative.measureCap, criteriaDeclared: scoring.criteria?.declared === true });
}

/** Names in a stable order whatever the locale: by UTF-16 code units. */
function compareNames(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A rule's `require N from <theme|outcome>` lines of one kind, keeping those the contract is
 * asked measures of (not reporting metrics); a requirement nothing can meet is dropped with a
 * warning.
 */
function askedRequirements(kind: 'theme' | 'outcome', effects: RuleEffects, biddable: Question[], rule: string | undefined, warnings: TailoringWarning[]): Array<{ name: string; count: number }> {
    const asked: Array<{ name: string; count: number }> = [];
    for (const required of effects.require) {
        const name = required[kind];
        if (name === undefined) continue;
        if (biddable.some(question => question[kind] === name)) {
            asked.push({ name, count: required.count });
            continue;
        }
        warnings.push({
            code: kind === 'theme' ? TailoringWarningCodes.RequiredThemeNotAsked : TailoringWarningCodes.RequiredOutcomeNotAsked,
            message: `Rule '${rule}' requires ${required.count} measure(s) from ${kind} '${name}', but none of that ${kind}'s measures is asked of this contract, so the requirement is dropped.`
        });
    }
    return asked;
}
