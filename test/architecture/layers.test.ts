/**
 * The layers cannot drift: model/ imports decimal.js and semver only; language/ imports
 * model/; compiler/ (the stages after resolve) imports model/ and never Langium; nothing
 * below the CLI imports it. The rules are in .dependency-cruiser.cjs, checked here with
 * dependency-cruiser on the real sources.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;

async function violations(baseDir: string, folders: string[]): Promise<string[]> {
    const result = await cruise(folders, {
        ...config.options,
        baseDir,
        ruleSet: { forbidden: config.forbidden },
        validate: true,
        tsConfig: { fileName: path.join(ROOT, 'tsconfig.json') }
    } as never);
    const output = result.output as ICruiseResult;
    // Where node_modules is a link, Langium resolves to a path outside baseDir: name it plainly.
    const shown = (to: string) => /node_modules\/langium\//.test(to) ? 'LANGIUM' : to;
    return output.summary.violations.map(violation => `${violation.rule.name}: ${violation.from} -> ${shown(violation.to)}`).sort();
}

describe('the layers', () => {
    test('model/, language/, compiler/ and cli/ import only what their layer may', async () => {
        expect(await violations(ROOT, ['model', 'language', 'compiler', 'cli'])).toEqual([]);
    });

    const planted = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-layers-'));
    afterAll(() => fs.rmSync(planted, { recursive: true, force: true }));

    test('a forbidden import is caught, whichever layer it breaks', async () => {
        const files: Record<string, string> = {
            'model/money.ts': "import * as fs from 'node:fs';\nimport { parse } from '../language/parse.js';\nexport const x = [fs, parse];\n",
            'language/parse.ts': "import { emit } from '../compiler/emit.js';\nexport const parse = emit;\n",
            'compiler/emit.ts': "import { AstUtils } from 'langium';\nimport { run } from '../cli/main.js';\nexport const emit = [AstUtils, run];\n",
            'cli/main.ts': 'export const run = 1;\n'
        };
        for (const [file, text] of Object.entries(files)) {
            fs.mkdirSync(path.join(planted, path.dirname(file)), { recursive: true });
            fs.writeFileSync(path.join(planted, file), text);
        }
        fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(planted, 'node_modules'));
        expect(await violations(planted, ['model', 'language', 'compiler', 'cli'])).toEqual([
            'cli-is-a-shell: compiler/emit.ts -> cli/main.ts',
            'language-below-the-stages: language/parse.ts -> compiler/emit.ts',
            'model-is-pure: model/money.ts -> fs',
            'model-is-pure: model/money.ts -> language/parse.ts',
            'stages-never-import-langium: compiler/emit.ts -> LANGIUM',
            'stages-never-import-langium: compiler/emit.ts -> cli/main.ts'
        ]);
    });
});
