import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot, runSvf, temporaryFolder } from '../cli/run-svf.js';

export const councilBids = path.join(repositoryRoot, 'examples', 'council', 'bids');

/** The council example compiled for a profile (default: the £2.5m works contract): the two output paths. */
export function compileCouncil(profile = 'works-2.5m.json'): { questionSet: string; rubric: string } {
    const out = path.join(temporaryFolder(), 'council');
    const run = runSvf(['compile', path.join(repositoryRoot, 'examples', 'council'), '--profile', path.join(repositoryRoot, 'examples', 'council', 'profiles', profile), '--out', out]);
    if (run.exitCode !== 0) throw new Error(`svf compile failed: ${run.stderr}`);
    return { questionSet: path.join(out, 'question-set.json'), rubric: path.join(out, 'rubric.json') };
}

export function readJson(file: string): any {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
}
