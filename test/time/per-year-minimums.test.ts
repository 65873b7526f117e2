import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, compileFramework, ProfileError, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { exactMinimum, roundedUp } from '../../compiler/contract-years.js';
import { scoreBids } from '../../compiler/scoring/score-bids.js';
import { Decimal } from '../../model/amounts.js';
import { frameworkOf, loadSources } from '../compiler/fixture-loading.js';
import { expectValid } from '../compiler/schema-assertions.js';
import { compileTimeFramework, TIME_FRAMEWORK } from './time-fixture.js';

let compiled: CompiledFramework;
beforeAll(async () => {
    compiled = await compileTimeFramework();
});

/** Tailors with the portal API and checks both outputs against the schemas. */
function tailor(profile: ContractProfile): CompiledFramework {
    const tailored = applyContractProfile(compiled, profile);
    expectValid('question-set.schema.json', tailored.questionSet);
    expectValid('rubric.schema.json', tailored.rubric);
    return tailored;
}

const minimumOf = (tailored: CompiledFramework, measure: string) => tailored.questionSet.selection.minimumCommitments.find(minimum => minimum.measure === measure);

describe('a minimum per £ of annual value per year', () => {
    test('£3m over 36 months, 1 per £1m per year: the annual value is £1m, so 1 a year for 3 years, 3 in total', () => {
        const tailored = tailor({ contractValue: 3_000_000, category: 'services', durationMonths: 36 });
        expect(tailored.questionSet.ruleApplied?.id).toBe('yearly');
        expect(minimumOf(tailored, 'NT1')).toEqual({
            measure: 'NT1', quantity: 3, perYear: 1, years: 3,
            basis: '1 per £1,000,000 of annual value per year (annual value £1,000,000): 1 a year for 3 years, 3 in total'
        });
        // The rubric scores with the same selection, and the question asks at least the total.
        expect(tailored.rubric.selection).toEqual(tailored.questionSet.selection);
        expect(tailored.questionSet.questions.find(question => question.id === 'NT1')?.answer.minimum).toBe(3);
    });

    test('£6m over 24 months: annual value £3m, 3 a year for 2 years, 6 in total', () => {
        expect(minimumOf(tailor({ contractValue: 6_000_000, category: 'works', durationMonths: 24 }), 'NT1')).toMatchObject({ quantity: 6, perYear: 3, years: 2 });
    });

    test('whole numbers are rounded up once, on the total: £1.58m over 36 months is 0.53 a year, 1.58 in total, so 2', () => {
        expect(minimumOf(tailor({ contractValue: 1_580_000, category: 'services', durationMonths: 36 }), 'NT1')).toEqual({
            measure: 'NT1', quantity: 2, perYear: 0.53, years: 3,
            basis: '1 per £1,000,000 of annual value per year (annual value £526,666.67): 0.53 a year for 3 years, 1.58 in total, rounded up to a whole number'
        });
    });

    test('a multi-year measure is answered per year, so its minimum is the yearly quantity, rounded up', () => {
        expect(minimumOf(tailor({ contractValue: 1_580_000, category: 'services', durationMonths: 36 }), 'NT1y')).toEqual({
            measure: 'NT1y', quantity: 1, perYear: 1, years: 3,
            basis: '1 per £1,000,000 of annual value per year (annual value £526,666.67): 0.53 a year for 3 years (the measure is answered per year), rounded up to a whole number'
        });
        expect(compiled.rubric.quantitative.measures.find(measure => measure.code === 'NT1y')?.multiYear).toBe(true);
    });
});

describe('a fixed minimum per year', () => {
    test('2 per year over 18 months: 2 a year for 1.5 years, 3 in total', () => {
        expect(minimumOf(tailor({ contractValue: 2_000_000, category: 'services', durationMonths: 18 }), 'NT3')).toEqual({
            measure: 'NT3', quantity: 3, perYear: 2, years: 1.5, basis: '2 per year: 2 a year for 1.5 years, 3 in total'
        });
    });

    test('money: £10,000 per year over 30 months is £25,000', () => {
        expect(minimumOf(tailor({ contractValue: 2_000_000, category: 'services', durationMonths: 30 }), 'LS1')).toEqual({
            measure: 'LS1', quantity: '25000.00', perYear: '10000.00', years: 2.5, basis: '£10,000 per year: £10,000 a year for 2.5 years, £25,000 in total'
        });
    });

    test('minimums that are not per year carry perYear and years null', () => {
        const tailored = tailor({ contractValue: 500_000, category: 'services', durationMonths: 24 });
        expect(tailored.questionSet.ruleApplied?.id).toBe('rest');
        expect(minimumOf(tailored, 'NT1')).toEqual({ measure: 'NT1', quantity: 1, perYear: null, years: null, basis: '1 per £1,000,000 of contract value, rounded up to a whole number' });
    });
});

describe('a yearly minimum needs the duration', () => {
    test('no durationMonths: a ProfileError at /profile/durationMonths naming the rule and the measure', () => {
        let error: unknown;
        try {
            applyContractProfile(compiled, { contractValue: 3_000_000, category: 'services' });
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(ProfileError);
        expect((error as ProfileError).path).toBe('/profile/durationMonths');
        expect((error as ProfileError).message).toBe("/profile/durationMonths: the contract profile gives no duration, but rule 'yearly' asks a yearly minimum of measure 'NT1' (1 per £1,000,000 per year), which needs the contract's duration. Give durationMonths in the profile (e.g. \"durationMonths\": 36, or --duration 36).");
    });

    test('compileFramework --profile refuses it with the path within the profile: /durationMonths', async () => {
        const loaded = await loadSources({ '/time/framework.svf': TIME_FRAMEWORK });
        expect(() => compileFramework(frameworkOf(loaded), { contractValue: 3_000_000, category: 'services' })).toThrow(expect.objectContaining({ name: 'ProfileError', path: '/durationMonths' }));
    });

    test('a duration of 0 months is refused too: it has no years', async () => {
        // Without the rules for short contracts, a 0-month contract reaches the per-year rule.
        const yearlyFirst = await compileTimeFramework(TIME_FRAMEWORK.replace(/rule short[\s\S]*?(?=rule yearly)/, ''));
        expect(() => applyContractProfile(yearlyFirst, { contractValue: 3_000_000, category: 'services', durationMonths: 0 })).toThrow(/gives a duration of 0 months, but rule 'yearly' asks a yearly minimum/);
    });

    test('a contract no per-year rule matches needs no duration', () => {
        expect(tailor({ contractValue: 500_000, category: 'services' }).questionSet.ruleApplied?.id).toBe('rest');
    });
});

describe('scoring compares the bid with the total', () => {
    test('£3m over 36 months: 3 local FTE meets the minimum, 2 does not', () => {
        const { rubric } = tailor({ contractValue: 3_000_000, category: 'services', durationMonths: 36 });
        const bid = (bidder: string, nt1: number) => ({ bidder, commitments: { NT1: nt1, NT3: 6, NT1y: 1, LS1: '30000.00' } });
        const result = scoreBids(rubric, { bids: [bid('Meets', 3), bid('Misses', 2)] });
        expect(result.bidders[0]!.unmetMinimumCommitments).toEqual([]);
        expect(result.bidders[1]!.unmetMinimumCommitments).toEqual([{ measure: 'NT1', required: 3, committed: 2, consequence: 'zero-quantitative' }]);
    });

    test('a multi-year measure is compared per year: 1 FTE a year meets a minimum of 1 a year', () => {
        const { rubric } = tailor({ contractValue: 1_580_000, category: 'services', durationMonths: 36 });
        const result = scoreBids(rubric, { bids: [{ bidder: 'Yearly', commitments: { NT1: 2, NT3: 6, NT1y: 1, LS1: '30000.00' } }] });
        expect(result.bidders[0]!.unmetMinimumCommitments).toEqual([]);
    });
});

describe('the arithmetic, for any contract', () => {
    const contract = fc.record({
        value: fc.integer({ min: 1, max: 1_000_000_000 }),
        months: fc.integer({ min: 1, max: 240 }),
        quantity: fc.integer({ min: 1, max: 500 }),
        per: fc.constantFrom(null, '100000.00', '1000000.00', '2500000.00')
    });

    test('the total is the yearly quantity times the years, exactly', () => {
        fc.assert(fc.property(contract, ({ value, months, quantity, per }) => {
            const exact = exactMinimum({ quantity, per, perYear: true }, new Decimal(value), months);
            expect(exact.years!.eq(new Decimal(months).dividedBy(12))).toBe(true);
            // yearly x years, to 150 significant digits (a yearly quantity like 1/7 does not terminate).
            expect(exact.yearly!.times(exact.years!).toSignificantDigits(150).eq(exact.total.toSignificantDigits(150))).toBe(true);
        }));
    });

    test('per £ of annual value per year totals what per £ of contract value does', () => {
        fc.assert(fc.property(contract.filter(c => c.per !== null), ({ value, months, quantity, per }) => {
            const yearly = exactMinimum({ quantity, per, perYear: true }, new Decimal(value), months);
            const once = exactMinimum({ quantity, per, perYear: false }, new Decimal(value), months);
            expect(yearly.total.eq(once.total)).toBe(true);
        }));
    });

    test('the total never falls when the contract is worth more or lasts longer', () => {
        fc.assert(fc.property(contract, fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 60 }), ({ value, months, quantity, per }, more, longer) => {
            const before = exactMinimum({ quantity, per, perYear: true }, new Decimal(value), months);
            const after = exactMinimum({ quantity, per, perYear: true }, new Decimal(value + more), months + longer);
            expect(after.total.gte(before.total)).toBe(true);
            expect(roundedUp(after.total, true).gte(roundedUp(before.total, true))).toBe(true);
        }));
    });

    test('rounding is up and once: never below the exact total, less than one (or one hundredth) above it', () => {
        fc.assert(fc.property(contract, fc.boolean(), ({ value, months, quantity, per }, wholeNumbers) => {
            const { total } = exactMinimum({ quantity, per, perYear: true }, new Decimal(value), months);
            const rounded = roundedUp(total, wholeNumbers);
            expect(rounded.gte(total)).toBe(true);
            expect(rounded.minus(total).lt(wholeNumbers ? 1 : 0.01)).toBe(true);
            if (wholeNumbers) expect(rounded.isInteger()).toBe(true);
        }));
    });
});
