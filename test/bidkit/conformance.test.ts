/**
 * The conformance kit (the DMN TCK pattern): vectors generated at the boundaries of a
 * rubric's scoring rules, with SVF's results. Our own scorer must reproduce every one, and
 * a scorer that gets a rule wrong must be caught.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conformanceVectors, verifyConformance, type ConformanceVector } from '../../compiler/bidkit/conformance.js';
import { scoreBids } from '../../compiler/scoring/score-bids.js';
import type { ScoreResult } from '../../compiler/scoring/score-result.js';
import { removeTemporaryFolders, repositoryRoot, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { compileCouncil, readJson } from './council-outputs.js';

let councilRubric: unknown;
let baselineRubric: unknown;

beforeAll(() => {
    councilRubric = readJson(compileCouncil().rubric);
    const out = path.join(temporaryFolder(), 'baseline');
    const run = runSvf(['compile', path.join(repositoryRoot, 'examples', 'national-baseline'), '--profile', path.join(repositoryRoot, 'examples', 'national-baseline', 'profiles', 'services-7.5m.json'), '--out', out]);
    expect(run.exitCode, run.stderr).toBe(0);
    baselineRubric = readJson(path.join(out, 'rubric.json'));
});
afterAll(removeTemporaryFolders);

function vector(vectors: ConformanceVector[], name: string): ConformanceVector {
    const found = vectors.find(item => item.id.endsWith(`-${name}`));
    if (!found) throw new Error(`no vector ${name} in ${vectors.map(item => item.id).join(', ')}`);
    return found;
}

function result(item: ConformanceVector): ScoreResult {
    if (!item.expected.valid) throw new Error(`${item.id} is expected to be refused`);
    return item.expected.result;
}

describe('conformance vectors', () => {
    test('our scorer reproduces every vector, for absolute (council) and relative (national baseline) scoring', () => {
        for (const rubric of [councilRubric, baselineRubric]) {
            const vectors = conformanceVectors(rubric);
            expect(vectors.length).toBeGreaterThanOrEqual(7);
            expect(verifyConformance(rubric, vectors)).toEqual([]);
        }
    });

    test('deterministic: the same rubric gives the same vectors', () => {
        expect(JSON.stringify(conformanceVectors(councilRubric))).toBe(JSON.stringify(conformanceVectors(councilRubric)));
    });

    test('the boundaries are where they say they are', () => {
        const vectors = conformanceVectors(councilRubric);
        expect(result(vector(vectors, 'ties')).bidders.map(bidder => bidder.rank)).toEqual([1, 1, 3]);
        // The council requires a measure from Jobs; 0 is no measure chosen, so zero offers are invalid there.
        const zero = vector(vectors, 'zero-offers');
        expect(zero.expected.valid).toBe(false);
        expect(zero.description).toMatch(/such bids are invalid and must be refused/);
        // Without a required theme, zero offers are valid: zero quantitative marks, no division by zero.
        const free = structuredClone(baselineRubric) as { selection: { requiredThemes: unknown[]; minMeasures: number | null } };
        free.selection.requiredThemes = [];
        free.selection.minMeasures = null;
        const zeroes = result(vector(conformanceVectors(free), 'zero-offers'));
        expect(zeroes.contract.quantitative.highestSocialValue).toBe('0.00');
        expect(zeroes.bidders.map(bidder => bidder.quantitativeMarks)).toEqual([0, 0]);
        const gate = result(vector(vectors, 'gate-failed-realLivingWage')).bidders;
        expect(gate.map(bidder => [bidder.disqualified, bidder.rank])).toEqual([[true, null], [false, 1], [false, 2]]);
        const minimum = result(vector(vectors, 'minimum-NT1')).bidders;
        expect(minimum[0]!.unmetMinimumCommitments).toEqual([]);
        expect(minimum[1]!.unmetMinimumCommitments).toMatchObject([{ measure: 'NT1', required: 2.5, committed: 2.49 }]);
        // Council: minimum SV ratio 10% of £2,500,000 = £250,000, just met and just missed by one step.
        const ratio = result(vector(vectors, 'sv-ratio')).bidders;
        expect(ratio.map(bidder => bidder.minimumSvRatio?.met)).toEqual([true, false]);
        expect(Number(ratio[0]!.socialValue)).toBeGreaterThanOrEqual(250000);
        expect(Number(ratio[1]!.socialValue)).toBeLessThan(250000);
        // Absolute target £250,000: twice the target and the target both get the full 70 (the cap).
        const cap = result(vector(vectors, 'absolute-target-cap')).bidders;
        expect(cap.map(bidder => bidder.quantitativeMarks).slice(0, 2)).toEqual([70, 70]);
        const refused = vector(vectors, 'invalid-too-many-measures');
        expect(refused.expected.valid).toBe(false);
        const relative = conformanceVectors(baselineRubric);
        expect(relative.some(item => item.id.endsWith('absolute-target-cap'))).toBe(false);
        const highest = result(vector(relative, 'highest-bid')).bidders;
        // Relative: 4 : 2 : 1 of the highest bid's social value -> 100%, 50%, 25% of the quantitative marks.
        const available = result(vector(relative, 'highest-bid')).contract.quantitative.marksAvailable;
        expect(highest.map(bidder => bidder.quantitativeMarks)).toEqual([available, available / 2, available / 4]);
    });

    test('a scorer that gets a rule wrong is caught', () => {
        const vectors = conformanceVectors(councilRubric);
        const ignoresGates = (rubric: unknown, bids: unknown) => {
            const copy = structuredClone(bids) as { bids: Array<{ gates?: Record<string, boolean> }> };
            for (const bid of copy.bids) for (const gate of Object.keys(bid.gates ?? {})) bid.gates![gate] = true;
            return scoreBids(rubric, copy);
        };
        const gateMismatches = verifyConformance(councilRubric, vectors, ignoresGates);
        expect(new Set(gateMismatches.map(mismatch => mismatch.vector))).toContain(vector(vectors, 'gate-failed-realLivingWage').id);
        const roundsDown = (rubric: unknown, bids: unknown) => {
            const scored = scoreBids(rubric, bids);
            return { ...scored, bidders: scored.bidders.map(bidder => ({ ...bidder, finalMarks: Math.floor(bidder.finalMarks * 10) / 10 })) };
        };
        expect(verifyConformance(councilRubric, vectors, roundsDown).some(mismatch => mismatch.path.endsWith('/finalMarks'))).toBe(true);
    });
});

describe('svf conformance', () => {
    test('writes the rubric, the vectors and a README; the vectors read back from disk pass', () => {
        const rubricFile = compileCouncil().rubric;
        const out = path.join(temporaryFolder(), 'kit');
        const run = runSvf(['conformance', rubricFile, '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toMatch(/^Wrote \d+ test vectors for eastshire.socialValue 1\.3\.0 into /);
        expect(fs.readFileSync(path.join(out, 'rubric.json'), 'utf8')).toBe(fs.readFileSync(rubricFile, 'utf8'));
        const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
        expect(readme).toContain('## How to run it');
        const files = fs.readdirSync(path.join(out, 'vectors')).sort();
        const vectors = files.map(file => readJson(path.join(out, 'vectors', file)) as ConformanceVector);
        for (const file of files) expect(readme).toContain(`vectors/${file}`);
        expect(verifyConformance(readJson(path.join(out, 'rubric.json')), vectors)).toEqual([]);
        // Run again: byte-identical files.
        const again = path.join(temporaryFolder(), 'kit');
        runSvf(['conformance', rubricFile, '--out', again]);
        for (const file of files) {
            expect(fs.readFileSync(path.join(again, 'vectors', file), 'utf8')).toBe(fs.readFileSync(path.join(out, 'vectors', file), 'utf8'));
        }
    });

    test('a rerun into the same folder replaces the whole kit (no stale vector stays); a folder with other files is refused, untouched', () => {
        const rubricFile = compileCouncil().rubric;
        const out = path.join(temporaryFolder(), 'kit');
        expect(runSvf(['conformance', rubricFile, '--out', out]).exitCode).toBe(0);
        fs.writeFileSync(path.join(out, 'vectors', '99-stale-vector.json'), '{}');
        expect(runSvf(['conformance', rubricFile, '--out', out]).exitCode).toBe(0);
        expect(fs.readdirSync(path.join(out, 'vectors'))).not.toContain('99-stale-vector.json');
        // Nothing is left beside it: the kit was written under a temporary name and swapped in.
        expect(fs.readdirSync(path.dirname(out))).toEqual(['kit']);
        const notes = path.join(temporaryFolder(), 'notes');
        fs.mkdirSync(notes);
        fs.writeFileSync(path.join(notes, 'minutes.docx'), 'the council\'s own file');
        const refused = runSvf(['conformance', rubricFile, '--out', notes]);
        expect(refused.exitCode).toBe(2);
        expect(refused.stderr).toContain(`cannot write the kit into '${notes}': it holds files that are not a conformance kit's (minutes.docx), which writing the kit would replace.`);
        expect(fs.readdirSync(notes)).toEqual(['minutes.docx']);
    });

    test('a rubric the scorer cannot use: exit 2 with what is wrong', () => {
        const file = path.join(temporaryFolder(), 'rubric.json');
        fs.writeFileSync(file, JSON.stringify({ schemaVersion: '1.2.0' }));
        const run = runSvf(['conformance', file]);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/cannot be scored, so no kit can be made for it/);
    });
});
