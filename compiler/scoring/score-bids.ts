import { Decimal, decimalOf, exactNumber, moneyString, roundedToHundredths } from '../../model/amounts.js';
import { checkBids, type CheckedBid } from './bids.js';
import type { BidderScore, CommitmentValue, Consequence, ScoreResult } from './score-result.js';
import { SCORE_RESULT_VERSION } from './score-result.js';
import { SCALED_ZERO, scaledMoney, scaledOf, scaledPlus, scaledTimes, scaledToDecimal, type ScaledDecimal } from './scaled-decimal.js';
import { ScoringInputError } from './scoring-input-error.js';
import { readScoringRubric, type ScoringRubric } from './scoring-rubric.js';
import { netValuePerUnit } from '../../model/proxy-value.js';
import { CriterionScoring } from './criterion-marks.js';

/** No contract runs this long; a longer duration is a mistake in the profile (and would make the yearly valuation long). */
export const MAX_CONTRACT_YEARS = 100;

const ONE = new Decimal(1);
const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

/**
 * Scores bids with a tailored rubric (schemaVersion 1.3.0 or a later 1.x), following the
 * rules the rubric states in rubric.scoring: the £ of each commitment (quantity x net value
 * per unit, multi-year measures year by year with the proxy's drop-off), the SV ratio,
 * quantitative marks (relative to the highest bid not disqualified, or against the target,
 * capped), qualitative marks (level / top score of the scale x the question's share),
 * gates, minimum commitments, the minimum SV ratio and minimum levels with their
 * consequences, final marks out of the weighting, and ranks (equal marks share a rank,
 * disqualified bids are unranked). Exact decimals throughout, rounded once in the result.
 *
 * Pure: the same arguments give the same result. Throws ScoringInputError listing every
 * problem (JSON path and bidder) when the rubric or the bids cannot be scored.
 */
export function scoreBids(rubric: unknown, bids: unknown): ScoreResult {
    const plan = new ScoringPlan(readScoringRubric(rubric));
    const checked = checkBids(plan.rubric, bids);
    const assessed = checked.map(bid => plan.assess(bid));
    const scored = plan.mark(assessed);
    return {
        schemaVersion: SCORE_RESULT_VERSION,
        framework: { id: plan.rubric.framework.id, version: plan.rubric.framework.version, sourceHash: plan.rubric.framework.sourceHash },
        contract: {
            contractValue: moneyString(plan.contractValue),
            weighting: plan.rubric.weighting,
            marksOutOf: exactNumber(plan.marksOutOf),
            quantitative: {
                method: plan.method,
                marksAvailable: exactNumber(plan.quantitativeShare),
                targetAmount: plan.targetAmount === null ? null : moneyString(plan.targetAmount),
                highestSocialValue: scored.highest === null ? null : moneyString(scored.highest)
            },
            qualitative: { marksAvailable: exactNumber(plan.qualitativeShare) },
            years: roundedToHundredths(plan.years),
            minimumSvRatio: plan.rubric.targets.minimumSvRatio,
            consequences: { minimumCommitments: plan.rubric.scoring.minimumCommitments.unmet, minimumSvRatio: plan.rubric.scoring.minimumSvRatio.unmet },
            ...(plan.byCriterion?.cap ? { measureCap: exactNumber(plan.byCriterion.cap) } : {}),
            ...(plan.byCriterion ? { criteria: plan.byCriterion.contract(scored.highestByCriterion) } : {})
        },
        bidders: scored.bidders
    };
}

/** A bid valued and checked against the minimums, before marks (which depend on the other bids). */
interface AssessedBid {
    bid: CheckedBid;
    commitments: CommitmentValue[];
    total: Decimal;
    svRatio: Decimal | null;
    minimumSvRatio: BidderScore['minimumSvRatio'];
    unmetMinimumCommitments: BidderScore['unmetMinimumCommitments'];
    disqualificationReasons: string[];
    quantitativeZeroedBecause: string[];
    methodStatements: BidderScore['methodStatements'];
    qualitative: Decimal;
    /** By criterion only: the exact value of the bid's commitment to each measure of the rubric (0 when none). */
    values: Decimal[] | null;
}

/** What every bid is scored with, worked out once from the rubric. */
class ScoringPlan {
    readonly contractValue: Decimal;
    readonly method: 'relative' | 'absolute';
    readonly targetAmount: Decimal | null;
    readonly quantitativeShare: Decimal;
    readonly qualitativeShare: Decimal;
    readonly marksOutOf: Decimal;
    readonly years: Decimal;
    /** When the rubric declares award criteria or caps measures: marks criterion by criterion; null: the one-part arithmetic. */
    readonly byCriterion: CriterionScoring | null;
    /** Per measure: the exact net value per unit (null when not valued), and the multi-year multiplier. */
    private readonly measures: Array<{ net: Decimal | null; netScaled: ScaledDecimal | null; netText: string | null; multiplier: Decimal | null; yearFactors: NonNullable<CommitmentValue['multiYear']>['yearFactors'] | null }>;
    private readonly measureIndex: Map<string, number>;
    /** Per question: its top score, the marks it can give, and the marks of each level of its scale (a scale has few levels: worked out once). */
    private readonly questions: Array<{ top: number; available: Decimal; availableRounded: number; share: string; levelMarks: Map<number, { exact: Decimal; rounded: number }> }>;

    constructor(readonly rubric: ScoringRubric) {
        this.contractValue = decimalOf(rubric.profile.contractValue);
        const { method, target } = rubric.scoring.quantitative;
        this.method = method === 'absolute' && target !== null ? 'absolute' : 'relative';
        this.targetAmount = this.method === 'relative' || target === null ? null
            : target.kind === 'money' ? decimalOf(target.amount)
            : target.amount !== null ? decimalOf(target.amount)
            : decimalOf(target.percent).times(this.contractValue).dividedBy(HUNDRED);
        this.quantitativeShare = decimalOf(rubric.quantitative.shareOfSocialValueMarks);
        this.qualitativeShare = decimalOf(rubric.qualitative.shareOfSocialValueMarks);
        this.marksOutOf = decimalOf(rubric.weighting ?? 100);
        const duration = rubric.profile.durationMonths;
        this.years = rubric.scoring.multiYear.years !== null ? decimalOf(rubric.scoring.multiYear.years)
            : duration !== null ? decimalOf(duration).dividedBy(12) : ONE;
        if (this.years.gt(MAX_CONTRACT_YEARS) && rubric.quantitative.measures.some(measure => measure.multiYear)) {
            throw new ScoringInputError([{ document: 'rubric', path: rubric.scoring.multiYear.years !== null ? '/scoring/multiYear/years' : '/profile/durationMonths', bidder: null, message: `makes the contract ${this.years.toDecimalPlaces(2).toString()} years long; multi-year commitments are valued over at most ${MAX_CONTRACT_YEARS} years. Check the contract profile's durationMonths (in months).` }]);
        }
        this.measures = rubric.quantitative.measures.map(measure => {
            const proxy = measure.proxy;
            if (measure.recordOnly || proxy === null || measure.unit.kind === 'text') return { net: null, netScaled: null, netText: null, multiplier: null, yearFactors: null };
            const net = netValuePerUnit(proxy.value, proxy.deadweight, proxy.attribution, proxy.displacement);
            const netText = exactMoney(net);
            const netScaled = scaledOf(netText);
            if (!measure.multiYear) return { net, netScaled, netText, multiplier: null, yearFactors: null };
            const { multiplier, yearFactors } = yearByYear(this.years, decimalOf(proxy.dropOff));
            return { net, netScaled, netText, multiplier, yearFactors };
        });
        this.measureIndex = new Map(rubric.quantitative.measures.map((measure, index) => [measure.code, index]));
        const questions = rubric.qualitative.questions;
        const points = questions.reduce((sum, question) => question.weight?.kind === 'points' ? sum.plus(decimalOf(question.weight.value)) : sum, new Decimal(0));
        const qualitativeText = exactNumber(this.qualitativeShare);
        this.questions = questions.map(question => {
            const top = Math.max(...question.scale!.levels.map(level => level.score));
            const weight = question.weight;
            let fraction: Decimal;
            let share: string;
            if (weight === null) {
                fraction = ONE.dividedBy(questions.length);
                share = `1 of ${questions.length} equal shares of ${qualitativeText}`;
            } else if (weight.kind === 'percentage') {
                fraction = decimalOf(weight.value).dividedBy(HUNDRED);
                share = `${weight.value}% of ${qualitativeText}`;
            } else {
                fraction = points.isZero() ? new Decimal(0) : decimalOf(weight.value).dividedBy(points);
                share = `${weight.value} of ${exactNumber(points)} points of ${qualitativeText}`;
            }
            const available = fraction.times(this.qualitativeShare);
            const levelMarks = new Map(question.scale!.levels.map(level => {
                const exact = top > 0 ? decimalOf(level.score).dividedBy(top).times(available) : ZERO;
                return [level.score, { exact, rounded: roundedToHundredths(exact) }] as const;
            }));
            return { top, available, availableRounded: roundedToHundredths(available), share, levelMarks };
        });
        const cap = rubric.quantitative.measureCap;
        this.byCriterion = rubric.scoring.criteria?.declared === true || (cap !== null && cap !== undefined)
            ? new CriterionScoring(rubric, this.measures.map(measure => measure.net !== null), this.marksOutOf)
            : null;
    }

    assess(bid: CheckedBid): AssessedBid {
        const rubric = this.rubric;
        const measures = rubric.quantitative.measures;
        const reasons: string[] = [];
        const zeroed: string[] = [];
        // Single-year values add up exactly as scaled integers; multi-year ones (whose year
        // fractions may not terminate, 7 months = 7/12 year) as decimals.
        let scaledTotal = SCALED_ZERO;
        let multiYearTotal = ZERO;
        const committed = new Map<number, string>();
        const values = this.byCriterion ? measures.map(() => ZERO) : null;
        const commitments = bid.commitments.map(commitment => {
            const measure = measures[commitment.measureIndex]!;
            const plan = this.measures[commitment.measureIndex]!;
            if (commitment.quantity !== null) committed.set(commitment.measureIndex, commitment.quantity);
            const valued = plan.net !== null && commitment.quantity !== null;
            let socialValue = '0.00';
            if (valued && plan.multiplier === null) {
                const value = scaledTimes(scaledOf(commitment.quantity!), plan.netScaled!);
                scaledTotal = scaledPlus(scaledTotal, value);
                socialValue = scaledMoney(value);
                if (values) values[commitment.measureIndex] = scaledToDecimal(value);
            } else if (valued) {
                const value = new Decimal(commitment.quantity!).times(plan.net!).times(plan.multiplier!);
                multiYearTotal = multiYearTotal.plus(value);
                socialValue = moneyString(value);
                if (values) values[commitment.measureIndex] = value;
            }
            return {
                measure: measure.code,
                unit: measure.unit.label,
                quantity: commitment.given,
                valued,
                netValuePerUnit: plan.netText,
                multiYear: valued && plan.yearFactors !== null ? { dropOff: measure.proxy!.dropOff, yearFactors: plan.yearFactors } : null,
                socialValue
            } satisfies CommitmentValue;
        });
        const total = scaledToDecimal(scaledTotal).plus(multiYearTotal);
        const svRatio = this.contractValue.isZero() ? null : total.dividedBy(this.contractValue).times(HUNDRED);
        let minimumSvRatio: AssessedBid['minimumSvRatio'] = null;
        const required = rubric.targets.minimumSvRatio;
        if (required !== null) {
            const met = svRatio === null || svRatio.gte(decimalOf(required));
            const consequence = met ? null : rubric.scoring.minimumSvRatio.unmet;
            minimumSvRatio = { required, met, consequence };
            const why = `SV ratio ${roundedToHundredths(svRatio!)}% is below the minimum of ${required}% of the contract value`;
            if (consequence === 'disqualify') reasons.push(why);
            if (consequence === 'zero-quantitative') zeroed.push(why);
        }
        const unmetMinimumCommitments: AssessedBid['unmetMinimumCommitments'] = [];
        for (const minimum of rubric.selection.minimumCommitments) {
            const index = this.measureIndex.get(minimum.measure)!;
            const quantity = new Decimal(committed.get(index) ?? 0);
            if (quantity.gte(decimalOf(minimum.quantity))) continue;
            const consequence: Consequence = rubric.scoring.minimumCommitments.unmet;
            const answer = bid.commitments.find(commitment => commitment.measureIndex === index)?.given ?? 0;
            // Minimums are set on measures answered with a quantity.
            const given = typeof answer === 'number' || typeof answer === 'string' ? answer : 0;
            unmetMinimumCommitments.push({ measure: minimum.measure, required: minimum.quantity, committed: given, consequence });
            const why = `${minimum.measure}: committed ${String(given)} ${measures[index]!.unit.label}, below the minimum commitment of ${String(minimum.quantity)}`;
            (consequence === 'disqualify' ? reasons : zeroed).push(why);
        }
        rubric.gates.forEach((gate, index) => {
            if (!bid.gates[index]) reasons.push(`failed gate '${gate.id}'${gate.title ? ` (${gate.title})` : ''}`);
        });
        let qualitative = new Decimal(0);
        const methodStatements = rubric.qualitative.questions.map((question, index) => {
            const plan = this.questions[index]!;
            const level = bid.levels[index]!;
            const marks = plan.levelMarks.get(level)!;
            qualitative = qualitative.plus(marks.exact);
            const belowMinimumLevel = question.minimumLevel !== null && level < question.minimumLevel;
            if (belowMinimumLevel) reasons.push(`method statement '${question.id}' was given level ${level}, below its minimum level of ${question.minimumLevel}`);
            return { question: question.id, level, topScore: plan.top, marksAvailable: plan.availableRounded, share: plan.share, minimumLevel: question.minimumLevel, belowMinimumLevel, marks: marks.rounded };
        });
        return { bid, commitments, total, svRatio, minimumSvRatio, unmetMinimumCommitments, disqualificationReasons: reasons, quantitativeZeroedBecause: zeroed, methodStatements, qualitative, values };
    }

    /** Marks and ranks: relative marks compare each bid with the highest bid not disqualified. */
    mark(assessed: AssessedBid[]): { highest: Decimal | null; highestByCriterion: Decimal[] | null; bidders: BidderScore[] } {
        const qualified = assessed.filter(bid => bid.disqualificationReasons.length === 0);
        const highest = this.method === 'relative' ? qualified.reduce((max, bid) => Decimal.max(max, bid.total), new Decimal(0)) : null;
        const byCriterion = this.byCriterion;
        const highestByCriterion = byCriterion && this.method === 'relative' ? byCriterion.highestValues(qualified.map(bid => bid.values!)) : null;
        const reference = byCriterion ? highestByCriterion ?? byCriterion.criteria.map(() => this.targetAmount!) : [];
        const tops = this.questions.map(question => question.top);
        const exactFinal: Decimal[] = [];
        const bidders = assessed.map(bid => {
            const disqualified = bid.disqualificationReasons.length > 0;
            const zeroed = bid.quantitativeZeroedBecause.length > 0;
            const byParts = byCriterion?.mark(bid.values!, bid.bid.levels, tops, reference, !zeroed, disqualified) ?? null;
            const quantitative = byParts ? byParts.quantitative : disqualified || zeroed ? new Decimal(0) : this.quantitativeMarks(bid.total, highest);
            const qualitative = byParts ? byParts.qualitative : disqualified ? new Decimal(0) : bid.qualitative;
            const socialValueMarks = quantitative.plus(qualitative);
            const finalMarks = byParts ? byParts.final : socialValueMarks.dividedBy(HUNDRED).times(this.marksOutOf);
            exactFinal.push(finalMarks);
            const methodStatements = byParts?.questions
                ? bid.methodStatements.map((statement, index) => {
                    const inCriterion = byParts.questions!.get(index);
                    return inCriterion
                        ? { ...statement, marksAvailable: roundedToHundredths(inCriterion.available), share: inCriterion.share, marks: roundedToHundredths(inCriterion.marks) }
                        : { ...statement, marksAvailable: 0, share: 'in no award criterion: earns no marks', marks: 0 };
                })
                : bid.methodStatements;
            return {
                bidder: bid.bid.bidder,
                rank: null,
                disqualified,
                disqualificationReasons: bid.disqualificationReasons,
                commitments: bid.commitments,
                socialValue: moneyString(bid.total),
                svRatio: bid.svRatio === null ? null : roundedToHundredths(bid.svRatio),
                minimumSvRatio: bid.minimumSvRatio,
                unmetMinimumCommitments: bid.unmetMinimumCommitments,
                quantitativeZeroedBecause: bid.quantitativeZeroedBecause,
                quantitativeMarks: roundedToHundredths(quantitative),
                methodStatements,
                qualitativeMarks: roundedToHundredths(qualitative),
                gates: this.rubric.gates.map((gate, index) => ({ gate: gate.id, passed: bid.bid.gates[index]! })),
                socialValueMarks: roundedToHundredths(socialValueMarks),
                finalMarks: roundedToHundredths(finalMarks),
                ...(byParts ? { criteria: byParts.criteria } : {})
            } satisfies BidderScore as BidderScore;
        });
        // Ranked on the exact final marks (scoring.ties: equal marks, compared before rounding, share a rank: 1, 1, 3).
        const ranked = exactFinal.filter((_, index) => !bidders[index]!.disqualified).sort((a, b) => b.comparedTo(a));
        const rankOf = new Map<string, number>();
        ranked.forEach((marks, index) => { if (!rankOf.has(marks.toString())) rankOf.set(marks.toString(), index + 1); });
        bidders.forEach((bidder, index) => {
            if (!bidder.disqualified) bidder.rank = rankOf.get(exactFinal[index]!.toString())!;
        });
        return { highest, highestByCriterion, bidders };
    }

    private quantitativeMarks(total: Decimal, highest: Decimal | null): Decimal {
        // Zero offers score zero, whatever they are compared with: never a division by zero.
        if (total.isZero()) return new Decimal(0);
        if (highest !== null) return highest.isZero() ? new Decimal(0) : Decimal.min(total.dividedBy(highest), ONE).times(this.quantitativeShare);
        const target = this.targetAmount!;
        if (target.isZero()) return this.quantitativeShare;
        return Decimal.min(total.dividedBy(target), ONE).times(this.quantitativeShare);
    }
}

/**
 * The multiplier of a multi-year commitment's first-year value: the sum over contract years
 * y = 1..n of (1 - dropOff)^(y-1), a final part year counted pro rata.
 */
function yearByYear(years: Decimal, dropOffPercent: Decimal): { multiplier: Decimal; yearFactors: NonNullable<CommitmentValue['multiYear']>['yearFactors'] } {
    const keep = ONE.minus(dropOffPercent.dividedBy(HUNDRED));
    const whole = years.floor().toNumber();
    const part = years.minus(whole);
    let multiplier = new Decimal(0);
    let factor = ONE;
    const yearFactors: NonNullable<CommitmentValue['multiYear']>['yearFactors'] = [];
    for (let year = 1; year <= whole; year++) {
        multiplier = multiplier.plus(factor);
        yearFactors.push({ year, fraction: 1, factor: displayFactor(factor) });
        factor = factor.times(keep);
    }
    if (part.gt(0)) {
        multiplier = multiplier.plus(factor.times(part));
        yearFactors.push({ year: whole + 1, fraction: roundedFraction(part), factor: displayFactor(factor) });
    }
    return { multiplier, yearFactors };
}

/** (1 - dropOff)^(y-1) for people: at most six decimals, trailing zeros dropped. */
function displayFactor(factor: Decimal): string {
    return factor.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toString();
}

function roundedFraction(part: Decimal): number {
    return exactNumber(part.toDecimalPlaces(4, Decimal.ROUND_HALF_UP));
}

/** An exact amount of money: at least two decimals, more only when it has them. */
function exactMoney(amount: Decimal): string {
    return amount.toFixed(Math.max(2, amount.decimalPlaces()));
}
