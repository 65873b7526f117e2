/**
 * What the extension's "SVF: Compile framework" and "SVF: Preview question set" ask for
 * (extension/src/profile-input.ts), without VS Code: the contract-profile quick pick built
 * from the workspace's JSON files, the checks under the value, category and duration input
 * boxes, and where the outputs go.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
    categoryProblem, contractValueProblem, defaultProfilePath, durationProblem, outputRootFor, profilePickItems,
    TYPE_PROFILE_LABEL, typedProfileChoice, UNTAILORED_LABEL, type ProfileCandidate
} from '../../extension/src/profile-input.js';
import { parseAmount } from '../../model/amounts.js';
import { REPOSITORY_ROOT } from './language-server-session.js';

const WORKSPACE = '/work/councils/eastshire';
const at = (file: string) => path.join(WORKSPACE, file);

describe('the contract-profile quick pick', () => {
    test("the example council's three profiles, each described in words, then typing one in, then none", () => {
        const profiles = path.join(REPOSITORY_ROOT, 'examples', 'council', 'profiles');
        const candidates: ProfileCandidate[] = fs.readdirSync(profiles).map(name => ({
            path: at(`profiles/${name}`), text: fs.readFileSync(path.join(profiles, name), 'utf8')
        }));
        expect(profilePickItems(candidates, WORKSPACE).map(({ label, description, detail }) => ({ label, description, detail }))).toEqual([
            { label: 'service-60k.json', description: 'profiles/service-60k.json', detail: '£60,000 services contract, 24 months' },
            { label: 'works-12m.json', description: 'profiles/works-12m.json', detail: '£12,000,000 works contract, 48 months, flags: lotted' },
            { label: 'works-2.5m.json', description: 'profiles/works-2.5m.json', detail: '£2,500,000 works contract, 36 months' },
            { label: TYPE_PROFILE_LABEL, description: undefined, detail: 'The contract value, its category and its length in months' },
            { label: UNTAILORED_LABEL, description: undefined, detail: 'Every question, with the proportionality rules for the portal to apply' }
        ]);
        const items = profilePickItems(candidates, WORKSPACE);
        expect(items[2].choice).toEqual({ kind: 'file', path: at('profiles/works-2.5m.json') });
        expect(items[3].choice).toBe('type');
        expect(items[4].choice).toEqual({ kind: 'none' });
    });

    test('a JSON file elsewhere is offered only when it is a contract profile; a broken file in profiles/ is offered with what is wrong', () => {
        const items = profilePickItems([
            { path: at('package.json'), text: '{"name": "eastshire", "version": "1.0.0"}' },
            { path: at('tenders/2026/bridge.json'), text: '{"contractValue": "4000000.00", "category": "works"}' },
            { path: at('profiles/draft.json'), text: '{"contractValue": 2500000,' },
            { path: at('profiles/lots.json'), text: '{"contractValue": "lots", "category": "works"}' },
            { path: at('profiles/huge.json'), text: undefined }
        ], WORKSPACE);
        expect(items.slice(0, -2).map(item => [item.description, item.detail])).toEqual([
            ['profiles/draft.json', 'Not a contract profile: it is not valid JSON'],
            ['profiles/huge.json', 'Not a contract profile: it could not be read'],
            ['profiles/lots.json', expect.stringMatching(/^Not a contract profile: 'contractValue' is "lots", but it must be the contract value in pounds/)],
            ['tenders/2026/bridge.json', '£4,000,000 works contract']
        ]);
    });

    test('the default profile comes first and says so, found or not', () => {
        const candidates: ProfileCandidate[] = [
            { path: at('profiles/a.json'), text: '{"contractValue": 100000, "category": "goods"}' },
            { path: at('profiles/b.json'), text: '{"contractValue": 200000, "category": "goods"}' }
        ];
        const found = profilePickItems(candidates, WORKSPACE, at('profiles/b.json'));
        expect(found.map(item => item.description).slice(0, 2)).toEqual(['profiles/b.json (default)', 'profiles/a.json']);
        const missing = profilePickItems(candidates, WORKSPACE, at('profiles/gone.json'));
        expect(missing[0]).toMatchObject({
            description: 'profiles/gone.json (default)',
            detail: 'The default profile (setting svf.compile.defaultProfile): not found in the workspace',
            choice: { kind: 'file', path: at('profiles/gone.json') }
        });
        expect(missing).toHaveLength(5);
    });
});

describe('the input boxes', () => {
    test('the contract value: what svf compile --value accepts, with its messages', () => {
        for (const accepted of ['2.5m', '250k', '60000', '£1,250,000', ' £16.93 ']) expect(contractValueProblem(accepted)).toBeUndefined();
        expect(contractValueProblem('2.5x')).toBe("'2.5x' is not an amount of money. Write it like 60000, £16.93, 250k, £2.5m, £1.2bn or £1,250,000.");
        expect(contractValueProblem('2.5M')).toBe("'2.5M': write the multiplier in lower case: 2.5m.");
        expect(contractValueProblem('-2.5m')).toBe("A contract value cannot be negative; got '-2.5m'.");
        expect(contractValueProblem('  ')).toBe('Type the contract value, e.g. 2.5m, 250k, 60000 or £1,250,000.');
    });

    test('the value box accepts exactly what parseAmount reads as a non-negative amount, and never throws', () => {
        fc.assert(fc.property(fc.string({ maxLength: 20 }), text => {
            let valid: boolean;
            try {
                valid = !parseAmount(text).isNegative();
            } catch {
                valid = false;
            }
            expect(contractValueProblem(text) === undefined).toBe(valid && text.trim() !== '');
        }), { seed: 15 });
    });

    test('the category: one word; the duration: empty or whole months', () => {
        expect(categoryProblem('works')).toBeUndefined();
        expect(categoryProblem('capital_works2')).toBeUndefined();
        expect(categoryProblem('road works')).toBe("A category is one word of letters, digits and _ (e.g. works); got 'road works'.");
        expect(categoryProblem('')).toMatch(/^Type the contract category/);
        expect(durationProblem('')).toBeUndefined();
        expect(durationProblem('36')).toBeUndefined();
        expect(durationProblem('3 years')).toBe("The contract's length in whole months, e.g. 36 (or leave it empty); got '3 years'.");
        expect(durationProblem('2.5')).toBeDefined();
    });

    test('what is typed becomes the profile choice the server reads; an empty duration is left out', () => {
        expect(typedProfileChoice(' 2.5m ', 'works ', '36')).toEqual({ kind: 'typed', value: '2.5m', category: 'works', durationMonths: '36' });
        expect(typedProfileChoice('60k', 'services', ' ')).toEqual({ kind: 'typed', value: '60k', category: 'services' });
    });
});

describe('settings', () => {
    test('the output folder: svf-output by default, relative to the workspace folder, an absolute path as it is', () => {
        expect(outputRootFor(WORKSPACE, undefined)).toBe(at('svf-output'));
        expect(outputRootFor(WORKSPACE, '  ')).toBe(at('svf-output'));
        expect(outputRootFor(WORKSPACE, 'build/json')).toBe(at('build/json'));
        expect(outputRootFor(WORKSPACE, '/srv/portal/inbox')).toBe('/srv/portal/inbox');
    });

    test('the default profile: none when empty, else relative to the workspace folder', () => {
        expect(defaultProfilePath(WORKSPACE, '')).toBeUndefined();
        expect(defaultProfilePath(WORKSPACE, undefined)).toBeUndefined();
        expect(defaultProfilePath(WORKSPACE, 'profiles/works-2.5m.json')).toBe(at('profiles/works-2.5m.json'));
    });
});
