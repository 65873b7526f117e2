import { afterAll, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, runSvf, temporaryFolder } from '../cli/run-svf.js';
import { bid, testRubric } from './scoring-fixtures.js';

const bids = {
    bids: [
        bid('Acme Ltd', { commitments: { NT1: 12, VOL: 3 }, plan: 4, env: 75 }),
        bid('Borough Build', { commitments: { NT1: 10, NT3: 5 }, plan: 3, env: 100 }),
        bid('Coastal, "Co"', { rlw: false })
    ]
};
const folder = temporaryFolder({
    'rubric.json': JSON.stringify(testRubric()),
    'bids.json': JSON.stringify(bids),
    'bad-bids.json': JSON.stringify({ bids: [bid('Acme Ltd', { commitments: { NT99: 1, NT1: -2 } }), bid('acme ltd')] }),
    'broken.json': '{"bids": [',
});
afterAll(removeTemporaryFolders);

const score = (...args: string[]) => runSvf(['score', '--rubric', 'rubric.json', '--bids', 'bids.json', ...args], folder);

describe('svf score', () => {
    test('a table, best first, the disqualified last with the reason', () => {
        const run = score();
        expect(run.exitCode).toBe(0);
        expect(run.stderr).toBe('');
        const header = run.lines.findIndex(line => line.startsWith('Rank'));
        expect(run.lines[header]).toMatch(/^Rank\s+Bidder\s+Social value\s+SV ratio\s+Quant\. \/60\s+Qual\. \/40\s+Gates\s+Final \/10\s+Disqualified$/);
        expect(run.lines[header + 1]).toMatch(/^\s*1\s+Borough Build\s+£287,000\.00\s+28\.70%\s+60\.00\s+30\.40\s+passed\s+9\.04$/);
        expect(run.lines[header + 2]).toMatch(/^\s*2\s+Acme Ltd\s+£230,450\.79\s+23\.05%\s+48\.18\s+31\.20\s+passed\s+7\.94$/);
        expect(run.lines[header + 3]).toMatch(/^\s*-\s+Coastal, "Co"\s+£0\.00\s+0\.00%\s+0\.00\s+0\.00\s+failed: rlw\s+0\.00\s+failed gate 'rlw' \(Real Living Wage\)$/);
    });

    test('JSON with the same figures, following the schema', () => {
        const run = score('--format', 'json');
        expect(run.exitCode).toBe(0);
        const result = JSON.parse(run.stdout) as { schemaVersion: string; bidders: Array<{ bidder: string; socialValue: string; finalMarks: number; rank: number | null }> };
        expect(result.schemaVersion).toBe('1.1.0');
        expect(result.bidders.map(bidder => [bidder.bidder, bidder.socialValue, bidder.finalMarks, bidder.rank])).toEqual([
            ['Acme Ltd', '230450.79', 7.94, 2], ['Borough Build', '287000.00', 9.04, 1], ['Coastal, "Co"', '0.00', 0, null]
        ]);
        expect(score('--format', 'json').stdout).toBe(run.stdout);
    });

    test('CSV with the same figures, in the bids\' order', () => {
        const run = score('--format', 'csv');
        expect(run.exitCode).toBe(0);
        expect(run.lines).toEqual([
            'bidder,rank,social_value,sv_ratio_percent,quantitative_marks,qualitative_marks,gates,social_value_marks,final_marks,marks_out_of,disqualified,disqualification_reasons',
            'Acme Ltd,2,230450.79,23.05,48.18,31.20,passed,79.38,7.94,10,no,',
            'Borough Build,1,287000.00,28.70,60.00,30.40,passed,90.40,9.04,10,no,',
            '"Coastal, ""Co""",,0.00,0.00,0.00,0.00,failed: rlw,0.00,0.00,10,yes,failed gate \'rlw\' (Real Living Wage)'
        ]);
    });

    test('--explain prints the arithmetic for one bidder', () => {
        const run = score('--explain', 'Acme Ltd');
        expect(run.exitCode).toBe(0);
        expect(run.lines).toContain('  NT1: 12 FTE x £19,200.00 = £230,400.00');
        expect(run.lines).toContain('Quantitative: £230,450.79 / £287,000.00 (highest) x 60.00 = 48.18');
        const unknown = score('--explain', 'Nobody');
        expect(unknown.exitCode).toBe(2);
        expect(unknown.stderr).toMatch(/^svf: --explain: No bidder is named 'Nobody'; the bidders are 'Acme Ltd', 'Borough Build', 'Coastal, "Co"'\.\n$/);
    });

    test('invalid bids: every problem listed with its path and bidder, exit 1, no stack trace', () => {
        const run = runSvf(['score', '--rubric', 'rubric.json', '--bids', 'bad-bids.json'], folder);
        expect(run.exitCode).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n')).toEqual([
            "bad-bids.json: /bids/0/commitments/NT99 (Bidder 'Acme Ltd'): unknown measure code 'NT99': it is not one of the measures this contract's rubric asks for (its measures are NT1, VOL, NT3, REC, TXT).",
            "bad-bids.json: /bids/0/commitments/NT1 (Bidder 'Acme Ltd'): negative quantity -2: a commitment is at least 0 FTE. Leave the measure out, or give 0, if the bidder does not commit to it.",
            "bad-bids.json: /bids/1/bidder (Bidder 'acme ltd'): duplicate bidder name: /bids/0/bidder is also 'acme ltd' (names are compared ignoring case and outer spaces). Give each bid its bidder's own name.",
            'svf: cannot score: 3 problems in the bids (nothing scored).',
            ''
        ]);
    });

    test('input that is not JSON: exit 1', () => {
        const run = runSvf(['score', '--rubric', 'rubric.json', '--bids', 'broken.json'], folder);
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toMatch(/^broken\.json: \(the whole document\): is not JSON: /);
        expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    test('an unreadable file, or a missing option: exit 2', () => {
        const missing = runSvf(['score', '--rubric', 'rubric.json', '--bids', 'nowhere.json'], folder);
        expect(missing.exitCode).toBe(2);
        expect(missing.stderr).toBe('svf: cannot read the bids nowhere.json: no such file or folder.\n');
        expect(runSvf(['score', '--rubric', '.', '--bids', 'bids.json'], folder).stderr).toBe('svf: cannot read the rubric .: it is a folder, not a file; svf reads only regular files.\n');
        expect(runSvf(['score', '--bids', 'bids.json'], folder).exitCode).toBe(2);
        expect(score('--format', 'xml').exitCode).toBe(2);
    });
});
