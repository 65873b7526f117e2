import type { Origin } from '../origin.js';

/**
 * What `svf diff` reports: the changes between two versions of a framework, found by
 * comparing their merged models (model/framework.ts), never their text. Moving a
 * declaration to another file, reordering, reformatting or editing comments is no change.
 *
 * Every change has a kind, and every kind one class in CHANGE_KINDS (change-kinds.ts): the
 * one classification table, which the README's table is checked against.
 */

/** How much a change matters to the members and portals that use a framework, as semver says. */
export type ChangeClass = 'breaking' | 'minor' | 'patch';

/** The kinds of declaration a change can concern. */
export type SubjectType =
    | 'framework' | 'unit' | 'proxy' | 'scale' | 'scale-level' | 'theme' | 'outcome' | 'measure' | 'question' | 'gate'
    | 'evaluation' | 'rule' | 'outputs' | 'profile';

/** One change, as one line of the report: `path:line:col: <class>: <kind>: message`. */
export interface FrameworkChange {
    class: ChangeClass;
    /** A key of CHANGE_KINDS, e.g. `measure-removed`, `proxy-value-changed`. */
    kind: string;
    /** Plain English, naming the declaration and the values before and after. */
    message: string;
    /** Where: in the new side, or in the old side for a removal. */
    origin: Origin;
    side: 'old' | 'new';
    subject: { type: SubjectType; id: string };
    /** The value before and after, as JSON (money and decimals as exact strings); absent when not one value. */
    before?: unknown;
    after?: unknown;
}

/** What a contract gets under one version: the rule that applies and its ask, in words. */
export interface ContractAsk {
    /** The rule that applies (first match), or null when none does. */
    rule: string | null;
    /** The ask in words, e.g. `10%, select at most 6, minimum NT1 1 per £1m`; `no ask`; `no rule matches`. */
    ask: string;
}

/**
 * Contracts that now get a different rule or a different ask: one region of contract
 * profiles (from the partition the coverage check uses), in words a person can read.
 */
export interface RuleOutcomeChange {
    class: ChangeClass;
    /** e.g. `works contracts from £100,000 to under £250,000`, `lotted services contracts of £5m or more`. */
    region: string;
    before: ContractAsk;
    after: ContractAsk;
}

/** A proxy whose figures changed: the re-basing summary. */
export interface ProxyRebase {
    proxy: string;
    unit: string;
    before: { value: string; priceYear: number | null; netValuePerUnit: string };
    after: { value: string; priceYear: number | null; netValuePerUnit: string };
    /** Change of the net value per unit in percent, rounded to one decimal (`+7.3`, `-2.0`). */
    netChangePercent: string;
}

export type VersionBump = 'major' | 'minor' | 'patch' | 'none';

export interface FrameworkDiff {
    old: { id: string; version: string | null };
    new: { id: string; version: string | null };
    /** Sorted: breaking, then minor, then patch; within a class by file, line and column. */
    changes: FrameworkChange[];
    ruleOutcomes: RuleOutcomeChange[];
    proxyRebasing: ProxyRebase[];
    /** The least version bump the changes need (`none` when nothing changed). */
    requiredBump: VersionBump;
}

/** The verdict of `svf diff --check-version`. */
export interface VersionCheck {
    ok: boolean;
    required: VersionBump;
    /** The smallest version the new side could declare and pass (null when the old version is not semver). */
    smallestPassing: string | null;
    /** Plain English: what was declared, what the changes need, and why. */
    message: string;
}

/**
 * What a member framework (one that extends a base) must look at before moving to a new
 * version of its base: its changes that no longer apply or now mean something else.
 */
export interface UpgradeFinding {
    class: ChangeClass;
    /**
     * `override-target-removed` (the base no longer has what the member overrides),
     * `override-target-changed` (the base changed a property the member overrides: base old, base new, member's value),
     * `retired-anyway` (the member retires something the new base removed),
     * `addition-target-removed` (an `add to` theme/outcome is gone),
     * `placement-anchor-removed` (a rule placed before/after a base rule that is gone),
     * `redeclared` (the member declares a name the new base now has too).
     */
    kind: string;
    message: string;
    /** Where in the member's files. */
    origin: Origin;
    baseBefore?: unknown;
    baseAfter?: unknown;
    member?: unknown;
}

export interface UpgradeReport {
    member: { id: string; version: string | null };
    from: { id: string; version: string | null };
    to: { id: string; version: string | null };
    findings: UpgradeFinding[];
    /** The member's merged framework on the old base against the same member on the new base: what changes for its own contracts. */
    mergedDiff: FrameworkDiff;
}
