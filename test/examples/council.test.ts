/**
 * Eastshire County Council's framework: the national baseline adopted by import, local
 * measures, its own evaluation and a local rule that wins over the baseline's for major works.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, type CompiledFramework, type ContractCategory } from '../../compiler/index.js';
import { compileExample, example, idsOfKind, loadExample, profileOf, type LoadedExample } from './example-frameworks.js';

const council = example('council');
let loaded: LoadedExample;
let untailored: CompiledFramework;

beforeAll(async () => {
    loaded = await loadExample(council);
    untailored = compileExample(loaded).compiled;
});

const compiledFor = (profile: string) => compileExample(loaded, profileOf(council, profile)).compiled;
const LOCAL_MEASURES = ['ESC1', 'ESC1a', 'ESC2', 'ESC2a', 'ESC3'];
/** The council imports the baseline's files (it does not extend it), so their rules are its own. */
const BASELINE_RULE = { framework: { id: 'eastshire.socialValue', version: '1.3.0' }, overrides: [] };

describe('the framework Eastshire publishes', () => {
    test("Eastshire's identity, not the baseline's", () => {
        expect(untailored.questionSet.framework).toMatchObject({
            id: 'eastshire.socialValue', title: 'Eastshire County Council Social Value Framework', version: '1.3.0',
            publisher: 'Eastshire County Council, Strategic Procurement', priceYear: 2025
        });
    });

    test("the baseline's five themes and 33 measures, then the local theme with ESC measures", () => {
        const { sections } = untailored.questionSet;
        expect(sections.map(section => section.theme)).toEqual(['jobs', 'growth', 'social', 'environment', 'innovation', 'eastshire']);
        const commitments = idsOfKind(untailored.questionSet, 'commitment');
        expect(commitments).toHaveLength(38);
        expect(commitments.slice(-5)).toEqual(LOCAL_MEASURES);
        expect(sections.at(-1)?.outcomes.map(outcome => outcome.outcome)).toEqual(['careLeavers', 'constructionSkills', 'coastalRural']);
    });

    test('local measures reuse baseline units and proxies, and bring a local proxy of their own', () => {
        const measure = (code: string) => untailored.rubric.quantitative.measures.find(candidate => candidate.code === code);
        expect(measure('ESC1')?.proxy).toMatchObject({ id: 'disadvantagedJob', netValuePerUnit: '24097.50' });
        // £210 a week less 25% attribution to the council's leaving care service.
        expect(measure('ESC1a')?.proxy).toMatchObject({ id: 'careLeaverWeek', value: '210.00', attribution: 25, netValuePerUnit: '157.50' });
        expect(measure('ESC2')?.unit.label).toBe('no. weeks');
        expect(measure('ESC2a')).toMatchObject({ recordOnly: true, proxy: null });
    });

    test("its own evaluation replaces the baseline's: 70/30 split, scored against 10% of the contract value", () => {
        const { quantitative, qualitative } = untailored.rubric;
        expect(quantitative).toMatchObject({
            method: 'absolute', shareOfSocialValueMarks: 70,
            target: { kind: 'share-of-contract-value', percent: 10, amount: null }
        });
        expect(quantitative.description).toMatch(/capped/);
        expect(qualitative.shareOfSocialValueMarks).toBe(30);
    });

    test("the local rule is tried before the baseline's rules", () => {
        expect(untailored.questionSet.rules?.map(rule => rule.id)).toEqual([
            'eastshireMajorWorks', 'belowThreshold', 'lightAsk', 'standardAsk', 'majorContract', 'strategicContract'
        ]);
    });
});

describe('a £60,000 services contract', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('service-60k.json');
    });

    test('gets the light ask: 5%, one or two measures, no method statements, no gates, no targets', () => {
        const { questionSet } = compiled;
        expect(questionSet.ruleApplied).toEqual({ id: 'lightAsk', title: '£25,000 to £100,000: light ask', provenance: BASELINE_RULE });
        expect(questionSet.socialValueAsked).toBe(true);
        expect(questionSet.weighting).toBe(5);
        expect(questionSet.selection).toEqual({ minMeasures: 1, maxMeasures: 2, requiredThemes: [], requiredOutcomes: [], minimumCommitments: [] });
        expect(idsOfKind(questionSet, 'method-statement')).toEqual([]);
        expect(questionSet.gates).toEqual([]);
        expect(questionSet.targets).toEqual({ minimumSvRatio: null, minimumSocialValue: null, kpis: null });
    });

    test('all the social value marks go to commitments, and the rubric says why', () => {
        const { rubric } = compiled;
        expect(rubric.quantitative.shareOfSocialValueMarks).toBe(100);
        expect(rubric.qualitative).toMatchObject({ shareOfSocialValueMarks: 0, questions: [] });
        expect(rubric.warnings.map(warning => warning.message)).toEqual([expect.stringContaining('30% of the social value marks go to the commitments')]);
    });

    test('is not offered the works-only measures', () => {
        const asked = idsOfKind(compiled.questionSet, 'commitment');
        for (const worksOnly of ['RE11', 'RE14', 'ESC2', 'ESC2a']) expect(asked).not.toContain(worksOnly);
        expect(asked).toEqual(expect.arrayContaining(['NT1', 'NT21', 'NT32', 'ESC1', 'ESC1a', 'ESC3']));
    });
});

describe('a £2.5m works contract over 36 months', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('works-2.5m.json');
    });

    test("gets the baseline's £1m-£5m rule, not the local one", () => {
        expect(compiled.questionSet.ruleApplied).toEqual({ id: 'majorContract', title: '£1m to £5m: full ask', provenance: BASELINE_RULE });
    });

    test('10% weighting, at most 6 measures with at least one from Jobs, and 2.5 local FTE for £2.5m', () => {
        const { questionSet } = compiled;
        expect(questionSet.weighting).toBe(10);
        expect(questionSet.selection).toEqual({
            minMeasures: null, maxMeasures: 6,
            requiredThemes: [{ theme: 'jobs', minMeasures: 1 }], requiredOutcomes: [],
            minimumCommitments: [{ measure: 'NT1', quantity: 2.5, perYear: null, years: null, basis: '1 per £1,000,000 of contract value' }]
        });
        expect(questionSet.targets).toEqual({ minimumSvRatio: 10, minimumSocialValue: '250000.00', kpis: null });
    });

    test('the Real Living Wage gate, but not the Carbon Reduction Plan gate kept for £5m and above', () => {
        expect(compiled.questionSet.gates).toEqual(['realLivingWage']);
        expect(compiled.rubric.gates.map(gate => gate.title)).toEqual(['Real Living Wage']);
    });

    test('works measures are offered and goods/services-only ones are not', () => {
        const asked = idsOfKind(compiled.questionSet, 'commitment');
        expect(asked).toEqual(expect.arrayContaining(['RE11', 'RE14', 'ESC2', 'ESC2a']));
        expect(asked).not.toContain('NT32');
        expect(asked).not.toContain('NT35');
        expect(asked).not.toContain('NT21');
        expect(asked).toHaveLength(35);
    });

    test('marks: 10% of the tender, 7 points for commitments against a £250,000 target and 3 for method statements', () => {
        const { rubric } = compiled;
        expect(rubric.quantitative).toMatchObject({
            shareOfTotalMarks: 7, target: { kind: 'share-of-contract-value', percent: 10, amount: '250000.00' }
        });
        expect(rubric.qualitative.shareOfTotalMarks).toBe(3);
        expect(rubric.qualitative.questions.map(question => question.weight?.value)).toEqual([40, 20, 15, 25]);
    });
});

describe('a £12m lotted works contract', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('works-12m.json');
    });

    test("gets Eastshire's local rule rather than the baseline's £5m rule", () => {
        expect(compiled.questionSet.ruleApplied).toEqual({
            id: 'eastshireMajorWorks', title: 'Works of £10m and above lasting a year or more: Eastshire construction skills pledge',
            provenance: { framework: { id: compiled.questionSet.framework.id, version: compiled.questionSet.framework.version }, overrides: [] }
        });
        expect(compiled.questionSet.profile).toEqual({ contractValue: '12000000.00', category: 'works', durationMonths: 48, flags: ['lotted'], annualValue: '3000000.00', facts: {}, chosen: { outcomes: [], themes: [] }, weightings: {} });
    });

    test('20% weighting, three KPIs, a local priority measure and 312 apprenticeship weeks for Eastshire residents', () => {
        const { questionSet } = compiled;
        expect(questionSet.weighting).toBe(20);
        expect(questionSet.selection).toEqual({
            minMeasures: 3, maxMeasures: 6,
            requiredThemes: [{ theme: 'jobs', minMeasures: 1 }, { theme: 'eastshire', minMeasures: 1 }], requiredOutcomes: [],
            minimumCommitments: [
                { measure: 'NT1', quantity: 12, perYear: null, years: null, basis: '1 per £1,000,000 of contract value' },
                { measure: 'ESC2', quantity: 312, perYear: null, years: null, basis: '26 per £1,000,000 of contract value' }
            ]
        });
        expect(questionSet.targets).toEqual({ minimumSvRatio: 20, minimumSocialValue: '2400000.00', kpis: 3 });
        expect(questionSet.gates).toEqual(['realLivingWage', 'carbonReductionPlan']);
    });

    test('marks: 14 points for commitments against a £1.2m target, 6 for method statements', () => {
        expect(compiled.rubric.quantitative).toMatchObject({ shareOfTotalMarks: 14, target: { amount: '1200000.00' } });
        expect(compiled.rubric.qualitative.shareOfTotalMarks).toBe(6);
    });
});

describe('where the local rule stops', () => {
    const askFor = (contractValue: number | string, category: ContractCategory, durationMonths?: number) =>
        applyContractProfile(untailored, { contractValue, category, durationMonths }).questionSet;

    test('works from exactly £10m lasting a year or more get it', () => {
        expect(askFor(10_000_000, 'works', 12).ruleApplied?.id).toBe('eastshireMajorWorks');
        expect(askFor(250_000_000, 'works', 120).ruleApplied?.id).toBe('eastshireMajorWorks');
    });

    test('works just under £10m, shorter than a year or of unknown duration, and services or goods of any size get the baseline £5m rule', () => {
        expect(askFor('9999999.99', 'works', 36).ruleApplied?.id).toBe('strategicContract');
        expect(askFor(15_000_000, 'works', 11).ruleApplied?.id).toBe('strategicContract');
        expect(askFor(15_000_000, 'works').ruleApplied?.id).toBe('strategicContract');
        expect(askFor(12_000_000, 'services', 48).ruleApplied?.id).toBe('strategicContract');
        expect(askFor(12_000_000, 'goods', 48).ruleApplied?.id).toBe('strategicContract');
    });

    test('apprenticeship weeks are whole: a £10.25m works contract must commit 267 weeks (266.5 rounded up)', () => {
        const { minimumCommitments } = askFor(10_250_000, 'works', 30).selection;
        expect(minimumCommitments).toEqual([
            { measure: 'NT1', quantity: 10.25, perYear: null, years: null, basis: '1 per £1,000,000 of contract value' },
            { measure: 'ESC2', quantity: 267, perYear: null, years: null, basis: '26 per £1,000,000 of contract value, rounded up to a whole number' }
        ]);
    });
});
