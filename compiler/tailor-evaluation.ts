import { Decimal, decimalOf, exactNumber, moneyString } from '../model/amounts.js';
import { IMPLICIT_CRITERION_ID } from '../model/award-criteria.js';
import { pointer } from '../model/portal-input-error.js';
import type { ContractProfile, RuleEffects, RuleScoringMethod } from '../model/rules/rule-types.js';
import { shareOfContractValue } from '../model/scoring-method.js';
import { spellingDistance } from '../model/spelling.js';
import type { CriterionJson, Rubric, ScoringTarget } from './compiled-framework.js';
import { ProfileError } from './contract-profile.js';

/**
 * The evaluation of one contract: the rule's split and scoring method in place of the
 * evaluation's, and the award criteria with their weightings (the framework's, then the
 * rule's `weighting` effects, then the buyer's in the profile, never below a floor) and
 * only what the contract asks.
 */
export interface TailoredEvaluation {
    method: 'relative' | 'absolute';
    /** The target with its amount worked out from the contract value. */
    target: ScoringTarget | null;
    /** The split before marks move for want of questions or scored measures. */
    split: { quantitative: number; qualitative: number };
    criteria: CriterionJson[];
    /** The sum of the criteria's weightings; null when nothing gives one. */
    weighting: number | null;
}

/**
 * The rule's and the profile's changes to the evaluation. `kept` holds the ids of the
 * questions the contract asks, `keptThemes` the themes it asks questions of. Throws ProfileError (path under `profilePath`) when the
 * profile's `weightings` name an unknown criterion, go below a floor, or change a fixed
 * weighting.
 */
export function tailorEvaluation(rubric: Rubric, effects: RuleEffects, profile: ContractProfile, contractValue: string, kept: ReadonlySet<string>, keptThemes: ReadonlySet<string>, profilePath: string): TailoredEvaluation {
    const method = effects.method ? effects.method.kind : rubric.quantitative.method;
    const written = effects.method ? ruleTarget(effects.method) : rubric.quantitative.target;
    const target = written === null || written.kind === 'money' ? written : { ...written, amount: moneyString(shareOfContractValue(written.percent, contractValue)) };
    const split = effects.split ?? { quantitative: rubric.quantitative.shareOfSocialValueMarks, qualitative: rubric.qualitative.shareOfSocialValueMarks };

    const declared = rubric.scoring.criteria?.declared === true;
    const weightings = new Map(rubric.criteria.map(criterion => [criterion.id, criterion.weighting]));
    // A plain `weighting 5%` sets the social value weighting: the implicit criterion's, or the first declared one's.
    if (effects.weighting !== null && rubric.criteria[0]) weightings.set(rubric.criteria[0].id, effects.weighting);
    for (const { criterion, weighting } of effects.criterionWeightings ?? []) {
        if (weightings.has(criterion)) weightings.set(criterion, weighting);
    }
    checkProfileWeightings(rubric.criteria, weightings, profile.weightings, profilePath);
    for (const [id, weighting] of Object.entries(profile.weightings ?? {})) weightings.set(id, weighting);

    const criteria = rubric.criteria.map(criterion => ({
        ...criterion,
        weighting: weightings.get(criterion.id) ?? null,
        themes: criterion.themes.filter(theme => keptThemes.has(theme)),
        measures: criterion.measures.filter(id => kept.has(id)),
        questions: criterion.questions.filter(id => kept.has(id)),
        gates: criterion.gates.filter(id => kept.has(id))
    }));
    const weighting = declared
        ? exactNumber(criteria.reduce((sum, criterion) => sum.plus(decimalOf(criterion.weighting ?? 0)), new Decimal(0)))
        : criteria[0]?.weighting ?? null;
    return { method, target, split, criteria, weighting };
}

/** A rule's `method absolute target ...` as the rubric states a target (the amount of a share is filled in later). */
function ruleTarget(method: RuleScoringMethod): ScoringTarget | null {
    if (method.kind === 'relative') return null;
    return method.target.kind === 'money'
        ? { kind: 'money', percent: null, amount: method.target.amount }
        : { kind: 'share-of-contract-value', percent: method.target.percent, amount: null };
}

/**
 * The profile's `weightings`: each names a criterion (`socialValue` when the evaluation
 * declares none), is at least the criterion's floor (`at least 10%`), and may differ from
 * the weighting the framework and its rule give only when the weighting is a range.
 */
function checkProfileWeightings(criteria: CriterionJson[], current: ReadonlyMap<string, number | null>, given: ContractProfile['weightings'], profilePath: string): void {
    for (const [id, value] of Object.entries(given ?? {})) {
        const path = pointer(`${profilePath}/weightings`, id);
        const criterion = criteria.find(candidate => candidate.id === id);
        if (!criterion) {
            const ids = criteria.map(candidate => `'${candidate.id}'`).join(', ');
            const nearest = criteria.map(candidate => candidate.id).filter(candidate => spellingDistance(candidate.toLowerCase(), id.toLowerCase()) <= 2);
            const hint = nearest.length > 0 ? ` Did you mean '${nearest[0]}'?` : '';
            const implicit = criteria.length === 1 && criteria[0]!.id === IMPLICIT_CRITERION_ID ? ' (the framework declares no criteria, so the social value weighting is `socialValue`)' : '';
            throw new ProfileError(path, `${path}: '${id}' is not an award criterion of this framework; its criteria are ${ids}${implicit}.${hint}`);
        }
        const minimum = criterion.weightingMinimum;
        const name = criterion.id === IMPLICIT_CRITERION_ID ? 'the social value weighting' : `the weighting of criterion '${criterion.id}'`;
        if (minimum !== null) {
            if (decimalOf(value).lt(decimalOf(minimum))) {
                throw new ProfileError(path, `${path}: ${value}% is below the minimum of ${minimum}% the framework sets for ${name} (\`at least ${minimum}%\`); a buyer may set a higher weighting, never a lower one. Give at least ${minimum}.`);
            }
            continue;
        }
        // A framework that gives no weighting leaves it to the buyer.
        const fixed = current.get(id) ?? null;
        if (fixed !== null && !decimalOf(value).eq(decimalOf(fixed))) {
            throw new ProfileError(path, `${path}: ${value}% differs from ${name}, which the framework fixes at ${fixed}%; only a weighting written \`at least\` may be set in the profile. Remove it or give ${fixed}.`);
        }
    }
}
