import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, repositoryRoot, runSvf, temporaryFolder } from './run-svf.js';

afterEach(removeTemporaryFolders);

// The one CLI test that uses examples/ (written by the examples' owner): what the README's quick start runs.
describe('the examples through the CLI', () => {
    test('svf check examples: no errors and no warnings, exit 0', () => {
        const run = runSvf(['check', 'examples'], repositoryRoot);
        expect(run.lines).toHaveLength(1);
        // The one acknowledged warning is the LEP example's deliberate gap (grants under £25,000).
        expect(run.lines[0]).toMatch(/^0 errors, 0 warnings \(1 acknowledged\) in \d+ files$/);
        expect(run.exitCode).toBe(0);
    });

    test("the quick start's compile: the council framework for a £2.5m works contract", () => {
        const out = temporaryFolder();
        const run = runSvf(['compile', 'examples/council', '--profile', 'examples/council/profiles/works-2.5m.json', '--out', out], repositoryRoot);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.lines.slice(0, 2)).toEqual([`Wrote ${out}/question-set.json`, `Wrote ${out}/rubric.json`]);
        expect(run.lines).toContain('Contract      £2,500,000 works contract, 36 months');
        const questionSet = JSON.parse(fs.readFileSync(path.join(out, 'question-set.json'), 'utf8')) as { ruleApplied: { id: string } | null; weighting: number };
        expect(run.lines).toContainEqual(expect.stringMatching(new RegExp(`^Rule applied  ${questionSet.ruleApplied!.id} `)));
        expect(questionSet.weighting).toBe(10);
    });
});
