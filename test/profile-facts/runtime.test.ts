import * as path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, compileFramework, ProfileError, TailoringWarningCodes, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { evaluateCondition } from '../../model/rules/evaluate-condition.js';
import type { RuleCondition } from '../../model/rules/rule-types.js';
import { frameworkOf, loadEntryFile, loadSources } from '../compiler/fixture-loading.js';
import { expectValid } from '../compiler/schema-assertions.js';

const LEP = path.join(import.meta.dirname, 'fixtures', 'lep', 'framework.svf');

let lep: CompiledFramework;
beforeAll(async () => {
    lep = compileFramework(frameworkOf(await loadEntryFile(LEP)));
});

const CITY_DEAL: ContractProfile = { contractValue: 1_580_000, category: 'services', durationMonths: 36, facts: { programme: 'cityDeal' }, chosen: { outcomes: ['wellbeing'] } };

function tailor(profile: ContractProfile): CompiledFramework {
    const tailored = applyContractProfile(lep, profile);
    expectValid('question-set.schema.json', tailored.questionSet);
    expectValid('rubric.schema.json', tailored.rubric);
    return tailored;
}

function refusal(profile: unknown): { path: string; message: string } {
    try {
        applyContractProfile(lep, profile as ContractProfile);
    } catch (error) {
        expect(error).toBeInstanceOf(ProfileError);
        return { path: (error as ProfileError).path, message: (error as ProfileError).message };
    }
    throw new Error('the profile was accepted');
}

describe('evaluateCondition on facts and annualValue', () => {
    const base: ContractProfile = { contractValue: 1_200_000, category: 'services', durationMonths: 24 };
    test.each<[string, RuleCondition, ContractProfile, boolean]>([
        ['a choice with one of the values', { fact: 'programme', values: ['cityDeal', 'boost'] }, { ...base, facts: { programme: 'boost' } }, true],
        ['a choice with another value', { fact: 'programme', values: ['cityDeal'] }, { ...base, facts: { programme: 'boost' } }, false],
        ['a set with any of the values', { fact: 'priorities', values: ['skills', 'netZero'] }, { ...base, facts: { priorities: ['housing', 'netZero'] } }, true],
        ['a set with none of them', { fact: 'priorities', values: ['skills'] }, { ...base, facts: { priorities: ['housing'] } }, false],
        ['an empty set', { fact: 'priorities', values: ['skills'] }, { ...base, facts: { priorities: [] } }, false],
        ['a fact the profile does not give', { fact: 'programme', values: ['cityDeal'] }, base, false],
        ['not a fact the profile does not give', { not: { fact: 'programme', values: ['cityDeal'] } }, base, true],
        ['a declared category', { category: ['grants'] }, { ...base, category: 'grants' }, true],
        ['annualValue = £600,000 (>=)', { field: 'annualValue', op: '>=', value: '600000.00' }, base, true],
        ['annualValue = £600,000 (>)', { field: 'annualValue', op: '>', value: '600000.00' }, base, false],
        ['annualValue in a band', { field: 'annualValue', from: '500000.00', to: '600000.01' }, base, true],
        ['annualValue without a duration', { field: 'annualValue', op: '<', value: '1000000000.00' }, { ...base, durationMonths: undefined }, false],
        ['annualValue of a contract of no duration', { field: 'annualValue', op: '>=', value: '0.00' }, { ...base, durationMonths: 0 }, false],
        ['annualValue of £1.58m over 36 months is exactly £526,666.66...', { field: 'annualValue', op: '>', value: '526666.66' }, { ...base, contractValue: 1_580_000, durationMonths: 36 }, true],
        ['... and under £526,666.67', { field: 'annualValue', op: '<', value: '526666.67' }, { ...base, contractValue: 1_580_000, durationMonths: 36 }, true]
    ])('%s', (_name, condition, profile, expected) => {
        expect(evaluateCondition(condition, profile)).toBe(expected);
    });

    test('annualValue >= X exactly when value x 12 >= X x duration, and it grows with the value and shrinks with the duration', () => {
        const pence = fc.bigInt({ min: 0n, max: 10n ** 12n });
        fc.assert(fc.property(pence, pence, fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }), (valuePence, thresholdPence, months, moreMonths) => {
            const money = (p: bigint) => `${p / 100n}.${String(p % 100n).padStart(2, '0')}`;
            const at = (value: bigint, duration: number) => evaluateCondition({ field: 'annualValue', op: '>=', value: money(thresholdPence) }, { contractValue: money(value), category: 'works', durationMonths: duration });
            expect(at(valuePence, months)).toBe(valuePence * 12n >= thresholdPence * BigInt(months));
            // Monotonic: a larger value never falls below a threshold; a longer contract never rises above one.
            if (at(valuePence, months)) expect(at(valuePence + 1n, months)).toBe(true);
            if (!at(valuePence, months)) expect(at(valuePence, months + moreMonths)).toBe(false);
        }), { numRuns: 300 });
    });
});

describe('the question set says what a profile may give (profileFacts)', () => {
    test('declared flags, choices, sets, chosen and categories', () => {
        expect(lep.questionSet.profileFacts).toEqual({
            declared: true,
            flags: [{ id: 'residentialSite', title: 'The contract delivers a housing site' }],
            choices: [{ id: 'programme', title: 'Funding programme', values: ['growthDeal', 'cityDeal', 'boost', 'rosebud'] }],
            sets: [{ id: 'priorities', title: 'Council priorities', values: ['housing', 'skills', 'netZero'] }],
            chosen: [{ kind: 'outcomes', title: 'Policy outcomes chosen for this contract' }],
            categories: ['goods', 'services', 'works', 'grants']
        });
    });

    test('a framework without a profile block: the flags its rules test, and goods, services and works', async () => {
        const legacy = compileFramework(frameworkOf(await loadSources({ '/legacy/framework.svf': LEGACY }, { allowErrors: false })));
        expect(legacy.questionSet.profileFacts).toEqual({
            declared: false, flags: [{ id: 'lotted', title: null }], choices: [], sets: [], chosen: [], categories: ['goods', 'services', 'works']
        });
    });
});

const LEGACY = [
    'framework legacy "Legacy" {',
    '    version 1.0.0',
    '}',
    'unit FTE "no. people FTE" record',
    'theme jobs {',
    '    outcome localJobs {',
    '        measure NT1 {',
    '            unit FTE',
    '            ask "How many local people will you employ?"',
    '        }',
    '    }',
    '}',
    'evaluation {',
    '    weighting 10%',
    '}',
    'rule lots when lotted { weighting 5% }',
    'rule otherwise { weighting 10% }',
    ''
].join('\n');

describe('tailoring to a profile with facts', () => {
    test('a choice picks its rule; the applied profile carries the facts, chosen outcomes and annual value', () => {
        const { questionSet } = tailor({ ...CITY_DEAL, facts: { programme: 'cityDeal', priorities: ['skills', 'housing'] }, weightings: { socialValue: 12 } });
        expect(questionSet.ruleApplied?.id).toBe('cityDeal');
        expect(questionSet.profile).toEqual({
            contractValue: '1580000.00', category: 'services', durationMonths: 36, flags: [], annualValue: '526666.67',
            facts: { priorities: ['housing', 'skills'], programme: 'cityDeal' },
            chosen: { outcomes: ['wellbeing'], themes: [] },
            weightings: { socialValue: 12 }
        });
    });

    test('include chosen outcomes asks the chosen outcomes\' measures and method statements, with what `include` names', () => {
        const { questionSet } = tailor(CITY_DEAL);
        expect(questionSet.questions.map(question => question.id)).toEqual(['NT1', 'NT20', 'MS2']);
        const skills = tailor({ ...CITY_DEAL, chosen: { outcomes: ['skills'] } }).questionSet;
        expect(skills.questions.map(question => question.id)).toEqual(['NT1', 'NT10', 'MS1']);
    });

    test('annualValue picks the rule for contracts over £5m a year', () => {
        const yearly = tailor({ contractValue: 12_000_000, category: 'works', durationMonths: 24, facts: { programme: 'growthDeal' }, chosen: { outcomes: ['localEmployment'] } }).questionSet;
        expect(yearly.ruleApplied?.id).toBe('bigYearly');
        expect(yearly.weighting).toBe(15);
        expect(yearly.questions.map(question => question.id)).toEqual(['NT1']);
        // The same value over 36 months is £4m a year.
        expect(tailor({ contractValue: 12_000_000, category: 'works', durationMonths: 36, facts: { programme: 'growthDeal' } }).questionSet.ruleApplied?.id).toBe('otherwise');
        // Without a duration nothing is known of the annual value.
        expect(tailor({ contractValue: 12_000_000, category: 'works', facts: { programme: 'growthDeal' } }).questionSet.profile?.annualValue).toBeNull();
    });

    test('a declared category, a flag and a set', () => {
        expect(tailor({ contractValue: 50_000, category: 'grants', facts: { programme: 'boost' } }).questionSet.ruleApplied?.id).toBe('boostGrants');
        const housing = tailor({ contractValue: 50_000, category: 'works', flags: ['residentialSite'], facts: { programme: 'rosebud', priorities: ['housing'] } }).questionSet;
        expect(housing.ruleApplied?.id).toBe('housing');
        expect(housing.questions.map(question => question.id)).toEqual([]);
    });
});

describe('a profile that names what the framework does not declare is refused, with its JSON path', () => {
    test.each<[string, unknown, string, string]>([
        ['an unknown category', { ...CITY_DEAL, category: 'grant' }, '/profile/category',
            "/profile/category: 'category' is \"grant\", but it must be one of the framework's categories: 'goods', 'services', 'works' or 'grants'. Did you mean 'grants'? Correct it."],
        ['an unknown flag (the issue\'s "Boost")', { ...CITY_DEAL, flags: ['Boost'] }, '/profile/flags/0',
            "/profile/flags/0: 'Boost' is not a flag of this framework; its flags are 'residentialSite'. Correct it, or remove it."],
        ['a choice given as a flag', { ...CITY_DEAL, flags: ['programme'] }, '/profile/flags/0',
            '/profile/flags/0: \'programme\' is a choice, not a flag: give it in "facts", e.g. "facts": {"programme": "growthDeal"}.'],
        ['an unknown fact', { ...CITY_DEAL, facts: { programme: 'cityDeal', area: 'east' } }, '/profile/facts/area',
            "/profile/facts/area: 'area' is not a declared fact of this framework; its choices and sets are 'programme' and 'priorities'. Correct it, or remove it."],
        ['a flag given as a fact', { ...CITY_DEAL, facts: { programme: 'cityDeal', residentialSite: 'yes' } }, '/profile/facts/residentialSite',
            '/profile/facts/residentialSite: \'residentialSite\' is a flag, not a choice or set: list it in "flags", e.g. "flags": ["residentialSite"].'],
        ['a wrong value of a choice', { ...CITY_DEAL, facts: { programme: 'Boost' } }, '/profile/facts/programme',
            "/profile/facts/programme: \"Boost\" is not a value of choice 'programme'; its values are 'growthDeal', 'cityDeal', 'boost' or 'rosebud'. Did you mean 'boost'? Correct it."],
        ['a wrong value of a set', { ...CITY_DEAL, facts: { programme: 'cityDeal', priorities: ['skills', 'jobs'] } }, '/profile/facts/priorities/1',
            "/profile/facts/priorities/1: \"jobs\" is not a value of set 'priorities'; its values are 'housing', 'skills' and 'netZero'. Correct it."],
        ['a set given as a string', { ...CITY_DEAL, facts: { programme: 'cityDeal', priorities: 'skills' } }, '/profile/facts/priorities',
            '/profile/facts/priorities: \'priorities\' is a set: give a list of its values, e.g. "priorities": ["housing"] (an empty list for none).'],
        ['a choice given as a list', { ...CITY_DEAL, facts: { programme: ['cityDeal'] } }, '/profile/facts/programme',
            '/profile/facts/programme: \'programme\' is a choice: give one of its values as a string, e.g. "programme": "growthDeal".'],
        ['a missing required choice', { ...CITY_DEAL, facts: {} }, '/profile/facts/programme',
            "/profile/facts/programme: the profile gives no value for choice 'programme' (Funding programme). Add one of 'growthDeal', 'cityDeal', 'boost' or 'rosebud', e.g. \"facts\": {\"programme\": \"growthDeal\"}."],
        ['an unknown chosen outcome', { ...CITY_DEAL, chosen: { outcomes: ['wellbeeing'] } }, '/profile/chosen/outcomes/0',
            "/profile/chosen/outcomes/0: 'wellbeeing' is not an outcome of this framework; its outcomes are 'localEmployment', 'skills' and 'wellbeing'. Did you mean 'wellbeing'? Correct it."],
        ['chosen themes the framework does not offer', { ...CITY_DEAL, chosen: { themes: ['jobs'] } }, '/profile/chosen/themes',
            '/profile/chosen/themes: this framework does not let the buyer choose themes (its `profile` block has no `chosen themes`), so they cannot be given. Remove "themes" from "chosen".'],
        ['a rule that includes chosen outcomes when none is chosen', { ...CITY_DEAL, chosen: undefined }, '/profile/chosen/outcomes',
            "/profile/chosen/outcomes: rule 'cityDeal' asks the outcomes the buyer chose for this contract (`include chosen outcomes`), but the profile chooses none. Choose at least one, e.g. \"chosen\": {\"outcomes\": [\"localEmployment\"]}; the framework's outcomes are 'localEmployment', 'skills' and 'wellbeing'."],
        ['a misspelt field in chosen', { ...CITY_DEAL, chosen: { outcome: ['wellbeing'] } }, '/profile/chosen',
            "/profile/chosen: unknown field 'outcome' in 'chosen'. A buyer chooses \"outcomes\" or \"themes\"; check the spelling or remove it."],
        ['a weighting that is not a number', { ...CITY_DEAL, weightings: { socialValue: '12%' } }, '/profile/weightings/socialValue',
            "/profile/weightings/socialValue: 'weightings' is {\"socialValue\":\"12%\"}, but it must be an object giving award criteria weightings in percent, such as {\"socialValue\": 12} (a number from 0 to 100 each). Correct it."]
    ])('%s', (_name, profile, path, message) => {
        expect(refusal(profile)).toEqual({ path, message });
    });
});

describe('a framework without a profile block', () => {
    let legacy: CompiledFramework;
    beforeAll(async () => {
        legacy = compileFramework(frameworkOf(await loadSources({ '/legacy/framework.svf': LEGACY })));
    });

    test('still compiles and tailors; a flag its rules test applies as before', () => {
        const tailored = applyContractProfile(legacy, { contractValue: 1_000_000, category: 'works', flags: ['lotted'] });
        expect(tailored.questionSet.ruleApplied?.id).toBe('lots');
        expect(tailored.questionSet.warnings).toEqual([]);
    });

    test('profile/unknown-flag: a flag no rule tests is a warning, no longer silent', () => {
        const tailored = applyContractProfile(legacy, { contractValue: 1_000_000, category: 'works', flags: ['Lotted'] });
        expect(tailored.questionSet.ruleApplied?.id).toBe('otherwise');
        expect(tailored.questionSet.warnings).toEqual([{
            code: TailoringWarningCodes.UnknownFlag,
            message: "Flag 'Lotted' is not tested by any rule of this framework, so it changes nothing. Did you mean 'lotted'? The flags its rules test are 'lotted'."
        }]);
        expectValid('question-set.schema.json', tailored.questionSet);
        expect(tailored.rubric.warnings).toEqual(tailored.questionSet.warnings);
    });

    test('facts are refused: it declares none', () => {
        expect(() => applyContractProfile(legacy, { contractValue: 1, category: 'works', facts: { programme: 'x' } }))
            .toThrow("/profile/facts/programme: 'programme' is not a declared fact of this framework; it declares no choices or sets. Correct it, or remove it.");
    });
});
