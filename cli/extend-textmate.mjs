// Adds what Langium's generated TextMate grammar (extension/syntaxes/svf.tmLanguage.json)
// leaves out: £ amounts, percentages, versions and plain numbers as numeric constants, so
// editors without semantic highlighting still colour them. Run by `npm run build` after
// `langium generate`; running it twice changes nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'extension', 'syntaxes', 'svf.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(file, 'utf8'));

/** Tried before keywords and strings; the same forms as the grammar's MONEY, PERCENT, VERSION and NUMBER terminals. */
export const NUMERIC_PATTERNS = [
    { name: 'constant.numeric.money.svf', match: '-?£(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:k|m|bn)?\\b' },
    { name: 'constant.numeric.percentage.svf', match: '-?\\b\\d+(?:\\.\\d+)?%' },
    { name: 'constant.numeric.version.svf', match: '[\\^~]?\\b\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?\\b' },
    { name: 'constant.numeric.svf', match: '-?\\b\\d+(?:\\.\\d+)?\\b' }
];

const names = new Set(NUMERIC_PATTERNS.map(pattern => pattern.name));
const kept = grammar.patterns.filter(pattern => !names.has(pattern.name));
// After comments (first), before keywords and strings.
grammar.patterns = [kept[0], ...NUMERIC_PATTERNS, ...kept.slice(1)];
fs.writeFileSync(file, `${JSON.stringify(grammar, null, 2)}\n`);
