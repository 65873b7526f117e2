/**
 * One classification table, not two: the README's table of change kinds is exactly what
 * renderClassificationTable() renders from CHANGE_KINDS, the table the diff classifies with.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { renderClassificationTable } from '../../model/diff/change-kinds.js';

const README = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const HEADER = '| Kind | Class | What it means |';

if (README.includes(HEADER)) {
    test("the README's classification table is the code's", () => {
        expect(README).toContain(renderClassificationTable());
    });
} else {
    // The README's `svf diff` section (with this table) is written on the CLI's branch; once it
    // is merged, the test above runs instead of this reminder.
    test.todo("the README's classification table is the code's (README.md has no table yet)");
}
