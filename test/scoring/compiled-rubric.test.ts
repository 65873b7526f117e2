import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { scoreBids } from '../../compiler/portal.js';
import { removeTemporaryFolders, repositoryRoot, runSvf, temporaryFolder } from '../cli/run-svf.js';

afterAll(removeTemporaryFolders);

test('a rubric compiled by svf compile (the council example, £2.5m works) scores', () => {
    const out = temporaryFolder();
    const compiled = runSvf(['compile', 'examples/council', '--profile', 'examples/council/profiles/works-2.5m.json', '--out', out], repositoryRoot);
    expect(compiled.exitCode).toBe(0);
    const rubric = JSON.parse(fs.readFileSync(path.join(out, 'rubric.json'), 'utf8')) as { schemaVersion: string };
    expect(rubric.schemaVersion).toBe('1.4.0');
    const levels = { employmentPlan: 4, supplyChainPlan: 3, communityPlan: 75, netZeroPlan: 50 };
    const result = scoreBids(rubric, {
        bids: [
            { bidder: 'Strong commitments', commitments: { NT1: 14 }, methodStatements: levels, gates: { realLivingWage: true } },
            { bidder: 'Below the minimum', commitments: { NT1: 2 }, methodStatements: levels, gates: { realLivingWage: true } }
        ]
    });
    // NT1: 14 x £19,200.00 = £268,800.00: an SV ratio of 10.75% (at least the rule's 10%), and against the
    // target of 10% of £2,500,000 = £250,000: min(268,800 / 250,000, 1) x 70 = 70 (capped).
    expect(result.bidders[0]).toMatchObject({ socialValue: '268800.00', svRatio: 10.75, quantitativeMarks: 70, rank: 1 });
    // The rule asks at least 2.5 FTE of NT1: 2 is below it (and £38,400 is 1.54%, below 10%), so quantitative marks are 0 (the default, zero).
    expect(result.bidders[1]!.unmetMinimumCommitments.map(unmet => unmet.measure)).toEqual(['NT1']);
    expect(result.bidders[1]!.quantitativeMarks).toBe(0);
});
