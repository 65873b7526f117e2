import type { Decimal } from './amounts.js';
import { measuresOf, type AwardCriterion, type Framework } from './framework.js';

/** The id of the one criterion of an evaluation that declares none: all of social value. */
export const IMPLICIT_CRITERION_ID = 'socialValue';
export const IMPLICIT_CRITERION_TITLE = 'Social value';

/**
 * An award criterion with what it covers worked out: a theme covers its measures and the
 * method statements whose first outcome is in it, and a criterion covers the themes,
 * measures, questions and gates it names. An evaluation without `criterion` lines has one
 * implicit criterion, `socialValue`, with the evaluation's weighting, covering everything.
 */
export interface CriterionScope {
    id: string;
    title: string | null;
    description: string | null;
    /** Percent of total tender marks; null only for the implicit criterion of an evaluation with no weighting. */
    weighting: Decimal | null;
    weightingMinimum: Decimal | null;
    /** False for the implicit criterion. */
    declared: boolean;
    themes: string[];
    measures: string[];
    questions: string[];
    gates: string[];
    /** The declared criterion (null for the implicit one). */
    source: AwardCriterion | null;
}

/** The framework's award criteria: the declared ones, or the one implicit criterion. */
export function criterionScopesOf(framework: Pick<Framework, 'themes' | 'questions' | 'gates' | 'evaluation'>): CriterionScope[] {
    const measures = measuresOf(framework);
    const evaluation = framework.evaluation;
    const declared = evaluation?.criteria ?? [];
    if (declared.length === 0) {
        return [{
            id: IMPLICIT_CRITERION_ID,
            title: IMPLICIT_CRITERION_TITLE,
            description: null,
            weighting: evaluation?.weighting ?? null,
            weightingMinimum: evaluation?.weightingMinimum ?? null,
            declared: false,
            themes: framework.themes.map(theme => theme.id),
            measures: measures.map(measure => measure.code),
            questions: framework.questions.map(question => question.id),
            gates: framework.gates.map(gate => gate.id),
            source: null
        }];
    }
    return declared.map(criterion => {
        const themes = new Set(criterion.covers.themes);
        const named = (list: string[]) => new Set(list);
        const measureNames = named(criterion.covers.measures);
        const questionNames = named(criterion.covers.questions);
        const gateNames = named(criterion.covers.gates);
        return {
            id: criterion.id,
            title: criterion.title,
            description: criterion.description,
            weighting: criterion.weighting,
            weightingMinimum: criterion.weightingMinimum,
            declared: true,
            themes: framework.themes.map(theme => theme.id).filter(theme => themes.has(theme)),
            measures: measures.filter(measure => themes.has(measure.theme) || measureNames.has(measure.code)).map(measure => measure.code),
            questions: framework.questions.filter(question => (question.theme !== null && themes.has(question.theme)) || questionNames.has(question.id)).map(question => question.id),
            gates: framework.gates.filter(gate => gateNames.has(gate.id)).map(gate => gate.id),
            source: criterion
        };
    });
}
