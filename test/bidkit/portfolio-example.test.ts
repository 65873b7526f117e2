/** examples/portfolio: each contract's rubric.json is what `svf compile` gives today for its profile. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, repositoryRoot, runSvf, temporaryFolder } from '../cli/run-svf.js';

const portfolio = path.join(repositoryRoot, 'examples', 'portfolio');
const examples = path.join(repositoryRoot, 'examples');

/** Contract folder -> the framework and profile its rubric was compiled from (as the portfolio README says). */
const compiledFrom: Record<string, [string, string]> = {
    'a259-coastal-road': ['council', 'works-2.5m.json'],
    'rye-harbour-bridge': ['council', 'works-12m.json'],
    'business-support-hub': ['national-baseline', 'services-7.5m.json'],
    'skills-bootcamp-evaluation': ['council', 'service-60k.json'],
};

afterAll(removeTemporaryFolders);

describe('examples/portfolio', () => {
    test('one folder per contract, each with contract.json, rubric.json, commitments.json and returns/', () => {
        const folders = fs.readdirSync(portfolio, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort();
        expect(folders).toEqual(Object.keys(compiledFrom).sort());
        for (const folder of folders) {
            expect(fs.readdirSync(path.join(portfolio, folder)).sort(), folder).toEqual(['commitments.json', 'contract.json', 'returns', 'rubric.json']);
        }
    });

    test.each(Object.entries(compiledFrom))('%s: rubric.json is up to date with its framework and profile', (folder, [framework, profile]) => {
        const out = path.join(temporaryFolder(), folder);
        const run = runSvf(['compile', path.join(examples, framework), '--profile', path.join(examples, framework, 'profiles', profile), '--out', out]);
        expect(run.exitCode, run.stderr).toBe(0);
        expect(fs.readFileSync(path.join(portfolio, folder, 'rubric.json'), 'utf8'), `compile it again: see examples/portfolio/README.md`)
            .toBe(fs.readFileSync(path.join(out, 'rubric.json'), 'utf8'));
    });
});
