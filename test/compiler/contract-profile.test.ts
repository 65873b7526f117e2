import { describe, expect, test } from 'vitest';
import { parseContractProfile, ProfileError } from '../../compiler/index.js';

describe('parseContractProfile', () => {
    test('accepts the documented shape, with a number or a decimal string, and an editor $schema', () => {
        const profile = { contractValue: 2_500_000, category: 'works', durationMonths: 36, flags: ['lotted'] };
        expect(parseContractProfile(profile, 'works.json')).toEqual(profile);
        expect(parseContractProfile({ contractValue: '60000.00', category: 'services' }, 'a.json')).toEqual({ contractValue: '60000.00', category: 'services' });
        expect(parseContractProfile({ $schema: '../../schemas/contract-profile.schema.json', contractValue: 1, category: 'goods' }, 'b.json').category).toBe('goods');
    });

    test.each([
        [[], "works.json: a contract profile must be a JSON object, e.g. {\"contractValue\": 2500000, \"category\": \"works\", \"durationMonths\": 36, \"flags\": [\"lotted\"]}."],
        [{ category: 'works' }, "works.json: the profile has no 'contractValue'. Add it: the contract value in pounds, as a number like 2500000 or a string like \"2500000.00\" (no £, commas or k/m; at most 2 decimals)"],
        [{ contractValue: 1, category: 'large works' }, "works.json: 'category' is \"large works\", but it must be a category name: \"goods\", \"services\" or \"works\", or one the framework declares (letters, digits and _ only). Correct it."],
        [{ contractValue: '£2.5m', category: 'works' }, "works.json: 'contractValue' is \"£2.5m\", but it must be the contract value in pounds, as a number like 2500000 or a string like \"2500000.00\" (no £, commas or k/m; at most 2 decimals). Correct it."],
        [{ contractValue: -5, category: 'works' }, "works.json: 'contractValue' is -5, but it must be the contract value in pounds"],
        [{ contractValue: 1, category: 'works', durationMonths: '36' }, "works.json: 'durationMonths' is \"36\", but it must be the duration in months, a number like 36. Correct it."],
        [{ contractValue: 1, category: 'works', flags: 'lotted' }, "works.json: 'flags' is \"lotted\", but it must be a list of distinct flag names such as [\"lotted\"]"],
        [{ contractValue: 1, category: 'works', catgory: 'works' }, "works.json: unknown field 'catgory'. A contract profile has only contractValue, category, durationMonths, flags, facts, chosen and weightings; check the spelling or remove it."]
    ])('%j is refused with a message naming the file and the field', (json, message) => {
        expect(() => parseContractProfile(json, 'works.json')).toThrow(ProfileError);
        expect(() => parseContractProfile(json, 'works.json')).toThrow(message);
    });
});
