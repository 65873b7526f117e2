import { checkFramework, type Finding, type FrameworkCheckOptions, type LocationWording } from '../checks/framework-checks.js';
import type { Framework } from '../framework.js';
import type { Origin } from '../origin.js';
import { baseFrameworkName } from './merge-framework.js';

/** What checkMergedFramework needs: the merge's inputs and output, and what the base reports itself. */
export interface MergedFrameworkCheck {
    /** mergeFramework(base, child).framework */
    merged: Framework;
    base: Framework;
    /** The base's own framework findings (checkFramework, or checkMergedFramework for a merged base). */
    baseFindings: readonly Finding[];
    /** The child as resolved (its changes as written). */
    child: Framework;
    wording: LocationWording;
    options: FrameworkCheckOptions;
}

/**
 * Validation runs on the merged framework: a child can break what held in its base
 * (question weights that no longer add up to 100%, a rule that now leaves a theme short of
 * measures). Returns the framework findings to report for the child:
 *
 * - checkFramework(merged), less those the base has itself (same code, same origin file and
 *   start, or the place a merged base moved it from; for findings on the framework header,
 *   the same code on the base's header): the base reports those in its own files, and its
 *   publisher must fix them;
 * - each remaining finding in a base file is moved into the child, two-site, as Pkl and CUE
 *   report a broken base expectation: onto the child's change (override, retirement or
 *   addition) whose target the message names in quotes (`'NT1'`), else onto the child's
 *   `extends` line. The message keeps its text and adds the base's place (`path:line:col`);
 *   `related` points at it.
 *
 * The child's files are those of origins attributed to the child's framework (id and
 * version): the base's declarations keep the base's attribution, and what the child
 * overrides takes the child's, so no list of files is needed. The findings of the merge
 * itself (mergeFramework's) are not repeated here.
 */
export function checkMergedFramework(check: MergedFrameworkCheck): Finding[] {
    const { merged, base, baseFindings, child, wording, options } = check;
    const header = merged.identity.origin;
    // A merged base's findings may have been moved into its own files: their related places say where they were.
    const baseKeys = new Set(baseFindings.flatMap(finding => [finding.origin, ...(finding.related ?? []).map(related => related.origin)]
        .map(origin => findingKey(finding.code, samePlace(origin, base.identity.origin) ? null : origin))));
    const isChilds = (origin: Origin) => origin.framework.id === child.identity.id && origin.framework.version === child.identity.version;
    return checkFramework(merged, wording, options)
        .filter(finding => !baseKeys.has(findingKey(finding.code, samePlace(finding.origin, header) ? null : finding.origin)))
        .map(finding => (isChilds(finding.origin) ? finding : reanchored(finding, base, child, wording)));
}

/** code + place; null for the framework header (the base's and the child's are different places for the same thing). */
function findingKey(code: string, origin: Origin | null): string {
    return origin === null ? `${code}\0header` : `${code}\0${origin.file}\0${origin.range.start.line}\0${origin.range.start.character}`;
}

function samePlace(a: Origin, b: Origin): boolean {
    return a.file === b.file && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** A change of the child that a finding can be shown at, and how to name it. */
interface ChildChangeSite {
    target: string;
    origin: Origin;
    description: string;
}

/** The child's changes in the order written: overrides, retirements, then additions. */
function changeSites(child: Framework): ChildChangeSite[] {
    const { overrides, retirements, outcomeAdditions, measureAdditions } = child.changes;
    return [
        ...overrides.filter(override => override.kind !== 'evaluation').map(override => ({ target: override.target, origin: override.origin, description: `override of ${override.kind} '${override.target}'` })),
        ...retirements.map(retirement => ({ target: retirement.target, origin: retirement.origin, description: `retirement of ${retirement.kind} '${retirement.target}'` })),
        ...outcomeAdditions.map(addition => ({ target: addition.theme, origin: addition.origin, description: `outcomes added to theme '${addition.theme}'` })),
        ...measureAdditions.map(addition => ({ target: addition.outcome, origin: addition.origin, description: `measures added to outcome '${addition.outcome}'` }))
    ].filter(site => site.target !== '');
}

/** A finding in a base file, shown in the child: at the change it names, else on the `extends` line. */
function reanchored(finding: Finding, base: Framework, child: Framework, wording: LocationWording): Finding {
    const site = changeSites(child).find(candidate => finding.message.includes(`'${candidate.target}'`));
    const origin = site?.origin ?? child.extends?.origin ?? child.identity.origin;
    const place = `In ${baseFrameworkName(base)} at ${wording.where(finding.origin, origin)}`;
    const note = site ? ` (${place}; shown at this framework's ${site.description}, which it names.)` : ` (${place}, as this framework changes it.)`;
    return {
        ...finding,
        origin,
        message: `${finding.message}${note}`,
        ...(finding.messageInFramework !== undefined ? { messageInFramework: `${finding.messageInFramework}${note}` } : {}),
        related: [{ origin: finding.origin, message: `Where it is, in ${baseFrameworkName(base)}` }, ...(finding.related ?? [])]
    };
}
