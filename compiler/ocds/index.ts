/**
 * `svf export ocds`: a tailored compiled framework as an Open Contracting Data Standard
 * (OCDS 1.1) release fragment, for the e-procurement system or the buyer's notice on Find
 * a Tender to merge into the procurement's own releases. What it holds, and where OCDS
 * defines each field:
 *
 * - the social value award criteria on the tender's lot (`tender.lots[].awardCriteria`:
 *   the Lots and Award criteria extensions put award criteria on a lot, and a procurement
 *   not divided into lots has one virtual lot), one criterion per rubric criterion, with
 *   its weighting as a number (`numbers[]`, `weight: percentageExact`), never only in prose,
 *   and the scoring methodology in its description; the overall description is the UK
 *   extension's `AwardCriteria.description`. Procurement Act 2023 tender notice (UK4).
 * - the KPIs the framework fixes before award (`contracts[].agreedMetrics`: the Metrics
 *   extension's "target metrics set out as part of the contract documents", which the UK
 *   extension calls key performance indicators): each minimum commitment with its target
 *   observation, each reporting metric, and the minimum social value. Contract details
 *   notice (UK6); what is delivered against them goes in `implementation.metrics` in the
 *   contract performance notice (UK9), which this export does not write.
 *
 * Pure: compiler types and model/ only, no file system, no clock. The same input gives the
 * same release (the release id, when not given, is a hash of the release's content).
 */
import { createHash } from 'node:crypto';
import { decimalOf, exactNumber, formatPounds } from '../../model/amounts.js';
import { describeQualitativeScoring } from '../../model/scoring-method.js';
import type { CompiledFramework, CriterionJson, MinimumCommitment, RubricMeasureJson } from '../compiled-framework.js';
import { CompilerError } from '../compiler-error.js';
import * as generatedValidators from '../generated/schema-validators.js';
import { describeSchemaErrors } from '../schema-validation.js';
import { serializeOutput } from '../write-outputs.js';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** What the framework cannot know about the procurement: its identifiers (and, if wanted, the release date). */
export interface OcdsExportOptions {
    /** The procurement's Open Contracting ID (e.g. from Find a Tender: `ocds-h6vhtk-0513a8`). */
    ocid: string;
    /** The release id; by default `<ocid>-svf-<16 hex digits of the sha256 of the release's content>`. */
    releaseId?: string;
    /** The release date (ISO 8601 date-time with a time zone); left out when not given: never the clock. */
    date?: string;
    /** The lot the award criteria are for: `1` for a procurement not divided into lots. */
    lotId: string;
    /** The contract the KPIs are for. */
    contractId: string;
    /** The award the contract comes from, when it is known. */
    awardId?: string;
}

export interface OcdsObservation {
    id: string;
    measure?: number;
    value?: { amount: number; currency: string };
    unit?: { name: string; scheme: string; id: string };
    period?: { durationInMonths: number };
    notes: string;
}

export interface OcdsMetric {
    id: string;
    title: string;
    description: string;
    observations?: OcdsObservation[];
}

export interface OcdsCriterion {
    type: 'quality';
    name: string;
    description: string;
    numbers: Array<{ number: number; weight: 'percentageExact' }>;
}

export interface OcdsReleaseFragment {
    ocid: string;
    id: string;
    date?: string;
    tag: Array<'tender' | 'contract'>;
    initiationType: 'tender';
    tender: {
        lots: Array<{ id: string; awardCriteria: { description: string; criteria: OcdsCriterion[] } }>;
    };
    contracts?: Array<{ id: string; awardID?: string; agreedMetrics: OcdsMetric[] }>;
}

/** The compiled framework or the options cannot be exported: the user's to correct; the message says how. */
export class OcdsExportError extends Error {
    override readonly name = 'OcdsExportError';
}

/** The id of the metric for the minimum social value: a hyphen, which no SVF measure code has, so it never meets one. */
export const SOCIAL_VALUE_METRIC_ID = 'social-value';

const ISO_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function exportOcds(compiled: CompiledFramework, options: OcdsExportOptions): OcdsReleaseFragment {
    checkOcdsExportOptions(options);
    const { rubric } = compiled;
    const profile = rubric.profile;
    if (profile === null) {
        throw new OcdsExportError(`the framework ${rubric.chainDescription} is not tailored to a contract: award criteria and KPIs depend on the contract, so describe it with --profile <profile.json> (or --value and --category).`);
    }
    const contract = `${formatPounds(profile.contractValue)} ${profile.category} contract`;
    if (!rubric.socialValueAsked) {
        const rule = rubric.ruleApplied ? ` (rule ${rubric.ruleApplied.id}${rubric.ruleApplied.title ? ` "${rubric.ruleApplied.title}"` : ''})` : '';
        throw new OcdsExportError(`the framework asks no social value of this ${contract}${rule}: there are no social value award criteria or KPIs to publish.`);
    }
    for (const criterion of rubric.criteria) {
        if (criterion.weighting === null) {
            throw new OcdsExportError(`the award criterion ${criterion.id} has no weighting for this ${contract}: a published criterion needs its weight as a number. Give the framework's evaluation a weighting (e.g. \`weighting 10%\`, or \`criterion ${criterion.id} "..." 10%\`).`);
        }
    }
    const criteria = rubric.criteria.map(criterion => awardCriterion(compiled, criterion));
    const metrics = agreedMetrics(compiled);
    const withoutId = {
        ocid: options.ocid,
        ...(options.date !== undefined ? { date: options.date } : {}),
        tag: metrics.length > 0 ? ['tender', 'contract'] as Array<'tender' | 'contract'> : ['tender'] as Array<'tender' | 'contract'>,
        initiationType: 'tender' as const,
        tender: {
            lots: [{ id: options.lotId, awardCriteria: { description: overallDescription(compiled, contract), criteria } }],
        },
        ...(metrics.length > 0 ? {
            contracts: [{ id: options.contractId, ...(options.awardId !== undefined ? { awardID: options.awardId } : {}), agreedMetrics: metrics }],
        } : {}),
    };
    const id = options.releaseId ?? `${options.ocid}-svf-${createHash('sha256').update(serializeOutput(withoutId)).digest('hex').slice(0, 16)}`;
    const release: OcdsReleaseFragment = { ...withoutId, id };
    const errors = validateOcdsReleaseFragment(release);
    if (errors.length > 0) {
        throw new CompilerError(`The OCDS release does not match schemas/ocds-release-fragment.schema.json (this is a bug in svf; please report it): ${describeSchemaErrors(errors)}`);
    }
    return release;
}

/**
 * The options' own mistakes (an empty id, a date that is not one), found before any
 * framework is loaded; exportOcds checks them too.
 */
export function checkOcdsExportOptions(options: OcdsExportOptions): void {
    const identifiers: Array<[string, string | undefined]> = [
        ['--ocid', options.ocid], ['--release-id', options.releaseId], ['--lot', options.lotId], ['--contract-id', options.contractId], ['--award-id', options.awardId],
    ];
    for (const [option, value] of identifiers) {
        if (value !== undefined && value.trim() === '') {
            throw new OcdsExportError(`${option} cannot be empty.`);
        }
        if (value !== undefined && value.trim() !== value) {
            throw new OcdsExportError(`${option} '${value}' has spaces at its start or end; give the identifier exactly as it is published.`);
        }
    }
    if (options.releaseId?.includes('#')) {
        throw new OcdsExportError(`--release-id '${options.releaseId}' contains '#', which an OCDS release id must not.`);
    }
    if (options.date !== undefined && (!ISO_DATE_TIME.test(options.date) || Number.isNaN(Date.parse(options.date)))) {
        throw new OcdsExportError(`--date '${options.date}' is not an ISO 8601 date and time with a time zone, e.g. 2026-03-27T14:34:58Z or 2026-03-27T14:34:58+01:00.`);
    }
}

/** One rubric criterion as an OCDS award criterion: social value criteria are quality criteria. */
function awardCriterion(compiled: CompiledFramework, criterion: CriterionJson): OcdsCriterion {
    return {
        type: 'quality',
        name: criterion.title ?? criterion.id,
        description: criterionMethodology(compiled, criterion),
        numbers: [{ number: criterion.weighting!, weight: 'percentageExact' }],
    };
}

/** How the criterion's marks are given, in words, from the rubric's scoring semantics. */
function criterionMethodology(compiled: CompiledFramework, criterion: CriterionJson): string {
    const { rubric } = compiled;
    const measures = rubric.quantitative.measures.filter(measure => criterion.measures.includes(measure.code));
    const valued = measures.filter(measure => !measure.recordOnly);
    const questions = rubric.qualitative.questions.filter(question => criterion.questions.includes(question.id));
    const sentences: string[] = [];
    if (criterion.description) sentences.push(sentence(criterion.description));
    if (valued.length > 0 && questions.length > 0) {
        sentences.push(`The criterion's marks divide ${rubric.quantitative.shareOfSocialValueMarks}% for commitments (quantitative) and ${rubric.qualitative.shareOfSocialValueMarks}% for method statements (qualitative).`);
    } else if (questions.length > 0) {
        sentences.push('All the criterion\'s marks go to its method statements (qualitative).');
    } else if (valued.length > 0) {
        sentences.push('All the criterion\'s marks go to its commitments (quantitative).');
    }
    if (valued.length > 0) {
        sentences.push(`Commitments: ${rubric.quantitative.description}`);
    }
    if (questions.length > 0) {
        const listed = questions.map(question => {
            const details = [
                question.weight ? `${question.weight.value}${question.weight.kind === 'percentage' ? '%' : ' points'}` : undefined,
                question.scale ? `marked on the scale "${question.scale.title ?? question.scale.id}"` : undefined,
                question.minimumLevel !== null ? `minimum level ${question.minimumLevel}` : undefined,
            ].filter((detail): detail is string => detail !== undefined);
            return `${question.title ?? question.id} (${[question.id, ...details].join(', ')})`;
        });
        // The rubric's words, with what a minimum level means only when one of these questions has one.
        sentences.push(`Method statements: ${listed.join('; ')}. ${describeQualitativeScoring(questions.some(question => question.minimumLevel !== null))}`);
    }
    const minimums = rubric.selection.minimumCommitments.filter(minimum => criterion.measures.includes(minimum.measure));
    const unmet = rubric.scoring.minimumCommitments.unmet === 'disqualify' ? 'is disqualified' : 'gets 0 quantitative marks';
    for (const minimum of minimums) {
        const measure = measureOf(compiled, minimum.measure);
        sentences.push(`Minimum commitment: ${measure.code} (${measure.title ?? measure.code}) at least ${quantityInWords(minimum, measure)} (${minimum.basis}); a bid that commits less ${unmet}.`);
    }
    const gates = rubric.gates.filter(gate => criterion.gates.includes(gate.id));
    if (gates.length > 0) {
        // rubric.scoring.gates.failed: a failed gate always disqualifies.
        sentences.push(`Pass/fail: ${gates.map(gate => `${gate.title ?? gate.id} (${gate.id})`).join('; ')}; a bid that fails ${gates.length === 1 ? 'it' : 'one'} is disqualified.`);
    }
    return sentences.join(' ');
}

/** The award criteria as a whole: where they come from, the SV ratio, the selection, and what else the tender weighs. */
function overallDescription(compiled: CompiledFramework, contract: string): string {
    const { rubric } = compiled;
    const rule = rubric.ruleApplied ? ` by the rule ${rubric.ruleApplied.id}${rubric.ruleApplied.title ? ` "${rubric.ruleApplied.title}"` : ''}` : '';
    const months = rubric.profile!.durationMonths === null ? '' : ` of ${rubric.profile!.durationMonths} months`;
    const sentences = [`Social value award criteria from ${rubric.chainDescription}, tailored to a ${contract}${months}${rule}.`];
    if (rubric.criteria.length > 1) {
        sentences.push('Each criterion is scored on its own, out of its weighting; the social value marks are the sum of the criterion marks.');
    }
    sentences.push(`The other ${exactNumber(decimalOf(100).minus(rubric.weighting!))}% of the total marks go to the buyer's other award criteria, which this release does not describe.`);
    const selection = rubric.selection;
    const limits = [
        selection.minMeasures !== null ? `at least ${selection.minMeasures}` : undefined,
        selection.maxMeasures !== null ? `at most ${selection.maxMeasures}` : undefined,
    ].filter((limit): limit is string => limit !== undefined);
    const required = [
        ...selection.requiredThemes.map(theme => `at least ${theme.minMeasures} from the theme ${theme.theme}`),
        ...selection.requiredOutcomes.map(outcome => `at least ${outcome.minMeasures} from the outcome ${outcome.outcome}`),
    ];
    if (limits.length > 0 || required.length > 0) {
        sentences.push(`A bid commits to ${[limits.length > 0 ? `${limits.join(' and ')} measures` : 'measures', ...required].join(', ')}.`);
    }
    const { minimumSvRatio, minimumSocialValue } = rubric.targets;
    if (minimumSvRatio !== null && minimumSocialValue !== null) {
        const unmet = rubric.scoring.minimumSvRatio.unmet === 'disqualify' ? 'the bid is disqualified' : 'its quantitative marks are 0';
        sentences.push(`A bid's net social value must be at least ${minimumSvRatio}% of the contract value (${formatPounds(minimumSocialValue, { pence: 'always' })}), or ${unmet}.`);
    }
    return sentences.join(' ');
}

/**
 * The KPIs the framework fixes before award: each minimum commitment (target: the minimum),
 * each reporting metric (reported after award, no target), and the minimum social value.
 */
function agreedMetrics(compiled: CompiledFramework): OcdsMetric[] {
    const { rubric } = compiled;
    const frameworkId = rubric.framework.id;
    const durationMonths = rubric.profile!.durationMonths;
    const metrics: OcdsMetric[] = [];
    const seen = new Set<string>();
    for (const minimum of rubric.selection.minimumCommitments) {
        const measure = measureOf(compiled, minimum.measure);
        seen.add(measure.code);
        const months = measure.multiYear ? 12 : wholeMonths(durationMonths);
        const observation: OcdsObservation = {
            id: `${measure.code}-minimum`,
            ...(measure.unit.kind === 'money'
                ? { value: { amount: exactNumber(decimalOf(minimum.quantity)), currency: rubric.framework.currency } }
                : { measure: exactNumber(decimalOf(minimum.quantity)) }),
            unit: { name: measure.unit.label, scheme: frameworkId, id: measure.unit.id },
            ...(months !== null ? { period: { durationInMonths: months } } : {}),
            notes: `At least ${quantityInWords(minimum, measure)}: ${minimum.basis}. The framework's minimum commitment for this contract; the contract's target is the winning bid's commitment, which is at least this.`,
        };
        metrics.push({ id: measure.code, title: measure.title ?? measure.code, description: measureDescription(compiled, measure), observations: [observation] });
    }
    for (const measure of rubric.quantitative.measures) {
        if (measure.stage !== 'after-award' || seen.has(measure.code)) continue;
        metrics.push({ id: measure.code, title: measure.title ?? measure.code, description: measureDescription(compiled, measure) });
    }
    const { minimumSvRatio, minimumSocialValue } = rubric.targets;
    if (minimumSvRatio !== null && minimumSocialValue !== null) {
        metrics.push({
            id: SOCIAL_VALUE_METRIC_ID,
            title: 'Social value delivered (net)',
            description: 'The net social value delivered on the contract: over the commitments, quantity x the measure\'s net value per unit (its proxy value net of deadweight, attribution and displacement); record-only and unmonetised measures are not valued.',
            observations: [{
                id: `${SOCIAL_VALUE_METRIC_ID}-minimum`,
                value: { amount: exactNumber(decimalOf(minimumSocialValue)), currency: rubric.framework.currency },
                ...(wholeMonths(durationMonths) !== null ? { period: { durationInMonths: wholeMonths(durationMonths)! } } : {}),
                notes: `At least ${minimumSvRatio}% of the contract value (${formatPounds(rubric.profile!.contractValue, { pence: 'always' })}): ${formatPounds(minimumSocialValue, { pence: 'always' })}. The framework's minimum; the contract's target is the winning bid's committed social value, which is at least this.`,
            }],
        });
    }
    return metrics;
}

/** What a measure's KPI counts, in words: the question's text, the unit, and when it is reported. */
function measureDescription(compiled: CompiledFramework, measure: RubricMeasureJson): string {
    const question = compiled.questionSet.questions.find(candidate => candidate.id === measure.code);
    const sentences = question ? [sentence(question.text)] : [];
    const counted = measure.unit.kind === 'text' || measure.unit.kind === 'record' ? 'Reported as' : 'Measured in';
    sentences.push(`${counted} ${measure.unit.label}${measure.multiYear ? ', per contract year' : ''}.`);
    if (measure.stage === 'after-award') {
        sentences.push(`A reporting metric: not asked in the bid; the supplier reports it${measure.reportingFrequency ? ` ${measure.reportingFrequency}` : ''} after award.`);
    }
    return sentences.join(' ');
}

function measureOf(compiled: CompiledFramework, code: string): RubricMeasureJson {
    const measure = compiled.rubric.quantitative.measures.find(candidate => candidate.code === code);
    if (!measure) {
        // emit and applyContractProfile only set minimums on the rubric's measures.
        throw new Error(`the minimum commitment on ${code} names no measure of the rubric.`);
    }
    return measure;
}

/** "2.5 no. people FTE over the contract", "£20,000.00 £ invested ...", "80 tonnes CO2e a year". */
function quantityInWords(minimum: MinimumCommitment, measure: RubricMeasureJson): string {
    const amount = measure.unit.kind === 'money'
        ? `${formatPounds(minimum.quantity, { pence: 'always' })}${measure.unit.label === '£' ? '' : ` (${measure.unit.label})`}`
        : `${minimum.quantity} ${measure.unit.label}`;
    return `${amount}${measure.multiYear ? ' a year' : ' over the contract'}`;
}

/** The UK extension's Period.durationInMonths is a whole number of months: another duration is left out. */
function wholeMonths(months: number | null): number | null {
    return months !== null && Number.isInteger(months) && months > 0 ? months : null;
}

function sentence(text: string): string {
    const trimmed = text.trim();
    return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Checks a release against schemas/ocds-release-fragment.schema.json (compiled at build time); every error is returned. */
export function validateOcdsReleaseFragment(value: unknown): ErrorObject[] {
    const validate = (generatedValidators as unknown as Record<'ocdsReleaseFragment', ValidateFunction>).ocdsReleaseFragment;
    return validate(value) ? [] : [...(validate.errors ?? [])];
}
