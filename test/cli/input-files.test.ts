import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repositoryRoot, runSvf } from './run-svf.js';

/**
 * Every JSON or CSV file a command reads (a contract profile, a question set, a rubric,
 * bids, commitments, returns) is read as .svf files are: a FIFO, a device or a folder named
 * like one is refused with a message and exit 2, never waited on; an oversized or non-UTF-8
 * file is refused with a message. (A FIFO read the plain way blocks the process forever.)
 */
let folder: string;
let fifo: string;
beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-inputs-'));
    fifo = path.join(folder, 'input.json');
    execFileSync('mkfifo', [fifo]);
    fs.writeFileSync(path.join(folder, 'latin1.json'), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xa3, 0x22, 0x7d]));
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('input files that are not regular files', () => {
    test.each([
        ['compile --profile', ['compile', path.join(repositoryRoot, 'examples', 'council'), '--profile', '{fifo}', '--out', '{folder}/out'], 'cannot read the contract profile'],
        ['score --rubric', ['score', '--rubric', '{fifo}', '--bids', '{fifo}'], 'cannot read the rubric'],
        ['report --rubric', ['report', '--rubric', '{fifo}', '--commitments', '{fifo}', '--returns', '{fifo}'], 'cannot be read'],
        ['bid template', ['bid', 'template', '{fifo}'], 'cannot read the question set'],
        ['conformance', ['conformance', '{fifo}', '--out', '{folder}/kit'], 'cannot read the rubric']
    ])('svf %s with a FIFO: exit 2 at once, saying it is a FIFO', (_name, args, says) => {
        const run = runSvf(args.map(arg => arg.replace('{fifo}', fifo).replace('{folder}', folder)), folder);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain(says);
        expect(run.stderr).toContain('is a FIFO (named pipe), not a file; svf reads only regular files.');
        expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    test('a profile that is not UTF-8 is refused with the line, not misread', () => {
        const run = runSvf(['compile', path.join(repositoryRoot, 'examples', 'council'), '--profile', path.join(folder, 'latin1.json'), '--out', path.join(folder, 'out2')], folder);
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain('it is not UTF-8 text (line 1). Save it as UTF-8 and try again.');
    });

    test('a rubric over the size limit is refused, naming the limit and how to raise it', () => {
        const big = path.join(folder, 'big.json');
        fs.writeFileSync(big, `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`);
        const run = runSvf(['bid', 'template', big], folder, { env: { SVF_MAX_FILE_SIZE: '1MB' } });
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain('it is over the 1 MB limit for one input file; raise the limit with the SVF_MAX_FILE_SIZE environment variable');
    });
});
