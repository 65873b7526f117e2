/**
 * checkUpgrade: what a member framework must look at before moving to a new version of its
 * base, checked on the merge tests' base (orbis.base 2.1.0) and an edited 2.2.0.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { UpgradeReport } from '../../model/diff/diff-types.js';
import { checkUpgrade } from '../../model/diff/upgrade-check.js';
import { BASE_ROOT, BASE_SOURCES, CHILD_ROOT, childSource, resolveSources, WORDING } from './merge-fixtures.js';

const NEW_BASE_SOURCES: Record<string, string> = {
    ...BASE_SOURCES,
    'framework.svf': BASE_SOURCES['framework.svf']!
        .replace('version 2.1.0', 'version 2.2.0')
        .replace('= £30,000 per FTE', '= £32,000 per FTE')
        .replace(/ {8}measure NT2[\s\S]*?provide\?"\n {8}}\n/, '')
        .replace(/ {8}measure NT3[\s\S]*?provide\?"\n {8}}\n/, '')
        .split('localEmployment').join('localJobs')
        .replace('gate livingWage', 'gate fairPay "Fair pay" {\n    ask "Will you sign the fair pay charter?"\n}\n\ngate livingWage'),
    'rules.svf': BASE_SOURCES['rules.svf']!
        .replace(/rule small[\s\S]*?}\n\n/, '')
        .replace('include measures NT1, NT2, NT3', 'include measures NT1')
        .replace('    minimum NT3 1 per £1m\n', '')
};

const MEMBER = childSource(`override proxy localJob = £31,000 because "Eastshire wages are higher"

override measure NT3 because "Eastshire says it plainly" {
    ask "How many weeks of local work placements will you provide?"
}

retire measure NT2 because "Eastshire has no apprenticeship scheme"

add to outcome localEmployment {
    measure ECC1 "Care leavers employed" {
        unit FTE
        ask "How many care leavers will you employ?"
    }
}

gate fairPay "Fair pay" {
    ask "Will you pay fairly?"
}

rule local "Local suppliers" before small when contractValue < £25k {
    no ask
}
`);

let report: UpgradeReport;

beforeAll(async () => {
    const oldBase = await resolveSources(BASE_ROOT, BASE_SOURCES);
    const newBase = await resolveSources('/svf-test/orbis-base-2.2', NEW_BASE_SOURCES);
    const member = await resolveSources(CHILD_ROOT, { 'framework.svf': MEMBER });
    report = checkUpgrade(member, oldBase, newBase, WORDING);
});

const line = (text: string) => MEMBER.split('\n').findIndex(candidate => candidate.includes(text)) + 1;

describe('checkUpgrade', () => {
    test('names the member and both base versions', () => {
        expect(report.member).toEqual({ id: 'eastshire.socialValue', version: '1.4.0' });
        expect(report.from).toEqual({ id: 'orbis.base', version: '2.1.0' });
        expect(report.to).toEqual({ id: 'orbis.base', version: '2.2.0' });
    });

    test("finds each of the member's changes the new base breaks, in the member's files, in order", () => {
        expect(report.findings.map(finding => `${finding.origin.range.start.line + 1} ${finding.class} ${finding.kind}`)).toEqual([
            `${line('override proxy localJob')} minor override-target-changed`,
            `${line('override measure NT3')} breaking override-target-removed`,
            `${line('retire measure NT2')} breaking retired-anyway`,
            `${line('add to outcome')} breaking addition-target-removed`,
            `${line('gate fairPay')} breaking redeclared`,
            `${line('rule local')} breaking placement-anchor-removed`
        ]);
        expect(report.findings.every(finding => finding.origin.file === `file://${CHILD_ROOT}/framework.svf`)).toBe(true);
    });

    test('an override whose target changed shows the base before, the base after and the member value', () => {
        const changed = report.findings.find(finding => finding.kind === 'override-target-changed')!;
        expect(changed).toMatchObject({ baseBefore: '30000', baseAfter: '32000', member: '31000' });
        expect(changed.message).toBe(`Base framework 'orbis.base' 2.2.0 changed the value of proxy 'localJob' from £30,000.00 to £32,000.00; this framework overrides it with £31,000.00. Check the override still says what you mean.`);
    });

    test('a target the new base renamed is named in the finding', () => {
        expect(report.findings.find(finding => finding.kind === 'addition-target-removed')!.message)
            .toBe("This framework adds measures to outcome 'localEmployment', which base framework 'orbis.base' 2.2.0 no longer has: it renamed it to 'localJobs'. Add them to another outcome (`add to outcome localJobs`), or declare an outcome of this framework's own.");
    });

    test("the merged diff says what changes for the member's own contracts", () => {
        const kinds = report.mergedDiff.changes.map(change => `${change.kind} ${change.subject.id}`);
        expect(kinds).toContain('measure-removed NT3');
        expect(kinds).toContain('outcome-renamed localJobs');
        // The member's own proxy value wins on both bases: no re-basing for its contracts.
        expect(report.mergedDiff.proxyRebasing).toEqual([]);
        expect(report.mergedDiff.requiredBump).toBe('major');
    });
});
