/** The README's `svf export ocds` example is exactly what the command prints. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { repositoryRoot, svfBinary } from '../cli/run-svf.js';

test('the README shows the release `svf export ocds` prints for the council example', () => {
    const readme = fs.readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
    const shown = /\n {4}\$ svf export ocds (.+)\n((?: {4}.+\n)+)/.exec(readme);
    expect(shown, 'README shows an `svf export ocds` run').not.toBeNull();
    const [, args, output] = shown!;
    const printed = execFileSync(process.execPath, [svfBinary, 'export', 'ocds', ...args!.split(' ')], { cwd: repositoryRoot, encoding: 'utf8' });
    expect(output!.split('\n').filter(line => line !== '').map(line => line.slice(4)).join('\n')).toBe(printed.trimEnd());
});
