import { Decimal } from '../amounts.js';
import { criterionScopesOf, IMPLICIT_CRITERION_ID } from '../award-criteria.js';
import type { Framework, FrameworkRule } from '../framework.js';
import { IssueCodes } from '../issue-codes.js';
import { spellingDistance } from '../spelling.js';
import type { Finding, LocationWording } from './framework-checks.js';

/**
 * The evaluation as buyers write it, over the whole (merged) framework: award criteria that
 * add up to the weighting, cover each theme and question once and all of them; rules that
 * name a criterion the evaluation declares; and the silent combinations a buyer would not
 * notice: measures selected that are worth no marks, a minimum SV ratio when commitments get
 * no marks. (One-node checks, such as a default below its floor or a cap out of range, are
 * in language/validation/evaluation-checks.ts.)
 */
export function checkAwardCriteria(framework: Framework, wording: LocationWording): Finding[] {
    const evaluation = framework.evaluation;
    if (!evaluation) return [];
    return [...checkCriteria(framework, wording), ...framework.rules.flatMap(rule => checkRuleEvaluation(framework, rule))];
}

function checkCriteria(framework: Framework, wording: LocationWording): Finding[] {
    const evaluation = framework.evaluation!;
    const criteria = evaluation.criteria;
    if (criteria.length === 0) return [];
    const findings: Finding[] = [];

    const sum = criteria.reduce((total, criterion) => total.plus(criterion.weighting), new Decimal(0));
    const weighting = evaluation.origins.weighting;
    if (weighting && evaluation.weighting !== null && !evaluation.weighting.equals(sum)) {
        const listed = criteria.map(criterion => `${criterion.id} ${criterion.weighting}%`).join(' + ');
        findings.push({
            code: IssueCodes.CriteriaWeightingNot, severity: 'error', origin: weighting,
            message: `The evaluation's weighting is ${evaluation.weighting}%, but its criteria's weightings add up to ${sum}% (${listed}). With criteria, the social value weighting is their sum: remove \`weighting\`, or make the criteria add up to ${evaluation.weighting}%.`,
            // Rescaling a range (`at least 10% default 12%`) would be a policy choice: offered for fixed weightings only.
            ...(criteria.every(criterion => criterion.weightingMinimum === null) ? { data: { rescale: { target: evaluation.weighting.toString(), weights: criteria.map(criterion => ({ file: criterion.origin.file, range: criterion.origin.range })) } } } : {})
        });
    }

    // Each theme, measure and question in at most one criterion.
    const scopes = criterionScopesOf(framework);
    const owner = new Map<string, string>();
    const themeOfMeasure = new Map(framework.themes.flatMap(theme => theme.outcomes.flatMap(outcome => outcome.measures.map(measure => [measure.code, theme.id] as const))));
    const themeOfQuestion = new Map(framework.questions.map(question => [question.id, question.theme]));
    scopes.forEach((scope, index) => {
        const criterion = criteria[index]!;
        const reported = new Set<string>();
        const overlappingThemes = new Set<string>();
        const claim = (kind: 'theme' | 'measure' | 'question', id: string, theme: string | null = null) => {
            const key = `${kind}:${id}`;
            const first = owner.get(key);
            if (first === undefined) {
                owner.set(key, scope.id);
                return;
            }
            // Reported once, for the theme, when the overlap comes from a theme both cover.
            if (first === scope.id || reported.has(key) || (theme !== null && overlappingThemes.has(theme))) return;
            if (kind === 'theme') overlappingThemes.add(id);
            reported.add(key);
            const firstOrigin = criteria.find(candidate => candidate.id === first)!.origin;
            findings.push({
                code: IssueCodes.CriterionOverlap, severity: 'error', origin: criterion.origin,
                message: `Criteria '${first}' (${wording.where(firstOrigin, criterion.origin)}) and '${scope.id}' both cover ${kind} '${id}'; a ${kind} can count towards one criterion only, or its marks would be counted twice. Take it out of one of them.`,
                related: [{ origin: firstOrigin, message: `Criterion '${first}' also covers ${kind} '${id}'.` }]
            });
        };
        scope.themes.forEach(theme => claim('theme', theme));
        // A measure of a theme another criterion covers overlaps as well.
        scope.measures.forEach(measure => claim('measure', measure, themeOfMeasure.get(measure) ?? null));
        scope.questions.forEach(question => claim('question', question, themeOfQuestion.get(question) ?? null));
    });

    // Everything scored should count towards some criterion.
    const covered = new Set(scopes.flatMap(scope => [...scope.measures.map(id => `measure:${id}`), ...scope.questions.map(id => `question:${id}`)]));
    for (const theme of framework.themes) {
        const measures = theme.outcomes.flatMap(outcome => outcome.measures).filter(measure => !covered.has(`measure:${measure.code}`));
        if (measures.length === 0) continue;
        const whole = measures.length === theme.outcomes.flatMap(outcome => outcome.measures).length;
        const what = whole ? `Theme '${theme.id}' is` : `Measure${measures.length > 1 ? 's' : ''} ${measures.map(measure => `'${measure.code}'`).join(', ')} of theme '${theme.id}' ${measures.length > 1 ? 'are' : 'is'}`;
        findings.push({
            code: IssueCodes.CriterionUncovered, severity: 'warning', origin: theme.origin, subject: theme.id,
            message: `${what} in no award criterion, so ${whole ? 'its measures earn' : 'they earn'} no marks. Add \`covers themes ${theme.id}\` (or the measures) to a criterion, or leave ${whole ? 'the theme' : 'them'} out of the framework.`
        });
    }
    for (const question of framework.questions) {
        if (covered.has(`question:${question.id}`)) continue;
        findings.push({
            code: IssueCodes.CriterionUncovered, severity: 'warning', origin: question.origin, subject: question.id,
            message: `Method statement '${question.id}' is in no award criterion, so it earns no marks. Add \`covers questions ${question.id}\` to a criterion${question.theme ? `, or cover its theme '${question.theme}'` : ''}.`
        });
    }
    return findings;
}

/** A rule's evaluation effects against the evaluation: known criteria, and no silent combinations. */
function checkRuleEvaluation(framework: Framework, rule: FrameworkRule): Finding[] {
    const evaluation = framework.evaluation!;
    const findings: Finding[] = [];
    const { effects, effectOrigins } = rule;
    const ids = evaluation.criteria.length > 0 ? evaluation.criteria.map(criterion => criterion.id) : [IMPLICIT_CRITERION_ID];
    (effects.criterionWeightings ?? []).forEach((weighting, index) => {
        if (ids.includes(weighting.criterion)) return;
        const nearest = ids.filter(id => spellingDistance(id, weighting.criterion) <= 2);
        const hint = nearest.length > 0 ? ` Did you mean '${nearest[0]}'?` : '';
        const declared = evaluation.criteria.length > 0
            ? `its criteria are ${ids.map(id => `'${id}'`).join(', ')}`
            : 'it declares no criteria, so write the social value weighting as `weighting 15%`';
        findings.push({
            code: IssueCodes.UnknownCriterion, severity: 'error', origin: effectOrigins.criterionWeightings?.[index] ?? rule.origin,
            message: `Rule '${rule.id}' sets the weighting of criterion '${weighting.criterion}', but the evaluation has no such criterion: ${declared}.${hint}`
        });
    });

    if (effects.noAsk) return findings;
    const select = effects.select;
    if (select && ((select.min ?? 0) > 0 || select.max !== null) && weightingOf(framework, rule).isZero()) {
        const origin = effectOrigins.selectMin ?? effectOrigins.selectMax ?? rule.origin;
        const where = effects.weighting !== null ? 'its `weighting 0%`' : 'the evaluation\'s weighting of 0%';
        findings.push({
            code: IssueCodes.ZeroWeightingWithSelect, severity: 'warning', origin, subject: rule.id,
            message: `Rule '${rule.id}' asks bidders to select measures, but with ${where} they are worth no marks: bidders would do the work for nothing. Give social value a weighting, or use \`no ask\` for such contracts.`
        });
    }
    const quantitative = effects.split?.quantitative ?? evaluation.split?.quantitative.toNumber() ?? 100;
    if (effects.minimumSvRatio !== null && quantitative === 0 && evaluation.unmetRatio === 'zero') {
        const where = effects.split ? 'its split' : 'the evaluation\'s split';
        findings.push({
            code: IssueCodes.RatioWithoutQuantitativeShare, severity: 'warning', origin: effectOrigins.ratio ?? rule.origin, subject: rule.id,
            message: `Rule '${rule.id}' asks for social value of at least ${effects.minimumSvRatio}% of the contract value, but ${where} gives commitments 0% of the marks, so a bid that misses the ratio loses nothing (\`unmet ratio zero\` takes away quantitative marks, and there are none). Give commitments a share (\`split quantitative 60% qualitative 40%\`), or write \`unmet ratio disqualify\` in the evaluation.`
        });
    }
    return findings;
}

/** The social value weighting a rule's contracts get: the criteria's (with the rule's changes), or the rule's, or the evaluation's. */
function weightingOf(framework: Framework, rule: FrameworkRule): Decimal {
    const evaluation = framework.evaluation!;
    const { effects } = rule;
    if (evaluation.criteria.length === 0) return new Decimal(effects.weighting ?? evaluation.weighting ?? 100);
    const weightings = new Map(evaluation.criteria.map(criterion => [criterion.id, criterion.weighting]));
    if (effects.weighting !== null) weightings.set(evaluation.criteria[0]!.id, new Decimal(effects.weighting));
    for (const { criterion, weighting } of effects.criterionWeightings ?? []) if (weightings.has(criterion)) weightings.set(criterion, new Decimal(weighting));
    return [...weightings.values()].reduce((sum, weighting) => sum.plus(weighting), new Decimal(0));
}
