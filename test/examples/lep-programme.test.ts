/**
 * The LEP example: one framework across a portfolio of programmes (Growth Deal, City Deal,
 * Boost, Rosebud) in three areas, with a declared contract profile, per-year minimums,
 * horizons, two award criteria, answers that are not numbers and an acknowledged gap.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { compileExample, example, idsOfKind, loadExample, profileOf, questionsOfKind, type LoadedExample } from './example-frameworks.js';

const lep = example('lep-programme');
let loaded: LoadedExample;
let untailored: CompiledFramework;

beforeAll(async () => {
    loaded = await loadExample(lep);
    untailored = compileExample(loaded).compiled;
});

const compiledFor = (profile: string) => compileExample(loaded, profileOf(lep, profile)).compiled;
const askFor = (profile: ContractProfile) => applyContractProfile(untailored, profile).questionSet;
const question = (compiled: CompiledFramework, id: string) => compiled.questionSet.questions.find(candidate => candidate.id === id);

describe('the framework', () => {
    test('checks clean: no errors, and no warnings (the deliberate gap is acknowledged)', () => {
        expect(loaded.problems).toEqual([]);
    });

    test('the sample profiles are a portfolio: one per programme', () => {
        expect(lep.profiles.map(profile => profile.name)).toEqual([
            'boost-business-support-1.58m.json', 'city-deal-housing-6m.json', 'growth-deal-coastal-works-12m.json',
            'growth-deal-net-zero-works-3.2m.json', 'rosebud-loan-fund-2m.json'
        ]);
    });

    test('the profile it reads: programme and area are choices, a housing site is a flag, priorities a set, grants and loans are categories', () => {
        expect(untailored.questionSet.profileFacts).toEqual({
            declared: true,
            flags: [{ id: 'residentialSite', title: 'A City Deal housing site' }],
            choices: [
                { id: 'programme', title: 'Funding programme', values: ['growthDeal', 'cityDeal', 'boost', 'rosebud'] },
                { id: 'area', title: 'Area of the LEP', values: ['east', 'west', 'coastal'] }
            ],
            sets: [{ id: 'priorities', title: 'LEP priorities the contract serves', values: ['housing', 'skills', 'netZero'] }],
            chosen: [],
            categories: ['goods', 'services', 'works', 'grants', 'loans']
        });
    });

    test('two award criteria, social value (at least 5%) and environment (15%), each covering its themes and question', () => {
        expect(untailored.rubric.criteria).toEqual([
            expect.objectContaining({ id: 'socialValue', title: 'Social value', weighting: 5, weightingMinimum: 5, themes: ['jobs', 'skills', 'growth'], questions: ['employmentPlan'] }),
            expect.objectContaining({ id: 'environment', title: 'Environment', weighting: 15, weightingMinimum: null, themes: ['environment'], questions: ['environmentPlan'] })
        ]);
        expect(untailored.rubric.quantitative.measureCap).toBe(40);
    });

    test('codes map local measures onto the national set; tags name the SDGs', () => {
        expect(question(untailored, 'LEP1')).toMatchObject({ codes: ['NT1'], tags: ['sdg8', 'sdg10'] });
        expect(question(untailored, 'NT8')).toMatchObject({ codes: ['lgf.apprenticeships'], tags: ['sdg4'] });
    });

    test('horizons: a year of employment, a 52-week apprenticeship; measures without one have none', () => {
        expect(question(untailored, 'NT1')?.horizonMonths).toBe(12);
        expect(question(untailored, 'LEP1')?.horizonMonths).toBe(12);
        expect(question(untailored, 'NT8')?.horizonMonths).toBe(12);
        expect(question(untailored, 'NT18')?.horizonMonths).toBeNull();
    });

    test('answers that are not numbers: yes or no, one of a list, an attachment, text; a reporting metric after award', () => {
        expect(question(untailored, 'LEP5')?.answer).toMatchObject({ type: 'yes-no' });
        expect(question(untailored, 'LEP6')?.answer).toMatchObject({ type: 'choice', options: ['Supporter', 'Member', 'Accredited employer'] });
        expect(question(untailored, 'LEP7')?.answer).toMatchObject({ type: 'attachment', description: 'A timed employment and skills plan for the contract, with named roles and dates' });
        expect(question(untailored, 'LEP8')).toMatchObject({ answer: { type: 'text' }, wordLimit: 300, stage: 'after-award', reportingFrequency: 'annually' });
        expect(question(untailored, 'LEP4')).toMatchObject({ stage: 'after-award', reportingFrequency: 'annually' });
        expect(question(untailored, 'NT1')).toMatchObject({ stage: 'bid', reportingFrequency: null });
    });
});

describe('a Growth Deal site in the coastal area: £12m works over 30 months', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('growth-deal-coastal-works-12m.json');
    });

    test('gets the coastal rule: at least one measure from the coastal jobs outcome', () => {
        const { questionSet } = compiled;
        expect(questionSet.ruleApplied?.id).toBe('coastalSites');
        expect(questionSet.profile).toMatchObject({ annualValue: '4800000.00', facts: { area: 'coastal', programme: 'growthDeal' } });
        expect(questionSet.selection.requiredOutcomes).toEqual([{ outcome: 'coastalJobs', minMeasures: 1 }]);
    });

    test('4.8 coastal residents employed (FTE) a year: 1 per £1m of the £4.8m annual value, for 2.5 years: 12 in all', () => {
        expect(compiled.questionSet.selection.minimumCommitments).toEqual([
            expect.objectContaining({ measure: 'LEP1', quantity: 12, perYear: 4.8, years: 2.5 })
        ]);
    });
});

describe('a Growth Deal site serving net zero (and skills): £3.2m works over 24 months', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('growth-deal-net-zero-works-3.2m.json');
    });

    test('gets the net zero rule: the environment criterion weighs 20%, one environment measure at least', () => {
        const { questionSet, rubric } = compiled;
        expect(questionSet.ruleApplied?.id).toBe('netZeroSites');
        expect(questionSet.profile).toMatchObject({ facts: { area: 'east', priorities: ['netZero', 'skills'], programme: 'growthDeal' } });
        expect(rubric.criteria.map(criterion => [criterion.id, criterion.weighting])).toEqual([['socialValue', 5], ['environment', 20]]);
        expect(questionSet.weighting).toBe(25);
        expect(questionSet.selection.requiredThemes).toEqual([{ theme: 'environment', minMeasures: 1 }]);
    });

    test('80 tonnes CO2e saved a year: 50 per £1m of the £1.6m annual value, 160 over the two years', () => {
        expect(compiled.questionSet.selection.minimumCommitments).toEqual([
            expect.objectContaining({ measure: 'NT31', quantity: 160, perYear: 80, years: 2 })
        ]);
    });

    test('without the net zero priority, the same site gets the general Growth Deal rule', () => {
        const questionSet = askFor({ ...profileOf(lep, 'growth-deal-net-zero-works-3.2m.json'), facts: { programme: 'growthDeal', area: 'east', priorities: ['skills'] } });
        expect(questionSet.ruleApplied?.id).toBe('majorSites');
    });
});

describe('a City Deal housing site: £6m works over 48 months', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('city-deal-housing-6m.json');
    });

    test('gets the housing rule, with both criteria weighted: 10% social value, 15% environment', () => {
        const { questionSet, rubric } = compiled;
        expect(questionSet.ruleApplied?.id).toBe('cityDealHousing');
        expect(questionSet.profile).toMatchObject({ flags: ['residentialSite'], facts: { area: 'east', programme: 'cityDeal' } });
        expect(rubric.criteria.map(criterion => [criterion.id, criterion.weighting])).toEqual([['socialValue', 10], ['environment', 15]]);
        expect(questionSet.targets.kpis).toBe(3);
    });

    test('per year of the £1.5m annual value: 1.5 local FTE and 39 apprenticeship weeks, for 4 years', () => {
        expect(compiled.questionSet.selection.minimumCommitments).toEqual([
            expect.objectContaining({ measure: 'NT1', quantity: 6, perYear: 1.5, years: 4 }),
            expect.objectContaining({ measure: 'NT8', quantity: 156, perYear: 39, years: 4 })
        ]);
    });
});

describe('a Boost business support contract: £1.58m services over 36 months', () => {
    let compiled: CompiledFramework;
    beforeAll(() => {
        compiled = compiledFor('boost-business-support-1.58m.json');
    });

    test('gets the business support rule: jobs and growth measures, the employment plan, a 70/30 split', () => {
        const { questionSet, rubric } = compiled;
        expect(questionSet.ruleApplied?.id).toBe('businessSupport');
        expect(new Set(questionsOfKind(questionSet, 'commitment').map(commitment => commitment.theme))).toEqual(new Set(['jobs', 'growth']));
        expect(idsOfKind(questionSet, 'method-statement')).toEqual(['employmentPlan']);
        expect(rubric.quantitative.shareOfSocialValueMarks).toBe(70);
        expect(rubric.criteria.find(criterion => criterion.id === 'environment')?.weighting).toBe(5);
    });

    test('100 expert hours for local SMEs every year, whatever the value', () => {
        expect(compiled.questionSet.selection.minimumCommitments).toEqual([
            expect.objectContaining({ measure: 'LEP2', quantity: 300, perYear: 100, years: 3 })
        ]);
    });
});

describe('a Rosebud loan: £2m over 60 months, category loans', () => {
    test('borrowers report the jobs the loan creates or safeguards, and sign the charter', () => {
        const { questionSet } = compiledFor('rosebud-loan-fund-2m.json');
        expect(questionSet.ruleApplied?.id).toBe('loanFund');
        expect(questionSet.profile?.category).toBe('loans');
        expect(idsOfKind(questionSet, 'commitment')).toEqual(['LEP5', 'LEP4']);
    });
});

describe('the edges of the portfolio', () => {
    const boost = { contractValue: 1_580_000, category: 'services', durationMonths: 36 } as const;

    test('a mis-cased programme is an error that names the declared values, not a silent fallback', () => {
        expect(() => askFor({ ...boost, facts: { programme: 'Boost', area: 'west' } })).toThrow(/\/facts\/programme[\s\S]*boost/);
    });

    test('a profile without the programme is an error', () => {
        expect(() => askFor({ ...boost, facts: { area: 'west' } })).toThrow(/programme/);
    });

    test('the social value weighting may be raised in the profile, never below its 5% floor', () => {
        const facts = { programme: 'boost', area: 'west' };
        expect(askFor({ ...boost, facts, weightings: { socialValue: 12 } }).profile?.weightings).toEqual({ socialValue: 12 });
        expect(() => askFor({ ...boost, facts, weightings: { socialValue: 4 } })).toThrow(/weightings\/socialValue/);
    });

    test('a grant under £25,000 matches no rule: the acknowledged gap', () => {
        expect(askFor({ contractValue: 20_000, category: 'grants', durationMonths: 12, facts: { programme: 'boost', area: 'east' } }).ruleApplied).toBeNull();
    });

    test('a 9-month grant is not asked a year of employment: the grants rule excludes outlasting measures', () => {
        const questionSet = askFor({ contractValue: 60_000, category: 'grants', durationMonths: 9, facts: { programme: 'growthDeal', area: 'west' } });
        expect(questionSet.ruleApplied?.id).toBe('grants');
        expect(idsOfKind(questionSet, 'commitment')).not.toContain('NT1');
        expect(idsOfKind(questionSet, 'commitment')).not.toContain('NT8');
        expect(questionSet.warnings.map(warning => warning.code)).toContain('profile/outlasting-excluded');
    });
});
