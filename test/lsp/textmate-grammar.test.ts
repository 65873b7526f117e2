/**
 * The TextMate grammar VS Code colours .svf files with before the language server starts:
 * £ amounts, percentages, versions and numbers are numeric constants (cli/extend-textmate.mjs
 * adds them to what Langium generates), names that contain digits are not, and a bracket in
 * a comment is not auto-closed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPOSITORY_ROOT } from './language-server-session.js';

interface Pattern { name?: string; match?: string; include?: string; begin?: string; end?: string }
const grammar = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'extension', 'syntaxes', 'svf.tmLanguage.json'), 'utf8')) as { patterns: Pattern[]; repository: Record<string, { patterns: Pattern[] }> };

/** The scope of each token of a line, trying the top-level patterns in order at each position, as a TextMate engine does. */
function scopes(line: string): Array<[string, string]> {
    const patterns = grammar.patterns.flatMap(pattern => (pattern.include ? grammar.repository[pattern.include.slice(1)]!.patterns : [pattern]));
    const tokens: Array<[string, string]> = [];
    let at = 0;
    while (at < line.length) {
        let best: { index: number; text: string; name: string } | undefined;
        for (const pattern of patterns) {
            const source = pattern.match ?? (pattern.begin === '//' ? '//.*$' : pattern.begin ? `${pattern.begin}[\\s\\S]*?${pattern.end}` : undefined);
            if (!source) continue;
            const found = new RegExp(source, 'gu');
            found.lastIndex = at;
            const match = found.exec(line);
            if (match && match[0].length > 0 && (!best || match.index < best.index)) best = { index: match.index, text: match[0], name: pattern.name ?? '' };
        }
        if (!best) break;
        tokens.push([best.text, best.name]);
        at = best.index + best.text.length;
    }
    return tokens;
}

describe('the TextMate grammar', () => {
    test('money, percentages, versions and numbers are numeric constants; a code such as NT1 is not', () => {
        expect(scopes('proxy localJob = £30,000.50 per fte { deadweight 10% }')).toEqual(expect.arrayContaining([
            ['£30,000.50', 'constant.numeric.money.svf'], ['10%', 'constant.numeric.percentage.svf']
        ]));
        expect(scopes('minimum NT1 1 per £1m per year')).toEqual([
            ['minimum', 'keyword.control.svf'], ['1', 'constant.numeric.svf'], ['per', 'keyword.control.svf'],
            ['£1m', 'constant.numeric.money.svf'], ['per', 'keyword.control.svf'], ['year', 'keyword.control.svf']
        ]);
        expect(scopes('version 1.4.0')).toEqual([['version', 'keyword.control.svf'], ['1.4.0', 'constant.numeric.version.svf']]);
    });

    test('a comment is one comment token, whatever it contains', () => {
        expect(scopes('// £5 { 10% "quoted"')).toEqual([['// £5 { 10% "quoted"', 'comment.line.svf']]);
    });

    test('the grammar extension ran once: each numeric pattern appears once', () => {
        const names = grammar.patterns.map(pattern => pattern.name).filter(name => name?.startsWith('constant.numeric'));
        expect(names).toEqual(['constant.numeric.money.svf', 'constant.numeric.percentage.svf', 'constant.numeric.version.svf', 'constant.numeric.svf']);
    });

    test('braces and brackets are not auto-closed inside comments or strings', () => {
        const configuration = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'extension', 'language-configuration.json'), 'utf8')) as { autoClosingPairs: Array<{ open: string; notIn?: string[] }> };
        for (const open of ['{', '(']) {
            expect(configuration.autoClosingPairs.find(pair => pair.open === open)?.notIn).toEqual(['string', 'comment']);
        }
    });
});
