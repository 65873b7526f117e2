import { afterEach, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { GAP, GAP_FRAMEWORK } from './gap-framework.js';

afterEach(removeTemporaryFolders);

const FRAMEWORK = GAP_FRAMEWORK;

describe('svf check and acknowledged warnings', () => {
    test('the gap is one line in words; the summary keeps its usual form', () => {
        const run = runSvf(['check', '.'], temporaryFolder({ 'framework.svf': FRAMEWORK }));
        expect(run.lines).toEqual([
            `framework.svf:1:11 warning rule/gap ${GAP} match no rule. Add a rule for them, or a final rule without \`when\` to catch everything else.`,
            '0 errors, 1 warning in 1 file'
        ]);
        expect(run.exitCode).toBe(0);
    });

    test('acknowledged, the gap disappears and the summary says how many warnings were acknowledged', () => {
        const folder = temporaryFolder({
            'framework.svf': `import "accepted.svf"\n${FRAMEWORK}`,
            'accepted.svf': `acknowledge "rule/gap" for "${GAP}" because "City Deal works are let by the combined authority"\n`
        });
        const run = runSvf(['check', '.'], folder);
        expect(run.lines).toEqual(['0 errors, 0 warnings (1 acknowledged) in 2 files']);
        expect(run.exitCode).toBe(0);
        const json = JSON.parse(runSvf(['check', '.', '--format', 'json'], folder).stdout) as { summary: { warnings: number; acknowledged: number } };
        expect(json.summary).toMatchObject({ warnings: 0, acknowledged: 1 });
    });

    test('an acknowledgement without a reason fails the check', () => {
        const run = runSvf(['check', '.'], temporaryFolder({ 'framework.svf': `${FRAMEWORK}acknowledge "rule/gap" for "${GAP}"\n` }));
        expect(run.lines).toEqual([
            "framework.svf:15:1 error acknowledge/missing-reason The acknowledgement of 'rule/gap' gives no reason. Add `because \"...\"` saying why the warning is accepted, so readers know it is deliberate.",
            '1 error, 0 warnings (1 acknowledged) in 1 file'
        ]);
        expect(run.exitCode).toBe(1);
    });
});
