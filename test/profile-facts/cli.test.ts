import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, runSvf, temporaryFolder } from '../cli/run-svf.js';

const LEP = path.join(import.meta.dirname, 'fixtures', 'lep');

afterEach(removeTemporaryFolders);

function profileFile(profile: unknown): { folder: string; file: string } {
    const folder = temporaryFolder({ 'profile.json': JSON.stringify(profile) });
    return { folder, file: path.join(folder, 'profile.json') };
}

describe('svf compile --profile on a framework with declared facts', () => {
    test('a profile with a choice and chosen outcomes: the rule for the choice, the chosen outcomes asked', () => {
        const { folder, file } = profileFile({ contractValue: 1580000, category: 'services', durationMonths: 36, facts: { programme: 'cityDeal' }, chosen: { outcomes: ['wellbeing'] } });
        const out = path.join(folder, 'out');
        const run = runSvf(['compile', LEP, '--profile', file, '--out', out]);
        expect(run.exitCode).toBe(0);
        expect(run.lines).toContain('Rule applied  cityDeal "City Deal"');
        const questionSet = JSON.parse(fs.readFileSync(path.join(out, 'question-set.json'), 'utf8'));
        expect(questionSet.profile.facts).toEqual({ programme: 'cityDeal' });
        expect(questionSet.profile.annualValue).toBe('526666.67');
        expect(questionSet.questions.map((question: { id: string }) => question.id)).toEqual(['NT1', 'NT20', 'MS2']);
    });

    test('a value the framework does not declare: one line naming the file, the field and the values, exit 2, nothing written', () => {
        const { folder, file } = profileFile({ contractValue: 1580000, category: 'services', facts: { programme: 'Boost' }, chosen: { outcomes: ['wellbeing'] } });
        const out = path.join(folder, 'out');
        const run = runSvf(['compile', LEP, '--profile', file, '--out', out]);
        expect(run.exitCode).toBe(2);
        expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^svf: the contract profile .*profile\.json: \/facts\/programme: "Boost" is not a value of choice 'programme'; its values are 'growthDeal', 'cityDeal', 'boost' or 'rosebud'\. Did you mean 'boost'\? Correct it\.$/);
        expect(fs.existsSync(out)).toBe(false);
    });

    test('--category takes a category the framework declares', () => {
        const out = path.join(temporaryFolder(), 'out');
        const run = runSvf(['compile', LEP, '--value', '50k', '--category', 'grants', '--out', out]);
        // The profile gives no programme, which the framework's choice requires.
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain("svf: the contract described on the command line: /facts/programme: the profile gives no value for choice 'programme' (Funding programme).");
    });
});
