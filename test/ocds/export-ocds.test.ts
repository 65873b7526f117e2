/**
 * `exportOcds` on the examples: the release for the council's £2.5m works contract and for
 * the LEP's two-criterion net zero site, each compared with a release written by hand from
 * the README's mapping (test/ocds/fixtures), checked against our schema, and refused when
 * it cannot say what a published release must.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileFramework, parseContractProfileText, type CompiledFramework } from '../../compiler/index.js';
import { exportOcds, OcdsExportError, validateOcdsReleaseFragment, type OcdsExportOptions } from '../../compiler/ocds/index.js';
import type { Framework } from '../../model/framework.js';
import type { ContractProfile } from '../../model/rules/rule-types.js';
import { frameworkOf, loadEntryFile } from '../compiler/fixture-loading.js';
import { expectValid } from '../compiler/schema-assertions.js';

const EXAMPLES = path.resolve(import.meta.dirname, '..', '..', 'examples');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');

function profileFile(example: string, name: string): ContractProfile {
    const file = path.join(EXAMPLES, example, 'profiles', name);
    return parseContractProfileText(fs.readFileSync(file, 'utf8'), file);
}

function handWritten(name: string): unknown {
    return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}

const options = (overrides: Partial<OcdsExportOptions> = {}): OcdsExportOptions => ({ ocid: 'ocds-h6vhtk-0c0001', lotId: '1', contractId: '1', ...overrides });

let council: Framework;
let lep: Framework;
let councilWorks: CompiledFramework;

beforeAll(async () => {
    council = frameworkOf(await loadEntryFile(path.join(EXAMPLES, 'council', 'framework.svf')));
    lep = frameworkOf(await loadEntryFile(path.join(EXAMPLES, 'lep-programme', 'framework.svf')));
    councilWorks = compileFramework(council, profileFile('council', 'works-2.5m.json'));
}, 60_000);

describe('the release for a tailored framework', () => {
    test('the council\'s £2.5m works contract: one social value criterion weighted 10% and two KPIs, as written by hand', () => {
        const release = exportOcds(councilWorks, options({ releaseId: 'ocds-h6vhtk-0c0001-social-value-1', date: '2026-03-27T14:34:58Z' }));
        expect(release).toEqual(handWritten('council-works-2.5m.release.json'));
        expect(validateOcdsReleaseFragment(release)).toEqual([]);
        // And against the schema file itself, not only the validator the build compiled from it.
        expectValid('ocds-release-fragment.schema.json', release);
    });

    test('the LEP\'s net zero site: one OCDS criterion per award criterion, each with its own weighting, and a reporting metric without a target', () => {
        const compiled = compileFramework(lep, profileFile('lep-programme', 'growth-deal-net-zero-works-3.2m.json'));
        const release = exportOcds(compiled, {
            ocid: 'ocds-h6vhtk-0c0002', releaseId: 'ocds-h6vhtk-0c0002-social-value-1', lotId: 'LOT-0002', contractId: 'CON-7', awardId: 'AWD-7',
        });
        expect(release).toEqual(handWritten('lep-net-zero-works-3.2m.release.json'));
        expect(validateOcdsReleaseFragment(release)).toEqual([]);
    });

    test('the weightings are numbers that add up to the rubric\'s weighting, never only words', () => {
        const compiled = compileFramework(lep, profileFile('lep-programme', 'growth-deal-net-zero-works-3.2m.json'));
        const criteria = exportOcds(compiled, options()).tender.lots[0]!.awardCriteria.criteria;
        expect(criteria.map(criterion => criterion.numbers)).toEqual([
            [{ number: 5, weight: 'percentageExact' }],
            [{ number: 20, weight: 'percentageExact' }],
        ]);
        expect(criteria.reduce((sum, criterion) => sum + criterion.numbers[0]!.number, 0)).toBe(compiled.rubric.weighting);
    });

    test('a contract whose framework fixes no KPI has no contracts section and is tagged tender only', () => {
        // The light ask (£25k to £100k) sets no minimum commitment and no SV ratio.
        const compiled = compileFramework(council, profileFile('council', 'service-60k.json'));
        const release = exportOcds(compiled, options());
        expect(release.contracts).toBeUndefined();
        expect(release.tag).toEqual(['tender']);
        expect(release.tender.lots[0]!.awardCriteria.criteria[0]!.numbers).toEqual([{ number: 5, weight: 'percentageExact' }]);
        expect(validateOcdsReleaseFragment(release)).toEqual([]);
    });

    test('without --release-id the id is the ocid and a hash of the content: the same for the same input, another for another contract', () => {
        const first = exportOcds(councilWorks, options());
        expect(first.id).toMatch(/^ocds-h6vhtk-0c0001-svf-[0-9a-f]{16}$/);
        expect(exportOcds(compileFramework(council, profileFile('council', 'works-2.5m.json')), options()).id).toBe(first.id);
        const bigger = compileFramework(council, { ...profileFile('council', 'works-2.5m.json'), contractValue: '3000000' });
        expect(exportOcds(bigger, options()).id).not.toBe(first.id);
        expect(exportOcds(councilWorks, options({ date: '2026-03-27T14:34:58Z' })).id).not.toBe(first.id);
    });

    test('no date unless one is given: the clock is never read', () => {
        expect('date' in exportOcds(councilWorks, options())).toBe(false);
        expect(exportOcds(councilWorks, options({ date: '2026-03-27T14:34:58+01:00' })).date).toBe('2026-03-27T14:34:58+01:00');
    });

    test('any £1m to £5m works contract: the release matches the schema, the weighting is 10% and the NT1 target is 1 per £1m of the contract value', () => {
        fc.assert(fc.property(fc.integer({ min: 1_000_000, max: 4_999_999 }), fc.integer({ min: 1, max: 120 }), (value, months) => {
            const compiled = compileFramework(council, { contractValue: String(value), category: 'works', durationMonths: months, flags: [] });
            const release = exportOcds(compiled, options());
            expect(validateOcdsReleaseFragment(release)).toEqual([]);
            expect(release.tender.lots[0]!.awardCriteria.criteria[0]!.numbers[0]!.number).toBe(10);
            const nt1 = release.contracts![0]!.agreedMetrics.find(metric => metric.id === 'NT1')!.observations![0]!;
            expect(nt1.measure).toBe(compiled.rubric.selection.minimumCommitments.find(minimum => minimum.measure === 'NT1')!.quantity);
            expect(nt1.period).toEqual({ durationInMonths: months });
        }), { numRuns: 25 });
    });
});

describe('what cannot be exported is refused with what to do', () => {
    test('an untailored framework', () => {
        expect(() => exportOcds(compileFramework(council), options())).toThrow(new OcdsExportError(
            'the framework eastshire.socialValue 1.3.0 is not tailored to a contract: award criteria and KPIs depend on the contract, so describe it with --profile <profile.json> (or --value and --category).'));
    });

    test('a contract the framework asks no social value of', () => {
        const compiled = compileFramework(council, { contractValue: '20000', category: 'goods', flags: [] });
        expect(() => exportOcds(compiled, options())).toThrow(new OcdsExportError(
            'the framework asks no social value of this £20,000 goods contract (rule belowThreshold "Under £25,000: no social value ask"): there are no social value award criteria or KPIs to publish.'));
    });

    test('a criterion without a weighting: a published criterion needs its weight as a number', () => {
        const unweighted = structuredClone(councilWorks);
        unweighted.rubric.criteria[0]!.weighting = null;
        expect(() => exportOcds(unweighted, options())).toThrow(/the award criterion socialValue has no weighting for this £2,500,000 works contract: a published criterion needs its weight as a number/);
    });

    test.each([
        [{ date: '2026-03-27' }, "--date '2026-03-27' is not an ISO 8601 date and time with a time zone, e.g. 2026-03-27T14:34:58Z or 2026-03-27T14:34:58+01:00."],
        [{ date: '2026-02-31T10:00:00' }, "--date '2026-02-31T10:00:00' is not an ISO 8601 date and time with a time zone, e.g. 2026-03-27T14:34:58Z or 2026-03-27T14:34:58+01:00."],
        [{ ocid: '' }, '--ocid cannot be empty.'],
        [{ lotId: ' 1' }, "--lot ' 1' has spaces at its start or end; give the identifier exactly as it is published."],
        [{ releaseId: 'a#b' }, "--release-id 'a#b' contains '#', which an OCDS release id must not."],
    ])('options %j', (overrides, message) => {
        expect(() => exportOcds(councilWorks, options(overrides))).toThrow(new OcdsExportError(message));
    });
});

describe('the schema of the fields we emit', () => {
    const valid = () => exportOcds(councilWorks, options()) as unknown as { tender: { lots: Array<{ awardCriteria: { criteria: Array<Record<string, unknown>> } }> }; contracts: Array<{ agreedMetrics: Array<{ observations: Array<Record<string, unknown>> }> }> };

    test('refuses a criterion whose weight is only in its description', () => {
        const release = valid();
        delete release.tender.lots[0]!.awardCriteria.criteria[0]!.numbers;
        expect(validateOcdsReleaseFragment(release).map(error => `${error.instancePath} ${error.message}`)).toContain("/tender/lots/0/awardCriteria/criteria/0 must have required property 'numbers'");
    });

    test('refuses a weight kind other than percentageExact', () => {
        const release = valid();
        release.tender.lots[0]!.awardCriteria.criteria[0]!.numbers = [{ number: 10, weight: 'pointsExact' }];
        expect(validateOcdsReleaseFragment(release).map(error => error.instancePath)).toContain('/tender/lots/0/awardCriteria/criteria/0/numbers/0/weight');
    });

    test('refuses an observation with both a measure and a value', () => {
        const release = valid();
        release.contracts[0]!.agreedMetrics[0]!.observations[0]!.value = { amount: 1, currency: 'GBP' };
        expect(validateOcdsReleaseFragment(release).map(error => `${error.instancePath} ${error.message}`)).toContain('/contracts/0/agreedMetrics/0/observations/0 must match exactly one schema in oneOf');
    });
});

describe('every example contract', () => {
    const examples = fs.readdirSync(EXAMPLES).filter(name => fs.existsSync(path.join(EXAMPLES, name, 'profiles')));

    test.each(examples)('%s: a valid release for each profile, or a refusal for a contract asked nothing', async example => {
        const framework = frameworkOf(await loadEntryFile(path.join(EXAMPLES, example, 'framework.svf')));
        for (const name of fs.readdirSync(path.join(EXAMPLES, example, 'profiles')).filter(file => file.endsWith('.json'))) {
            const compiled = compileFramework(framework, profileFile(example, name));
            if (!compiled.rubric.socialValueAsked) {
                expect(() => exportOcds(compiled, options()), name).toThrow(/asks no social value/);
                continue;
            }
            const release = exportOcds(compiled, options());
            expect(validateOcdsReleaseFragment(release), name).toEqual([]);
            expect(release.tender.lots[0]!.awardCriteria.criteria.map(criterion => criterion.numbers[0]!.number), name)
                .toEqual(compiled.rubric.criteria.map(criterion => criterion.weighting));
        }
    }, 60_000);
});
