import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, PortalInputError, TailoringWarningCodes, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { expectValid } from '../compiler/schema-assertions.js';
import { compileTimeFramework, TIME_FRAMEWORK } from './time-fixture.js';

let compiled: CompiledFramework;
beforeAll(async () => {
    compiled = await compileTimeFramework();
});

function tailor(profile: ContractProfile, from: CompiledFramework = compiled): CompiledFramework {
    const tailored = applyContractProfile(from, profile);
    expectValid('question-set.schema.json', tailored.questionSet);
    expectValid('rubric.schema.json', tailored.rubric);
    return tailored;
}

const ids = (tailored: CompiledFramework) => tailored.questionSet.questions.map(question => question.id);

describe('horizons and the policy in the untailored outputs', () => {
    test('each commitment carries its horizon in months: 1 year and 52 weeks are 12; none is null', () => {
        expectValid('question-set.schema.json', compiled.questionSet);
        expectValid('rubric.schema.json', compiled.rubric);
        expect(compiled.questionSet.questions.map(question => [question.id, question.horizonMonths])).toEqual([['NT1', 12], ['NT1y', null], ['NT3', 12], ['LS1', null]]);
    });

    test("the evaluation's policy travels in both documents, for a portal to tailor with", () => {
        expect(compiled.questionSet.outlasting).toBe('exclude');
        expect(compiled.rubric.outlasting).toBe('exclude');
    });

    test('26 weeks is 6 months, 2 years is 24', async () => {
        const other = await compileTimeFramework(TIME_FRAMEWORK.replace('horizon 1 year', 'horizon 2 years').replace('horizon 52 weeks', 'horizon 26 weeks'));
        expect(other.questionSet.questions.map(question => question.horizonMonths)).toEqual([24, null, 6, null]);
    });
});

describe('outlasting measures exclude', () => {
    test('a 4-month contract is not asked the 12-month measures, and the buyer is told which and why', () => {
        const tailored = tailor({ contractValue: 200_000, category: 'services', durationMonths: 4 });
        expect(tailored.questionSet.ruleApplied?.id).toBe('short');
        expect(tailored.questionSet.outlasting).toBe('exclude');
        expect(tailored.rubric.outlasting).toBe('exclude');
        expect(ids(tailored)).toEqual(['NT1y', 'LS1']);
        expect(tailored.rubric.quantitative.measures.map(measure => measure.code)).toEqual(['NT1y', 'LS1']);
        expect(tailored.questionSet.warnings.filter(warning => warning.code === TailoringWarningCodes.OutlastingExcluded)).toEqual([
            { code: 'profile/outlasting-excluded', message: "Measure 'NT1' takes 12 months to deliver (its horizon), longer than this 4-month contract, so it is not asked (`outlasting measures exclude`)." },
            { code: 'profile/outlasting-excluded', message: "Measure 'NT3' takes 12 months to deliver (its horizon), longer than this 4-month contract, so it is not asked (`outlasting measures exclude`)." }
        ]);
        // The rule's minimum of an excluded measure is dropped, as for any measure not asked.
        expect(tailored.questionSet.selection.minimumCommitments).toEqual([]);
        expect(tailored.questionSet.warnings.map(warning => warning.code)).toContain('profile/minimum-commitment-not-asked');
    });

    test('a contract as long as the horizon is asked everything', () => {
        const tailored = tailor({ contractValue: 200_000, category: 'services', durationMonths: 12 });
        expect(ids(tailored)).toEqual(['NT1', 'NT1y', 'NT3', 'LS1']);
        expect(tailored.questionSet.warnings).toEqual([]);
    });

    test('without a duration nothing outlasts the contract', () => {
        const tailored = tailor({ contractValue: 200_000, category: 'services' });
        expect(ids(tailored)).toEqual(['NT1', 'NT1y', 'NT3', 'LS1']);
        expect(tailored.questionSet.warnings.map(warning => warning.code)).not.toContain('profile/outlasting-excluded');
    });
});

describe("outlasting measures scale (the rule's policy replaces the evaluation's)", () => {
    test("a 9-month contract keeps the measures, and their minimums are scaled by 9/12", () => {
        const tailored = tailor({ contractValue: 200_000, category: 'services', durationMonths: 9 });
        expect(tailored.questionSet.ruleApplied?.id).toBe('scaled');
        expect(tailored.questionSet.outlasting).toBe('scale');
        expect(tailored.rubric.outlasting).toBe('scale');
        expect(ids(tailored)).toEqual(['NT1', 'NT1y', 'NT3', 'LS1']);
        expect(tailored.questionSet.selection.minimumCommitments).toEqual([
            { measure: 'NT3', quantity: 39, perYear: null, years: null, basis: 'a fixed minimum of 52, whatever the contract value, scaled by 9/12 (a 9-month contract, a 12-month horizon) to 39' },
            { measure: 'NT1', quantity: 2, perYear: null, years: null, basis: 'a fixed minimum of 2, whatever the contract value, scaled by 9/12 (a 9-month contract, a 12-month horizon) to 1.5, rounded up to a whole number' }
        ]);
        expect(tailored.questionSet.warnings).toEqual([
            { code: 'profile/outlasting-scaled', message: "Measure 'NT1' takes 12 months to deliver (its horizon), longer than this 9-month contract, so it is asked with any minimum commitment of it scaled by 9/12 (`outlasting measures scale`)." },
            { code: 'profile/outlasting-scaled', message: "Measure 'NT3' takes 12 months to deliver (its horizon), longer than this 9-month contract, so it is asked with any minimum commitment of it scaled by 9/12 (`outlasting measures scale`)." }
        ]);
        expect(tailored.questionSet.questions.find(question => question.id === 'NT3')?.answer.minimum).toBe(39);
    });
});

describe('no policy', () => {
    test('outlasting measures are asked as before, without warnings', async () => {
        const noPolicy = await compileTimeFramework(TIME_FRAMEWORK.replace('    outlasting measures exclude\n', '').replace('    outlasting measures scale\n', ''));
        expect(noPolicy.questionSet.outlasting).toBeNull();
        const tailored = tailor({ contractValue: 200_000, category: 'services', durationMonths: 4 }, noPolicy);
        expect(tailored.questionSet.outlasting).toBeNull();
        expect(ids(tailored)).toEqual(['NT1', 'NT1y', 'NT3', 'LS1']);
        expect(tailored.questionSet.selection.minimumCommitments).toEqual([{ measure: 'NT3', quantity: 10, perYear: null, years: null, basis: 'a fixed minimum of 10, whatever the contract value' }]);
        expect(tailored.questionSet.warnings).toEqual([]);
    });
});

describe('the policy is part of the untailored input a portal passes', () => {
    test('a rubric whose policy is not the question set\'s is refused with its path', () => {
        const tampered = { questionSet: compiled.questionSet, rubric: { ...compiled.rubric, outlasting: 'scale' as const } };
        expect(() => applyContractProfile(tampered, { contractValue: 200_000, category: 'services', durationMonths: 4 })).toThrow(PortalInputError);
        try {
            applyContractProfile(tampered, { contractValue: 200_000, category: 'services', durationMonths: 4 });
        } catch (error) {
            expect((error as PortalInputError).path).toBe('/rubric/outlasting');
        }
    });

    test('a policy that is not exclude, scale or null is refused by the schema', () => {
        const tampered = { questionSet: { ...compiled.questionSet, outlasting: 'drop' }, rubric: compiled.rubric } as unknown as CompiledFramework;
        expect(() => applyContractProfile(tampered, { contractValue: 200_000, category: 'services', durationMonths: 4 })).toThrow(/\/questionSet\/outlasting/);
    });
});
