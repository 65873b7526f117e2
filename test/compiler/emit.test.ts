import { beforeAll, describe, expect, test } from 'vitest';
import { compileFramework, emitCompiledFramework, type CompiledFramework, type Question } from '../../compiler/index.js';
import { loadFixture, loadSources, frameworkOf } from './fixture-loading.js';
import { expectValid, isValid } from './schema-assertions.js';

/** Provenance of something the county fixture declares itself, unchanged. */
const COUNTY = { framework: { id: 'eastshire', version: '2.1.0' }, overrides: [] };

describe('emit the untailored county framework', () => {
    let compiled: CompiledFramework;
    const question = (id: string): Question => compiled.questionSet.questions.find(candidate => candidate.id === id)!;
    beforeAll(async () => {
        const { services, entry } = await loadFixture('county');
        compiled = compileFramework(frameworkOf({ services, entry }));
    });

    test('both outputs follow their schemas', () => {
        expectValid('question-set.schema.json', compiled.questionSet);
        expectValid('rubric.schema.json', compiled.rubric);
    });

    test('the untailored question set carries the rules and no tailoring', () => {
        const { questionSet } = compiled;
        expect(questionSet.schemaVersion).toBe('1.4.0');
        expect(questionSet.profile).toBeNull();
        expect(questionSet.ruleApplied).toBeNull();
        expect(questionSet.socialValueAsked).toBe(true);
        expect(questionSet.weighting).toBe(10);
        expect(questionSet.selection).toEqual({ minMeasures: null, maxMeasures: null, requiredThemes: [], requiredOutcomes: [], minimumCommitments: [] });
        expect(questionSet.targets).toEqual({ minimumSvRatio: null, minimumSocialValue: null, kpis: null });
        expect(questionSet.rules!.map(rule => rule.id)).toEqual(['bigWorks', 'noAskSmall', 'light', 'standard', 'major']);
        expect(questionSet.warnings).toEqual([]);
    });

    test('a commitment question is the measure as a supplier answers it', () => {
        expect(question('NT1')).toEqual({
            id: 'NT1', kind: 'commitment', title: 'Local people employed',
            text: 'How many full-time equivalent local people will you employ on the contract?',
            guidance: 'Count each person once, as FTE x years.', evidence: 'Payroll records',
            unit: { id: 'FTE', label: 'no. people FTE', kind: 'quantity' },
            answer: { type: 'number', minimum: 0, maximum: null, wholeNumbers: true, options: null, description: null },
            theme: 'jobs', outcome: 'localEmployment', outcomes: null, categories: [], recordOnly: false,
            wordLimit: null, scale: null, weight: null, codes: [], tags: [], stage: 'bid', reportingFrequency: null, horizonMonths: null, provenance: COUNTY
        });
    });

    test('answers in money are money strings; percentages are numbers', () => {
        expect(question('NT18').answer).toEqual({ type: 'money', minimum: '0.00', maximum: '10000000.00', wholeNumbers: false, options: null, description: null });
        expect(question('RE2').answer).toEqual({ type: 'percentage', minimum: null, maximum: 100, wholeNumbers: false, options: null, description: null });
        expect(question('RE1')).toMatchObject({ recordOnly: true, unit: { kind: 'record' }, answer: { type: 'number' } });
    });

    test('method statements and gates are questions too', () => {
        expect(question('MS2')).toEqual({
            id: 'MS2', kind: 'method-statement', title: 'Carbon plan',
            text: 'Describe how you will cut carbon emissions on the contract.', guidance: 'Include a timeline.', evidence: null,
            unit: null, answer: { type: 'text', minimum: null, maximum: null, wholeNumbers: false, options: null, description: null },
            theme: 'environment', outcome: null, outcomes: ['carbon', 'localSupply'], categories: [], recordOnly: false,
            wordLimit: 300, scale: 'fivePoint', weight: { kind: 'percentage', value: 40 }, codes: [], tags: [], stage: 'bid', reportingFrequency: null, horizonMonths: null, provenance: COUNTY
        });
        expect(question('livingWage')).toMatchObject({ kind: 'pass-fail', answer: { type: 'yes-no' }, evidence: 'Living Wage Foundation accreditation' });
        expect(compiled.questionSet.gates).toEqual(['livingWage']);
    });

    test('sections follow themes and outcomes; method statements sit under their first outcome; empty outcomes are left out', () => {
        expect(compiled.questionSet.sections.map(section => [section.theme, section.outcomes.map(outcome => [outcome.outcome, outcome.questions])])).toEqual([
            ['jobs', [['localEmployment', ['NT1', 'NT3', 'MS1']]]],
            ['growth', [['localSupply', ['NT18']]]],
            ['social', [['strongerCommunities', ['NT28', 'NT29']]]],
            ['environment', [['carbon', ['RE1', 'RE2', 'MS2']]]]
        ]);
        expect(compiled.questionSet.sections[0]).toMatchObject({ title: 'Jobs', outcomes: [{ title: 'More local people in employment' }] });
    });

    test('the rubric values each measure with its proxy, to the penny; record-only and unmonetised measures are not scored', () => {
        const nt1 = compiled.rubric.quantitative.measures.find(measure => measure.code === 'NT1')!;
        expect(nt1.proxy).toEqual({
            id: 'localJob', title: 'A local person employed for a year', value: '28560.00', priceYear: 2024,
            source: 'Illustrative value after ONS ASHE (2024 prices)',
            deadweight: 10, attribution: 5, displacement: 0, dropOff: 0, netValuePerUnit: '24418.80', provenance: COUNTY
        });
        const recordOnly = compiled.rubric.quantitative.measures.filter(measure => measure.proxy === null).map(measure => [measure.code, measure.recordOnly]);
        expect(recordOnly).toEqual([['RE1', true], ['RE2', true]]);
        expect(question('RE2').recordOnly).toBe(false);
    });

    test('the rubric splits the marks and explains the relative method', () => {
        const { quantitative, qualitative } = compiled.rubric;
        expect(quantitative).toMatchObject({ method: 'relative', target: null, shareOfSocialValueMarks: 70, shareOfTotalMarks: 7 });
        expect(quantitative.description).toContain("(the bid's net social value / the highest net social value among the bids not disqualified) x the quantitative marks available");
        expect(qualitative.shareOfSocialValueMarks).toBe(30);
        expect(qualitative.shareOfTotalMarks).toBe(3);
        expect(qualitative.questions.map(q => [q.id, q.weight])).toEqual([['MS1', { kind: 'percentage', value: 60 }], ['MS2', { kind: 'percentage', value: 40 }]]);
        expect(qualitative.questions[0]!.scale!.levels[3]).toEqual({ score: 5, label: 'Excellent', descriptor: 'Specific, timed, evidenced commitments with a delivery plan' });
        expect(compiled.rubric.gates).toEqual([{ id: 'livingWage', title: 'Real Living Wage', text: 'Will you pay everyone working on the contract at least the Real Living Wage?', provenance: COUNTY }]);
    });

    test('emit is the same function compileFramework runs', async () => {
        const { services, entry } = await loadFixture('county');
        expect(emitCompiledFramework(frameworkOf({ services, entry }))).toEqual(compiled);
    });
});

describe('the schemas reject what the compiler must never write', () => {
    let compiled: CompiledFramework;
    beforeAll(async () => {
        const { services, entry } = await loadFixture('county');
        compiled = compileFramework(frameworkOf({ services, entry }));
    });

    test('money as a number, a missing field, or rules in a tailored document', () => {
        const moneyAsNumber = structuredClone(compiled.rubric) as unknown as { quantitative: { measures: Array<{ proxy: { value: unknown } }> } };
        moneyAsNumber.quantitative.measures[0]!.proxy.value = 28560;
        expect(isValid('rubric.schema.json', moneyAsNumber)).toBe(false);
        const { weighting: _weighting, ...withoutWeighting } = compiled.questionSet;
        expect(isValid('question-set.schema.json', withoutWeighting)).toBe(false);
        const tailoredWithRules = { ...compiled.questionSet, profile: { contractValue: '1.00', category: 'works', durationMonths: null, flags: [] } };
        expect(isValid('question-set.schema.json', tailoredWithRules)).toBe(false);
    });
});

describe('an absolute method with a money target', () => {
    test('the rubric gives the target in pounds and the capped formula', async () => {
        const { services, entry } = await loadSources({
            '/abs/framework.svf': 'framework abs { version 1.0.0 }\nunit FTE "no. people FTE"\ntheme jobs { outcome o { measure NT1 { unit FTE proxy £10 { source "s" } ask "How many?" } } }\nevaluation { weighting 12.5% method absolute target £500k }\n'
        });
        const { rubric } = compileFramework(frameworkOf({ services, entry }));
        expect(rubric.weighting).toBe(12.5);
        expect(rubric.quantitative).toMatchObject({ method: 'absolute', target: { kind: 'money', percent: null, amount: '500000.00' }, shareOfSocialValueMarks: 100, shareOfTotalMarks: 12.5 });
        expect(rubric.quantitative.description).toBe("Quantitative marks = (the bid's net social value / the target of £500,000) x the quantitative marks available, capped at the full quantitative marks. A bid's net social value is the sum, over its commitments, of quantity x the measure's net value per unit (record-only and unmonetised measures are not scored).");
        expect(rubric.qualitative).toEqual({
            description: "Qualitative marks = the sum over the method statements of (the level the evaluators give / the top score of the question's scale) x the question's share of the qualitative marks available.",
            shareOfSocialValueMarks: 0, shareOfTotalMarks: 0, questions: []
        });
    });
});
