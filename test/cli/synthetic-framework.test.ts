import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { generateSyntheticFramework, writeSyntheticFramework } from '../../bench/synthetic-framework.js';
import { removeTemporaryFolders, runSvf, temporaryFolder } from './run-svf.js';

afterEach(removeTemporaryFolders);

// The benchmark is only meaningful if its frameworks are valid SVF of the size it claims.
describe('benchmark frameworks', () => {
    test.each([[1], [12]])('200 measures in %i file(s): checks clean and compiles every measure', files => {
        const folder = temporaryFolder();
        writeSyntheticFramework(path.join(folder, 'framework'), { measures: 200, files });
        const check = runSvf(['check', 'framework'], folder);
        expect(check.lines).toEqual([`0 errors, 0 warnings in ${files} file${files === 1 ? '' : 's'}`]);
        expect(check.exitCode).toBe(0);
        const compile = runSvf(['compile', 'framework', '--value', '2.5m', '--category', 'works', '--out', 'out'], folder);
        expect(compile.exitCode).toBe(0);
        expect(compile.lines).toContain('Questions     245: 200 commitments (45 record only), 43 method statements, 2 pass/fail gates');
        expect(compile.lines).toContain('Rule applied  midWorks "Works from £1m to £5m"');
    });

    test('one file and many files hold the same declarations', () => {
        const declarations = (files: Map<string, string>) => [...files.values()].join('\n')
            .split('\n').map(line => line.trim()).filter(line => line !== '' && !line.startsWith('import ')).sort();
        expect(declarations(generateSyntheticFramework({ measures: 300, files: 50 })))
            .toEqual(declarations(generateSyntheticFramework({ measures: 300, files: 1 })));
        expect(generateSyntheticFramework({ measures: 300, files: 50 }).size).toBe(50);
    });
});
