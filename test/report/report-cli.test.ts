import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parseCsv } from '../../compiler/report/index.js';
import { removeTemporaryFolders, repositoryRoot, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { expectValid } from '../compiler/schema-assertions.js';
import { bid, contract, contractFolderFiles, quarter1, rubric } from './report-fixtures.js';

afterEach(removeTemporaryFolders);

/** One contract's files, laid out for `svf report --rubric ... --returns returns/` (contract.json in returns/). */
function singleContract(overrides: Record<string, unknown> = {}): string {
    const files = contractFolderFiles(overrides);
    return temporaryFolder({
        'rubric.json': files['rubric.json']!,
        'question-set.json': files['question-set.json']!,
        'bid.json': files['commitments.json']!,
        'returns/contract.json': files['contract.json']!,
        'returns/2026-q1.json': files['returns/2026-q1.json']!,
        'returns/2026-q2.csv': files['returns/2026-q2.csv']!
    });
}

const SINGLE = ['report', '--rubric', 'rubric.json', '--commitments', 'bid.json', '--returns', 'returns', '--question-set', 'question-set.json'];

describe('svf report, one contract', () => {
    test('table: the measures, themes, statement, evidence and the warning', () => {
        const run = runSvf(SINGLE, singleContract());
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.lines[0]).toBe('Contract ECC-2026-014, Acme Construction Ltd: 2026-04-01 to 2028-03-31 (24 months)');
        expect(run.lines[1]).toBe('As of 2026-09-30: 25% of the contract elapsed; the plan to date is that share of each commitment.');
        expect(run.lines.find(line => line.startsWith('NT8 '))).toMatch(/BEHIND PLAN by 1 \(£285\.00\)$/);
        expect(run.lines.find(line => line.startsWith('NT23 '))).toMatch(/NOT COMMITTED \(not in totals\)$/);
        expect(run.lines).toContain('  Total        £27,691.02');
        expect(run.lines).toContain('  NT1 2026-07-01 to 2026-09-30: Payroll, September');
        expect(run.lines.at(-1)).toMatch(/^warning: NT23 was returned/);
    });

    test('JSON follows delivery-report.schema.json; the warning goes to stderr', () => {
        const run = runSvf([...SINGLE, '--format', 'json'], singleContract());
        expect(run.exitCode).toBe(0);
        const report = JSON.parse(run.stdout);
        expectValid('delivery-report.schema.json', report);
        expect(report.statement.deliveredValue).toBe('27691.02');
        expect(run.stderr).toMatch(/^svf: warning: NT23 was returned/);
    });

    test('CSV: one row per measure, the same figures, readable back', () => {
        const run = runSvf([...SINGLE, '--format', 'csv'], singleContract());
        expect(run.exitCode).toBe(0);
        const rows = parseCsv(run.stdout).map(row => row.map(field => field.text));
        expect(rows[0]).toEqual(['contract', 'measure', 'theme', 'unit', 'committed', 'plan_to_date', 'delivered', 'percent_of_plan', 'committed_value', 'plan_to_date_value', 'delivered_value', 'behind_plan', 'shortfall', 'shortfall_value', 'uncommitted', 'evidence']);
        expect(rows.find(row => row[1] === 'NT14')).toEqual(['ECC-2026-014', 'NT14', 'growth', '£', '100000.00', '25000.00', '30000.50', '120', '45000.00', '11250.00', '13500.23', 'false', '', '', 'false', '2026-04-01..2026-06-30: Invoices from 4 local suppliers']);
        expect(rows.find(row => row[1] === 'NT30')![15]).toBe('2026-07-01..2026-09-30: Fuel records,\r\nfleet telematics');
    });

    test('--start and --duration override contract.json; --as-of moves the plan', () => {
        const run = runSvf([...SINGLE, '--duration', '12', '--as-of', '2026-12-31', '--format', 'json'], singleContract());
        const report = JSON.parse(run.stdout);
        // 9 of 12 months: NT1 plan 2 x 9/12 = 1.5.
        expect(report.elapsedPercent).toBe(75);
        expect(report.measures.find((measure: { measure: string }) => measure.measure === 'NT1').planToDate).toBe(1.5);
    });

    test('invalid input: every problem on stderr with its place, exit 1, nothing on stdout', () => {
        const overlapping = 'period_start,period_end,measure,delivered,evidence\n2026-06-01,2026-08-31,NT1,x,\n';
        const run = runSvf(SINGLE, singleContract({ 'returns/2026-q2.csv': overlapping }));
        expect(run.exitCode).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n')).toEqual([
            "svf: returns/2026-q2.csv:2:27: 'x' is not a quantity; write a number of zero or more, like 12 or 12500.00.",
            'svf: no report: fix the problem above.',
            ''
        ]);
        const twice = runSvf(SINGLE, singleContract({ 'returns/2026-q2.csv': 'period_start,period_end,measure,delivered,evidence\n2026-06-01,2026-08-31,NT1,1,\n' }));
        expect(twice.exitCode).toBe(1);
        expect(twice.stderr).toContain('svf: returns/2026-q2.csv:2:1: the period 2026-06-01 to 2026-08-31 overlaps 2026-04-01 to 2026-06-30 (at returns/2026-q1.json:/periods/0); periods must not overlap.');
    });

    test('on a rubric compiled from the council example, themes come from the rubric itself', () => {
        const folder = temporaryFolder({
            'bid.json': JSON.stringify({ bidder: 'Acme Construction Ltd', commitments: { NT1: 3, NT22: 300 } }),
            'returns/q1.csv': 'period_start,period_end,measure,delivered,evidence\n2026-04-01,2026-06-30,NT1,0.25,Payroll\n2026-04-01,2026-06-30,NT22,30,Timesheets\n'
        });
        const compiled = runSvf(['compile', path.join(repositoryRoot, 'examples', 'council'), '--profile', path.join(repositoryRoot, 'examples', 'council', 'profiles', 'works-2.5m.json'), '--out', path.join(folder, 'out')], folder);
        expect(compiled.exitCode).toBe(0);
        const run = runSvf(['report', '--rubric', 'out/rubric.json', '--commitments', 'bid.json', '--returns', 'returns', '--start', '2026-04-01', '--format', 'json'], folder);
        expect(run.stderr).toBe('');
        const report = JSON.parse(run.stdout);
        // The profile's 36 months; 3 of them elapsed. NT1: plan 3 x 3/36 = 0.25, delivered 0.25 x £19,200 = £4,800.
        // NT22: plan 300 x 3/36 = 25 hours, delivered 30 x £16.93 = £507.90.
        expect(report.contract.durationMonths).toBe(36);
        expect(report.statement.byTheme).toEqual([{ theme: 'jobs', deliveredValue: '4800.00' }, { theme: 'social', deliveredValue: '507.90' }]);
    });

    test('a wrong command line exits 2', () => {
        const folder = singleContract();
        expect(runSvf(['report', '--rubric', 'rubric.json'], folder)).toMatchObject({ exitCode: 2, stderr: 'svf: --commitments, --returns are needed for one contract\'s report (or give --portfolio FOLDER).\n' });
        expect(runSvf([...SINGLE, '--as-of', '31/12/2026'], folder)).toMatchObject({ exitCode: 2, stderr: "svf: --as-of '31/12/2026' is not a date written YYYY-MM-DD, like 2026-04-01.\n" });
        expect(runSvf([...SINGLE, '--format', 'xml'], folder).exitCode).toBe(2);
        expect(runSvf(['report', '--portfolio', 'nowhere'], folder)).toMatchObject({ exitCode: 2, stderr: "svf: --portfolio 'nowhere': no such folder.\n" });
    });

    test('a file that cannot be read is named, exit 2 (as everywhere in svf)', () => {
        const run = runSvf(['report', '--rubric', 'missing.json', '--commitments', 'bid.json', '--returns', 'returns'], singleContract());
        expect(run).toMatchObject({ exitCode: 2, stderr: 'svf: missing.json: cannot be read: no such file or folder.\n' });
    });
});

/**
 * Four contract folders in two programmes: the fixture contract (Growth Deal), a small City
 * Deal contract on plan, a City Deal contract with no returns yet, and a broken one.
 */
function portfolio(): string {
    const cityDeal = (id: string, start: string, value: string) => ({ id, title: null, programme: 'City Deal', start, durationMonths: 12, contractValue: value });
    const files: Record<string, string> = {};
    for (const [file, text] of Object.entries(contractFolderFiles())) files[`a120/${file}`] = text;
    // B: 1 FTE over 12 months from 2026-04-01; 0.25 delivered in the first quarter = plan 1 x 3/12: £4,800 of £19,200.
    Object.assign(files, {
        'b-skills/contract.json': JSON.stringify(cityDeal('CD-7', '2026-04-01', '150000')),
        'b-skills/rubric.json': JSON.stringify(rubric),
        'b-skills/commitments.json': JSON.stringify({ bidder: 'Skills Co', commitments: { NT1: 1 } }),
        'b-skills/returns/q1.csv': 'period_start,period_end,measure,delivered,evidence\n2026-04-01,2026-06-30,NT1,0.25,Payroll\n',
        // D: 10 apprenticeship weeks (£2,850) from 2026-07-01, no returns yet: nothing planned.
        'd-new/contract.json': JSON.stringify(cityDeal('CD-9', '2026-07-01', '60000.00')),
        'd-new/rubric.json': JSON.stringify(rubric),
        'd-new/commitments.json': JSON.stringify({ bidder: 'New Co', commitments: { NT8: 10 } }),
        'd-new/returns/.keep': '',
        // C: its returns repeat a period.
        'c-broken/contract.json': JSON.stringify({ ...contract, id: 'GD-3' }),
        'c-broken/rubric.json': JSON.stringify(rubric),
        'c-broken/commitments.json': JSON.stringify(bid),
        'c-broken/returns/a.json': JSON.stringify({ ...quarter1, contract: 'GD-3' }),
        'c-broken/returns/b.json': JSON.stringify({ ...quarter1, contract: 'GD-3' }),
        'notes.txt': 'not a contract'
    });
    return temporaryFolder(files);
}

describe('svf report --portfolio', () => {
    test('JSON: totals by programme, theme and quarter; contracts behind plan; the broken folder reported, exit 1', () => {
        const folder = portfolio();
        const run = runSvf(['report', '--portfolio', '.', '--format', 'json'], folder);
        expect(run.exitCode).toBe(1);
        const report = JSON.parse(run.stdout);
        expectValid('portfolio-report.schema.json', report);
        // Committed 108,619 (a120) + 19,200 (CD-7) + 2,850 (CD-9) = 130,669; planned 27,224.75 + 4,800 + 0 = 32,024.75;
        // delivered 27,691.015 + 4,800 = 32,491.015 -> £32,491.02.
        expect(report.totals).toEqual({ contracts: 3, contractsBehindPlan: 1, brokenContracts: 1, committedValue: '130669.00', planToDateValue: '32024.75', deliveredValue: '32491.02', percentOfPlan: 101.46 });
        expect(report.byProgramme).toEqual([
            // City Deal: 19,200 + 2,850 = 22,050 committed; contract values 150,000 + 60,000.
            { programme: 'City Deal', contracts: 2, contractsBehindPlan: 0, contractValue: '210000.00', committedValue: '22050.00', planToDateValue: '4800.00', deliveredValue: '4800.00', percentOfPlan: 100 },
            { programme: 'Growth Deal', contracts: 1, contractsBehindPlan: 1, contractValue: '2500000.00', committedValue: '108619.00', planToDateValue: '27224.75', deliveredValue: '27691.02', percentOfPlan: 101.71 }
        ]);
        // jobs: 53,220 + 19,200 + 2,850 = 75,270 committed; 13,020 + 4,800 = 17,820 delivered. CD-7 and CD-9 have no question set: their themes come from nowhere.
        expect(report.byTheme.find((theme: { theme: string }) => theme.theme === 'jobs')).toEqual({ theme: 'jobs', committedValue: '53220.00', planToDateValue: '13305.00', deliveredValue: '13020.00', percentOfPlan: 97.86 });
        expect(report.byTheme.at(-1)).toEqual({ theme: null, committedValue: '22050.00', planToDateValue: '4800.00', deliveredValue: '4800.00', percentOfPlan: 100 });
        // 2026-27 Q1: 20,061.015 (a120) + 4,800 (CD-7) = 24,861.015; Q2: 7,630 (a120).
        expect(report.byPeriod).toEqual([
            { period: '2026-27 Q1', deliveredValue: '24861.02', contracts: 2 },
            { period: '2026-27 Q2', deliveredValue: '7630.00', contracts: 1 }
        ]);
        expect(report.behindPlan).toHaveLength(1);
        expect(report.behindPlan[0]).toMatchObject({ id: 'ECC-2026-014', programme: 'Growth Deal', measures: [
            { measure: 'NT8', shortfall: 1, shortfallValue: '285.00' },
            { measure: 'NT22', shortfall: 72, shortfallValue: '1218.96' },
            { measure: 'NT30', shortfall: 1, shortfallValue: '280.00' }
        ] });
        expect(report.broken).toEqual([{ folder: 'c-broken', problems: [
            "c-broken/returns/b.json:/periods/0: the period 2026-04-01 to 2026-06-30 is returned twice (also at c-broken/returns/a.json:/periods/0); put all of a period's figures in one return."
        ] }]);
        expect(run.stderr.split('\n')).toEqual([
            "svf: c-broken/returns/b.json:/periods/0: the period 2026-04-01 to 2026-06-30 is returned twice (also at c-broken/returns/a.json:/periods/0); put all of a period's figures in one return.",
            'svf: 1 contract folder could not be reported; the totals leave it out.',
            ''
        ]);
    });

    test('table and CSV give the same figures', () => {
        const folder = portfolio();
        const table = runSvf(['report', '--portfolio', '.'], folder);
        expect(table.exitCode).toBe(1);
        expect(table.lines[0]).toBe('Portfolio: 3 contracts (1 more could not be read), 1 behind plan');
        expect(table.lines[1]).toBe('Social value delivered £32,491.02 of £32,024.75 planned to date (101.46%); £130,669.00 committed');
        expect(table.lines.some(line => /^Growth Deal\s+1\s+1\s+£2,500,000\.00\s+£108,619\.00\s+£27,224\.75\s+£27,691\.02\s+101\.71%$/.test(line))).toBe(true);
        expect(table.lines).toContain('  ECC-2026-014 "A120 junction works" (Growth Deal): £27,691.02 of £27,224.75 planned (101.71%); behind on NT8 by 1 (£285.00), NT22 by 72 (£1,218.96), NT30 by 1 (£280.00)');
        const csv = runSvf(['report', '--portfolio', '.', '--format', 'csv'], folder);
        const rows = parseCsv(csv.stdout).map(row => row.map(field => field.text));
        expect(rows[1]).toEqual(['total', 'all contracts', '', '3', '130669.00', '32024.75', '32491.02', '101.46', '1']);
        expect(rows).toContainEqual(['period', '2026-27 Q1', '', '2', '', '', '24861.02', '', '']);
        expect(rows).toContainEqual(['contract', 'CD-9', 'City Deal', '1', '2850.00', '0.00', '0.00', '', 'false']);
    });

    test('a portfolio with every folder readable exits 0; --as-of applies to every contract', () => {
        const folder = portfolio();
        const run = runSvf(['report', '--portfolio', path.join(folder, '.'), '--as-of', '2026-12-31', '--format', 'json'], temporaryFolder());
        const report = JSON.parse(run.stdout);
        expect(report.asOf).toBe('2026-12-31');
        // CD-9 from 2026-07-01: 6 of 12 months by 2026-12-31, plan 10 x 6/12 = 5 weeks, none delivered: behind.
        expect(report.behindPlan.map((contract: { id: string }) => contract.id)).toEqual(['ECC-2026-014', 'CD-7', 'CD-9']);
        const clean = temporaryFolder(Object.fromEntries(Object.entries(contractFolderFiles()).map(([file, text]) => [`only/${file}`, text])));
        expect(runSvf(['report', '--portfolio', clean]).exitCode).toBe(0);
    });

    test('a contract folder without its files, or without a programme, is broken, and the others still count', () => {
        const folder = temporaryFolder({
            ...Object.fromEntries(Object.entries(contractFolderFiles()).map(([file, text]) => [`ok/${file}`, text])),
            'empty/README.md': 'nothing here',
            'noprog/contract.json': JSON.stringify({ id: 'X', start: '2026-04-01', durationMonths: 12 }),
            'noprog/rubric.json': JSON.stringify(rubric),
            'noprog/commitments.json': JSON.stringify(bid),
            'noprog/returns/q.csv': 'period_start,period_end,measure,delivered,evidence\n'
        });
        const run = runSvf(['report', '--portfolio', '.', '--format', 'json'], folder);
        expect(run.exitCode).toBe(1);
        expect(JSON.parse(run.stdout).totals.contracts).toBe(1);
        expect(run.stderr).toContain('svf: empty: contract.json, rubric.json, commitments.json, returns missing; a contract folder holds contract.json, rubric.json, commitments.json and returns/.');
        expect(run.stderr).toContain('svf: noprog/contract.json: /programme: missing; a portfolio totals by programme, so name the contract\'s (e.g. "Growth Deal").');
    });
});
