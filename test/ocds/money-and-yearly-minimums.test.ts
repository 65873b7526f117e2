/**
 * Targets in other shapes than the examples': a minimum on a money measure is a financial
 * target (`value` with the framework's currency, not `measure`), and a minimum on a
 * measure answered per contract year is a target per 12 months.
 */
import { beforeAll, expect, test } from 'vitest';
import { compileFramework, type CompiledFramework } from '../../compiler/index.js';
import { exportOcds, validateOcdsReleaseFragment, type OcdsMetric } from '../../compiler/ocds/index.js';
import { frameworkOf, loadSources } from '../compiler/fixture-loading.js';

const FRAMEWORK = `
framework test.ocdsTargets "Targets in other shapes" {
    version 1.0.0
    currency GBP
}
unit spend "£ spent with local suppliers" money
unit apprentice "no. apprentices"
proxy localSpend "A pound spent locally" = £0.60 per spend { source "ILLUSTRATIVE" }
proxy apprenticeYear "An apprentice for a year" = £12,000 per apprentice { source "ILLUSTRATIVE" }
theme growth "Local growth" {
    outcome localSupply "Local suppliers" {
        measure LS1 "Spend with local suppliers" {
            unit spend
            proxy localSpend
            ask "How much will you spend with local suppliers on this contract?"
        }
        measure AP1 "Apprentices employed each year" {
            unit apprentice
            proxy apprenticeYear
            multi year
            ask "How many apprentices will you employ in each year of the contract?"
        }
    }
}
evaluation {
    weighting 12.5%
    split quantitative 100% qualitative 0%
    method relative
}
rule all "Every contract" {
    minimum LS1 20000 per £1m
    minimum AP1 2
}
`;

let compiled: CompiledFramework;

beforeAll(async () => {
    const framework = frameworkOf(await loadSources({ '/targets/framework.svf': FRAMEWORK }));
    compiled = compileFramework(framework, { contractValue: '1500000', category: 'services', durationMonths: 30, flags: [] });
});

function metric(id: string): OcdsMetric {
    const release = exportOcds(compiled, { ocid: 'ocds-h6vhtk-0c0003', lotId: '1', contractId: '1' });
    expect(validateOcdsReleaseFragment(release)).toEqual([]);
    return release.contracts![0]!.agreedMetrics.find(candidate => candidate.id === id)!;
}

test('a weighting that is not a whole percent is published exactly', () => {
    const release = exportOcds(compiled, { ocid: 'ocds-h6vhtk-0c0003', lotId: '1', contractId: '1' });
    expect(release.tender.lots[0]!.awardCriteria.criteria[0]!.numbers).toEqual([{ number: 12.5, weight: 'percentageExact' }]);
});

test('a minimum on a money measure is a financial target: the amount in the framework\'s currency', () => {
    expect(metric('LS1').observations).toEqual([{
        id: 'LS1-minimum',
        value: { amount: 30000, currency: 'GBP' },
        unit: { name: '£ spent with local suppliers', scheme: 'test.ocdsTargets', id: 'spend' },
        period: { durationInMonths: 30 },
        notes: "At least £30,000.00 (£ spent with local suppliers) over the contract: £20,000 per £1,000,000 of contract value. The framework's minimum commitment for this contract; the contract's target is the winning bid's commitment, which is at least this.",
    }]);
});

test('a minimum on a measure answered per year is a target for each 12 months', () => {
    const [observation] = metric('AP1').observations!;
    expect(observation).toMatchObject({ id: 'AP1-minimum', measure: 2, period: { durationInMonths: 12 } });
    expect(observation!.notes).toMatch(/^At least 2 no\. apprentices a year: /);
    expect(metric('AP1').description).toBe('How many apprentices will you employ in each year of the contract? Measured in no. apprentices, per contract year.');
});
