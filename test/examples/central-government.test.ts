/**
 * The central government example: a framework after the Social Value Model (PPN 002).
 * The buyer chooses the policy outcomes per contract and one rule asks exactly those;
 * method statements are marked 0-100 with a pass mark; reporting metrics are asked after
 * award only; contracts worth more than £5m a year need a Carbon Reduction Plan.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, type CompiledFramework } from '../../compiler/index.js';
import { compileExample, example, idsOfKind, loadExample, profileOf, questionsOfKind, type LoadedExample } from './example-frameworks.js';

const centralGovernment = example('central-government');
let loaded: LoadedExample;
let untailored: CompiledFramework;

beforeAll(async () => {
    loaded = await loadExample(centralGovernment);
    untailored = compileExample(loaded).compiled;
});

const compiledFor = (profile: string) => compileExample(loaded, profileOf(centralGovernment, profile)).compiled;

const THEMES = ['covidRecovery', 'economicInequality', 'climateChange', 'equalOpportunity', 'wellbeing'];
const OUTCOMES = [
    'communityRecovery', 'newJobsAndSkills', 'supplyChainResilience', 'environmentalStewardship',
    'disabilityEmploymentGap', 'workforceInequality', 'healthAndWellbeing', 'communityCohesion'
];

describe('the framework', () => {
    test('checks clean: no errors and no warnings', () => {
        expect(loaded.problems).toEqual([]);
    });

    test("the model's five themes and eight policy outcomes, one method statement per outcome", () => {
        const { sections } = untailored.questionSet;
        expect(sections.map(section => section.theme)).toEqual(THEMES);
        expect(sections.flatMap(section => section.outcomes.map(outcome => outcome.outcome))).toEqual(OUTCOMES);
        expect(questionsOfKind(untailored.questionSet, 'method-statement').map(question => question.outcomes)).toEqual(OUTCOMES.map(outcome => [outcome]));
    });

    test('method statements are marked 0-100 in steps of 20, and a response below 20 fails the bid', () => {
        for (const question of untailored.rubric.qualitative.questions) {
            expect(question.scale?.levels.map(level => level.score), question.id).toEqual([0, 20, 40, 60, 80, 100]);
            expect(question.minimumLevel, question.id).toBe(20);
        }
        expect(untailored.rubric.scoring.qualitative.belowMinimumLevel).toBe('disqualify');
    });

    test('nothing is valued in £: all the social value marks go to the method statements', () => {
        expect(untailored.rubric.quantitative.shareOfSocialValueMarks).toBe(0);
        expect(untailored.rubric.qualitative.shareOfSocialValueMarks).toBe(100);
        expect(untailored.rubric.quantitative.measures.every(measure => measure.recordOnly && measure.proxy === null)).toBe(true);
    });

    test('the reporting metrics are asked after award, quarterly or annually, with their codes and tags', () => {
        const metrics = questionsOfKind(untailored.questionSet, 'commitment');
        expect(metrics).toHaveLength(16);
        for (const metric of metrics) {
            expect(metric.stage, metric.id).toBe('after-award');
            expect(['quarterly', 'annually'], metric.id).toContain(metric.reportingFrequency);
            expect(metric.codes, metric.id).toEqual([expect.stringMatching(/^MAC[1-8]\.[1-3]$/)]);
        }
        expect(metrics.find(metric => metric.id === 'CG2a')).toMatchObject({
            title: 'Employment opportunities created', stage: 'after-award', reportingFrequency: 'quarterly',
            codes: ['MAC2.1'], tags: ['ppn.tacklingInequality', 'sdg8']
        });
    });

    test('the profile it reads: the policy outcomes chosen for the contract', () => {
        expect(untailored.questionSet.profileFacts).toMatchObject({
            declared: true, flags: [], choices: [], sets: [],
            chosen: [{ kind: 'outcomes', title: 'Policy outcomes chosen for this contract' }]
        });
    });

    test('one criterion, social value, at least 10% of the total score (PPN 002)', () => {
        expect(untailored.rubric.criteria).toEqual([expect.objectContaining({ id: 'socialValue', weighting: 10, weightingMinimum: 10 })]);
    });
});

describe('a £2.4m services contract over 36 months, outcome: new businesses, jobs and skills', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('services-2.4m-jobs.json');
    });

    test('gets the covered procurement rule, at £800,000 a year', () => {
        expect(compiled.questionSet.ruleApplied?.id).toBe('coveredProcurement');
        expect(compiled.questionSet.profile).toMatchObject({
            contractValue: '2400000.00', category: 'services', durationMonths: 36, annualValue: '800000.00',
            chosen: { outcomes: ['newJobsAndSkills'], themes: [] }
        });
    });

    test("is asked that outcome's method statement and reporting metrics only, at the 10% floor", () => {
        const { questionSet } = compiled;
        expect(idsOfKind(questionSet, 'method-statement')).toEqual(['jobsAndSkillsStatement']);
        expect(idsOfKind(questionSet, 'commitment')).toEqual(['CG2a', 'CG2b', 'CG2c']);
        expect(questionSet.gates).toEqual([]);
        expect(questionSet.weighting).toBe(10);
        expect(questionSet.targets.kpis).toBeNull();
    });
});

describe('an £18m services contract over 24 months, outcomes: environment and wellbeing, weighting raised to 15%', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('services-18m-climate-wellbeing.json');
    });

    test('is worth £9m a year, so the Carbon Reduction Plan rule applies', () => {
        expect(compiled.questionSet.ruleApplied?.id).toBe('largeAnnual');
        expect(compiled.questionSet.profile).toMatchObject({ annualValue: '9000000.00', weightings: { socialValue: 15 } });
        expect(compiled.questionSet.gates).toEqual(['carbonReductionPlan']);
        expect(compiled.questionSet.targets.kpis).toBe(3);
    });

    test('asks the two chosen outcomes, weighted at the 15% the buyer set', () => {
        const { questionSet, rubric } = compiled;
        expect(idsOfKind(questionSet, 'method-statement')).toEqual(['environmentStatement', 'wellbeingStatement']);
        expect(idsOfKind(questionSet, 'commitment')).toEqual(['CG4a', 'CG4b', 'CG7a', 'CG7b']);
        expect(questionSet.weighting).toBe(15);
        expect(rubric.criteria).toEqual([expect.objectContaining({ id: 'socialValue', weighting: 15, weightingMinimum: 10 })]);
    });
});

describe('a £3m works contract', () => {
    test('is under the works threshold: the model is not applied', () => {
        const { questionSet } = compiledFor('works-3m.json');
        expect(questionSet.ruleApplied?.id).toBe('belowThreshold');
        expect(questionSet.socialValueAsked).toBe(false);
        expect(questionSet.questions).toEqual([]);
    });
});

describe('what the buyer may and may not set', () => {
    test('a short contract worth more than £5m a year but £5m or less in all: the plan, no KPIs', () => {
        const { questionSet } = applyContractProfile(untailored, {
            contractValue: 4_000_000, category: 'services', durationMonths: 6, chosen: { outcomes: ['communityCohesion'] }
        });
        expect(questionSet.ruleApplied?.id).toBe('shortIntensive');
        expect(questionSet.gates).toEqual(['carbonReductionPlan']);
        expect(questionSet.targets.kpis).toBeNull();
    });

    test('a weighting below the 10% floor is refused, with the path to the bad value', () => {
        expect(() => applyContractProfile(untailored, {
            contractValue: 2_400_000, category: 'services', durationMonths: 36,
            chosen: { outcomes: ['newJobsAndSkills'] }, weightings: { socialValue: 5 }
        })).toThrow(/weightings\/socialValue/);
    });

    test('an outcome the framework does not declare is refused', () => {
        expect(() => applyContractProfile(untailored, {
            contractValue: 2_400_000, category: 'services', durationMonths: 36, chosen: { outcomes: ['jobs'] }
        })).toThrow(/chosen\/outcomes/);
    });
});
