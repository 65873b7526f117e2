import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeDiagnostic, validateFiles } from '../helpers/validate.js';

// Files too big or too binary to keep in git are written here for each run.
let folder: string;
beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-bad-'));
});
afterAll(() => {
    fs.rmSync(folder, { recursive: true, force: true });
});

async function diagnosticsOfFile(name: string, content: string | Buffer): Promise<string[]> {
    const file = path.join(folder, name);
    fs.writeFileSync(file, content);
    const diagnostics = await validateFiles([file]);
    return diagnostics[file].map(describeDiagnostic);
}

/** A valid framework of about `lines` lines: many themes, outcomes and measures. */
function generateFramework(lines: number): string[] {
    const out = [
        'framework generated.big "A generated framework" {', '    version 1.0.0', '    priceYear 2025', '}',
        'unit FTE "no. people FTE"',
        'proxy localJob = £28,560 per FTE { source "Illustrative" priceYear 2025 }',
        'scale fivePoint { 0 "None" 5 "Excellent" }'
    ];
    let theme = 0;
    while (out.length < lines - 20) {
        out.push(`theme t${theme} "Theme ${theme}" {`);
        for (let outcome = 0; outcome < 10; outcome++) {
            out.push(`    outcome t${theme}o${outcome} "Outcome ${outcome}" {`);
            for (let measure = 0; measure < 10; measure++) {
                out.push(`        measure M${theme}x${outcome}x${measure} "Measure" {`, '            unit FTE', '            proxy localJob',
                    `            ask "How many people for measure ${measure}?"`, '        }');
            }
            out.push('    }');
        }
        out.push('}');
        theme++;
    }
    out.push('question MS1 { scale fivePoint ask "Describe." weight 100% }');
    out.push('evaluation {', '    weighting 10%', '    split quantitative 60% qualitative 40%', '}');
    return out;
}

describe('generated broken files', () => {
    test('a 50,000-line file with one error near the end gives that one error on its line', async () => {
        const lines = generateFramework(50_000);
        expect(lines.length).toBeGreaterThanOrEqual(49_900);
        const weighting = lines.lastIndexOf('    weighting 10%');
        lines[weighting] = '    weighting 10';
        expect(await diagnosticsOfFile('big.svf', lines.join('\n'))).toEqual([
            `${weighting + 1}:15 error syntax/error Expected a percentage such as 10% or 'at least' after 'weighting', but found '10'.`
        ]);
    }, 300_000);

    test('the same 50,000-line file without the error is valid', async () => {
        expect(await diagnosticsOfFile('big-valid.svf', generateFramework(50_000).join('\n'))).toEqual([]);
    }, 300_000);

    test('binary garbage is reported once as not being SVF text', async () => {
        const bytes = Buffer.alloc(4096);
        let seed = 7;
        for (let i = 0; i < bytes.length; i++) {
            seed = (seed * 1103515245 + 12345) % 2 ** 31;
            bytes[i] = seed % 256;
        }
        const diagnostics = await diagnosticsOfFile('garbage.svf', bytes);
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]).toMatch(/^\d+:\d+ error syntax\/not-text This file is not SVF text: it contains binary data \(line \d+\)\./);
    });

    test('a text file with a NUL byte in it is reported at that line', async () => {
        expect(await diagnosticsOfFile('nul.svf', 'unit FTE "no. people FTE"\nunit hour\u0000 "no. hours"\n')).toEqual([
            '2:10 error syntax/not-text This file is not SVF text: it contains binary data (line 2). Check that it is the .svf file you meant; SVF files are plain text.'
        ]);
    });

    test('an empty file gives one warning on line 1', async () => {
        expect(await diagnosticsOfFile('empty.svf', '')).toEqual([
            '1:1 warning file/empty This file is empty: it has no imports, no framework header and no declarations. Add declarations to it, or delete it.'
        ]);
    });

    test('a file of blank lines is empty too', async () => {
        expect(await diagnosticsOfFile('blank.svf', '\n\n   \n\t\n')).toHaveLength(1);
    });

    test('a byte order mark at the start is not an error', async () => {
        expect(await diagnosticsOfFile('bom.svf', '\ufeffunit FTE "no. people FTE"\n')).toEqual([]);
    });

    test('an import of a file that is missing on disk is reported, and the rest still validates', async () => {
        expect(await diagnosticsOfFile('imports-missing.svf', 'import "nowhere/units.svf"\nunit FTE "no. people FTE"\nproxy p = £0 per FTE { source "x" }\n')).toEqual([
            "1:8 error import/missing-file Cannot find imported file 'nowhere/units.svf'. Check the spelling and the path: it is relative to this file's folder (`../` goes up one folder).",
            "3:11 error proxy/value-not-positive Proxy 'p' has the value £0; a financial proxy must be worth more than £0 per unit. Give the value of one unit, e.g. £16.93."
        ]);
    });
});
