import { expect, test } from 'vitest';
import { diffFrameworks } from '../../model/diff/diff-frameworks.js';
import { BASE_TEXT, edited, resolveText } from '../model/diff-fixtures.js';
import { WORDING } from '../model/merge-fixtures.js';

/** svf diff: a minimum asked each year instead of once is a stricter ask, and says so. */
test('a fixed minimum made `per year` is a stricter ask for the contracts of the rule', async () => {
    const before = edited(BASE_TEXT, [['    ratio 10%\n', '    ratio 10%\n    minimum NT1 2\n']]);
    const after = edited(before, [['    minimum NT1 2\n', '    minimum NT1 2 per year\n']]);
    const diff = diffFrameworks(await resolveText(before), await resolveText(after), WORDING);
    const stricter = diff.changes.find(change => change.kind === 'rule-contracts-stricter-ask');
    expect(stricter?.message).toContain('minimum NT1 2 per year');
    expect(stricter?.message).toMatch(/stricter: minimum NT1 2 -> 2 per year\.$/);
});
