import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const COMPILER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../compiler');

/** Every module specifier reachable from a source file through static imports and re-exports. */
function reachableImports(file: string, seen = new Set<string>()): string[] {
    if (seen.has(file)) return [];
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map(match => match[1]!);
    return specifiers.flatMap(specifier => {
        if (!specifier.startsWith('.')) return [specifier];
        const target = path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts'));
        return [path.relative(COMPILER, target), ...(target.endsWith('.ts') ? reachableImports(target, seen) : [])];
    });
}

describe('what a portal runs has no Langium in it', () => {
    test.each([
        ['portal.ts', 'apply-profile.ts'],
        ['apply-profile.ts', '../model/rules/evaluate-condition.ts'],
        ['contract-profile.ts', 'schema-validation.ts']
    ])('%s imports neither Langium nor the language', (file, knownImport) => {
        const imports = reachableImports(path.join(COMPILER, file));
        expect(imports).toContain(knownImport);
        expect(imports.filter(specifier => specifier.startsWith('langium') || specifier.includes('language/') || specifier.includes('vscode'))).toEqual([]);
    });

    test('the walk does find Langium where it is used', () => {
        expect(reachableImports(path.join(COMPILER, 'index.ts'))).toContain('langium');
    });
});
