import { Decimal, decimalOf, moneyString } from '../../model/amounts.js';
import { scoreBids } from '../scoring/score-bids.js';
import type { Bid, Bids } from '../scoring/bids.js';
import type { ScoreResult } from '../scoring/score-result.js';
import { ScoringInputError, type ScoringProblem } from '../scoring/scoring-input-error.js';
import { readScoringRubric, type ScoringRubric } from '../scoring/scoring-rubric.js';
import { QUANTITY_TYPES } from '../answer-shapes.js';

/**
 * A conformance test vector (the DMN TCK pattern): a set of bids for the kit's rubric and
 * the result SVF's scorer gives for them. A portal that imports the rubric proves it scores
 * exactly as SVF does by scoring every vector's bids and comparing with `expected`.
 */
export interface ConformanceVector {
    /** Stable id, also the file name: `03-gate-failed`. */
    id: string;
    /** The boundary the vector tests, in plain English. */
    description: string;
    bids: Bids;
    expected: { valid: true; result: ScoreResult } | { valid: false; problems: ScoringProblem[] };
}

/** Schema version of the vector files; bumped when their shape changes. */
export const CONFORMANCE_VERSION = '1.0.0';

/**
 * Generates the conformance vectors for a tailored rubric, at the boundaries of its scoring
 * rules: the highest bid, ties, zero offers, a gate failed, each minimum commitment just met
 * and just missed, the minimum SV ratio just met and just missed, the absolute target's cap,
 * a method statement at and below its minimum level, and invalid bids a portal must refuse.
 * Deterministic: the same rubric always gives the same vectors. Vectors that a rubric has no
 * use for (no gate, no minimum) are left out.
 */
export function conformanceVectors(rubricJson: unknown): ConformanceVector[] {
    const rubric = readScoringRubric(rubricJson);
    const kit = new VectorBuilder(rubric);
    const vectors: Array<Omit<ConformanceVector, 'id' | 'expected'> & { name: string; ifRefused?: string }> = [];
    const add = (name: string, description: string, bids: Bid[], ifRefused?: string) => vectors.push({ name, description, bids: { bids }, ifRefused });

    add('highest-bid', 'Three bids with social value in the ratio 4 : 2 : 1 and levels from the top of each scale down: the highest bid sets the relative scale (or the target, when scoring is absolute).',
        [kit.bid('Bidder A', 4, 'top'), kit.bid('Bidder B', 2, 'middle'), kit.bid('Bidder C', 1, 'bottom')]);
    add('ties', 'Two identical bids under different names, and a lower one: equal final marks share a rank (1, 1, 3).',
        [kit.bid('Bidder A', 2, 'middle'), kit.bid('Bidder B', 2, 'middle'), kit.bid('Bidder C', 1, 'bottom')]);
    add('zero-offers', 'Every bid offers 0 of every measure it answers: zero quantitative marks, never a division by zero (an unmet minimum commitment or SV ratio has its consequence).',
        [kit.bid('Bidder A', 0, 'middle'), kit.bid('Bidder B', 0, 'bottom')],
        'Every bid offers 0 of every measure it answers: a measure offered at 0 is not chosen, so under this rubric\'s selection rules (measures must be chosen) such bids are invalid and must be refused.');
    rubric.gates.forEach(gate => {
        add(`gate-failed-${gate.id}`, `The highest bid fails the gate '${gate.id}': a failed gate disqualifies it, and the other bids are marked without it (relative scoring: against the highest bid not disqualified).`,
            [kit.bid('Bidder A', 4, 'top', { failGate: gate.id }), kit.bid('Bidder B', 2, 'middle'), kit.bid('Bidder C', 1, 'bottom')]);
    });
    for (const minimum of rubric.selection.minimumCommitments) {
        const required = decimalOf(minimum.quantity);
        add(`minimum-${minimum.measure}`, `The minimum commitment of ${minimum.quantity} for ${minimum.measure} (${minimum.basis}): just met (exactly ${minimum.quantity}) and just missed (0.01 less); an unmet minimum ${rubric.scoring.minimumCommitments.unmet === 'disqualify' ? 'disqualifies the bid' : 'costs the bid its quantitative marks'}.`,
            [kit.bid('Just met', 1, 'middle', { quantities: { [minimum.measure]: required } }),
                kit.bid('Just missed', 1, 'middle', { quantities: { [minimum.measure]: required.minus('0.01') } })]);
    }
    const ratio = kit.svRatioBids();
    if (ratio) {
        add('sv-ratio', `The minimum SV ratio of ${rubric.targets.minimumSvRatio}% of the contract value: one bid just meets it (the smallest quantity, to 0.01, that reaches it), one just misses it (0.01 less); unmet, it ${rubric.scoring.minimumSvRatio.unmet === 'disqualify' ? 'disqualifies the bid' : 'costs the bid its quantitative marks'}.`, ratio);
    }
    const cap = kit.capBids();
    if (cap) {
        add('absolute-target-cap', 'Absolute scoring: bids worth twice the target, the target (the smallest quantity, to 0.01, that reaches it) and just under it (0.01 less): the first two get the full quantitative marks (the cap), the third a little less (or none, where the target is also the minimum SV ratio).', cap);
    }
    rubric.qualitative.questions.forEach((question, index) => {
        if (question.minimumLevel === null) return;
        const scores = question.scale!.levels.map(level => level.score).sort((a, b) => a - b);
        const below = scores.filter(score => score < question.minimumLevel!).pop();
        const bids = [kit.bid('At the minimum level', 2, 'middle', { levels: { [index]: question.minimumLevel } })];
        if (below !== undefined) bids.push(kit.bid('Below the minimum level', 2, 'middle', { levels: { [index]: below } }));
        add(`minimum-level-${question.id}`, `The minimum level ${question.minimumLevel} of method statement '${question.id}': a level below it disqualifies the bid.`, bids);
    });
    const tooMany = kit.tooManyMeasures();
    if (tooMany) add('invalid-too-many-measures', `A bid choosing more measures than the ${rubric.selection.maxMeasures} allowed is invalid: refuse to score, naming the bid.`, [tooMany, kit.bid('Bidder B', 1, 'middle')]);
    add('invalid-unknown-measure', 'A commitment to a measure the rubric does not ask for, and a negative quantity: refuse to score, naming each bid and the JSON path.',
        [kit.bid('Bidder A', 1, 'middle', { extra: { UNKNOWN1: 1 } }), kit.bid('Bidder B', 1, 'middle', { negative: true })]);
    const answered = kit.answeredMeasures();
    if (answered.length > 0) {
        add('answers-recorded', `Measures answered other than with a quantity (${answered.map(measure => `${measure.code}: ${measure.answer!.type}`).join(', ')}), each answered in its JSON shape: yes-no true, choice one of its options, text a string within its word limit, attachment {"name", "sha256"}. They are recorded, never valued.`,
            [kit.bid('Bidder A', 2, 'middle', { answers: kit.validAnswers() }), kit.bid('Bidder B', 1, 'middle')]);
        add('invalid-answer-shapes', 'Each measure answered other than with a quantity given the number 1 instead of its shape: refuse to score, naming each JSON path.',
            [kit.bid('Bidder A', 1, 'middle', { answers: Object.fromEntries(answered.map(measure => [measure.code, 1])) })]);
    }
    const metric = rubric.quantitative.measures.find(measure => measure.stage === 'after-award');
    if (metric) {
        add('invalid-reporting-metric-in-bid', `A bid committing to '${metric.code}', a reporting metric reported ${metric.reportingFrequency} after award: refuse to score; bids do not commit to reporting metrics.`,
            [kit.bid('Bidder A', 1, 'middle', { answers: { [metric.code]: kit.exampleAnswer(metric) } })]);
    }
    if (rubric.qualitative.questions.length > 0) {
        add('invalid-level-not-on-scale', 'A method-statement level that is not on its scale: refuse to score.',
            [kit.bid('Bidder A', 1, 'middle', { levels: { 0: kit.offScale(0) } })]);
    }
    return vectors.map((vector, index) => {
        const expected = expectedResult(rubricJson, vector.bids);
        return {
            id: `${String(index + 1).padStart(2, '0')}-${vector.name}`,
            description: !expected.valid && vector.ifRefused ? vector.ifRefused : vector.description,
            bids: vector.bids,
            expected,
        };
    });
}

function expectedResult(rubric: unknown, bids: Bids): ConformanceVector['expected'] {
    try {
        return { valid: true, result: scoreBids(rubric, bids) };
    } catch (error) {
        if (error instanceof ScoringInputError) return { valid: false, problems: [...error.problems] };
        throw error;
    }
}

interface BidOptions {
    /** Measure code -> an exact quantity, instead of the scaled baseline. */
    quantities?: Record<string, Decimal>;
    /** Question index -> level. */
    levels?: Record<number, number>;
    failGate?: string;
    extra?: Record<string, number>;
    negative?: boolean;
    /** Measure code -> an answer given as is (yes/no, a choice, text, a file, or one of the wrong shape). */
    answers?: Bid['commitments'];
}

type LevelChoice = 'top' | 'middle' | 'bottom';

/**
 * Builds valid bids for a rubric: the measures chosen meet the selection (the required
 * themes, the minimum commitments, at least the minimum number, never more than the
 * maximum), quantities are a baseline times a factor, never below a minimum commitment.
 */
class VectorBuilder {
    /** Codes of the measures every bid chooses, in the rubric's order. */
    private readonly chosen: string[];
    private readonly valued: ScoringRubric['quantitative']['measures'];

    constructor(private readonly rubric: ScoringRubric) {
        const measures = rubric.quantitative.measures;
        this.valued = measures.filter(measure => !measure.recordOnly && measure.proxy !== null && measure.unit.kind !== 'text' && measure.unit.kind !== 'record'
            && measure.stage !== 'after-award' && (measure.answer === undefined || QUANTITY_TYPES.has(measure.answer.type)));
        const picked = new Set<string>();
        for (const minimum of rubric.selection.minimumCommitments) picked.add(minimum.measure);
        for (const required of rubric.selection.requiredThemes) {
            const inTheme = this.valued.filter(measure => measure.theme === required.theme);
            for (const measure of inTheme) {
                if ([...picked].filter(code => measures.find(m => m.code === code)?.theme === required.theme).length >= required.minMeasures) break;
                picked.add(measure.code);
            }
        }
        for (const required of rubric.selection.requiredOutcomes ?? []) {
            const inOutcome = this.valued.filter(measure => measure.outcome === required.outcome);
            for (const measure of inOutcome) {
                if ([...picked].filter(code => measures.find(m => m.code === code)?.outcome === required.outcome).length >= required.minMeasures) break;
                picked.add(measure.code);
            }
        }
        const wanted = Math.max(rubric.selection.minMeasures ?? 0, Math.min(3, rubric.selection.maxMeasures ?? 3));
        for (const measure of this.valued) {
            if (picked.size >= wanted) break;
            picked.add(measure.code);
        }
        this.chosen = measures.map(measure => measure.code).filter(code => picked.has(code));
        this.baselines = this.chooseBaselines();
    }

    /** Quantity per measure of a bid at factor 1: see chooseBaselines. */
    private readonly baselines: Map<string, Decimal>;

    /**
     * The quantities of a bid at factor 1: minimum commitments exactly; the other measures
     * chosen in whole units so the bid is worth about 1.25 x the larger of the minimum SV
     * ratio's amount and the absolute target (when there is one; else 10 units, money
     * £10,000), so that the bids of the highest-bid and ties vectors meet them and show the
     * relative arithmetic rather than a consequence.
     */
    private chooseBaselines(): Map<string, Decimal> {
        const baselines = new Map<string, Decimal>();
        const minimums = new Map(this.rubric.selection.minimumCommitments.map(item => [item.measure, decimalOf(item.quantity)]));
        const others = this.chosen.filter(code => !minimums.has(code));
        let minimumValue = new Decimal(0);
        for (const code of this.chosen) {
            const minimum = minimums.get(code);
            if (minimum) {
                baselines.set(code, minimum);
                minimumValue = minimumValue.plus(minimum.times(this.netValue(code)).times(this.years(code)));
            }
        }
        const ratio = this.rubric.targets.minimumSvRatio;
        const amounts = [ratio === null ? undefined : decimalOf(this.rubric.profile.contractValue).times(ratio).div(100), this.targetAmount()]
            .filter((amount): amount is Decimal => amount !== undefined);
        const wanted = amounts.length === 0 ? undefined : Decimal.max(...amounts).times('1.25').minus(minimumValue);
        for (const code of others) {
            const measure = this.rubric.quantitative.measures.find(item => item.code === code)!;
            const perUnit = this.netValue(code).times(this.years(code));
            const quantity = wanted === undefined || wanted.lte(0) || perUnit.isZero()
                ? new Decimal(measure.unit.kind === 'money' ? 10000 : 10)
                : Decimal.max(1, wanted.div(others.length).div(perUnit).toDecimalPlaces(0, Decimal.ROUND_UP));
            baselines.set(code, quantity);
        }
        return baselines;
    }

    /** Years a multi-year measure's quantity counts for (roughly, for choosing quantities; the scorer values exactly). */
    private years(code: string): Decimal {
        const measure = this.rubric.quantitative.measures.find(item => item.code === code)!;
        const years = this.rubric.scoring.multiYear.years;
        return measure.multiYear && years !== null ? new Decimal(years) : new Decimal(1);
    }

    bid(bidder: string, factor: number, levels: LevelChoice, options: BidOptions = {}): Bid {
        const commitments: Bid['commitments'] = {};
        for (const code of this.chosen) {
            const quantity = options.quantities?.[code] ?? this.baseline(code).times(factor);
            commitments[code] = this.quantityJson(code, quantity);
        }
        if (options.negative && this.chosen.length > 0) {
            const code = this.chosen[this.chosen.length - 1]!;
            commitments[code] = this.quantityJson(code, new Decimal(-1));
        }
        Object.assign(commitments, options.extra ?? {}, options.answers ?? {});
        const methodStatements: Record<string, number> = {};
        this.rubric.qualitative.questions.forEach((question, index) => {
            methodStatements[question.id] = options.levels?.[index] ?? this.level(index, levels);
        });
        const gates: Record<string, boolean> = {};
        for (const gate of this.rubric.gates) gates[gate.id] = gate.id !== options.failGate;
        return { bidder, commitments, methodStatements, gates };
    }

    /** Bid-stage measures answered yes/no, with a choice, text or a file. */
    answeredMeasures(): ScoringRubric['quantitative']['measures'] {
        return this.rubric.quantitative.measures.filter(measure => measure.stage !== 'after-award' && measure.answer !== undefined && !QUANTITY_TYPES.has(measure.answer.type) && measure.answer.type !== 'text');
    }

    /** A valid answer to each of answeredMeasures. */
    validAnswers(): Bid['commitments'] {
        return Object.fromEntries(this.answeredMeasures().map(measure => [measure.code, this.exampleAnswer(measure)]));
    }

    /** An answer of the measure's shape (for a quantity, 1). */
    exampleAnswer(measure: ScoringRubric['quantitative']['measures'][number]): Bid['commitments'][string] {
        switch (measure.answer?.type) {
            case 'yes-no': return true;
            case 'choice': return measure.answer.options![0]!;
            case 'text': return 'Described in our social value plan.';
            case 'attachment': return { name: `${measure.code}.pdf`, sha256: '0'.repeat(64) };
            default: return 1;
        }
    }

    /** A level at the top, middle or bottom of a scale, never below the question's minimum level. */
    private level(index: number, choice: LevelChoice): number {
        const question = this.rubric.qualitative.questions[index]!;
        const scores = question.scale!.levels.map(level => level.score).sort((a, b) => a - b)
            .filter(score => question.minimumLevel === null || score >= question.minimumLevel);
        const at = choice === 'top' ? scores.length - 1 : choice === 'middle' ? Math.floor((scores.length - 1) / 2) : 0;
        return scores[at]!;
    }

    /** A number that is on no level of the question's scale. */
    offScale(index: number): number {
        const scores = this.rubric.qualitative.questions[index]!.scale!.levels.map(level => level.score);
        return Math.max(...scores) + 1;
    }

    /** The quantity at factor 1 (a measure outside the bids' choice: one unit, money £1). */
    private baseline(code: string): Decimal {
        return this.baselines.get(code) ?? new Decimal(1);
    }

    private quantityJson(code: string, quantity: Decimal): number | string {
        const measure = this.rubric.quantitative.measures.find(item => item.code === code)!;
        return measure.unit.kind === 'money' ? moneyString(quantity) : Number(quantity.toString());
    }

    private netValue(code: string): Decimal {
        return decimalOf(this.rubric.quantitative.measures.find(item => item.code === code)!.proxy?.netValuePerUnit ?? 0);
    }

    /**
     * Two bids around the minimum SV ratio: minimums met, one measure (a valued one without a
     * minimum, single-year) carrying the rest: the smallest quantity, to 0.01, that reaches
     * the ratio, and 0.01 less. Undefined when the rubric has no minimum ratio or no measure to carry it.
     */
    svRatioBids(): Bid[] | undefined {
        const ratio = this.rubric.targets.minimumSvRatio;
        if (ratio === null) return undefined;
        const required = decimalOf(this.rubric.profile.contractValue).times(ratio).div(100);
        return this.bidsAround(required, 'Ratio just met', 'Ratio just missed');
    }

    /** Absolute scoring: bids worth twice the target, the target and just under it. */
    capBids(): Bid[] | undefined {
        const target = this.targetAmount();
        if (target === undefined) return undefined;
        const around = this.bidsAround(target, 'At the target', 'Just under the target');
        const double = this.bidsAround(target.times(2), 'Twice the target', 'Just under twice the target');
        if (!around || !double) return undefined;
        return [double[0]!, around[0]!, around[1]!];
    }

    private targetAmount(): Decimal | undefined {
        const { target, method } = this.rubric.scoring.quantitative;
        if (method !== 'absolute' || target === null) return undefined;
        const amount = (target as { amount?: string | null }).amount;
        return amount === undefined || amount === null ? undefined : decimalOf(amount);
    }

    private bidsAround(required: Decimal, metName: string, missedName: string): Bid[] | undefined {
        const minimums = new Set(this.rubric.selection.minimumCommitments.map(item => item.measure));
        const carrier = this.chosen.find(code => !minimums.has(code) && !this.rubric.quantitative.measures.find(m => m.code === code)!.multiYear && this.netValue(code).gt(0));
        if (!carrier) return undefined;
        const quantities: Record<string, Decimal> = {};
        let fixed = new Decimal(0);
        for (const code of this.chosen) {
            if (code === carrier) continue;
            // The minimums met exactly; the other measures chosen with the smallest step (0.01), so they
            // count towards the selection and add almost nothing.
            const quantity = minimums.has(code) ? this.baseline(code) : new Decimal('0.01');
            quantities[code] = quantity;
            const measure = this.rubric.quantitative.measures.find(m => m.code === code)!;
            if (measure.multiYear) return undefined;
            fixed = fixed.plus(quantity.times(this.netValue(code)));
        }
        const rest = required.minus(fixed);
        if (rest.lte(0)) return undefined;
        const met = rest.div(this.netValue(carrier)).toDecimalPlaces(2, Decimal.ROUND_UP);
        const missed = met.minus('0.01');
        if (missed.lt(0)) return undefined;
        return [
            this.bid(metName, 1, 'middle', { quantities: { ...quantities, [carrier]: met } }),
            this.bid(missedName, 1, 'middle', { quantities: { ...quantities, [carrier]: missed } }),
        ];
    }

    /** A bid choosing one more valued measure than the maximum allows. */
    tooManyMeasures(): Bid | undefined {
        const max = this.rubric.selection.maxMeasures;
        if (max === null || this.valued.length <= max) return undefined;
        const bid = this.bid('Bidder A', 1, 'middle');
        for (const measure of this.valued) {
            if (Object.keys(bid.commitments).length > max) break;
            if (!(measure.code in bid.commitments)) bid.commitments[measure.code] = this.quantityJson(measure.code, this.baseline(measure.code));
        }
        return bid;
    }
}

/** One difference between what a scorer gave for a vector and what was expected. */
export interface ConformanceMismatch {
    vector: string;
    /** JSON Pointer into the expected result (`/bidders/1/finalMarks`), or '' for the whole vector. */
    path: string;
    expected: unknown;
    actual: unknown;
}

/**
 * Runs a scorer over the vectors and lists every difference from the expected results: a
 * portal plugs in its own scorer (our scoreBids passes). A scorer that refuses a valid set
 * of bids, or scores an invalid one, is a mismatch; for invalid bids the problems' paths
 * and bidders must agree (the wording may differ).
 */
export function verifyConformance(rubric: unknown, vectors: readonly ConformanceVector[], scorer: (rubric: unknown, bids: unknown) => unknown = scoreBids): ConformanceMismatch[] {
    const mismatches: ConformanceMismatch[] = [];
    for (const vector of vectors) {
        let actual: unknown;
        let refused: ScoringProblem[] | undefined;
        try {
            actual = scorer(rubric, vector.bids);
        } catch (error) {
            if (!(error instanceof ScoringInputError)) throw error;
            refused = [...error.problems];
        }
        if (vector.expected.valid) {
            if (refused) mismatches.push({ vector: vector.id, path: '', expected: 'scored', actual: refused });
            else compare(vector.id, '', vector.expected.result, actual, mismatches);
        } else if (!refused) {
            mismatches.push({ vector: vector.id, path: '', expected: vector.expected.problems, actual: 'scored' });
        } else {
            const where = (problems: ScoringProblem[]) => problems.map(problem => `${problem.document}:${problem.path}:${problem.bidder ?? ''}`).sort();
            compare(vector.id, '/problems', where(vector.expected.problems), where(refused), mismatches);
        }
    }
    return mismatches;
}

function compare(vector: string, path: string, expected: unknown, actual: unknown, out: ConformanceMismatch[]): void {
    if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null && Array.isArray(expected) === Array.isArray(actual)) {
        const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
        for (const key of [...keys].sort()) {
            compare(vector, `${path}/${key}`, (expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], out);
        }
        return;
    }
    if (expected !== actual) out.push({ vector, path, expected, actual });
}
