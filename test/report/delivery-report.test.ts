import { describe, expect, test } from 'vitest';
import { reportContract, type ContractInputs, type MeasureDelivery } from '../../compiler/report/index.js';
import { expectValid } from '../compiler/schema-assertions.js';
import { bid, contract, contractFolderFiles, questionSet, quarter1, quarter2Csv, rubric } from './report-fixtures.js';

const json = (path: string, value: unknown) => ({ path, text: JSON.stringify(value) });

function inputs(overrides: Partial<ContractInputs> = {}): ContractInputs {
    return {
        rubric: json('rubric.json', rubric),
        questionSet: json('question-set.json', questionSet),
        commitments: json('bid.json', bid),
        contract: json('returns/contract.json', contract),
        returns: [json('returns/2026-q1.json', quarter1), { path: 'returns/2026-q2.csv', text: quarter2Csv }],
        ...overrides
    };
}

const byCode = (measures: MeasureDelivery[]) => Object.fromEntries(measures.map(measure => [measure.measure, measure]));

describe('a contract\'s delivery report', () => {
    // 24-month contract from 2026-04-01; returns for April-June and July-September 2026:
    // as of 2026-09-30, 6 of 24 months have elapsed, so the plan to date is 6/24 = 25% of each commitment.
    const { report } = reportContract(inputs());
    const measures = byCode(report.measures);

    test('follows its schema', () => {
        expectValid('delivery-report.schema.json', report);
        expect(report.asOf).toBe('2026-09-30');
        expect(report.elapsedPercent).toBe(25);
        expect(report.contract).toEqual({ id: 'ECC-2026-014', supplier: 'Acme Construction Ltd', start: '2026-04-01', end: '2028-03-31', durationMonths: 24 });
    });

    test('a measure on plan: committed, planned and delivered in units and £', () => {
        // NT1: 2 FTE committed; plan 2 x 6/24 = 0.5; delivered 0.25 + 0.25 = 0.5.
        // Net value per unit £24,000 x (1 - 20% deadweight) = £19,200: committed 2 x 19,200 = £38,400, delivered 0.5 x 19,200 = £9,600.
        expect(measures.NT1).toMatchObject({
            theme: 'jobs', committed: 2, planToDate: 0.5, delivered: 0.5, percentOfPlan: 100, percentOfCommitment: 25,
            committedValue: '38400.00', planToDateValue: '9600.00', deliveredValue: '9600.00', behindPlan: false, shortfall: null, uncommitted: false
        });
    });

    test('a measure behind plan says by how much, in units and £', () => {
        // NT8: 52 weeks committed; plan 52 x 6/24 = 13; delivered 6 + 6 = 12: behind by 1 week = 1 x £285.
        expect(measures.NT8).toMatchObject({ planToDate: 13, delivered: 12, behindPlan: true, shortfall: 1, shortfallValue: '285.00', deliveredValue: '3420.00', percentOfPlan: 92.31 });
        // NT22: 300 hours; plan 75; delivered 3 x £16.93 = £50.79 (exact); behind by 72 hours = 72 x 16.93 = £1,218.96.
        expect(measures.NT22).toMatchObject({ delivered: 3, deliveredValue: '50.79', shortfall: 72, shortfallValue: '1218.96', percentOfPlan: 4 });
    });

    test('money is exact and rounded once, at output', () => {
        // NT14: £30,000.50 local spend x (£1 x (1 - 55%)) = 30000.50 x 0.45 = £13,500.225, shown as £13,500.23.
        expect(measures.NT14).toMatchObject({ committed: '100000.00', planToDate: '25000.00', delivered: '30000.50', deliveredValue: '13500.23', behindPlan: false, percentOfPlan: 120 });
        // The statement adds the exact values: 9600 + 3420 + 50.79 + 13500.225 + 1120 = 27,691.015 -> £27,691.02.
        expect(report.statement.deliveredValue).toBe('27691.02');
    });

    test('record-only measures are reported in units and never valued', () => {
        // RE11: 4 visits committed; plan 1; delivered 1.
        expect(measures.RE11).toMatchObject({ recordOnly: true, committed: 4, planToDate: 1, delivered: 1, behindPlan: false, committedValue: null, deliveredValue: null, netValuePerUnit: null });
    });

    test('a multi-year measure: committed per year, valued year by year with the drop-off', () => {
        // NT30: 10 tonnes a year for 2 years = 20 tonnes; £280 a tonne, drop-off 10% a year:
        // committed 10 x 280 + 10 x 280 x 0.9 = 2,800 + 2,520 = £5,320; plan: half of year 1 = 5 tonnes, £1,400;
        // delivered 4 tonnes in year 1 = £1,120: behind by 1 tonne, £280.
        expect(measures.NT30).toMatchObject({ multiYear: true, committed: 20, committedValue: '5320.00', planToDate: 5, planToDateValue: '1400.00', delivered: 4, deliveredValue: '1120.00', shortfall: 1, shortfallValue: '280.00' });
    });

    test('themes and the social value statement', () => {
        // jobs: NT1 + NT8 (+ RE11, never valued): committed 38,400 + 14,820 = 53,220; plan 9,600 + 3,705 = 13,305;
        // delivered 9,600 + 3,420 = 13,020; 13,020 / 13,305 = 97.86%.
        expect(report.themes.find(theme => theme.theme === 'jobs')).toEqual({
            theme: 'jobs', measures: 3, measuresBehindPlan: 1, committedValue: '53220.00', planToDateValue: '13305.00', deliveredValue: '13020.00', percentOfPlan: 97.86
        });
        // Committed 53,220 + 5,079 (NT22: 300 x 16.93) + 45,000 (NT14) + 5,320 (NT30) = 108,619;
        // planned 13,305 + 1,269.75 + 11,250 + 1,400 = 27,224.75.
        expect(report.statement).toMatchObject({ committedValue: '108619.00', planToDateValue: '27224.75' });
        expect(report.statement.byTheme).toEqual([
            { theme: 'jobs', deliveredValue: '13020.00' },
            { theme: 'social', deliveredValue: '50.79' },
            { theme: 'growth', deliveredValue: '13500.23' },
            { theme: 'environment', deliveredValue: '1120.00' }
        ]);
        // Per period: Q1 = 0.25 x 19,200 + 6 x 285 + 3 x 16.93 + 30,000.50 x 0.45 = 4,800 + 1,710 + 50.79 + 13,500.225 = 20,061.015;
        // Q2 = 4,800 + 1,710 + 1,120 = 7,630 (NT23 is not committed, so not counted).
        expect(report.periods).toEqual([
            { start: '2026-04-01', end: '2026-06-30', deliveredValue: '20061.02' },
            { start: '2026-07-01', end: '2026-09-30', deliveredValue: '7630.00' }
        ]);
    });

    test('a return for a measure never committed to is flagged and not added to the totals', () => {
        expect(measures.NT23).toMatchObject({ uncommitted: true, committed: null, delivered: '1000.00', deliveredValue: '1000.00', behindPlan: false });
        expect(report.warnings).toEqual([{
            code: 'uncommitted-measure', measure: 'NT23',
            message: 'NT23 was returned (£1,000.00, worth £1,000.00, first at returns/2026-q2.csv:7:1) but the supplier never committed to it: it is listed and flagged, and not counted in the totals.'
        }]);
        expect(report.themes.find(theme => theme.theme === 'social')!.deliveredValue).toBe('50.79');
    });

    test('evidence notes are carried as written, CSV quoting undone', () => {
        expect(measures.NT1!.returns.map(line => line.evidence)).toEqual(['Payroll extract, June 2026', 'Payroll, September']);
        expect(measures.RE11!.returns[0]!.evidence).toBe('Visit to "Hill Road" primary');
        expect(measures.NT30!.returns[0]!.evidence).toBe('Fuel records,\r\nfleet telematics');
        expect(measures.NT8!.returns[1]!.evidence).toBeNull();
    });

    test('--as-of moves the plan; a part month counts by its days', () => {
        // As of 2026-10-15: 6 months + 15/31 of October = 6.4838... months of 24.
        // NT1 plan = 2 x (6 x 31 + 15) / (24 x 31) = 2 x 201 / 744 = 0.5403... -> 0.54; delivered 0.5 < 0.5403: behind.
        const { report: later } = reportContract(inputs(), { asOf: '2026-10-15' });
        expect(byCode(later.measures).NT1).toMatchObject({ planToDate: 0.54, behindPlan: true, shortfall: 0.04 });
        expect(later.elapsedPercent).toBe(27.02);
    });

    test('as of a date, return periods that end after it are left out, and a warning says so', () => {
        // As of 2026-08-31: 5 of 24 months; only April-June counts. NT1: plan 2 x 5/24 = 0.4167 -> 0.42, delivered 0.25.
        const { report: earlier } = reportContract(inputs(), { asOf: '2026-08-31' });
        expect(byCode(earlier.measures).NT1).toMatchObject({ planToDate: 0.42, delivered: 0.25, behindPlan: true });
        expect(earlier.periods).toHaveLength(1);
        expect(earlier.warnings).toEqual([{
            code: 'returns-after-as-of', measure: null,
            message: '1 return period ends after the as-of date 2026-08-31 and is left out (2026-07-01 to 2026-09-30, at returns/2026-q2.csv:2:1).'
        }]);
        expectValid('delivery-report.schema.json', earlier);
    });

    test('a year-2 return of a multi-year measure is valued with one year of drop-off', () => {
        const year2 = { ...quarter1, periods: [{ start: '2027-04-01', end: '2027-06-30', measures: [{ measure: 'NT30', delivered: 5, evidence: null }] }] };
        const { report: later } = reportContract(inputs({ returns: [json('q5.json', year2)] }));
        // 5 tonnes x £280 x (1 - 10%) = £1,260. Plan at 2027-06-30 (15 months): year 1 in full, £2,800, plus 3/12 of year 2, 2,520 x 3/12 = £630.
        expect(byCode(later.measures).NT30).toMatchObject({ deliveredValue: '1260.00', planToDateValue: '3430.00', planToDate: 12.5 });
    });

    test('themes come from the rubric itself when it carries them', () => {
        const themed = { quantitative: { measures: rubric.quantitative.measures.map(measure => ({ ...measure, theme: `t-${measure.code}` })) }, profile: rubric.profile };
        const { report: withThemes } = reportContract(inputs({ rubric: json('rubric.json', themed), questionSet: undefined }));
        expect(byCode(withThemes.measures).NT1!.theme).toBe('t-NT1');
        const { report: without } = reportContract(inputs({ questionSet: undefined }));
        expect(byCode(without.measures).NT1!.theme).toBeNull();
    });

    test('commitments may be a bare bid object; the duration may come from the rubric profile', () => {
        const { report: bare } = reportContract(inputs({ commitments: json('bid.json', bid.bids[0]), contract: undefined }), { start: '2026-04-01' });
        expect(bare.contract.durationMonths).toBe(24);
        expect(bare.statement.deliveredValue).toBe('27691.02');
    });

    test('identical inputs give identical output', () => {
        expect(JSON.stringify(reportContract(inputs()).report)).toBe(JSON.stringify(report));
    });

    test('the files of the fixture folder are what the report reads', () => {
        expect(Object.keys(contractFolderFiles())).toContain('returns/2026-q2.csv');
    });
});
