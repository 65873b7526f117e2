import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { VIRTUAL_ROOT, validateFiles, validateSources, withSeverity } from './validate.js';

describe('test helpers', () => {
    test('validateSources keys results by the given names and resolves imports between them', async () => {
        const result = await validateSources({
            'framework.svf': 'import "units.svf"\nunit hour "no. hours"\nproxy p = £1 per FTE { source "x" }',
            'units.svf': 'unit FTE "no. people FTE"\nproxy q = £1 per hour { source "x" }'
        });
        expect(Object.keys(result)).toEqual(['framework.svf', 'units.svf']);
        expect(result['framework.svf']).toEqual([]);
        // units.svf does not import framework.svf, so it cannot see `hour`.
        expect(result['units.svf'].map(d => [d.code, d.line, d.column, d.endLine, d.endColumn])).toEqual([['reference/unresolved', 2, 18, 2, 22]]);
        expect(withSeverity(result, 'error')).toHaveLength(1);
        expect(VIRTUAL_ROOT).toBe('/svf-test');
    });

    test('validateFiles returns every loaded file, imported ones too, by absolute path', async () => {
        const fixtures = path.join(import.meta.dirname, '..', 'validation', 'resources', 'declarations', 'duplicates-across-files');
        const result = await validateFiles([path.join(fixtures, 'themes', 'jobs.svf')]);
        expect(Object.keys(result)).toEqual([path.join(fixtures, 'themes', 'jobs.svf'), path.join(fixtures, 'units.svf')]);
    });
});
