import { describe, expect, test } from 'vitest';
import { diffFrameworks } from '../../model/diff/diff-frameworks.js';
import { BASE_TEXT, resolveText } from '../model/diff-fixtures.js';
import { WORDING } from '../model/merge-fixtures.js';

const PROFILE = 'profile {\n    choice programme "Funding programme" one of growthDeal, cityDeal, boost, rosebud\n}\n';

describe('the rule diff on the same cells as the coverage check', () => {
    test('a new rule for one programme: one region naming it, no impossible programme mixes', async () => {
        const cityDeal = 'rule cityDeal "City Deal" when programme is cityDeal and contractValue >= £100k {\n    ratio 5%\n}\n';
        const before = BASE_TEXT.replace('rule standard', `${PROFILE}rule standard`);
        const after = BASE_TEXT.replace('rule standard', `${PROFILE}${cityDeal}rule standard`);
        const diff = diffFrameworks(await resolveText(before), await resolveText(after), WORDING);
        expect(diff.ruleOutcomes.map(outcome => `${outcome.class}: ${outcome.region}: ${outcome.before.rule} -> ${outcome.after.rule} (${outcome.after.ask})`))
            .toEqual(['minor: contracts of £100,000 or more in programme cityDeal: standard -> cityDeal (5%)']);
    });

    test('a threshold on the annual value moves contracts only where a contract can have that annual value', async () => {
        const perYear = 'rule perYear "£1m a year" when annualValue >= £1m {\n    ratio 15%\n}\n';
        const diff = diffFrameworks(await resolveText(BASE_TEXT), await resolveText(BASE_TEXT.replace('rule standard', `${perYear}rule standard`)), WORDING);
        // Contracts under £100,000 keep the earlier rule; no region for contracts without a duration.
        expect(diff.ruleOutcomes.map(outcome => `${outcome.region}: ${outcome.before.rule} -> ${outcome.after.rule}`)).toEqual([
            'contracts of £100,000 or more lasting over 0 months with an annual value of £1,000,000 or more: standard -> perYear'
        ]);
    });
});
