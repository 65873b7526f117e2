import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateSources } from './helpers/validate.js';

const readme = fs.readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
    test('the annotated example framework checks clean', async () => {
        const block = /```svf\n([\s\S]*?)```/.exec(readme);
        expect(block, 'README has a ```svf block').not.toBeNull();
        const results = await validateSources({ '/readme/framework.svf': block![1] });
        expect(results).toEqual({ '/readme/framework.svf': [] });
    });

    test('the quick start is the two commands CI runs', () => {
        const ci = fs.readFileSync(path.join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
        expect(readme).toContain('    npm install && npm start\n    npm test\n');
        expect(ci).toContain('npm install && npm start');
        expect(ci).toMatch(/^npm test\b/m);
    });
});
