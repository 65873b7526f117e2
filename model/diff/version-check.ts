import semver from 'semver';
import type { VersionBump, VersionCheck } from './diff-types.js';

/**
 * The verdict of `svf diff --check-version`: does the new side's declared version bump the
 * old side's enough for the changes found? A breaking change needs a major bump, a minor
 * change a minor bump, a wording (patch) change a patch bump; with no change the version may
 * stay. A bigger bump than needed always passes; going backwards, or keeping the version
 * when something changed, never does.
 *
 * Semver's 0.x rules: in 0.y.z anything may change at any time, and the convention (npm's
 * caret ranges follow it: ^0.2.0 accepts 0.2.x only) is that a breaking change bumps the
 * minor and everything else the patch. A prerelease old version (2.0.0-beta.1) is bumped as
 * semver.inc does (a major bump of it is 2.0.0).
 *
 * When the old side declares no version, or not a semver one, nothing can be compared: any
 * valid new version passes and `smallestPassing` is null. A new side without a valid semver
 * version always fails.
 */
export function checkVersion(oldVersion: string | null, newVersion: string | null, required: VersionBump): VersionCheck {
    const old = oldVersion === null ? null : semver.valid(oldVersion);
    const now = newVersion === null ? null : semver.valid(newVersion);
    const smallestPassing = old === null ? null : smallestVersion(old, required);
    const need = needWords(old, required);
    if (now === null) {
        const declared = newVersion === null ? 'The new side declares no version' : `The new side's version '${newVersion}' is not a semver version (major.minor.patch)`;
        return { ok: false, required, smallestPassing, message: `${declared}; ${need}${smallestPassing === null ? '' : `: declare ${smallestPassing} or later`}.` };
    }
    if (old === null || smallestPassing === null) {
        const declared = oldVersion === null ? 'The old side declares no version' : `The old side's version '${oldVersion}' is not a semver version`;
        return { ok: true, required, smallestPassing: null, message: `${declared}, so there is nothing to compare version ${now} with; ${need}.` };
    }
    if (semver.lt(now, old)) {
        return { ok: false, required, smallestPassing, message: `Version ${now} goes backwards from ${old}; ${need}: declare ${smallestPassing} or later.` };
    }
    if (required === 'none') {
        return { ok: true, required, smallestPassing, message: semver.eq(now, old) ? `No changes, so version ${now} may stay as it was.` : `No changes; version ${now} (from ${old}) passes.` };
    }
    if (semver.eq(now, old)) {
        return { ok: false, required, smallestPassing, message: `Version ${now} is the same as the old side's, but ${need}: declare ${smallestPassing} or later.` };
    }
    if (semver.lt(now, smallestPassing)) {
        return { ok: false, required, smallestPassing, message: `Version ${now} does not bump ${old} enough: ${need}, so the smallest version that passes is ${smallestPassing}.` };
    }
    return { ok: true, required, smallestPassing, message: `Version ${now} bumps ${old} enough: ${need} (the smallest version that passes is ${smallestPassing}).` };
}

/** The smallest version after `old` that passes for the bump required (0.x: breaking bumps the minor, the rest the patch). */
function smallestVersion(old: string, required: VersionBump): string {
    if (required === 'none') return old;
    const release = semver.major(old) === 0 ? (required === 'major' ? 'minor' : 'patch') : required;
    return semver.inc(old, release)!;
}

function needWords(old: string | null, required: VersionBump): string {
    const zero = old !== null && semver.major(old) === 0;
    switch (required) {
        case 'major': return zero ? 'there are breaking changes, which in 0.x need a minor bump' : 'there are breaking changes, which need a major bump';
        case 'minor': return zero ? 'there are minor changes (and none breaking), which in 0.x need a patch bump' : 'there are minor changes (and none breaking), which need a minor bump';
        case 'patch': return 'only wording changed, which needs a patch bump';
        default: return 'nothing changed';
    }
}
