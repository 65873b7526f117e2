import type { ChangeClass, ContractAsk, FrameworkDiff, ProxyRebase, RuleOutcomeChange, UpgradeReport, VersionBump, VersionCheck } from '../model/diff/diff-types.js';
import { escapeControlCharacters } from './diagnostic-report.js';
import type { ShownLocation, SidePlaces } from './diff-side-loader.js';
import { countOf } from './output.js';

/** The classes in the order every report lists them. */
const CLASSES: readonly ChangeClass[] = ['breaking', 'minor', 'patch'];

/** One framework of a report: where it was read from (as the user gave it), its id and version. */
export interface ReportedFramework {
    source: string;
    id: string;
    version: string | null;
}

/** A change as `svf diff` reports it: the model's change, its origin shown as file, line and column. */
export interface ReportedChange extends ShownLocation {
    class: ChangeClass;
    kind: string;
    message: string;
    side: 'old' | 'new';
    subject: { type: string; id: string };
    before?: unknown;
    after?: unknown;
}

/**
 * The report of `svf diff`, in every format: the JSON form (schemas/diff.schema.json) is
 * this object as it is.
 */
export interface DiffReport {
    old: ReportedFramework;
    new: ReportedFramework;
    changes: ReportedChange[];
    ruleOutcomes: RuleOutcomeChange[];
    proxyRebasing: ProxyRebase[];
    requiredBump: VersionBump;
    summary: Record<ChangeClass, number>;
    /** Only with --check-version. */
    versionCheck?: VersionCheck;
}

/** A finding of `svf upgrade-check`, placed in the member's files. */
export interface ReportedUpgradeFinding extends ShownLocation {
    class: ChangeClass;
    kind: string;
    message: string;
    baseBefore?: unknown;
    baseAfter?: unknown;
    member?: unknown;
}

/** The report of `svf upgrade-check` (schemas/diff.schema.json#/$defs/upgradeReport). */
export interface UpgradeCheckReport {
    member: ReportedFramework;
    from: ReportedFramework;
    to: ReportedFramework;
    findings: ReportedUpgradeFinding[];
    summary: Record<ChangeClass, number>;
    /** The member merged with the old base against the member merged with the new one. */
    mergedDiff: DiffReport;
}

/** The model's diff with its places shown as the user knows them, and nothing machine-specific. */
export function buildDiffReport(diff: FrameworkDiff, sources: { old: string; new: string }, places: SidePlaces, versionCheck?: VersionCheck): DiffReport {
    const changes = diff.changes.map(({ origin, ...change }) => ({ ...places.locate(origin), ...change }));
    return {
        old: { source: sources.old, ...diff.old },
        new: { source: sources.new, ...diff.new },
        changes,
        ruleOutcomes: diff.ruleOutcomes,
        proxyRebasing: diff.proxyRebasing,
        requiredBump: diff.requiredBump,
        summary: countByClass(changes),
        ...(versionCheck ? { versionCheck } : {}),
    };
}

export function buildUpgradeCheckReport(report: UpgradeReport, sources: { member: string; from: string; to: string }, places: SidePlaces): UpgradeCheckReport {
    const findings = report.findings.map(({ origin, ...finding }) => ({ ...places.locate(origin), ...finding }));
    return {
        member: { source: sources.member, ...report.member },
        from: { source: sources.from, ...report.from },
        to: { source: sources.to, ...report.to },
        findings,
        summary: countByClass(findings),
        mergedDiff: buildDiffReport(report.mergedDiff, { old: sources.from, new: sources.to }, places),
    };
}

function countByClass(items: ReadonlyArray<{ class: ChangeClass }>): Record<ChangeClass, number> {
    const counts = { breaking: 0, minor: 0, patch: 0 };
    for (const item of items) counts[item.class]++;
    return counts;
}

function isEmpty(report: DiffReport): boolean {
    return report.changes.length === 0 && report.ruleOutcomes.length === 0 && report.proxyRebasing.length === 0;
}

// ------------------------------------------------------------------------------ text

/**
 * The text form: one line per change, `path:line:col: <class>: <kind>: message`, breaking
 * first; then the contracts whose rule or ask changes, the proxy re-basing, and a summary
 * line with the bump the changes need (and the --check-version verdict).
 */
export function formatDiffText(report: DiffReport): string[] {
    const lines: string[] = [];
    if (isEmpty(report)) {
        lines.push('No changes.');
    } else {
        lines.push(...sortedChanges(report.changes).map(change => locatedLine(change, `${change.class}: ${change.kind}: ${change.message}`)));
        if (report.ruleOutcomes.length > 0) {
            lines.push('', 'Contracts that now get a different rule or ask:');
            lines.push(...sortedOutcomes(report.ruleOutcomes).map(outcome => `  ${outcome.class}: ${outcome.region}: ${askText(outcome.before)} -> ${askText(outcome.after)}`));
        }
        if (report.proxyRebasing.length > 0) {
            lines.push('', 'Proxy re-basing (net value per unit after deadweight, attribution and displacement):');
            lines.push(...report.proxyRebasing.map(rebase => `  ${rebaseText(rebase)}`));
        }
        lines.push('', summaryLine(report));
    }
    if (report.versionCheck) lines.push(versionCheckLine(report.versionCheck));
    return lines.map(escapeControlCharacters);
}

/** The text form of an upgrade check: its findings, then the member's merged diff. */
export function formatUpgradeText(report: UpgradeCheckReport): string[] {
    const lines = [`Upgrading ${frameworkName(report.member)} from ${frameworkName(report.from)} to ${frameworkName(report.to)}:`];
    if (report.findings.length === 0) {
        lines.push('No overrides, retirements, additions or placements of this framework are affected.');
    } else {
        lines.push(...sortedChanges(report.findings).map(finding => locatedLine(finding, `${finding.class}: ${finding.kind}: ${finding.message}`)));
    }
    lines.push('', `What changes for ${frameworkName(report.member)}'s own contracts (merged with the old base, then with the new):`);
    lines.push(...formatDiffText(report.mergedDiff).map(line => line === '' ? '' : `  ${line}`));
    lines.push('', upgradeSummaryLine(report));
    return lines.map(escapeControlCharacters);
}

function locatedLine(location: ShownLocation, text: string): string {
    return `${location.file}:${location.line}:${location.column}: ${text}`;
}

function sortedChanges<T extends ShownLocation & { class: ChangeClass; kind: string; message: string }>(changes: readonly T[]): T[] {
    // The model sorts already; sorting again by the shown names keeps the order stable across machines.
    return [...changes].sort((a, b) => CLASSES.indexOf(a.class) - CLASSES.indexOf(b.class)
        || compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.kind, b.kind) || compareText(a.message, b.message));
}

function sortedOutcomes(outcomes: readonly RuleOutcomeChange[]): RuleOutcomeChange[] {
    // Stable sort: within a class, the model's order (the partition's, by category and value).
    return [...outcomes].sort((a, b) => CLASSES.indexOf(a.class) - CLASSES.indexOf(b.class));
}

function askText(ask: ContractAsk): string {
    return ask.rule === null ? ask.ask : `rule '${ask.rule}' (${ask.ask})`;
}

function rebaseText(rebase: ProxyRebase): string {
    const { before, after } = rebase;
    return `${rebase.proxy} (${rebase.unit}): ${pounds(before.value)} (${priceYear(before.priceYear)}) -> ${pounds(after.value)} (${priceYear(after.priceYear)}); `
        + `net per unit ${pounds(before.netValuePerUnit)} -> ${pounds(after.netValuePerUnit)} (${rebase.netChangePercent}%)`;
}

function summaryLine(report: DiffReport): string {
    const counts = classCounts(report.summary, 'change');
    return `${counts}; ${bumpText(report.requiredBump)}.`;
}

function upgradeSummaryLine(report: UpgradeCheckReport): string {
    const findings = classCounts(report.summary, 'finding');
    return report.summary.breaking > 0
        ? `${findings}: fix the breaking findings before moving to ${frameworkName(report.to)}.`
        : `${findings}: ${frameworkName(report.member)} can move to ${frameworkName(report.to)}.`;
}

function classCounts(summary: Record<ChangeClass, number>, noun: string): string {
    const total = summary.breaking + summary.minor + summary.patch;
    if (total === 0) return `No ${noun}s`;
    return `${countOf(total, noun)} (${CLASSES.map(name => `${summary[name]} ${name}`).join(', ')})`;
}

function bumpText(bump: VersionBump): string {
    return bump === 'none' ? 'no version bump needed' : `the changes need a ${bump} version bump`;
}

function versionCheckLine(check: VersionCheck): string {
    return `Version check ${check.ok ? 'passed' : 'failed'}: ${check.message}`;
}

function frameworkName(framework: ReportedFramework): string {
    return framework.version === null ? `'${framework.id}' (no version)` : `'${framework.id}' ${framework.version}`;
}

function priceYear(year: number | null): string {
    return year === null ? 'no price year' : `${year} prices`;
}

/** `29200.00` as `£29,200.00`; anything that is not a plain decimal is shown as it is. */
function pounds(amount: string): string {
    const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
    if (!match) return amount;
    return `${match[1]}£${match[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${match[3] ?? ''}`;
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

// ------------------------------------------------------------------------------ markdown

/** How a Markdown diff is introduced: by default a `#` heading with the new version, then what it changes since the old. */
interface MarkdownFraming {
    /** The number of `#` of the title; the class headings get one more. */
    titleLevel: number;
    title: string;
    intro: string;
}

/** A changelog for release notes: a heading per class, a bullet per change, tables for contract outcomes and re-basing. */
export function formatDiffMarkdown(report: DiffReport, framing?: MarkdownFraming): string[] {
    const since = report.old.version ?? 'the previous version';
    const { titleLevel, title, intro } = framing ?? {
        titleLevel: 1,
        title: `${report.new.id} ${report.new.version ?? '(no version)'}`,
        intro: isEmpty(report) ? `No changes since ${since}.` : `Changes since ${since}: ${classCounts(report.summary, 'change')}; ${bumpText(report.requiredBump)}.`,
    };
    const h = (level: number) => '#'.repeat(titleLevel + level);
    const lines = [`${h(0)} ${markdownText(title)}`, '', markdownText(intro)];
    const titles: Record<ChangeClass, string> = { breaking: 'Breaking changes', minor: 'Minor changes', patch: 'Patch changes' };
    for (const name of CLASSES) {
        const changes = sortedChanges(report.changes).filter(change => change.class === name);
        if (changes.length === 0) continue;
        lines.push('', `${h(1)} ${titles[name]}`, '');
        lines.push(...changes.map(change => `- ${markdownText(change.message)} (\`${change.kind}\`)`));
    }
    if (report.ruleOutcomes.length > 0) {
        lines.push('', `${h(1)} Contracts that now get a different rule or ask`, '', '| Contracts | Before | After | Class |', '| --- | --- | --- | --- |');
        lines.push(...sortedOutcomes(report.ruleOutcomes).map(outcome =>
            `| ${cell(outcome.region)} | ${cell(askText(outcome.before))} | ${cell(askText(outcome.after))} | ${outcome.class} |`));
    }
    if (report.proxyRebasing.length > 0) {
        lines.push('', `${h(1)} Proxy re-basing`, '',
            '| Proxy | Unit | Value before | Value after | Price year | Net per unit before | Net per unit after | Change |',
            '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |');
        lines.push(...report.proxyRebasing.map(({ proxy, unit, before, after, netChangePercent }) =>
            `| ${cell(proxy)} | ${cell(unit)} | ${pounds(before.value)} | ${pounds(after.value)} | ${before.priceYear ?? '-'} -> ${after.priceYear ?? '-'} | `
            + `${pounds(before.netValuePerUnit)} | ${pounds(after.netValuePerUnit)} | ${netChangePercent}% |`));
    }
    if (report.versionCheck) lines.push('', versionCheckLine(report.versionCheck));
    return lines.map(escapeControlCharacters);
}

/** The markdown form of an upgrade check. */
export function formatUpgradeMarkdown(report: UpgradeCheckReport): string[] {
    const lines = [`## Upgrading ${markdownText(frameworkName(report.member))} to ${markdownText(frameworkName(report.to))}`, '', `${upgradeSummaryLine(report)}`];
    if (report.findings.length > 0) {
        lines.push('', '### What to look at in this framework', '');
        lines.push(...sortedChanges(report.findings).map(finding =>
            `- **${finding.class}** ${markdownText(finding.message)} (\`${finding.kind}\`, \`${finding.file}:${finding.line}\`)`));
    }
    const merged = report.mergedDiff;
    lines.push('', ...formatDiffMarkdown(merged, {
        titleLevel: 3,
        title: `What changes for ${frameworkName(report.member)}'s own contracts`,
        intro: isEmpty(merged) ? 'Nothing: merged with the new base, this framework asks and values the same.'
            : `Merged with the new base instead of the old: ${classCounts(merged.summary, 'change')}.`,
    }));
    return lines.map(escapeControlCharacters);
}

/** Text in a paragraph or bullet: characters Markdown would read as markup are escaped. */
function markdownText(text: string): string {
    // `>` only quotes at the start of a line, where no text of ours is put.
    return text.replace(/([\\`*_[\]<|])/g, '\\$1');
}

function cell(text: string): string {
    return markdownText(text);
}
