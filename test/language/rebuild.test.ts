import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { createSvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';

const theme = (name: string, code: string) => `
import "./units.svf"
theme ${name} "${name}" {
    outcome ${name}Outcome "An outcome" {
        measure ${code} "A measure" { unit FTE  ask "How many?"  record only }
    }
}
`;

let folder: string | undefined;
afterEach(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('rebuilding after an edit', () => {
    test('an edit to one theme file rechecks its sibling theme files in the same framework', async () => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-rebuild-'));
        const file = (name: string, text: string) => {
            fs.writeFileSync(path.join(folder!, name), text);
            return path.join(folder!, name);
        };
        file('units.svf', 'unit FTE "no. people FTE"\n');
        const jobs = file('jobs.svf', theme('jobs', 'NT1'));
        const growth = file('growth.svf', theme('growth', 'NT2'));
        file('framework.svf', 'import "./jobs.svf"\nimport "./growth.svf"\n');

        const { Svf, shared } = createSvfServices(SvfNodeFileSystem);
        const [jobsDocument] = (await loadFramework(Svf, { paths: [jobs, growth, path.join(folder, 'framework.svf')] })).requested;
        expect(jobsDocument.diagnostics).toEqual([]);

        // growth.svf now declares NT1 too. jobs.svf does not refer to growth.svf, but it
        // must now report the duplicate as well.
        fs.writeFileSync(growth, theme('growth', 'NT1'));
        await shared.workspace.DocumentBuilder.update([URI.file(growth)], []);

        const messages = (jobsDocument.diagnostics ?? []).map(d => d.message);
        expect(messages).toEqual([expect.stringContaining("Measure code 'NT1' is already declared in growth.svf")]);
    });

    test('only what an edit can affect is relinked: a sibling file reruns the cross-file checks but keeps its links', async () => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-rebuild-'));
        const file = (name: string, text: string) => {
            fs.writeFileSync(path.join(folder!, name), text);
            return path.join(folder!, name);
        };
        const units = file('units.svf', 'unit FTE "no. people FTE"\nunit hours "no. hours"\n');
        const jobs = file('jobs.svf', theme('jobs', 'NT1'));
        const growth = file('growth.svf', theme('growth', 'NT2'));
        file('framework.svf', 'import "./jobs.svf"\nimport "./growth.svf"\n');
        const { Svf, shared } = createSvfServices(SvfNodeFileSystem);
        const [jobsDocument] = (await loadFramework(Svf, { paths: [jobs, growth, units, path.join(folder, 'framework.svf')] })).requested;
        const linksBefore = jobsDocument!.references;

        // growth.svf now repeats NT1: jobs.svf shows the duplicate, without being relinked.
        fs.writeFileSync(growth, theme('growth', 'NT1'));
        await shared.workspace.DocumentBuilder.update([URI.file(growth)], []);
        expect(jobsDocument!.references).toBe(linksBefore);
        expect((jobsDocument!.diagnostics ?? []).map(d => d.code)).toEqual(['declaration/duplicate']);

        // units.svf changes what jobs.svf refers to: now jobs.svf is relinked, and its unit no longer resolves.
        fs.writeFileSync(units, 'unit FTEs "no. people FTE"\n');
        await shared.workspace.DocumentBuilder.update([URI.file(units)], []);
        expect(jobsDocument!.references).not.toBe(linksBefore);
        expect((jobsDocument!.diagnostics ?? []).map(d => d.code).sort()).toEqual(['declaration/duplicate', 'reference/unresolved']);
    });
});
