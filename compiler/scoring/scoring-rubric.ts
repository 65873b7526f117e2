import { pointer, PortalInputError } from '../../model/portal-input-error.js';
import type { AnswerType, ScoringTarget, Selection, WeightJson } from '../compiled-framework.js';
import { checkJsonStructure } from '../json-structure.js';
import { ScoringInputError, type ScoringProblem } from './scoring-input-error.js';

/**
 * The scoring rules a rubric carries as data (rubric.scoring, schemaVersion 1.3.0), so that
 * two portals scoring with the same rubric give the same marks.
 */
export interface RubricScoringRules {
    quantitative: { method: 'relative' | 'absolute'; target: ScoringTarget | null; formula: string; cap: true; zeroOffers: 'zero-marks' };
    qualitative: { formula: string; belowMinimumLevel: 'disqualify' };
    gates: { failed: 'disqualify' };
    minimumCommitments: { unmet: 'disqualify' | 'zero-quantitative' };
    minimumSvRatio: { unmet: 'disqualify' | 'zero-quantitative' };
    recordOnly: { valued: false; countsTowardsSelection: boolean };
    selection: { outsideLimits: 'invalid-bid' };
    ties: 'equal-rank';
    multiYear: { years: number | null; formula: string };
    rounding: string;
    /** 1.4.0: present when the evaluation declares award criteria (each is scored on its own). */
    criteria?: { declared: true; formula: string };
}

/** An award criterion as the scorer reads it (rubric.criteria, 1.4.0). */
export interface ScoringCriterion {
    id: string;
    title: string | null;
    weighting: number | null;
    measures: string[];
    questions: string[];
}

/** The part of a tailored 1.3 rubric (schemas/rubric.schema.json) the scorer reads. */
export interface ScoringRubric {
    schemaVersion: string;
    framework: { id: string; version: string; sourceHash: string };
    profile: { contractValue: string; durationMonths: number | null };
    socialValueAsked: boolean;
    weighting: number | null;
    selection: Selection;
    targets: { minimumSvRatio: number | null };
    quantitative: {
        shareOfSocialValueMarks: number;
        /** 1.4.0: a measure earns at most this percent of the quantitative marks; null or absent: no cap. */
        measureCap?: number | null;
        measures: Array<{
            code: string;
            title: string | null;
            unit: { id: string; label: string; kind: 'quantity' | 'money' | 'percentage' | 'text' | 'record' };
            proxy: { value: string; deadweight: number; attribution: number; displacement: number; dropOff: number; netValuePerUnit: string } | null;
            recordOnly: boolean;
            multiYear: boolean;
            /** The measure's theme (for selection.requiredThemes). */
            theme: string;
            /** The measure's outcome (for selection.requiredOutcomes). */
            outcome: string;
            /** Since 1.4.0: how a bid answers it (a quantity when absent). */
            answer?: { type: AnswerType; options: string[] | null; wordLimit: number | null };
            /** Since 1.4.0: after-award measures are reporting metrics a bid does not commit to. */
            stage?: 'bid' | 'after-award';
            reportingFrequency?: 'monthly' | 'quarterly' | 'annually' | null;
        }>;
    };
    qualitative: {
        shareOfSocialValueMarks: number;
        questions: Array<{
            id: string;
            title: string | null;
            weight: WeightJson | null;
            scale: { id: string; levels: Array<{ score: number; label: string }> } | null;
            minimumLevel: number | null;
        }>;
    };
    gates: Array<{ id: string; title: string | null }>;
    /** 1.4.0: the award criteria (read when scoring.criteria says they are declared). */
    criteria?: ScoringCriterion[];
    scoring: RubricScoringRules;
}

const COMPILE_ADVICE = 'Score with the rubric.json that `svf compile --profile ...` wrote (schemaVersion 1.3.0 or a later 1.x), unchanged.';

/**
 * Checks that a rubric is plain JSON, tailored to a contract (it has a profile) and carries
 * every field the scorer reads, with the right types; accepts schemaVersion 1.3.0 and every
 * later 1.x (fields added later are ignored). Throws ScoringInputError listing every problem.
 */
export function readScoringRubric(rubric: unknown): ScoringRubric {
    try {
        checkJsonStructure(rubric, '');
    } catch (error) {
        if (error instanceof PortalInputError) throw new ScoringInputError([{ document: 'rubric', path: error.path, bidder: null, message: error.message }]);
        throw error;
    }
    const reader = new FieldReader();
    const root = reader.object(rubric, '');
    if (root === undefined) throw new ScoringInputError(reader.problems);
    const version = root.schemaVersion;
    const versionMatch = typeof version === 'string' ? /^1\.(\d+)\.\d+$/.exec(version) : null;
    if (!versionMatch || Number(versionMatch[1]) < 3) {
        reader.problem('/schemaVersion', `is ${JSON.stringify(version)}, but scoring needs a rubric of schemaVersion 1.3.0 or a later 1.x, which states its scoring rules (rubric.scoring). ${COMPILE_ADVICE}`);
        throw new ScoringInputError(reader.problems);
    }
    const framework = reader.object(root.framework, '/framework');
    if (framework) ['id', 'version', 'sourceHash'].forEach(key => reader.string(framework[key], `/framework/${key}`));
    if (root.profile === null) {
        reader.problem('/profile', `is null: this rubric is not tailored to a contract, so there is no contract value to work out SV ratios and targets from. Compile with --profile and score with that rubric. ${COMPILE_ADVICE}`);
    } else {
        const profile = reader.object(root.profile, '/profile');
        if (profile) {
            reader.money(profile.contractValue, '/profile/contractValue');
            reader.nullable(profile.durationMonths, '/profile/durationMonths', (value, path) => reader.number(value, path, 0));
        }
    }
    reader.boolean(root.socialValueAsked, '/socialValueAsked');
    reader.nullable(root.weighting, '/weighting', (value, path) => reader.number(value, path, 0, 100));
    checkSelection(reader, root.selection);
    const targets = reader.object(root.targets, '/targets');
    if (targets) reader.nullable(targets.minimumSvRatio, '/targets/minimumSvRatio', (value, path) => reader.number(value, path, 0));
    checkQuantitative(reader, root.quantitative);
    checkQualitative(reader, root.qualitative);
    reader.array(root.gates, '/gates', (gate, path) => {
        const object = reader.object(gate, path);
        if (object) reader.string(object.id, `${path}/id`);
    });
    checkScoringRules(reader, root.scoring);
    checkCriteria(reader, root);
    if (reader.problems.length === 0) checkUnique(reader, rubric as ScoringRubric);
    if (reader.problems.length > 0) throw new ScoringInputError(reader.problems);
    return rubric as ScoringRubric;
}

function checkSelection(reader: FieldReader, value: unknown): void {
    const selection = reader.object(value, '/selection');
    if (!selection) return;
    reader.nullable(selection.minMeasures, '/selection/minMeasures', (item, path) => reader.integer(item, path));
    reader.nullable(selection.maxMeasures, '/selection/maxMeasures', (item, path) => reader.integer(item, path));
    reader.array(selection.requiredThemes, '/selection/requiredThemes', (item, path) => {
        const theme = reader.object(item, path);
        if (!theme) return;
        reader.string(theme.theme, `${path}/theme`);
        reader.integer(theme.minMeasures, `${path}/minMeasures`);
    });
    // Since 1.4.0; absent in older rubrics.
    if (selection.requiredOutcomes !== undefined) {
        reader.array(selection.requiredOutcomes, '/selection/requiredOutcomes', (item, path) => {
            const outcome = reader.object(item, path);
            if (!outcome) return;
            reader.string(outcome.outcome, `${path}/outcome`);
            reader.integer(outcome.minMeasures, `${path}/minMeasures`);
        });
    }
    reader.array(selection.minimumCommitments, '/selection/minimumCommitments', (item, path) => {
        const minimum = reader.object(item, path);
        if (!minimum) return;
        reader.string(minimum.measure, `${path}/measure`);
        reader.amount(minimum.quantity, `${path}/quantity`);
    });
}

function checkQuantitative(reader: FieldReader, value: unknown): void {
    const quantitative = reader.object(value, '/quantitative');
    if (!quantitative) return;
    reader.number(quantitative.shareOfSocialValueMarks, '/quantitative/shareOfSocialValueMarks', 0, 100);
    if (quantitative.measureCap !== undefined) {
        reader.nullable(quantitative.measureCap, '/quantitative/measureCap', (cap, path) => {
            reader.number(cap, path, 0, 100);
            if (cap === 0) reader.problem(path, 'is 0, but a cap per measure must be more than 0% (null for no cap).');
        });
    }
    reader.array(quantitative.measures, '/quantitative/measures', (item, path) => {
        const measure = reader.object(item, path);
        if (!measure) return;
        reader.string(measure.code, `${path}/code`);
        reader.string(measure.theme, `${path}/theme`);
        const unit = reader.object(measure.unit, `${path}/unit`);
        if (unit) {
            reader.string(unit.label, `${path}/unit/label`);
            reader.oneOf(unit.kind, `${path}/unit/kind`, ['quantity', 'money', 'percentage', 'text', 'record']);
        }
        reader.boolean(measure.recordOnly, `${path}/recordOnly`);
        reader.boolean(measure.multiYear, `${path}/multiYear`);
        if (measure.stage !== undefined) reader.oneOf(measure.stage, `${path}/stage`, ['bid', 'after-award']);
        if (measure.answer !== undefined) {
            const answer = reader.object(measure.answer, `${path}/answer`);
            if (answer) reader.oneOf(answer.type, `${path}/answer/type`, ['number', 'money', 'percentage', 'text', 'yes-no', 'choice', 'attachment']);
        }
        reader.nullable(measure.proxy, `${path}/proxy`, (proxyValue, proxyPath) => {
            const proxy = reader.object(proxyValue, proxyPath);
            if (!proxy) return;
            reader.money(proxy.value, `${proxyPath}/value`);
            reader.money(proxy.netValuePerUnit, `${proxyPath}/netValuePerUnit`);
            for (const key of ['deadweight', 'attribution', 'displacement', 'dropOff']) reader.number(proxy[key], `${proxyPath}/${key}`, 0, 100);
        });
    });
}

function checkQualitative(reader: FieldReader, value: unknown): void {
    const qualitative = reader.object(value, '/qualitative');
    if (!qualitative) return;
    reader.number(qualitative.shareOfSocialValueMarks, '/qualitative/shareOfSocialValueMarks', 0, 100);
    const kinds = new Set<string>();
    reader.array(qualitative.questions, '/qualitative/questions', (item, path) => {
        const question = reader.object(item, path);
        if (!question) return;
        reader.string(question.id, `${path}/id`);
        reader.nullable(question.weight, `${path}/weight`, (weightValue, weightPath) => {
            const weight = reader.object(weightValue, weightPath);
            if (!weight) return;
            if (reader.oneOf(weight.kind, `${weightPath}/kind`, ['percentage', 'points'])) kinds.add(weight.kind as string);
            reader.number(weight.value, `${weightPath}/value`, 0);
        });
        if (question.weight === null) kinds.add('none');
        if (question.scale === null) {
            reader.problem(`${path}/scale`, 'is null: a method statement needs a scale to be scored. Give the question a scale in the framework and compile again.');
        } else {
            const scale = reader.object(question.scale, `${path}/scale`);
            if (scale) {
                reader.string(scale.id, `${path}/scale/id`);
                reader.array(scale.levels, `${path}/scale/levels`, (level, levelPath) => {
                    const object = reader.object(level, levelPath);
                    if (object) reader.number(object.score, `${levelPath}/score`);
                }, 1);
            }
        }
        reader.nullable(question.minimumLevel, `${path}/minimumLevel`, (level, levelPath) => reader.number(level, levelPath));
    });
    if (kinds.size > 1) {
        reader.problem('/qualitative/questions', `mixes weights of kinds ${[...kinds].sort().join(', ')}: a question's share of the qualitative marks needs every question weighted the same way (all percentages, all points, or none for equal shares).`);
    }
}

function checkScoringRules(reader: FieldReader, value: unknown): void {
    const scoring = reader.object(value, '/scoring');
    if (!scoring) return;
    const quantitative = reader.object(scoring.quantitative, '/scoring/quantitative');
    if (quantitative) {
        reader.oneOf(quantitative.method, '/scoring/quantitative/method', ['relative', 'absolute']);
        reader.nullable(quantitative.target, '/scoring/quantitative/target', (targetValue, path) => {
            const target = reader.object(targetValue, path);
            if (!target) return;
            if (target.kind === 'money') reader.money(target.amount, `${path}/amount`);
            else if (target.kind === 'share-of-contract-value') {
                reader.number(target.percent, `${path}/percent`, 0);
                reader.nullable(target.amount, `${path}/amount`, (amount, amountPath) => reader.money(amount, amountPath));
            } else reader.oneOf(target.kind, `${path}/kind`, ['money', 'share-of-contract-value']);
        });
    }
    const consequence = (name: string) => {
        const part = reader.object(scoring[name], `/scoring/${name}`);
        if (part) reader.oneOf(part.unmet, `/scoring/${name}/unmet`, ['disqualify', 'zero-quantitative']);
    };
    consequence('minimumCommitments');
    consequence('minimumSvRatio');
    const recordOnly = reader.object(scoring.recordOnly, '/scoring/recordOnly');
    if (recordOnly) reader.boolean(recordOnly.countsTowardsSelection, '/scoring/recordOnly/countsTowardsSelection');
    const multiYear = reader.object(scoring.multiYear, '/scoring/multiYear');
    if (multiYear) reader.nullable(multiYear.years, '/scoring/multiYear/years', (years, path) => reader.number(years, path, 0));
}

/** rubric.criteria, when scoring.criteria says the evaluation declares them: each with a weighting and what it covers. */
function checkCriteria(reader: FieldReader, root: Record<string, unknown>): void {
    const scoring = root.scoring as Record<string, unknown> | undefined;
    const declared = typeof scoring === 'object' && scoring !== null && scoring.criteria !== undefined;
    if (!declared) return;
    const rules = reader.object(scoring.criteria, '/scoring/criteria');
    if (rules && rules.declared !== true) reader.problem('/scoring/criteria/declared', `is ${JSON.stringify(rules.declared)}, but it must be true. ${COMPILE_ADVICE}`);
    reader.array(root.criteria, '/criteria', (item, path) => {
        const criterion = reader.object(item, path);
        if (!criterion) return;
        reader.string(criterion.id, `${path}/id`);
        reader.number(criterion.weighting, `${path}/weighting`, 0, 100);
        for (const list of ['measures', 'questions'] as const) reader.array(criterion[list], `${path}/${list}`, (id, idPath) => reader.string(id, idPath));
    }, 1);
}

/** Ids the bids key their answers by must be unique, or an answer could not be placed. */
function checkUnique(reader: FieldReader, rubric: ScoringRubric): void {
    const seen = new Map<string, string>();
    const claim = (id: string, path: string) => {
        const earlier = seen.get(id);
        if (earlier !== undefined) reader.problem(path, `is ${JSON.stringify(id)}, already used at ${earlier}: measure codes, method-statement ids and gate ids must be unique for bids to name them.`);
        else seen.set(id, path);
    };
    rubric.quantitative.measures.forEach((measure, index) => claim(measure.code, `/quantitative/measures/${index}/code`));
    rubric.qualitative.questions.forEach((question, index) => claim(question.id, `/qualitative/questions/${index}/id`));
    rubric.gates.forEach((gate, index) => claim(gate.id, `/gates/${index}/id`));
    const codes = new Set(rubric.quantitative.measures.map(measure => measure.code));
    rubric.selection.minimumCommitments.forEach((minimum, index) => {
        if (!codes.has(minimum.measure)) reader.problem(`/selection/minimumCommitments/${index}/measure`, `is ${JSON.stringify(minimum.measure)}, but the rubric has no measure with that code (/quantitative/measures), so a bid could not meet the minimum. ${COMPILE_ADVICE}`);
    });
}

/** Reads fields of untrusted JSON, recording a problem (with its path) for each that is missing or mistyped. */
class FieldReader {
    readonly problems: ScoringProblem[] = [];

    problem(path: string, message: string): void {
        this.problems.push({ document: 'rubric', path, bidder: null, message });
    }

    private wrong(value: unknown, path: string, expected: string): void {
        this.problem(path, value === undefined ? `is missing; it must be ${expected}. ${COMPILE_ADVICE}` : `is ${JSON.stringify(value)}, but it must be ${expected}. ${COMPILE_ADVICE}`);
    }

    object(value: unknown, path: string): Record<string, unknown> | undefined {
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
        this.wrong(value, path, 'an object');
        return undefined;
    }

    array(value: unknown, path: string, each: (item: unknown, path: string) => void, minItems = 0): void {
        if (!Array.isArray(value) || value.length < minItems) {
            this.wrong(value, path, minItems > 0 ? `an array of at least ${minItems}` : 'an array');
            return;
        }
        value.forEach((item, index) => each(item, pointer(path, index)));
    }

    string(value: unknown, path: string): void {
        if (typeof value !== 'string') this.wrong(value, path, 'a string');
    }

    boolean(value: unknown, path: string): void {
        if (typeof value !== 'boolean') this.wrong(value, path, 'true or false');
    }

    number(value: unknown, path: string, minimum?: number, maximum?: number): void {
        if (typeof value !== 'number' || (minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
            const range = minimum === undefined ? '' : maximum === undefined ? ` of at least ${minimum}` : ` from ${minimum} to ${maximum}`;
            this.wrong(value, path, `a number${range}`);
        }
    }

    integer(value: unknown, path: string): void {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.wrong(value, path, 'a whole number of at least 0');
    }

    money(value: unknown, path: string): void {
        if (typeof value !== 'string' || !/^[0-9]+\.[0-9]{2}$/.test(value)) this.wrong(value, path, 'an amount of money of at least 0 with two decimals, like "2500000.00"');
    }

    /** An amount in a measure's unit: a number or a money string, at least 0. */
    amount(value: unknown, path: string): void {
        const ok = (typeof value === 'number' && value >= 0) || (typeof value === 'string' && /^[0-9]+\.[0-9]{2}$/.test(value));
        if (!ok) this.wrong(value, path, 'an amount of at least 0 (a number, or money like "250000.00")');
    }

    oneOf(value: unknown, path: string, allowed: string[]): boolean {
        if (typeof value === 'string' && allowed.includes(value)) return true;
        this.wrong(value, path, `one of ${allowed.map(item => JSON.stringify(item)).join(', ')}`);
        return false;
    }

    nullable(value: unknown, path: string, check: (value: unknown, path: string) => void): void {
        if (value !== null) check(value, path);
    }
}
