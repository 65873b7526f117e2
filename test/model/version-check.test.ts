/**
 * checkVersion: the verdict of `svf diff --check-version`, for majors, minors, patches,
 * 0.x (semver's rules), going backwards, staying the same, and versions that are not semver.
 */
import * as fc from 'fast-check';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import type { VersionBump } from '../../model/diff/diff-types.js';
import { checkVersion } from '../../model/diff/version-check.js';

describe('checkVersion', () => {
    test.each([
        // old, new, required, ok, smallest passing
        ['1.2.3', '2.0.0', 'major', true, '2.0.0'],
        ['1.2.3', '1.3.0', 'major', false, '2.0.0'],
        ['1.2.3', '1.3.0', 'minor', true, '1.3.0'],
        ['1.2.3', '2.0.0', 'minor', true, '1.3.0'],
        ['1.2.3', '1.2.4', 'minor', false, '1.3.0'],
        ['1.2.3', '1.2.4', 'patch', true, '1.2.4'],
        ['1.2.3', '1.2.3', 'patch', false, '1.2.4'],
        ['1.2.3', '1.2.3', 'none', true, '1.2.3'],
        ['1.2.3', '1.2.4', 'none', true, '1.2.3'],
        ['1.2.3', '1.2.2', 'none', false, '1.2.3'],
        ['1.2.3', '1.1.0', 'minor', false, '1.3.0'],
        // 0.x: a breaking change bumps the minor, anything else the patch.
        ['0.2.3', '0.3.0', 'major', true, '0.3.0'],
        ['0.2.3', '0.2.4', 'major', false, '0.3.0'],
        ['0.2.3', '1.0.0', 'major', true, '0.3.0'],
        ['0.2.3', '0.2.4', 'minor', true, '0.2.4'],
        ['0.2.3', '0.2.4', 'patch', true, '0.2.4'],
        ['0.2.3', '0.2.3', 'minor', false, '0.2.4'],
        // A prerelease is bumped as semver.inc does.
        ['2.0.0-beta.1', '2.0.0', 'major', true, '2.0.0']
    ] as Array<[string, string, VersionBump, boolean, string]>)('%s -> %s with %s changes: ok %s, smallest passing %s', (old, now, required, ok, smallest) => {
        expect(checkVersion(old, now, required)).toMatchObject({ ok, required, smallestPassing: smallest });
    });

    test('the messages name what was declared, what the changes need and the smallest version that passes', () => {
        expect(checkVersion('1.2.3', '1.2.4', 'minor').message).toBe('Version 1.2.4 does not bump 1.2.3 enough: there are minor changes (and none breaking), which need a minor bump, so the smallest version that passes is 1.3.0.');
        expect(checkVersion('1.2.3', '1.2.0', 'patch').message).toBe('Version 1.2.0 goes backwards from 1.2.3; only wording changed, which needs a patch bump: declare 1.2.4 or later.');
        expect(checkVersion('1.2.3', '1.2.3', 'major').message).toBe("Version 1.2.3 is the same as the old side's, but there are breaking changes, which need a major bump: declare 2.0.0 or later.");
        expect(checkVersion('0.4.1', '0.5.0', 'major').message).toBe('Version 0.5.0 bumps 0.4.1 enough: there are breaking changes, which in 0.x need a minor bump (the smallest version that passes is 0.5.0).');
        expect(checkVersion('1.2.3', '1.2.3', 'none').message).toBe('No changes, so version 1.2.3 may stay as it was.');
    });

    test('versions that are missing or not semver', () => {
        expect(checkVersion(null, '1.0.0', 'major')).toMatchObject({ ok: true, smallestPassing: null });
        expect(checkVersion('2024-edition', '1.0.0', 'minor')).toMatchObject({ ok: true, smallestPassing: null });
        expect(checkVersion('1.0.0', null, 'none')).toMatchObject({ ok: false, smallestPassing: '1.0.0', message: 'The new side declares no version; nothing changed: declare 1.0.0 or later.' });
        expect(checkVersion('1.0.0', 'next', 'patch')).toMatchObject({ ok: false, smallestPassing: '1.0.1' });
    });

    test('smallestPassing itself always passes, and anything below it (and above the old version) fails (property)', () => {
        const version = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)).map(parts => parts.join('.'));
        const bump = fc.constantFrom<VersionBump>('major', 'minor', 'patch', 'none');
        fc.assert(fc.property(version, version, bump, (old, now, required) => {
            const check = checkVersion(old, now, required);
            expect(checkVersion(old, check.smallestPassing!, required).ok).toBe(true);
            expect(check.ok).toBe(semver.gte(now, check.smallestPassing!));
            if (semver.lt(now, old)) expect(check.ok).toBe(false);
        }));
    });
});
