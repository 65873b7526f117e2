import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { expectValid } from '../compiler/schema-assertions.js';
import { TIME_FRAMEWORK } from './time-fixture.js';

afterEach(removeTemporaryFolders);

function readJson(file: string): any {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('svf compile with per-year minimums, horizons and an outlasting policy', () => {
    test('a £3m, 36-month contract: the minimums per year in the JSON and in the summary', () => {
        const folder = temporaryFolder({ 'framework.svf': TIME_FRAMEWORK });
        const out = path.join(folder, 'out');
        const run = runSvf(['compile', folder, '--value', '3m', '--category', 'services', '--duration', '36', '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.lines).toContain('Minimums      NT1: 3 (1 per £1,000,000 of annual value per year (annual value £1,000,000): 1 a year for 3 years, 3 in total)');
        const questionSet = readJson(path.join(out, 'question-set.json'));
        const rubric = readJson(path.join(out, 'rubric.json'));
        expectValid('question-set.schema.json', questionSet);
        expectValid('rubric.schema.json', rubric);
        expect(questionSet.selection.minimumCommitments[0]).toEqual({
            measure: 'NT1', quantity: 3, perYear: 1, years: 3,
            basis: '1 per £1,000,000 of annual value per year (annual value £1,000,000): 1 a year for 3 years, 3 in total'
        });
        expect(questionSet.questions.map((question: { id: string; horizonMonths: number | null }) => [question.id, question.horizonMonths])).toEqual([['NT1', 12], ['NT1y', null], ['NT3', 12], ['LS1', null]]);
        expect(questionSet.outlasting).toBe('exclude');
        expect(rubric.outlasting).toBe('exclude');
        expect(rubric.selection).toEqual(questionSet.selection);
    });

    test('the untailored outputs carry horizonMonths, the policy and the per-year rules', () => {
        const folder = temporaryFolder({ 'framework.svf': TIME_FRAMEWORK });
        const out = path.join(folder, 'out');
        expect(runSvf(['compile', folder, '--out', out]).exitCode).toBe(0);
        const questionSet = readJson(path.join(out, 'question-set.json'));
        expect(questionSet.outlasting).toBe('exclude');
        expect(questionSet.questions[0].horizonMonths).toBe(12);
        const yearly = questionSet.rules.find((rule: { id: string }) => rule.id === 'yearly');
        expect(yearly.effects.minimumCommitments[0]).toEqual({ measure: 'NT1', quantity: 1, per: '1000000.00', perYear: true });
        expect(questionSet.rules.find((rule: { id: string }) => rule.id === 'scaled').effects.outlasting).toBe('scale');
    });

    test('a 4-month contract: the outlasting measures are left out, with the warnings', () => {
        const folder = temporaryFolder({ 'framework.svf': TIME_FRAMEWORK });
        const out = path.join(folder, 'out');
        expect(runSvf(['compile', folder, '--value', '200k', '--category', 'services', '--duration', '4', '--out', out]).exitCode).toBe(0);
        const questionSet = readJson(path.join(out, 'question-set.json'));
        expect(questionSet.questions.map((question: { id: string }) => question.id)).toEqual(['NT1y', 'LS1']);
        expect(questionSet.warnings.map((warning: { code: string }) => warning.code)).toEqual(['profile/outlasting-excluded', 'profile/outlasting-excluded', 'profile/minimum-commitment-not-asked']);
    });

    test('a per-year minimum without a duration: nothing written, the profile error shown, exit 2', () => {
        const folder = temporaryFolder({ 'framework.svf': TIME_FRAMEWORK });
        const out = path.join(folder, 'out');
        const run = runSvf(['compile', folder, '--value', '3m', '--category', 'services', '--out', out]);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain("the contract profile gives no duration, but rule 'yearly' asks a yearly minimum of measure 'NT1'");
        expect(run.stderr).toContain('--duration 36');
        expect(fs.existsSync(out)).toBe(false);
    });
});

describe('svf check', () => {
    test('reports a rule that asks a 52-week measure of contracts under 6 months', () => {
        const folder = temporaryFolder({ 'framework.svf': TIME_FRAMEWORK.replace('    outlasting measures exclude\n', '') });
        const run = runSvf(['check', folder]);
        expect(run.exitCode).toBe(0);
        expect(run.stdout + run.stderr).toContain("measure/outlasts-contract");
        expect(run.stdout + run.stderr).toContain("Rule 'short' sets a minimum commitment for measure 'NT3', but that measure takes 52 weeks (12 months) to deliver");
    });
});
