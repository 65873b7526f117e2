/**
 * The council's returns (the winner's first year) and the portfolio, reported with
 * `svf report`, against figures worked out by hand.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, repositoryRoot, runSvf } from '../cli/run-svf.js';
import { compileCouncil, councilBids } from './council-outputs.js';

const examples = path.join(repositoryRoot, 'examples');
let rubric: string;

beforeAll(() => {
    rubric = compileCouncil().rubric;
});
afterAll(removeTemporaryFolders);

describe('the council example returns', () => {
    test("Brightwater's first year: apprenticeship weeks (NT8) behind plan, the rest on plan", () => {
        const run = runSvf(['report', '--rubric', rubric, '--commitments', path.join(councilBids, 'brightwater-submitted.json'),
            '--returns', path.join(examples, 'council', 'returns'), '--as-of', '2027-03-31', '--format', 'json']);
        expect(run.exitCode, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout);
        // 12 of 36 months elapsed: the plan to date is a third of each commitment.
        const nt8 = report.measures.find((measure: { measure: string }) => measure.measure === 'NT8');
        // committed 104 weeks; plan 104 / 3 = 34.67; delivered 0 + 8 + 10 + 6 = 24; short by 10.67 weeks,
        // 10.666... x £285.00 = £3,040.00
        expect(nt8).toMatchObject({ committed: 104, planToDate: 34.67, delivered: 24, behindPlan: true, shortfall: 10.67, shortfallValue: '3040.00' });
        const behind = report.measures.filter((measure: { behindPlan: boolean }) => measure.behindPlan).map((measure: { measure: string }) => measure.measure);
        expect(behind).toEqual(['NT8']);
        // Delivered: 1.5 x 19,200 + 92,250.50 x 0.45 + 55 x 101 + 215 x 16.93 + 48.8 x 280 + 24 x 285
        // = 28,800 + 41,512.725 + 5,555 + 3,639.95 + 13,664 + 6,840 = £100,011.675 -> £100,011.68
        expect(report.statement.deliveredValue).toBe('100011.68');
        expect(report.statement.committedValue).toBe('264248.00');
    });
});

describe('the portfolio example', () => {
    test('four contracts in two programmes; the two behind plan are listed', () => {
        const run = runSvf(['report', '--portfolio', path.join(examples, 'portfolio'), '--as-of', '2027-03-31', '--format', 'json']);
        expect(run.exitCode, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report.totals).toMatchObject({ contracts: 4, contractsBehindPlan: 2, brokenContracts: 0 });
        expect(report.byProgramme.map((programme: { programme: string }) => programme.programme).sort()).toEqual(['City Deal', 'Growth Deal']);
        // Rye Harbour: 18 of 48 months elapsed; ESC2 plan 320 x 18 / 48 = 120 weeks, delivered
        // 0 + 10 + 16 + 20 + 24 + 26 = 96: short by 24 weeks, x £285.00 = £6,840.00.
        expect(report.behindPlan.map((contract: { id: string; measures: unknown[] }) => [contract.id, contract.measures])).toEqual([
            ['ECC-W-2026-014', [{ measure: 'NT8', shortfall: 10.67, shortfallValue: '3040.00' }]],
            ['ECC-W-2025-031', [{ measure: 'ESC2', shortfall: 24, shortfallValue: '6840.00' }]],
        ]);
    });
});
