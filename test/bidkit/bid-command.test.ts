import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../compiler/report/csv-table.js';
import { removeTemporaryFolders, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { compileCouncil, councilBids, readJson } from './council-outputs.js';

let questionSet: string;
let rubric: string;

beforeAll(() => {
    ({ questionSet, rubric } = compileCouncil());
});
afterAll(removeTemporaryFolders);

/** A JSON template from `svf bid template`, filled in by `fill`, written to a temporary file. */
function filledTemplate(fill: (bid: any) => void): string {
    const run = runSvf(['bid', 'template', questionSet]);
    expect(run.exitCode).toBe(0);
    const template = JSON.parse(run.stdout);
    fill(template.bids[0]);
    const file = path.join(temporaryFolder(), 'bid.json');
    fs.writeFileSync(file, JSON.stringify(template, null, 2));
    return file;
}

function csvBid(answers: Record<string, string>): string {
    const run = runSvf(['bid', 'template', questionSet, '--format', 'csv']);
    const lines = run.stdout.trimEnd().split('\n');
    // The answer is the last column; the template leaves it empty.
    const filled = lines.map(line => {
        const id = line.split(',')[0]!;
        return id in answers ? `${line}${answers[id]}` : line;
    });
    const file = path.join(temporaryFolder(), 'bid.csv');
    fs.writeFileSync(file, filled.join('\n') + '\n');
    return file;
}

describe('svf bid template', () => {
    test('JSON: every commitment, method statement and gate of the tailored set, null, with the questions beside them', () => {
        const run = runSvf(['bid', 'template', questionSet]);
        expect(run.stderr).toBe('');
        const template = JSON.parse(run.stdout);
        const questions = readJson(questionSet).questions as Array<{ id: string; kind: string; text: string }>;
        const bid = template.bids[0];
        expect(bid.bidder).toBeNull();
        expect(Object.keys(bid.commitments)).toHaveLength(35);
        expect(Object.values(bid.commitments).every(value => value === null)).toBe(true);
        expect(Object.keys(bid.methodStatements).sort()).toEqual(['communityPlan', 'employmentPlan', 'netZeroPlan', 'supplyChainPlan']);
        expect(bid.gates).toEqual({ realLivingWage: null });
        expect(template.questions.map((question: { id: string }) => question.id)).toEqual(questions.map(question => question.id));
        expect(template.questions[0]).toMatchObject({ id: 'NT1', answerIn: 'commitments', unit: 'no. people FTE', text: questions[0]!.text });
        expect(template.questionSet).toMatchObject({ framework: 'eastshire.socialValue', contractValue: '2500000.00', category: 'works' });
    });

    test('the same question set always gives the same bytes; --out writes the file', () => {
        const out = path.join(temporaryFolder(), 'template.json');
        expect(runSvf(['bid', 'template', questionSet, '--out', out]).exitCode).toBe(0);
        expect(fs.readFileSync(out, 'utf8')).toBe(runSvf(['bid', 'template', questionSet]).stdout);
    });

    test('--out onto a FIFO replaces it with the file (never blocks writing into it); nothing temporary is left', () => {
        const folder = temporaryFolder();
        const out = path.join(folder, 'template.json');
        execFileSync('mkfifo', [out]);
        expect(runSvf(['bid', 'template', questionSet, '--out', out]).exitCode).toBe(0);
        expect(fs.statSync(out).isFile()).toBe(true);
        expect(fs.readdirSync(folder)).toEqual(['template.json']);
    });

    test('CSV: a header, a row for the bidder, then one row per question with its text, unit and an empty answer', () => {
        const run = runSvf(['bid', 'template', questionSet, '--format', 'csv']);
        const records = parseCsv(run.stdout).map(row => ({ fields: row.map(field => field.text) }));
        expect(records[0]!.fields).toEqual(['id', 'kind', 'theme', 'title', 'question', 'unit', 'minimum', 'maximum', 'your answer']);
        expect(records[1]!.fields.slice(0, 2)).toEqual(['bidder', 'bidder']);
        expect(records).toHaveLength(2 + 40);
        const nt1 = records.find(record => record.fields[0] === 'NT1')!;
        expect(nt1.fields[4]).toContain("for one year or for the contract's duration if shorter?");
        expect(nt1.fields[5]).toBe('no. people FTE');
        expect(records.find(record => record.fields[0] === 'RE11')!.fields[5]).toBe('no. of visits (record only: reported, not scored)');
        expect(records.find(record => record.fields[0] === 'realLivingWage')!.fields[5]).toBe('yes or no');
        expect(records.slice(1).every(record => record.fields.length === 9 && record.fields[8] === '')).toBe(true);
    });

    test('an untailored question set is refused: the template is for one contract', () => {
        const out = path.join(temporaryFolder(), 'untailored');
        runSvf(['compile', path.join(councilBids, '..'), '--out', out]);
        const run = runSvf(['bid', 'template', path.join(out, 'question-set.json')]);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/is not tailored to a contract: compile the framework with --profile/);
    });
});

describe('svf bid check', () => {
    test('a valid bid: the social value it would be credited with (3 x £16.93 = £50.79), and no marks', () => {
        const bid = filledTemplate(bid => {
            bid.bidder = 'Tidewell Groundworks Ltd';
            bid.commitments.NT1 = 3; // 3 x £19,200.00 = £57,600.00
            bid.commitments.NT22 = 3; // 3 x £16.93 = £50.79
            bid.gates.realLivingWage = true;
        });
        const run = runSvf(['bid', 'check', questionSet, bid, '--rubric', rubric]);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain('Bid from Tidewell Groundworks Ltd: valid for eastshire.socialValue 1.3.0, £2,500,000 works contract.');
        expect(run.stdout).toMatch(/NT22 +3 no\. staff volunteering hours x £16\.93 = £50\.79/);
        // £57,600.00 + £50.79 = £57,650.79; / £2,500,000 = 2.30606% -> 2.31%, under the 10% minimum.
        expect(run.stdout).toMatch(/Total £57,650\.79, an SV ratio of 2\.31% of the contract value \(the minimum is 10%: NOT met\)/);
        expect(run.stdout).toContain('note: quantitative marks would be 0: SV ratio 2.31% is below the minimum of 10% of the contract value');
        expect(run.stdout).toContain('No marks are shown: they depend on the other bids.');
    });

    test('without --rubric: checked against the question set alone, with a pointer to --rubric for the value', () => {
        const bid = filledTemplate(bid => { bid.bidder = 'Tidewell Groundworks Ltd'; bid.commitments.NT1 = 3; bid.gates.realLivingWage = true; });
        const run = runSvf(['bid', 'check', questionSet, bid]);
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain('Pass --rubric rubric.json to see the social value and SV ratio');
    });

    test('an invalid bid: every problem with its JSON path, exit 1, nothing written', () => {
        const bid = filledTemplate(bid => {
            bid.bidder = 'Tidewell Groundworks Ltd';
            for (const code of ['NT1', 'NT2', 'NT3', 'NT4', 'NT5', 'NT6', 'NT8']) bid.commitments[code] = 1;
            bid.commitments.NT22 = -4;
            bid.commitments.NT8 = 2.5;
            bid.commitments.NT99 = 1;
        });
        const out = path.join(temporaryFolder(), 'submit.json');
        const run = runSvf(['bid', 'check', questionSet, bid, '--out', out]);
        expect(run.exitCode).toBe(1);
        const lines = run.stderr.trimEnd().split('\n').map(line => line.startsWith(bid) ? line.slice(bid.length + 1) : line);
        expect(lines).toEqual([
            '/bids/0/commitments/NT22: NT22: -4 is negative; commitments are zero or more.',
            '/bids/0/commitments/NT8: NT8: 2.5 must be a whole number (no. weeks).',
            '/bids/0/commitments/NT99: NT99 is not a commitment in this question set; commit only to the measures the question set lists.',
            '/bids/0/gates/realLivingWage: realLivingWage: the pass/fail question "Real Living Wage" is not answered; answer it yes or no.',
            '/bids/0/commitments: 7 scored measures are chosen (NT1, NT2, NT3, NT4, NT5, NT6, NT8); choose at most 6 (record-only measures do not count).',
            'The bid is not valid: 5 problems. Fix them and check again.',
        ]);
        expect(fs.existsSync(out)).toBe(false);
        // With the rubric, the scorer's own validation speaks (once per problem); the question set adds what only it knows.
        const scored = runSvf(['bid', 'check', questionSet, bid, '--rubric', rubric]);
        expect(scored.exitCode).toBe(1);
        expect(scored.stderr.trimEnd().split('\n').map(line => line.startsWith(bid) ? line.slice(bid.length + 1) : line)).toEqual([
            '/bids/0/commitments/NT8: NT8: 2.5 must be a whole number (no. weeks).',
            '/bids/0/commitments/NT22: negative quantity -4: a commitment is at least 0 no. staff volunteering hours. Leave the measure out, or give 0, if the bidder does not commit to it.',
            "/bids/0/commitments/NT99: unknown measure code 'NT99': it is not one of the measures this contract's rubric asks for (its measures are NT1, NT2, NT3, NT4, NT5, NT6, NT8, NT9, NT10, RE11, NT14, NT15 and 23 more).",
            "/bids/0/gates/realLivingWage: missing gate answer for 'realLivingWage': give true if the bid passes it, false if not.",
            '/bids/0/commitments: too many measures chosen: 7 measures (record-only measures not counted) (NT1, NT2, NT3, NT4, NT5, NT6, NT8), but this contract allows at most 6. The bidder must drop 1.',
            'The bid is not valid: 5 problems. Fix them and check again.',
        ]);
    });

    test('a CSV bid: answers typed by the question set, problems by line, and --out writes the bid to submit', () => {
        const bid = csvBid({ bidder: 'Brightwater Building Services Ltd', NT1: '3', NT14: '"£250,000"', realLivingWage: 'yes' });
        const out = path.join(temporaryFolder(), 'submit.json');
        const run = runSvf(['bid', 'check', questionSet, bid, '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(readJson(out)).toEqual({ bids: [{ bidder: 'Brightwater Building Services Ltd', commitments: { NT1: 3, NT14: '250000.00' }, methodStatements: {}, gates: { realLivingWage: true } }] });
        const wrong = csvBid({ bidder: 'Brightwater Building Services Ltd', NT1: 'three', realLivingWage: 'maybe' });
        const failed = runSvf(['bid', 'check', questionSet, wrong]);
        expect(failed.exitCode).toBe(1);
        expect(failed.stderr).toContain(`${wrong}:3: NT1: "three" is not a number; write digits only, in the question's unit.`);
        expect(failed.stderr).toMatch(/:42: realLivingWage: "maybe" is not an answer to a pass\/fail question; write yes or no\./);
    });

    test('a failed gate and an unmet minimum are notices: the bid is valid, the consequence is said', () => {
        const bid = filledTemplate(bid => { bid.bidder = 'Castleford Civils Ltd'; bid.commitments.NT1 = 2; bid.gates.realLivingWage = false; });
        const run = runSvf(['bid', 'check', questionSet, bid]);
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain('note: /bids/0/gates/realLivingWage: realLivingWage: answered no; a failed gate disqualifies the bid.');
        expect(run.stdout).toContain('note: /bids/0/commitments/NT1: NT1: the minimum commitment is 2.5 (1 per £1,000,000 of contract value); you commit 2.');
    });

    test('a template made for another contract is caught', () => {
        const other = compileCouncil('works-12m.json');
        const run = runSvf(['bid', 'template', other.questionSet]);
        const file = path.join(temporaryFolder(), 'other.json');
        const template = JSON.parse(run.stdout);
        template.bids[0].bidder = 'Tidewell Groundworks Ltd';
        template.bids[0].commitments.NT1 = 12;
        template.bids[0].gates.realLivingWage = true;
        fs.writeFileSync(file, JSON.stringify(template));
        const check = runSvf(['bid', 'check', questionSet, file]);
        expect(check.exitCode).toBe(1);
        expect(check.stderr).toContain('/questionSet: this template was made for another question set (contractValue "12000000.00", not "2500000.00")');
    });

    test('the three example bids are valid for the £2.5m works contract', () => {
        for (const file of ['harland-reeve.json', 'brightwater.csv', 'castleford-civils.json']) {
            const run = runSvf(['bid', 'check', questionSet, path.join(councilBids, file), '--rubric', rubric]);
            expect(run.stderr, file).toBe('');
            expect(run.exitCode, file).toBe(0);
        }
    });
});
