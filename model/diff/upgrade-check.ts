import { Decimal, formatPounds } from '../amounts.js';
import { describeApplicability } from '../rules/condition-wording.js';
import type { RuleCondition } from '../rules/rule-types.js';
import type { LocationWording } from '../checks/framework-checks.js';
import type { FrameworkOverride } from '../extension.js';
import { measuresOf, type Framework } from '../framework.js';
import type { Origin } from '../origin.js';
import { declaredNames, type DeclarationKind, type DeclaredNames } from '../merge/base-names.js';
import { baseFrameworkName, mergeFramework } from '../merge/merge-framework.js';
import { diffFrameworks } from './diff-frameworks.js';
import type { ChangeClass, UpgradeFinding, UpgradeReport } from './diff-types.js';

/**
 * What a member framework must look at before moving to a new version of its base: each of
 * its changes (overrides, retirements, additions, rule placements, its own names) checked
 * against what the base did between the two versions, and the diff of its merged framework
 * on the old base against the new one (what changes for its own contracts).
 *
 * Classes: a finding that makes the merge on the new base fail (the member must edit its
 * files) is breaking; an override whose target the base changed underneath is minor (the
 * member's value still wins, but was chosen against the old one). `member` is the member as
 * its own files declare it (changes not applied), as mergeFramework takes it.
 */
export function checkUpgrade(member: Framework, oldBase: Framework, newBase: Framework, wording: LocationWording): UpgradeReport {
    const findings = new UpgradeFindings(member, oldBase, newBase, wording).find();
    const mergedDiff = diffFrameworks(mergeFramework(oldBase, member, wording).framework, mergeFramework(newBase, member, wording).framework, wording);
    return {
        member: { id: member.identity.id, version: member.identity.version },
        from: { id: oldBase.identity.id, version: oldBase.identity.version },
        to: { id: newBase.identity.id, version: newBase.identity.version },
        findings,
        mergedDiff
    };
}

type Lookup = (kind: DeclarationKind | 'evaluation', name: string) => object | undefined;

class UpgradeFindings {
    private readonly findings: UpgradeFinding[] = [];
    private readonly oldNames: DeclaredNames;
    private readonly newNames: DeclaredNames;
    private readonly oldLookup: Lookup;
    private readonly newLookup: Lookup;
    /** Old name -> new name, per kind, for declarations the new base renamed. */
    private readonly renamed = new Map<string, string>();
    private readonly newBaseName: string;

    constructor(private readonly member: Framework, private readonly oldBase: Framework, private readonly newBase: Framework, wording: LocationWording) {
        this.oldNames = declaredNames(oldBase);
        this.newNames = declaredNames(newBase);
        this.oldLookup = lookupIn(oldBase);
        this.newLookup = lookupIn(newBase);
        for (const change of diffFrameworks(oldBase, newBase, wording).changes) {
            if (change.kind.endsWith('-renamed')) this.renamed.set(`${change.subject.type}\u0000${String(change.before)}`, String(change.after));
        }
        this.newBaseName = baseFrameworkName(newBase);
    }

    find(): UpgradeFinding[] {
        this.checkOverrides();
        this.checkRetirements();
        this.checkAdditions();
        this.checkPlacements();
        this.checkRedeclarations();
        return this.findings.sort((a, b) => compareOrigins(a.origin, b.origin) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.message < b.message ? -1 : 1));
    }

    private add(kind: string, changeClass: ChangeClass, origin: Origin, message: string, values: Pick<UpgradeFinding, 'baseBefore' | 'baseAfter' | 'member'> = {}): void {
        this.findings.push({ class: changeClass, kind, message, origin, ...values });
    }

    /** `; the new base renamed it to 'NT9'` when it did. */
    private renameHint(kind: DeclarationKind, name: string): string {
        const now = this.renamed.get(`${kind}\u0000${name}`);
        return now === undefined ? '' : `: it renamed it to '${now}'`;
    }

    private gone(kind: DeclarationKind, name: string): boolean {
        return this.oldNames[kind].has(name) && !this.newNames[kind].has(name);
    }

    private checkOverrides(): void {
        for (const override of this.member.changes.overrides) {
            const kind = override.kind;
            const what = kind === 'evaluation' ? 'the evaluation block' : `${kind} '${override.target}'`;
            const old = this.oldLookup(kind, override.target);
            if (old === undefined) continue;
            const now = this.newLookup(kind, override.target);
            if (now === undefined) {
                const hint = kind === 'evaluation' ? '' : this.renameHint(kind, override.target);
                this.add('override-target-removed', 'breaking', override.origin,
                    `This framework overrides ${what}, which ${this.newBaseName} no longer has${hint}. Remove the override${hint ? `, or override '${this.renamed.get(`${kind}\u0000${override.target}`)}' instead` : ''}.`);
                continue;
            }
            for (const [property, memberValue] of overriddenProperties(override)) {
                const before = baseValue(old, override, property, this.oldBase);
                const after = baseValue(now, override, property, this.newBase);
                if (JSON.stringify(before) === JSON.stringify(after)) continue;
                const origin = (override.origins as Partial<Record<string, Origin>>)[property] ?? override.origin;
                this.add('override-target-changed', 'minor', origin,
                    `${capitalised(this.newBaseName)} changed the ${property} of ${what} from ${shown(before, property)} to ${shown(after, property)}; this framework overrides it with ${shown(memberValue, property)}. Check the override still says what you mean.`,
                    { baseBefore: before, baseAfter: after, member: memberValue });
            }
        }
    }

    private checkRetirements(): void {
        for (const retirement of this.member.changes.retirements) {
            if (!this.gone(retirement.kind, retirement.target)) continue;
            const hint = this.renameHint(retirement.kind, retirement.target);
            this.add('retired-anyway', 'breaking', retirement.origin,
                `This framework retires ${retirement.kind} '${retirement.target}', which ${this.newBaseName} no longer has${hint}${hint ? '' : ' anyway'}. Remove the retirement${hint ? ` or retire '${this.renamed.get(`${retirement.kind}\u0000${retirement.target}`)}' instead` : ''}.`);
        }
    }

    private checkAdditions(): void {
        const check = (kind: 'theme' | 'outcome', target: string, origin: Origin, what: string) => {
            if (!this.gone(kind, target)) return;
            const hint = this.renameHint(kind, target);
            this.add('addition-target-removed', 'breaking', origin,
                `This framework adds ${what} to ${kind} '${target}', which ${this.newBaseName} no longer has${hint}. Add them to another ${kind}${hint ? ` (\`add to ${kind} ${this.renamed.get(`${kind}\u0000${target}`)}\`)` : ''}, or declare ${kind === 'outcome' ? 'an' : 'a'} ${kind} of this framework's own.`);
        };
        this.member.changes.outcomeAdditions.forEach(addition => check('theme', addition.theme, addition.origin, 'outcomes'));
        this.member.changes.measureAdditions.forEach(addition => check('outcome', addition.outcome, addition.origin, 'measures'));
    }

    private checkPlacements(): void {
        for (const rule of this.member.rules) {
            const placement = rule.placement;
            if (!placement || !this.gone('rule', placement.rule)) continue;
            const hint = this.renameHint('rule', placement.rule);
            this.add('placement-anchor-removed', 'breaking', placement.origin,
                `Rule '${rule.id}' is placed ${placement.position} rule '${placement.rule}', which ${this.newBaseName} no longer has${hint}; it would be tried first instead. Place it ${placement.position} another rule.`);
        }
    }

    private checkRedeclarations(): void {
        const own = declaredNames(this.member);
        for (const addition of this.member.changes.outcomeAdditions) {
            for (const outcome of addition.outcomes) {
                if (!own.outcome.has(outcome.id)) own.outcome.set(outcome.id, outcome.origin);
                for (const measure of outcome.measures) if (!own.measure.has(measure.code)) own.measure.set(measure.code, measure.origin);
            }
        }
        for (const measure of this.member.changes.measureAdditions.flatMap(addition => addition.measures)) {
            if (!own.measure.has(measure.code)) own.measure.set(measure.code, measure.origin);
        }
        for (const kind of Object.keys(own) as DeclarationKind[]) {
            for (const [name, origin] of own[kind]) {
                if (this.oldNames[kind].has(name) || !this.newNames[kind].has(name)) continue;
                this.add('redeclared', 'breaking', origin,
                    `This framework declares ${kind} '${name}', and ${this.newBaseName} now declares one too, so this framework's would be dropped. Rename this framework's ${kind}${kind === 'unit' || kind === 'theme' || kind === 'outcome' ? '' : `, or override the base's instead`}.`);
            }
        }
        const evaluation = this.member.evaluation;
        if (evaluation && !this.oldBase.evaluation && this.newBase.evaluation) {
            this.add('redeclared', 'breaking', evaluation.origin,
                `This framework has its own evaluation block, and ${this.newBaseName} now has one too. Change it into \`override evaluation because "..." { ... }\` with only what differs.`);
        }
    }
}

/** The base's declaration an override or retirement names, by kind. */
function lookupIn(framework: Framework): Lookup {
    const maps: Partial<Record<DeclarationKind, Map<string, object>>> = {
        unit: new Map(framework.units.map(unit => [unit.id, unit])),
        proxy: new Map(framework.proxies.filter(proxy => proxy.inlineIn === null).map(proxy => [proxy.id, proxy])),
        scale: new Map(framework.scales.map(scale => [scale.id, scale])),
        theme: new Map(framework.themes.map(theme => [theme.id, theme])),
        outcome: new Map(framework.themes.flatMap(theme => theme.outcomes).map(outcome => [outcome.id, outcome])),
        measure: new Map(measuresOf(framework).map(measure => [measure.code, measure])),
        question: new Map(framework.questions.map(question => [question.id, question])),
        gate: new Map(framework.gates.map(gate => [gate.id, gate])),
        rule: new Map(framework.rules.map(rule => [rule.id, rule]))
    };
    return (kind, name) => kind === 'evaluation' ? framework.evaluation ?? undefined : maps[kind]?.get(name);
}

/** The properties an override writes, with the member's values (as JSON): scale levels by score, an inline proxy as `proxy`. */
function overriddenProperties(override: FrameworkOverride): Array<[string, unknown]> {
    const written: Array<[string, unknown]> = Object.entries(override.changes).filter(([, value]) => value !== undefined).map(([key, value]) => [key, jsonValue(value)]);
    if (override.kind === 'scale') {
        for (const level of override.levels) written.push([`level ${level.score.toString()}`, { label: level.label, descriptor: level.descriptor }]);
    }
    if (override.kind === 'measure' && override.inlineProxy) written.push(['proxy', jsonValue(override.inlineProxy.value)]);
    return written;
}

/** The base's value of a property an override writes, as JSON. */
function baseValue(declaration: object, override: FrameworkOverride, property: string, base: Framework): unknown {
    if (override.kind === 'scale' && property.startsWith('level ')) {
        const score = property.slice('level '.length);
        const level = (declaration as Framework['scales'][number]).levels.find(candidate => candidate.score.toString() === score);
        return level ? { label: level.label, descriptor: level.descriptor } : null;
    }
    if (override.kind === 'measure' && property === 'proxy' && override.inlineProxy) {
        // The member writes its own proxy figure: compare the figure the base's measure is valued with.
        const proxyId = (declaration as { proxy: string | null }).proxy;
        const proxy = proxyId === null ? undefined : base.proxies.find(candidate => candidate.id === proxyId);
        return proxy ? jsonValue(proxy.value) : null;
    }
    return jsonValue((declaration as Record<string, unknown>)[property] ?? null);
}

/** Decimals as exact strings, recursively: the values findings carry. */
function jsonValue(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (Decimal.isDecimal(value)) return (value as Decimal).toString();
    if (Array.isArray(value)) return value.map(jsonValue);
    if (typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'origin').map(([key, item]) => [key, jsonValue(item)]));
    return value;
}

/** Money properties (a proxy's value, a minimum or maximum of money) as £; other values as written. */
const MONEY_PROPERTIES = new Set(['value', 'netValuePerUnit']);

function shown(value: unknown, property?: string): string {
    if (value === null) return 'nothing';
    if (property === 'condition' && typeof value === 'object') return `"${describeApplicability(value as RuleCondition).replace(/^Applies when /, '').replace(/\.$/, '')}"`;
    if (property && MONEY_PROPERTIES.has(property) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return formatPounds(value, { pence: 'always' });
    return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function capitalised(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function compareOrigins(a: Origin, b: Origin): number {
    return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The kinds of UpgradeFinding, in the order checkUpgrade looks for them. */
export const UPGRADE_FINDING_KINDS = ['override-target-removed', 'override-target-changed', 'retired-anyway', 'addition-target-removed', 'placement-anchor-removed', 'redeclared'] as const;
