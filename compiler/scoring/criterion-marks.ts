import { Decimal, decimalOf, exactNumber, moneyString, roundedToHundredths } from '../../model/amounts.js';
import type { CriterionContract, CriterionScore } from './score-result.js';
import type { ScoringRubric } from './scoring-rubric.js';

const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const HUNDRED = new Decimal(100);

/** One award criterion as every bid is scored in it, worked out once from the rubric. */
interface CriterionPlan {
    id: string;
    title: string | null;
    /** What its marks are out of (percent of total tender marks). */
    weighting: Decimal;
    /** Indexes into rubric.quantitative.measures of the valued measures it covers. */
    measures: number[];
    quantitativeShare: Decimal;
    qualitativeShare: Decimal;
    /** Indexes into rubric.qualitative.questions, with the marks each can give and how its share is set. */
    questions: Array<{ index: number; available: Decimal; share: string }>;
}

/** A method statement's marks within its criterion (declared criteria only). */
export interface QuestionMarks {
    available: Decimal;
    share: string;
    marks: Decimal;
}

/** A bid's marks criterion by criterion: exact, with the weighted totals the bidder's score shows. */
export interface CriterionMarks {
    criteria: CriterionScore[];
    quantitative: Decimal;
    qualitative: Decimal;
    final: Decimal;
    /** Declared criteria: each method statement's marks within its criterion, by question index. */
    questions: Map<number, QuestionMarks> | null;
}

/**
 * Marks by award criterion, with the cap per measure: used when the rubric declares award
 * criteria or caps measures (otherwise the scorer's one-part arithmetic applies, and gives
 * the same marks as this would). Each criterion is scored on its own, out of its weighting
 * (scoring.criteria.formula); within a criterion, each measure's contribution to the
 * quantitative marks is its value / the reference x the quantitative marks available, at
 * most the cap (quantitative.measureCap) of them, and the quantitative marks are the sum of
 * the contributions, at most the marks available.
 */
export class CriterionScoring {
    readonly criteria: CriterionPlan[];
    readonly declared: boolean;
    readonly cap: Decimal | null;
    private readonly totalWeighting: Decimal;

    /** `valued[i]`: whether measure i of the rubric is valued (has a net value per unit). */
    constructor(private readonly rubric: ScoringRubric, valued: boolean[], marksOutOf: Decimal) {
        const cap = rubric.quantitative.measureCap;
        this.cap = cap === null || cap === undefined ? null : decimalOf(cap);
        this.declared = rubric.scoring.criteria?.declared === true && Array.isArray(rubric.criteria);
        const measureIndex = new Map(rubric.quantitative.measures.map((measure, index) => [measure.code, index]));
        const questionIndex = new Map(rubric.qualitative.questions.map((question, index) => [question.id, index]));
        const quantitativeShare = decimalOf(rubric.quantitative.shareOfSocialValueMarks);
        const qualitativeShare = decimalOf(rubric.qualitative.shareOfSocialValueMarks);
        if (!this.declared) {
            // One criterion: everything, with the rubric's split as it stands (tailoring has moved marks already).
            this.criteria = [{
                id: rubric.criteria?.[0]?.id ?? 'socialValue',
                title: rubric.criteria?.[0]?.title ?? 'Social value',
                weighting: marksOutOf,
                measures: valued.flatMap((isValued, index) => (isValued ? [index] : [])),
                quantitativeShare,
                qualitativeShare,
                questions: questionShares(rubric, rubric.qualitative.questions.map((_, index) => index), qualitativeShare, null)
            }];
        } else {
            // A measure or question two criteria name counts in the first (the checker reports the overlap).
            const claimed = new Set<string>();
            const claim = (id: string) => !claimed.has(id) && claimed.add(id) !== undefined;
            this.criteria = rubric.criteria!.map(criterion => {
                const measures = criterion.measures.filter(claim).map(code => measureIndex.get(code)).filter((index): index is number => index !== undefined && valued[index]!);
                const questions = criterion.questions.filter(claim).map(id => questionIndex.get(id)).filter((index): index is number => index !== undefined);
                // A criterion with nothing on one side gives all its marks to the other.
                const [quantitative, qualitative] = measures.length === 0 && questions.length > 0 ? [ZERO, HUNDRED]
                    : questions.length === 0 && measures.length > 0 ? [HUNDRED, ZERO]
                    : [quantitativeShare, qualitativeShare];
                return {
                    id: criterion.id,
                    title: criterion.title,
                    weighting: decimalOf(criterion.weighting ?? 0),
                    measures,
                    quantitativeShare: quantitative,
                    qualitativeShare: qualitative,
                    questions: questionShares(rubric, questions, qualitative, criterion.id)
                };
            });
        }
        this.totalWeighting = this.criteria.reduce((sum, criterion) => sum.plus(criterion.weighting), ZERO);
    }

    /** What the result's contract says of each criterion; `highest` as returned by highestValues (null for absolute). */
    contract(highest: Decimal[] | null): CriterionContract[] {
        return this.criteria.map((criterion, index) => ({
            criterion: criterion.id,
            title: criterion.title,
            weighting: exactNumber(criterion.weighting),
            quantitativeMarksAvailable: roundedToHundredths(criterion.quantitativeShare),
            qualitativeMarksAvailable: roundedToHundredths(criterion.qualitativeShare),
            highestSocialValue: highest === null ? null : moneyString(highest[index]!)
        }));
    }

    /** Per criterion: the highest value of its measures among the given bids (the bids not disqualified). */
    highestValues(values: Decimal[][]): Decimal[] {
        return this.criteria.map(criterion => values.reduce((max, bid) => Decimal.max(max, sumOf(criterion.measures, bid)), ZERO));
    }

    /**
     * One bid's marks. `values[i]`: the exact value of its commitment to measure i (0 when
     * none); `levels[i]`: the level of method statement i; `reference`: per criterion, the
     * highest value (relative) or the target amount (absolute).
     */
    mark(values: Decimal[], levels: number[], tops: number[], reference: Decimal[], quantitativeCounts: boolean, disqualified: boolean): CriterionMarks {
        const questions = this.declared ? new Map<number, QuestionMarks>() : null;
        let quantitativeWeighted = ZERO;
        let qualitativeWeighted = ZERO;
        let final = ZERO;
        const criteria = this.criteria.map((criterion, index): CriterionScore => {
            const value = sumOf(criterion.measures, values);
            const available = criterion.quantitativeShare;
            const limit = this.cap === null ? available : this.cap.dividedBy(HUNDRED).times(available);
            const scoresQuantitative = quantitativeCounts && !disqualified && value.gt(0);
            const contributions = criterion.measures.filter(measure => values[measure]!.gt(0)).map(measure => {
                const uncapped = scoresQuantitative ? contribution(values[measure]!, reference[index]!, available) : ZERO;
                const marks = Decimal.min(uncapped, limit);
                return { measure, value: values[measure]!, uncapped, marks };
            });
            const quantitative = Decimal.min(contributions.reduce((sum, item) => sum.plus(item.marks), ZERO), available);
            let qualitative = ZERO;
            for (const question of criterion.questions) {
                const top = tops[question.index]!;
                // Shown even when the bid is disqualified; counted only when it is not.
                const marks = top <= 0 ? ZERO : decimalOf(levels[question.index]!).dividedBy(top).times(question.available);
                if (!disqualified) qualitative = qualitative.plus(marks);
                questions?.set(question.index, { available: question.available, share: question.share, marks });
            }
            const marks = quantitative.plus(qualitative).dividedBy(HUNDRED).times(criterion.weighting);
            final = final.plus(marks);
            const weight = this.totalWeighting.isZero() ? ZERO : criterion.weighting.dividedBy(this.totalWeighting);
            quantitativeWeighted = quantitativeWeighted.plus(quantitative.times(weight));
            qualitativeWeighted = qualitativeWeighted.plus(qualitative.times(weight));
            return {
                criterion: criterion.id,
                socialValue: moneyString(value),
                contributions: contributions.map(item => ({
                    measure: this.rubric.quantitative.measures[item.measure]!.code,
                    socialValue: moneyString(item.value),
                    uncapped: roundedToHundredths(item.uncapped),
                    marks: roundedToHundredths(item.marks),
                    capped: item.uncapped.gt(item.marks)
                })),
                quantitativeMarks: roundedToHundredths(quantitative),
                qualitativeMarks: roundedToHundredths(qualitative),
                marks: roundedToHundredths(marks)
            };
        });
        return { criteria, quantitative: quantitativeWeighted, qualitative: qualitativeWeighted, final, questions };
    }
}

/**
 * A measure's contribution before the cap: its value / the reference x the quantitative
 * marks available; a reference of 0 (a target of £0) gives full marks to any value, as the
 * one-part formula does; a highest value of 0 cannot occur for a value above 0.
 */
function contribution(value: Decimal, reference: Decimal, available: Decimal): Decimal {
    if (reference.isZero()) return available;
    return value.dividedBy(reference).times(available);
}

function sumOf(indexes: number[], values: Decimal[]): Decimal {
    return indexes.reduce((sum, index) => sum.plus(values[index] ?? ZERO), ZERO);
}

/**
 * The marks each of a criterion's questions can give: its weight / the sum of the weights of
 * the criterion's questions (points likewise; equal shares when unweighted) x the
 * criterion's qualitative marks. With one criterion this is the one-part rule (percentage
 * weights add up to 100).
 */
function questionShares(rubric: ScoringRubric, indexes: number[], qualitativeShare: Decimal, criterion: string | null): CriterionPlan['questions'] {
    const questions = indexes.map(index => ({ index, weight: rubric.qualitative.questions[index]!.weight }));
    const total = questions.reduce((sum, question) => (question.weight === null ? sum : sum.plus(decimalOf(question.weight.value))), ZERO);
    const of = exactNumber(qualitativeShare);
    const where = criterion === null ? '' : ` in criterion '${criterion}'`;
    return questions.map(({ index, weight }) => {
        if (weight === null) return { index, available: ONE.dividedBy(questions.length).times(qualitativeShare), share: `1 of ${questions.length} equal shares of ${of}${where}` };
        if (weight.kind === 'percentage' && criterion === null) {
            return { index, available: decimalOf(weight.value).dividedBy(HUNDRED).times(qualitativeShare), share: `${weight.value}% of ${of}` };
        }
        const fraction = total.isZero() ? ZERO : decimalOf(weight.value).dividedBy(total);
        const unit = weight.kind === 'percentage' ? '' : ' points';
        return { index, available: fraction.times(qualitativeShare), share: `${weight.value}/${exactNumber(total)}${unit} of ${of}${where}` };
    });
}
