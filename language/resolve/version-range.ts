import { ValueConverter } from 'langium';

/** A version range as written after `extends "..."`: `^2.0`, `2.1.0`, or the text of a quoted one; null when none is written. */
export function versionRangeText(range: string | undefined): string | null {
    if (range === undefined || range === '') return null;
    return range.startsWith('"') || range.startsWith("'") ? ValueConverter.convertString(range) : range;
}
