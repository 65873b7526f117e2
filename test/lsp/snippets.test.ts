/**
 * The extension's snippets (extension/snippets/svf.json, the one source of snippets: the
 * server offers none of its own): each, with its placeholders at their defaults, makes a
 * framework that checks without errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateSources } from '../helpers/validate.js';
import { REPOSITORY_ROOT } from './language-server-session.js';

const snippets = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'extension', 'snippets', 'svf.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;

/** A snippet as inserted when every placeholder keeps its default; indented by `indent` tabs. */
function expanded(name: string, indent = 0): string {
    const body = snippets[name]!.body.map(line => '\t'.repeat(indent) + line).join('\n');
    return body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}

describe('snippets', () => {
    test('one per declaration a policy officer writes, each with the keyword as its prefix', () => {
        expect(Object.values(snippets).map(snippet => snippet.prefix).sort()).toEqual(['gate', 'measure', 'outcome', 'profile', 'proxy', 'question', 'rule', 'scale', 'theme', 'unit']);
        const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'extension', 'package.json'), 'utf8')) as { contributes: { snippets: unknown } };
        expect(manifest.contributes.snippets).toEqual([{ language: 'svf', path: './snippets/svf.json' }]);
    });

    test('inserted with their defaults they make a framework with no errors', async () => {
        const text = [
            'framework snippets.test "Snippets" {\n\tversion 1.0.0\n\tpriceYear 2025\n}',
            expanded('Unit'),
            expanded('Proxy'),
            expanded('Profile'),
            expanded('Theme'),
            `theme skills "Skills" {\n${expanded('Outcome', 1).replace('localEmployment', 'training').replace('NT1', 'SK1')}\n\toutcome more "More" {\n${expanded('Measure', 2).replace('NT1', 'SK2')}\n\t}\n}`,
            expanded('Scale'),
            expanded('Question'),
            expanded('Gate'),
            'evaluation {\n\tweighting 10%\n\tsplit quantitative 60% qualitative 40%\n}',
            expanded('Rule'),
            'rule everything "Every other contract" {\n\tno ask\n}'
        ].join('\n\n') + '\n';
        const diagnostics = Object.values(await validateSources({ 'framework.svf': text })).flat();
        expect(diagnostics.filter(diagnostic => diagnostic.severity === 'error').map(diagnostic => `${diagnostic.line}:${diagnostic.code} ${diagnostic.message}`)).toEqual([]);
    });
});
