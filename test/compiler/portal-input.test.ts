import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileFramework, type CompiledFramework } from '../../compiler/index.js';
import {
    applyContractProfile, MAX_CONDITION_DEPTH, parseContractProfile, parseContractProfileText, PortalInputError, ProfileError, type ContractProfile
} from '../../compiler/portal.js';
import { frameworkOf, loadFixture, loadSources } from './fixture-loading.js';
import { isValid } from './schema-assertions.js';

let county: CompiledFramework;
beforeAll(async () => {
    const loaded = await loadFixture('county');
    county = compileFramework(frameworkOf(loaded));
});

const UNTAILORED = 'Pass the untailored question-set.json and rubric.json that one run of `svf compile` (without --profile) wrote, unchanged.';
const WORKS: ContractProfile = { contractValue: 2_500_000, category: 'works' };

/** A copy of the county outputs to break; the question set and rubric share their rules, as emitted. */
function countyCopy(): CompiledFramework {
    return structuredClone(county);
}

/** The error applyContractProfile throws, checked to be a PortalInputError. */
function refusal(compiled: unknown, profile: unknown): PortalInputError {
    try {
        applyContractProfile(compiled as CompiledFramework, profile as ContractProfile);
    } catch (error) {
        expect(error).toBeInstanceOf(PortalInputError);
        return error as PortalInputError;
    }
    throw new Error('applyContractProfile accepted the input');
}

function expectRefused(compiled: unknown, profile: unknown, path: string, message: string): void {
    const error = refusal(compiled, profile);
    expect({ path: error.path, message: error.message }).toEqual({ path, message });
}

describe('applyContractProfile refuses a bad profile with the JSON path of the problem', () => {
    const hint = 'the contract value in pounds, as a number like 2500000 or a string like "2500000.00" (no £, commas or k/m; at most 2 decimals)';
    test.each<[string, unknown, string, string]>([
        ["'0x10' (read as £16 before)", { contractValue: '0x10', category: 'works' }, '/profile/contractValue',
            `/profile/contractValue: 'contractValue' is "0x10", but it must be ${hint}. Correct it.`],
        ['flags as a string (split into letters before)', { contractValue: 1, category: 'works', flags: 'lotted' }, '/profile/flags',
            '/profile/flags: \'flags\' is "lotted", but it must be a list of distinct flag names such as ["lotted"] (letters, digits and _ only). Correct it.'],
        ['NaN', { contractValue: Number.NaN, category: 'works' }, '/profile/contractValue',
            '/profile/contractValue is NaN, which is not a JSON number. Give a finite number.'],
        ['Infinity', { contractValue: 1, category: 'works', durationMonths: Infinity }, '/profile/durationMonths',
            '/profile/durationMonths is Infinity, which is not a JSON number. Give a finite number.'],
        ["'Works'", { contractValue: 1, category: 'Works' }, '/profile/category',
            '/profile/category: \'category\' is "Works", but it must be one of the framework\'s categories: \'goods\', \'services\' or \'works\'. Did you mean \'works\'? Correct it.'],
        ['a JSON number beyond 2^53', { contractValue: 2 ** 53 + 2, category: 'works' }, '/profile/contractValue',
            "/profile/contractValue: 'contractValue' is 9007199254740994 as a JSON number, which cannot hold every digit of an amount above 9007199254740991; write it as a string, e.g. \"12345678901234567890.00\"."],
        ['£24,999.999 (recorded as £25,000.00, evaluated as under £25,000 before)', { contractValue: 24_999.999, category: 'works' }, '/profile/contractValue',
            "/profile/contractValue: 'contractValue' is 24999.999, which has a fraction of a penny; a contract value is in pounds and pence, with at most 2 decimals. Round it, e.g. \"25000.00\"."],
        ['"24999.999"', { contractValue: '24999.999', category: 'works' }, '/profile/contractValue',
            "/profile/contractValue: 'contractValue' is \"24999.999\", which has a fraction of a penny; a contract value is in pounds and pence, with at most 2 decimals. Round it, e.g. \"25000.00\"."],
        ['a Date', { contractValue: 1, category: 'works', flags: [new Date(0)] }, '/profile/flags/0',
            '/profile/flags/0 is a Date, not a plain JSON object. Pass plain JSON data, e.g. the result of JSON.parse.'],
        ['not an object', 'works', '/profile',
            '/profile: a contract profile must be a JSON object, e.g. {"contractValue": 2500000, "category": "works", "durationMonths": 36, "flags": ["lotted"]}.'],
    ])('%s', (_name, profile, path, message) => {
        const error = refusal(county, profile);
        expect(error).toBeInstanceOf(ProfileError);
        expect({ path: error.path, message: error.message }).toEqual({ path, message });
    });

    test('a profile given as the untyped object of a portal form is checked, not trusted', () => {
        expect(() => applyContractProfile(county, { contractValue: 25_000, category: 'works', flags: 'x' as unknown as string[] })).toThrow(PortalInputError);
    });
});

describe('applyContractProfile refuses a bad question set or rubric with the JSON path of the problem', () => {
    test('an unknown condition operator (silently dropped the rule before)', () => {
        const compiled = countyCopy();
        (compiled.questionSet.rules![1]!.condition as { op: string }).op = '<<';
        expectRefused(compiled, WORKS, '/questionSet/rules/1/condition/op',
            `/questionSet/rules/1/condition/op is "<<", but it must be one of "<", "<=", ">", ">=", "=", "!=". ${UNTAILORED}`);
    });

    test('an unknown operator inside all', () => {
        const compiled = countyCopy();
        (compiled.questionSet.rules![0]!.condition as { all: Array<{ op: string }> }).all[1]!.op = 'between';
        expect(refusal(compiled, WORKS).path).toBe('/questionSet/rules/0/condition/all/1/op');
    });

    test('a cyclic condition (overflowed the stack before)', () => {
        const compiled = countyCopy();
        const cycle: { not: unknown } = { not: null };
        cycle.not = { all: [{ flag: 'lotted' }, cycle] };
        compiled.questionSet.rules![1]!.condition = cycle as never;
        expectRefused(compiled, WORKS, '/questionSet/rules/1/condition/not/all/1',
            '/questionSet/rules/1/condition/not/all/1 contains itself: it is the same object as /questionSet/rules/1/condition, so the data has a cycle and is not JSON. Pass plain JSON data, e.g. the result of JSON.parse.');
    });

    test('data shared by two places is not a cycle', () => {
        const compiled = countyCopy();
        const shared = ['works' as const];
        compiled.questionSet.questions[0]!.categories = shared;
        compiled.questionSet.questions[1]!.categories = shared;
        expect(applyContractProfile(compiled, WORKS).questionSet.ruleApplied?.id).toBe('standard');
    });

    test('a 10,000-deep condition (overflowed the stack before)', () => {
        const compiled = countyCopy();
        let condition: unknown = { flag: 'lotted' };
        for (let level = 0; level < 10_000; level++) condition = { not: condition };
        compiled.questionSet.rules![1]!.condition = condition as never;
        const path = `/questionSet/rules/1/condition${'/not'.repeat(MAX_CONDITION_DEPTH)}`;
        expectRefused(compiled, WORKS, path,
            `${path}: this rule's condition nests all/any/not more than 64 levels deep. Simplify the condition; no framework needs that many levels.`);
    });

    test('a condition 64 levels deep is accepted', () => {
        const compiled = countyCopy();
        let condition: unknown = { flag: 'lotted' };
        for (let level = 1; level < MAX_CONDITION_DEPTH; level++) condition = level % 2 === 1 ? { not: condition } : { all: [condition] };
        compiled.questionSet.rules![1]!.condition = condition as never;
        compiled.rubric.rules = compiled.questionSet.rules;
        expect(applyContractProfile(compiled, WORKS).questionSet.ruleApplied?.id).toBe('standard');
    });

    test('NaN in the question set (gave output failing our schema before)', () => {
        const compiled = countyCopy();
        compiled.questionSet.weighting = Number.NaN;
        expectRefused(compiled, WORKS, '/questionSet/weighting', '/questionSet/weighting is NaN, which is not a JSON number. Give a finite number.');
    });

    test("a question whose category is 'Works'", () => {
        const compiled = countyCopy();
        compiled.questionSet.questions[0]!.categories = ['Works' as never];
        expectRefused(compiled, WORKS, '/questionSet/questions/0/categories/0',
            `/questionSet/questions/0/categories/0 is "Works", but it must be one of the framework's categories (/questionSet/profileFacts/categories): "goods", "services", "works". ${UNTAILORED}`);
    });

    test('a money string that is not pounds and pence', () => {
        const compiled = countyCopy();
        compiled.rubric.quantitative.measures[0]!.proxy!.value = '0x10';
        expectRefused(compiled, WORKS, '/rubric/quantitative/measures/0/proxy/value',
            `/rubric/quantitative/measures/0/proxy/value is "0x10", but it must be an amount of money written with exactly two decimals, like "2500000.00". ${UNTAILORED}`);
    });

    test('an already tailored question set', () => {
        const tailored = applyContractProfile(county, WORKS);
        expectRefused(tailored, WORKS, '/questionSet/profile',
            `/questionSet/profile: this question set is already tailored to a contract profile; apply profiles to the untailored outputs. ${UNTAILORED}`);
    });

    test('a rubric from another framework or with other rules', () => {
        const other = countyCopy();
        other.rubric.framework = { ...other.rubric.framework, sourceHash: '0'.repeat(64) };
        expectRefused(other, WORKS, '/rubric/framework',
            `/rubric/framework is not the framework of /questionSet/framework (compare id, version and sourceHash): the question set and rubric come from different compilations. ${UNTAILORED}`);
        const rules = countyCopy();
        rules.rubric.rules = structuredClone(rules.rubric.rules!.slice(1));
        expect(refusal(rules, WORKS).path).toBe('/rubric/rules');
    });

    test('a rubric measure the question set does not ask', () => {
        const compiled = countyCopy();
        compiled.rubric.quantitative.measures[0]!.code = 'XX9';
        expectRefused(compiled, WORKS, '/rubric/quantitative/measures/0/code', `/rubric/quantitative/measures/0/code is "XX9", but the question set has no commitment with that id. ${UNTAILORED}`);
    });

    test('a minimum per £0 of contract value', () => {
        const compiled = countyCopy();
        compiled.questionSet.rules![3]!.effects.minimumCommitments[0]!.per = '0.00';
        compiled.rubric.rules = compiled.questionSet.rules;
        expect(refusal(compiled, WORKS).path).toBe('/questionSet/rules/3/effects/minimumCommitments/0/per');
    });

    test('missing or non-object arguments', () => {
        expect(refusal(undefined, WORKS).path).toBe('');
        expect(refusal({ questionSet: county.questionSet }, WORKS).path).toBe('/rubric');
        expect(refusal({ questionSet: [], rubric: county.rubric }, WORKS).path).toBe('/questionSet');
    });
});

describe('JSON numbers in profiles are read exactly or refused', () => {
    test('a number beyond 2^53 or with more digits than a double keeps is refused, saying to write a string', () => {
        for (const written of ['12345678901234567890', '1234567.1000000000001', '1e400']) {
            const read = () => parseContractProfileText(`{"contractValue": ${written}, "category": "works"}`, 'p.json');
            expect(read).toThrow(ProfileError);
            expect(read).toThrow(`p.json: contractValue is ${written}, which has more digits than a JSON number keeps exactly; write it as a string, e.g. "12345678901234567890.00".`);
        }
    });

    test('numbers a double holds exactly, and long strings, are read as written', () => {
        expect(parseContractProfileText('{"contractValue": 9007199254740991, "category": "works"}', 'p.json').contractValue).toBe(9_007_199_254_740_991);
        expect(parseContractProfileText('{"contractValue": 2500000.50, "category": "works"}', 'p.json').contractValue).toBe(2_500_000.5);
        expect(parseContractProfile({ contractValue: '1234567890123456789012.34', category: 'works' }, 'p.json').contractValue).toBe('1234567890123456789012.34');
    });
});

describe('exact money end to end', () => {
    test('a 25-digit contract value is recorded and used exactly', () => {
        const value = '12345678901234567890123.45';
        const { questionSet, rubric } = applyContractProfile(county, { contractValue: value, category: 'works' });
        expect(questionSet.profile?.contractValue).toBe(value);
        expect(questionSet.ruleApplied?.id).toBe('bigWorks');
        // ratio 15%: 15/100 of the value, rounded half up to pence once.
        expect(questionSet.targets.minimumSvRatio).toBe(15);
        expect(questionSet.targets.minimumSocialValue).toBe('1851851835185185183518.52');
        expect(isValid('question-set.schema.json', questionSet) && isValid('rubric.schema.json', rubric)).toBe(true);
    });

    test('£24,999.99 is under £25,000 and recorded as such', () => {
        const { questionSet } = applyContractProfile(county, { contractValue: 24_999.99, category: 'services' });
        expect(questionSet.profile?.contractValue).toBe('24999.99');
        expect(questionSet.ruleApplied?.id).toBe('noAskSmall');
    });

    test('a 25-digit proxy value and a 12.345% deadweight: published as written, the net value computed from them', async () => {
        const { services, entry } = await loadSources({
            '/exact/framework.svf': 'framework exact { version 1.0.0 }\nunit FTE "no. people FTE"\n'
                + 'proxy big = £12,345,678,901,234,567,890,123.45 per FTE { deadweight 12.345% attribution 0.5% }\n'
                + 'theme jobs { outcome o { measure NT1 { unit FTE proxy big ask "How many?" } } }\n'
        });
        const { rubric } = compileFramework(frameworkOf({ services, entry }));
        const proxy = rubric.quantitative.measures[0]!.proxy!;
        expect(proxy.value).toBe('12345678901234567890123.45');
        expect(proxy.deadweight).toBe(12.345);
        expect(proxy.attribution).toBe(0.5);
        // value x (1 - 0.12345) x (1 - 0.005) = 10767496816672774681667.2661..., rounded half up to pence once.
        expect(proxy.netValuePerUnit).toBe('10767496816672774681667.27');
    });
});

describe('properties', () => {
    /** Replaces the value at a random place in a copy of the county outputs with anything. */
    const mutation = fc.record({
        document: fc.constantFrom('questionSet' as const, 'rubric' as const),
        steps: fc.array(fc.nat(), { maxLength: 8 }),
        replacement: fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withObjectString: true, withDate: true, maxDepth: 3 })
    });

    function mutate(compiled: CompiledFramework, { document, steps, replacement }: { document: 'questionSet' | 'rubric'; steps: number[]; replacement: unknown }): CompiledFramework {
        const copy = structuredClone(compiled);
        let holder = copy[document] as unknown as Record<string, unknown>;
        for (const [index, step] of steps.entries()) {
            const keys = Object.keys(holder);
            if (keys.length === 0) break;
            const key = keys[step % keys.length]!;
            const next = holder[key];
            if (index === steps.length - 1 || typeof next !== 'object' || next === null) {
                holder[key] = replacement;
                return copy;
            }
            holder = next as Record<string, unknown>;
        }
        return copy;
    }

    const profile = fc.oneof(
        fc.record({
            contractValue: fc.oneof(fc.integer({ min: 0, max: 50_000_000 }), fc.double(), fc.constantFrom('25000', '24999.999', '0x10', '1e6', ' 5', '99999.99')),
            category: fc.constantFrom('goods', 'services', 'works', 'Works'),
            durationMonths: fc.option(fc.oneof(fc.nat(), fc.double()), { nil: undefined }),
            flags: fc.option(fc.oneof(fc.array(fc.constantFrom('lotted', 'x', '9lives')), fc.string()), { nil: undefined })
        }, { requiredKeys: [] }),
        fc.anything()
    );

    test('tailoring throws nothing but PortalInputError, and what it returns follows the schemas', () => {
        fc.assert(fc.property(fc.option(mutation, { nil: undefined }), profile, (change, contract) => {
            const compiled = change ? mutate(county, change) : county;
            let tailored: CompiledFramework;
            try {
                tailored = applyContractProfile(compiled, contract as ContractProfile);
            } catch (error) {
                if (error instanceof PortalInputError) return;
                throw error;
            }
            expect(isValid('question-set.schema.json', tailored.questionSet)).toBe(true);
            expect(isValid('rubric.schema.json', tailored.rubric)).toBe(true);
        }), { numRuns: 500 });
    });
});
