/**
 * mergeFramework and checkMergedFramework: a child framework that extends a base, resolved
 * each on its own as the editor and the compiler hand them over, merged as a pure function.
 */
import * as fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { Decimal } from '../../model/amounts.js';
import { checkFramework, type Finding } from '../../model/checks/framework-checks.js';
import { noChanges } from '../../model/extension.js';
import { measuresOf, type Framework } from '../../model/framework.js';
import { IssueCodes } from '../../model/issue-codes.js';
import { mergeFramework } from '../../model/merge/merge-framework.js';
import { checkMergedFramework } from '../../model/merge/merged-findings.js';
import { BASE_ROOT, BASE_SOURCES, CHILD_ROOT, childSource, resolveSources, shown, WORDING } from './merge-fixtures.js';

let base: Framework;

beforeAll(async () => {
    base = await resolveSources(BASE_ROOT, BASE_SOURCES);
});

const EASTSHIRE = { id: 'eastshire.socialValue', version: '1.4.0' };

async function childOf(body: string, extraSources: Record<string, string> = {}): Promise<Framework> {
    return resolveSources(CHILD_ROOT, { 'framework.svf': childSource(body), ...extraSources });
}

/** Merges a child written as `body` into the base; asserts neither input is changed. */
async function merge(body: string, extraSources: Record<string, string> = {}): Promise<{ framework: Framework; findings: Finding[]; child: Framework }> {
    const child = await childOf(body, extraSources);
    const before = { base: JSON.stringify(base), child: JSON.stringify(child) };
    const result = mergeFramework(base, child, WORDING);
    expect(JSON.stringify(base)).toBe(before.base);
    expect(JSON.stringify(child)).toBe(before.child);
    return { ...result, child };
}

const inChild = (file = 'framework.svf') => `file://${CHILD_ROOT}/${file}`;
const inBase = (file: string) => `file://${BASE_ROOT}/${file}`;
const codes = (findings: Finding[]) => findings.map(finding => finding.code);
const proxyOf = (framework: Framework, id: string) => framework.proxies.find(proxy => proxy.id === id)!;
const measureOf = (framework: Framework, code: string) => measuresOf(framework).find(measure => measure.code === code)!;

describe('merging a child that changes nothing', () => {
    test("gives the base's declarations under the child's identity, with the resolved chain", async () => {
        const { framework, findings, child } = await merge('');
        expect(findings).toEqual([]);
        expect(framework.identity).toBe(child.identity);
        expect(framework.extends).toEqual(child.extends);
        expect(framework.changes).toEqual(noChanges());
        expect(framework.chain.map(link => `${link.id} ${link.version}`)).toEqual(['eastshire.socialValue 1.4.0', 'orbis.base 2.1.0']);
        const { identity: _i, extends: _e, changes: _c, chain: _ch, ...declarations } = framework;
        const { identity: _bi, extends: _be, changes: _bc, chain: _bch, ...baseDeclarations } = base;
        expect(declarations).toEqual(baseDeclarations);
    });

    test('a merged framework can be a base in turn: the chain grows and records stay oldest first', async () => {
        const middle = mergeFramework(base, await childOf('override proxy localJob = £31,000 because "Eastshire wages"'), WORDING).framework;
        const grandchild = await resolveSources('/svf-test/village', {
            'framework.svf': 'framework village.sv "Village" {\n    extends "../eastshire"\n    version 0.1.0\n}\noverride proxy localJob = £32,000 because "Village wages"\n'
        });
        const { framework, findings } = mergeFramework(middle, grandchild, WORDING);
        expect(findings).toEqual([]);
        expect(framework.chain.map(link => link.id)).toEqual(['village.sv', 'eastshire.socialValue', 'orbis.base']);
        expect(proxyOf(framework, 'localJob').overrides!.map(record => `${record.framework.id}: ${String(record.changes[0]!.previous)} -> ${String(record.changes[0]!.value)} (${record.reason})`))
            .toEqual(['eastshire.socialValue: 30000 -> 31000 (Eastshire wages)', 'village.sv: 31000 -> 32000 (Village wages)']);
    });
});

describe('overrides', () => {
    test('a proxy: only the written properties change, net value per unit is recomputed exactly, the record keeps previous values and the reason', async () => {
        const { framework, findings } = await merge('override proxy localJob = £31,000 because "Eastshire wages are higher" {\n    deadweight 20%\n    priceYear 2024\n}');
        expect(findings).toEqual([]);
        const proxy = proxyOf(framework, 'localJob');
        expect(proxy.value.toString()).toBe('31000');
        expect(proxy.deadweight.toString()).toBe('20');
        // Inherited: the source and the attribution.
        expect(proxy.source).toBe('ONS ASHE 2025 (illustrative)');
        expect(proxy.attribution.toString()).toBe('5');
        // 31,000 x 0.8 x 0.95, exactly.
        expect(proxy.netValuePerUnit.equals(new Decimal('23560'))).toBe(true);
        expect(proxy.priceYear).toBe(2024);
        expect(proxy.ownPriceYear).toBe(true);
        expect(proxy.origins.value!.file).toBe(inChild());
        expect(proxy.origins.deadweight!.file).toBe(inChild());
        expect(proxy.origins.source!.file).toBe(inBase('framework.svf'));
        expect(proxy.origin.file).toBe(inBase('framework.svf'));
        expect(proxy.overrides).toEqual([{
            framework: EASTSHIRE,
            reason: 'Eastshire wages are higher',
            changes: [
                { property: 'value', previous: '30000', value: '31000' },
                { property: 'priceYear', previous: 2025, value: 2024 },
                { property: 'deadweight', previous: '10', value: '20' }
            ],
            origin: expect.objectContaining({ file: inChild(), framework: EASTSHIRE })
        }]);
        // The measure using it is unchanged and still points at it.
        expect(measureOf(framework, 'NT1')).toBe(measureOf(base, 'NT1'));
    });

    test("a measure: ask and minimum change, the rest (unit, title, proxy) is inherited", async () => {
        const { framework, findings } = await merge('override measure NT1 because "Plain English" {\n    ask "How many Eastshire residents will you employ?"\n    minimum 1\n    categories services, works\n}');
        expect(findings).toEqual([]);
        const measure = measureOf(framework, 'NT1');
        expect(measure).toMatchObject({ code: 'NT1', title: 'Local FTE jobs', unit: 'FTE', proxy: 'localJob', ask: 'How many Eastshire residents will you employ?', categories: ['services', 'works'], theme: 'jobs', outcome: 'localEmployment' });
        expect(measure.minimum!.toString()).toBe('1');
        expect(measure.origins.ask!.file).toBe(inChild());
        expect(measure.origins.unit!.file).toBe(inBase('framework.svf'));
        expect(measure.overrides![0]!.changes).toEqual([
            { property: 'ask', previous: 'How many local people will you employ (FTE)?', value: 'How many Eastshire residents will you employ?' },
            { property: 'minimum', previous: null, value: '1' },
            { property: 'categories', previous: [], value: ['services', 'works'] }
        ]);
    });

    test("a measure's inline proxy replaces the base's inline proxy of that measure, with a record of what changed", async () => {
        const { framework } = await merge('override measure NT2 because "Our local rate" {\n    proxy £300 { source "Eastshire rates 2025" }\n}');
        const proxies = framework.proxies.filter(proxy => proxy.id === 'NT2-proxy');
        expect(proxies).toHaveLength(1);
        const [proxy] = proxies;
        expect(proxy).toMatchObject({ inlineIn: 'NT2', unit: 'weeks', source: 'Eastshire rates 2025', title: 'Apprenticeship weeks' });
        expect(proxy!.netValuePerUnit.toString()).toBe('300');
        // In the base's place among the proxies.
        expect(framework.proxies.map(each => each.id)).toEqual(base.proxies.map(each => each.id));
        expect(proxy!.overrides![0]!.changes).toEqual([
            { property: 'value', previous: '250', value: '300' },
            { property: 'source', previous: 'Unit Cost Database (illustrative)', value: 'Eastshire rates 2025' },
            { property: 'displacement', previous: '10', value: '0' }
        ]);
        expect(measureOf(framework, 'NT2').proxy).toBe('NT2-proxy');
        // The measure's own record does not repeat an unchanged proxy id.
        expect(measureOf(framework, 'NT2').overrides![0]!.changes).toEqual([]);
    });

    test('an inline proxy in the override of a measure that used a named proxy is added, and the measure points at it', async () => {
        const { framework } = await merge('override measure NT1 because "A local figure" {\n    proxy £40,000\n}');
        expect(measureOf(framework, 'NT1').proxy).toBe('NT1-proxy');
        expect(proxyOf(framework, 'NT1-proxy')).toMatchObject({ inlineIn: 'NT1', unit: 'FTE' });
        expect(proxyOf(framework, 'localJob')).toBe(proxyOf(base, 'localJob'));
        expect(measureOf(framework, 'NT1').overrides![0]!.changes).toEqual([{ property: 'proxy', previous: 'localJob', value: 'NT1-proxy' }]);
    });

    test('a measure made to use a named proxy drops its own inline one', async () => {
        const { framework } = await merge('override measure NT3 because "Valued as a job" {\n    proxy localJob\n}');
        expect(measureOf(framework, 'NT3').proxy).toBe('localJob');
        expect(framework.proxies.some(proxy => proxy.id === 'NT3-proxy')).toBe(false);
    });

    test("a scale: the written levels relabel the base's levels with the same score; a new score is an error", async () => {
        const { framework, findings } = await merge('override scale quality because "Our wording" {\n    3 "Good" "Specific, timed commitments"\n    4 "Very good"\n}');
        const scale = framework.scales.find(each => each.id === 'quality')!;
        expect(scale.levels.map(level => `${level.score.toString()} ${level.label}: ${level.descriptor}`)).toEqual([
            '0 None: No answer', '3 Good: Specific, timed commitments', '5 Excellent: Specific, timed and evidenced'
        ]);
        expect(scale.levels[1]!.origin.file).toBe(inChild());
        expect(scale.overrides![0]!.changes).toEqual([
            { property: 'levels.3', previous: { label: 'Good', descriptor: 'Specific' }, value: { label: 'Good', descriptor: 'Specific, timed commitments' } }
        ]);
        expect(findings.map(shown)).toEqual([
            "framework.svf:9:5 extends/unknown-scale-level Scale 'quality' of base framework 'orbis.base' 2.1.0 has no level with score 4 (its scores are 0, 3, 5). An override can only relabel the base's levels: use one of those scores, or declare a new scale."
        ]);
        expect(findings[0]!.related![0]!.origin.file).toBe(inBase('framework.svf'));
    });

    test('a question and a gate: the written properties change; a new title becomes the ask of one that asked its title', async () => {
        const { framework, findings } = await merge([
            'override question MS1 because "Shorter answers" {\n    words 500\n}',
            'override question MS2 "Net zero plan" because "Our climate emergency"',
            'override gate livingWage because "Council policy" {\n    guidance "See the Living Wage Foundation rates."\n}'
        ].join('\n'));
        expect(findings).toEqual([]);
        const [ms1, ms2] = framework.questions;
        expect(ms1).toMatchObject({ id: 'MS1', wordLimit: 500, ask: 'Describe how you will recruit locally.', scale: 'quality' });
        expect(ms1!.origins.words!.file).toBe(inChild());
        expect(ms1!.overrides![0]!.changes).toEqual([{ property: 'wordLimit', previous: null, value: 500 }]);
        expect(ms2).toMatchObject({ title: 'Net zero plan', ask: 'Net zero plan' });
        expect(ms2!.weight!.value.toString()).toBe('40');
        const gate = framework.gates[0]!;
        expect(gate).toMatchObject({ ask: 'Will you pay the Real Living Wage?', guidance: 'See the Living Wage Foundation rates.' });
        expect(gate.origins.guidance!.file).toBe(inChild());
        expect(gate.overrides![0]).toMatchObject({ reason: 'Council policy', changes: [{ property: 'guidance', previous: null, value: 'See the Living Wage Foundation rates.' }] });
    });

    test("the evaluation: the weighting changes, the split and method are inherited", async () => {
        const { framework, findings } = await merge('override evaluation because "Council policy: 20%" {\n    weighting 20%\n}');
        expect(findings).toEqual([]);
        const evaluation = framework.evaluation!;
        expect(evaluation.weighting!.toString()).toBe('20');
        expect(evaluation.split!.quantitative.toString()).toBe('60');
        expect(evaluation.method).toEqual({ kind: 'relative' });
        expect(evaluation.origins.weighting!.file).toBe(inChild());
        expect(evaluation.origins.split!.file).toBe(inBase('framework.svf'));
        expect(evaluation.overrides![0]!.changes).toEqual([{ property: 'weighting', previous: '10', value: '20' }]);
    });

    test('the scoring choices, a minimum level and multi year are overridden like any property, and recorded', async () => {
        const { framework, findings } = await merge([
            'override evaluation because "Unmet minimums must not win contracts" {\n    unmet minimum disqualify\n    record only counts\n}',
            'override question MS1 because "Poor plans fail" {\n    minimum level 3\n}',
            'override measure NT1 because "Jobs last the contract" {\n    multi year\n}'
        ].join('\n'));
        expect(findings).toEqual([]);
        const evaluation = framework.evaluation!;
        expect(evaluation).toMatchObject({ unmetMinimum: 'disqualify', unmetRatio: 'zero', recordOnlyCounts: true, method: { kind: 'relative' } });
        expect(evaluation.origins.unmetMinimum!.file).toBe(inChild());
        expect(evaluation.origins.unmetRatio).toBeUndefined();
        expect(evaluation.overrides![0]!.changes).toEqual([
            { property: 'unmetMinimum', previous: 'zero', value: 'disqualify' },
            { property: 'recordOnlyCounts', previous: false, value: true }
        ]);
        const question = framework.questions.find(candidate => candidate.id === 'MS1')!;
        expect(question.minimumLevel!.toString()).toBe('3');
        expect(question.origins.minimumLevel!.file).toBe(inChild());
        expect(question.overrides![0]!.changes).toEqual([{ property: 'minimumLevel', previous: null, value: '3' }]);
        const measure = measuresOf(framework).find(candidate => candidate.code === 'NT1')!;
        expect(measure.multiYear).toBe(true);
        expect(measure.overrides![0]!.changes).toEqual([{ property: 'multiYear', previous: false, value: true }]);
        // What is not overridden keeps its default.
        expect(framework.questions.find(candidate => candidate.id === 'MS2')!.minimumLevel).toBeNull();
        expect(measuresOf(framework).find(candidate => candidate.code === 'NT2')!.multiYear).toBe(false);
    });

    test('codes, tags, a horizon, an answer kind, a reporting stage, a weighting floor, criteria, a cap and the outlasting policy are overridden and recorded', async () => {
        const { framework, findings } = await merge([
            'override measure NT1 because "Mapped to the regional set" {\n    codes RE7\n    tags sdg8\n    horizon 52 weeks\n    after award annually\n}',
            'override measure NT2 because "Asked as a plan" {\n    answer attachment "A timed plan"\n}',
            'override question MS1 because "Mapped" {\n    codes MAC2\n}',
            'override evaluation because "PPN 002" {\n    weighting at least 10%\n    cap per measure 25%\n    outlasting measures scale\n    criterion socialValue "Social value" 10% covers themes jobs\n}'
        ].join('\n'));
        expect(findings).toEqual([]);
        const nt1 = measuresOf(framework).find(candidate => candidate.code === 'NT1')!;
        expect(nt1).toMatchObject({ codes: ['RE7'], tags: ['sdg8'], afterAward: 'annually' });
        expect(nt1.horizon!.months.toString()).toBe('12');
        expect(nt1.overrides![0]!.changes.map(change => change.property)).toEqual(['codes', 'tags', 'horizon', 'afterAward']);
        expect(measuresOf(framework).find(candidate => candidate.code === 'NT2')!.answer).toEqual({ kind: 'attachment', description: 'A timed plan' });
        expect(framework.questions.find(candidate => candidate.id === 'MS1')!.codes).toEqual(['MAC2']);
        const evaluation = framework.evaluation!;
        expect(evaluation.weightingMinimum!.toString()).toBe('10');
        expect(evaluation.measureCap!.toString()).toBe('25');
        expect(evaluation.outlasting).toBe('scale');
        expect(evaluation.criteria.map(criterion => criterion.id)).toEqual(['socialValue']);
        const criteriaChange = evaluation.overrides![0]!.changes.find(change => change.property === 'criteria')!;
        expect(criteriaChange.previous).toEqual([]);
        expect(JSON.stringify(criteriaChange.value)).not.toContain('origin');
    });

    test("a rule: a `when` replaces the condition and keeps the effects; a block replaces the effects with their origins", async () => {
        const { framework, findings } = await merge([
            'override rule small because "Our threshold is £50k" when contractValue < £50k',
            'override rule rest because "Ask for two" {\n    require 2 from jobs\n}'
        ].join('\n'));
        expect(findings).toEqual([]);
        const small = framework.rules.find(rule => rule.id === 'small')!;
        expect(small.condition).toEqual({ field: 'contractValue', op: '<', value: '50000.00' });
        expect(small.effects.noAsk).toBe(true);
        expect(small.origins.condition!.file).toBe(inChild());
        expect(small.overrides![0]!.changes).toEqual([{
            property: 'condition',
            previous: { field: 'contractValue', op: '<', value: '100000.00' },
            value: { field: 'contractValue', op: '<', value: '50000.00' }
        }]);
        const rest = framework.rules.find(rule => rule.id === 'rest')!;
        expect(rest.condition).toBeNull();
        expect(rest.effects.require).toEqual([{ theme: 'jobs', count: 2 }]);
        expect(rest.effectOrigins.require[0]!.file).toBe(inChild());
        expect(rest.overrides![0]!.changes.map(change => change.property)).toEqual(['effects']);
        expect(framework.rules.map(rule => rule.id)).toEqual(['small', 'large', 'rest']);
    });
});

describe('retirements and additions', () => {
    test("retired measures, questions, gates and rules are gone (a measure's inline proxy with it)", async () => {
        const { framework, findings } = await merge([
            'retire measure RE1 because "Covered by our climate plan"',
            'retire question MS2 because "Covered by our climate plan"',
            'retire rule rest because "Our own catch-all"',
            'rule catchAll "Everything else" after large {\n    require 1 from jobs\n}'
        ].join('\n'));
        expect(findings).toEqual([]);
        expect(measuresOf(framework).map(measure => measure.code)).toEqual(['NT1', 'NT2', 'NT3']);
        expect(framework.proxies.map(proxy => proxy.id)).toEqual(['localJob', 'NT2-proxy', 'NT3-proxy']);
        expect(framework.questions.map(question => question.id)).toEqual(['MS1']);
        expect(framework.rules.map(rule => rule.id)).toEqual(['small', 'large', 'catchAll']);
        // The outcome stays, empty: outcomes are not retired.
        expect(framework.themes[1]!.outcomes[0]!.measures).toEqual([]);
    });

    test('retiring a gate no base rule uses is silent; retiring one a base rule includes is an error naming the rule', async () => {
        const { framework, findings } = await merge('retire gate livingWage because "Paid through the contract terms"');
        expect(framework.gates).toEqual([]);
        expect(findings.map(shown)).toEqual([
            "framework.svf:7:13 extends/retired-in-use Gate 'livingWage' is retired here, but rule 'large' of base framework 'orbis.base' 2.1.0 (../orbis-base/rules.svf:5:6) still includes it. Override the rule too (`override rule large because \"...\" { ... }`, without gate 'livingWage'), or keep the gate."
        ]);
        expect(findings[0]!.related).toEqual([{ origin: expect.objectContaining({ file: inBase('rules.svf') }), message: "Rule 'large' includes gate 'livingWage'" }]);
        const overridden = await merge('retire gate livingWage because "Paid through the contract terms"\noverride rule large because "No gate" {\n    include measures NT1, NT2, NT3\n    require 2 from jobs\n}');
        expect(overridden.findings).toEqual([]);
    });

    test('a retired measure a base rule includes and sets a minimum for: two-site errors at the retirement', async () => {
        const { findings } = await merge('retire measure NT3 because "We do not offer placements"');
        expect(findings.map(shown)).toEqual([
            "framework.svf:7:16 extends/retired-in-use Measure 'NT3' is retired here, but rule 'large' of base framework 'orbis.base' 2.1.0 (../orbis-base/rules.svf:6:32) still includes it. Override the rule too (`override rule large because \"...\" { ... }`, without measure 'NT3'), or keep the measure.",
            "framework.svf:7:16 extends/retired-in-use Measure 'NT3' is retired here, but rule 'large' of base framework 'orbis.base' 2.1.0 (../orbis-base/rules.svf:7:13) still sets a minimum commitment for it. Override the rule too (`override rule large because \"...\" { ... }`, without measure 'NT3'), or keep the measure."
        ]);
    });

    test('a retired measure still named in the rule the child overrides: remove it from the override', async () => {
        const { findings } = await merge('retire measure NT3 because "No placements"\noverride rule large because "Ours" {\n    include measures NT1, NT3\n    require 1 from jobs\n}');
        expect(findings.map(shown)).toEqual([
            "framework.svf:7:16 extends/retired-in-use Measure 'NT3' is retired here, but rule 'large' of base framework 'orbis.base' 2.1.0 (line 9) still includes it. Remove it from this framework's `override rule large`, or keep the measure."
        ]);
    });

    test('a retired question a base rule includes, and a rule placed on a retired rule', async () => {
        const { findings, framework } = await merge([
            'retire question MS1 because "Replaced by our own"',
            'retire rule large because "Replaced"',
            'rule big "Big" before large when contractValue >= £10m {\n    kpis 3\n}'
        ].join('\n'));
        expect(codes(findings)).toEqual([IssueCodes.ExtendsRetiredInUse]);
        expect(findings[0]!.message).toBe("Rule 'large' is retired here, but this framework's rule 'big' is placed before it (line 9), so it is tried first instead. Place rule 'big' before another rule, or keep rule 'large'.");
        // Rule 'large' is gone, and with it its use of MS1.
        expect(framework.rules.map(rule => rule.id)).toEqual(['big', 'small', 'rest']);
    });

    test('outcomes added to a base theme and measures added to a base outcome land there, with their theme and outcome', async () => {
        const { framework, findings } = await merge([
            'add to theme jobs {\n    outcome skills "Local skills" {\n        measure ES1 "Training weeks" {\n            unit weeks\n            proxy £120\n            ask "How many training weeks?"\n        }\n    }\n}',
            'add to outcome localEmployment {\n    measure ES2 "Care leavers employed" {\n        unit FTE\n        proxy localJob\n        ask "How many care leavers will you employ?"\n    }\n}',
            'theme local "Local priorities" {\n    outcome highStreet "A lively high street" {\n        measure LP1 "Shop fronts" {\n            unit weeks\n            record only\n            ask "How many?"\n        }\n    }\n}'
        ].join('\n'));
        expect(findings).toEqual([]);
        const jobs = framework.themes.find(theme => theme.id === 'jobs')!;
        expect(jobs.outcomes.map(outcome => outcome.id)).toEqual(['localEmployment', 'skills']);
        expect(jobs.outcomes[0]!.measures.map(measure => measure.code)).toEqual(['NT1', 'NT2', 'NT3', 'ES2']);
        expect(measureOf(framework, 'ES2')).toMatchObject({ theme: 'jobs', outcome: 'localEmployment' });
        expect(measureOf(framework, 'ES1')).toMatchObject({ theme: 'jobs', outcome: 'skills' });
        expect(jobs.outcomes[1]!.theme).toBe('jobs');
        expect(framework.themes.map(theme => theme.id)).toEqual(['jobs', 'environment', 'local']);
        expect(framework.proxies.map(proxy => proxy.id)).toEqual(['localJob', 'NT2-proxy', 'NT3-proxy', 'RE1-proxy', 'ES1-proxy']);
        // The base's theme is copied, not changed.
        expect(base.themes[0]!.outcomes.map(outcome => outcome.id)).toEqual(['localEmployment']);
    });
});

describe('rule order: first match wins', () => {
    test("the child's rules go first, placed ones before or after their anchor (several on one anchor in the child's order)", async () => {
        const { framework, findings } = await merge([
            'rule first "Strategic" when contractValue >= £50m {\n    kpis 5\n}',
            'rule beforeLarge1 "A" before large when category is works and contractValue >= £20m {\n    kpis 4\n}',
            'rule afterLarge "B" after large when category is goods {\n    require 1 from jobs\n}',
            'rule beforeLarge2 "C" before large when category is services and contractValue >= £20m {\n    kpis 4\n}',
            'rule second "Lotted" when lotted {\n    no ask\n}'
        ].join('\n'));
        expect(findings).toEqual([]);
        expect(framework.rules.map(rule => rule.id)).toEqual(['first', 'second', 'small', 'beforeLarge1', 'beforeLarge2', 'large', 'afterLarge', 'rest']);
    });
});

describe('errors in the changes', () => {
    test('a change naming something the base does not have names the nearest names it has', async () => {
        const { findings } = await merge([
            'override measure NT9 because "x" {\n    ask "?"\n}',
            'retire rule smal because "x"',
            'add to theme job {\n    outcome o "O" {\n    }\n}',
            'override gate jobs because "x"',
            'override question zzzzzzzz because "x"',
            'rule local "Local" before larg {\n    kpis 1\n}'
        ].join('\n'));
        expect(findings.map(shown)).toEqual([
            "framework.svf:7:18 extends/unknown-target Base framework 'orbis.base' 2.1.0 has no measure 'NT9', so there is nothing to override. Did you mean 'NT1', 'NT2' or 'NT3'? Correct the name, or declare a new measure without `override`.",
            "framework.svf:10:13 extends/unknown-target Base framework 'orbis.base' 2.1.0 has no rule 'smal', so there is nothing to retire. Did you mean 'small'? Correct the name, or remove this `retire`.",
            "framework.svf:15:15 extends/unknown-target Base framework 'orbis.base' 2.1.0 has no gate 'jobs', so there is nothing to override. 'jobs' is a theme there, not a gate. Correct the name, or declare a new gate without `override`.",
            "framework.svf:16:19 extends/unknown-target Base framework 'orbis.base' 2.1.0 has no question 'zzzzzzzz', so there is nothing to override. Its questions are 'MS1' and 'MS2'. Correct the name, or declare a new question without `override`.",
            "framework.svf:11:14 extends/unknown-target Base framework 'orbis.base' 2.1.0 has no theme 'job', so outcomes cannot be added to it. Did you mean 'jobs'? Correct the name, or declare a new theme `theme job { ... }` instead.",
            "framework.svf:17:27 extends/unknown-target Rule 'local' is placed before rule 'larg', but base framework 'orbis.base' 2.1.0 has no rule 'larg', so rule 'local' cannot be placed before it. Did you mean 'large'? Correct the name, or remove `before larg` to try rule 'local' first."
        ]);
    });

    test("a change of something the child declares itself: change it where it is declared", async () => {
        const { findings } = await merge([
            'proxy ownRate "Our rate" = £20 per weeks',
            'override proxy ownRate = £25 because "x"',
            'add to outcome localEmployment {\n    measure ES2 "Care leavers" {\n        unit FTE\n        ask "?"\n    }\n}',
            'retire measure ES2 because "x"'
        ].join('\n'));
        expect(findings.map(shown)).toEqual([
            "framework.svf:8:16 extends/not-inherited Proxy 'ownRate' is declared by this framework (line 7), not inherited from base framework 'orbis.base' 2.1.0, so there is nothing to override: change it where it is declared, and remove this `override`.",
            "framework.svf:15:16 extends/not-inherited Measure 'ES2' is declared by this framework (line 10), not inherited from base framework 'orbis.base' 2.1.0, so there is nothing to retire: change it where it is declared (or remove it), and remove this `retire`."
        ]);
        expect(findings[0]!.related![0]!.message).toBe("This framework's proxy 'ownRate'");
    });

    test('the same base declaration changed twice: reported on the later change, naming the earlier; the first stands', async () => {
        const { findings, framework } = await merge([
            'override measure NT1 because "a" {\n    ask "First"\n}',
            'override measure NT1 because "b" {\n    guidance "Second"\n}',
            'retire measure NT1 because "c"',
            'retire question MS2 because "d"',
            'retire question MS2 because "e"',
            'override evaluation because "f" {\n    weighting 15%\n}',
            'override evaluation because "g" {\n    weighting 20%\n}'
        ].join('\n'));
        expect(findings.map(shown)).toEqual([
            "framework.svf:10:18 extends/changed-twice Measure 'NT1' of base framework 'orbis.base' 2.1.0 is already overridden (line 7); each base declaration can be changed once. Write one `override` with all the changes, and remove this one.",
            "framework.svf:13:16 extends/changed-twice Measure 'NT1' of base framework 'orbis.base' 2.1.0 is already overridden (line 7); each base declaration can be changed once. Either override it or retire it, not both: remove one.",
            "framework.svf:15:17 extends/changed-twice Question 'MS2' of base framework 'orbis.base' 2.1.0 is already retired (line 14); each base declaration can be changed once. Remove this `retire`.",
            "framework.svf:19:1 extends/changed-twice The evaluation of base framework 'orbis.base' 2.1.0 is already overridden (line 16); each base declaration can be changed once. Write one `override` with all the changes, and remove this one."
        ]);
        expect(measureOf(framework, 'NT1')).toMatchObject({ ask: 'First', guidance: null });
        expect(framework.evaluation!.weighting!.toString()).toBe('15');
    });

    test('a child declaration of a name the base has says to write `override`, and the base declaration is kept', async () => {
        const { findings, framework } = await merge([
            'unit FTE "full-time equivalents"',
            'proxy localJob "Our job" = £35,000 per FTE',
            'theme local "Local" {\n    outcome localEmployment "Dup" {\n    }\n    outcome highStreet "High street" {\n        measure NT1 "Dup" {\n            unit FTE\n            proxy £1\n            ask "?"\n        }\n    }\n}',
            'question MS1 "Dup" {\n    weight 10%\n}',
            'evaluation {\n    weighting 20%\n}',
            'rule small "Dup" {\n    no ask\n}'
        ].join('\n'));
        expect(codes(findings)).toEqual(Array(7).fill(IssueCodes.ExtendsRedeclared));
        expect(findings.map(shown)[1]).toBe("framework.svf:8:7 extends/redeclared Base framework 'orbis.base' 2.1.0 already declares proxy 'localJob' (../orbis-base/framework.svf:9:7). To change it, write `override proxy localJob because \"...\" { ... }` with only what changes; for a new proxy, pick another name.");
        expect(findings.map(finding => finding.message.replace(/\(.*?\)/, '(...)'))).toEqual([
            "Base framework 'orbis.base' 2.1.0 already declares unit 'FTE' (...). Units cannot be overridden: use the base's unit 'FTE', or pick another name for a new unit.",
            "Base framework 'orbis.base' 2.1.0 already declares proxy 'localJob' (...). To change it, write `override proxy localJob because \"...\" { ... }` with only what changes; for a new proxy, pick another name.",
            "Base framework 'orbis.base' 2.1.0 already declares outcome 'localEmployment' (...). To add measures to it, write `add to outcome localEmployment { ... }`; for a new outcome, pick another name.",
            "Base framework 'orbis.base' 2.1.0 already declares measure 'NT1' (...). To change it, write `override measure NT1 because \"...\" { ... }` with only what changes; for a new measure, pick another name.",
            "Base framework 'orbis.base' 2.1.0 already declares question 'MS1' (...). To change it, write `override question MS1 because \"...\" { ... }` with only what changes; for a new question, pick another name.",
            "Base framework 'orbis.base' 2.1.0 already has an evaluation block (...), and a framework has one. To change it, write `override evaluation because \"...\" { ... }` with only what changes.",
            "Base framework 'orbis.base' 2.1.0 already declares rule 'small' (...). To change it, write `override rule small because \"...\" { ... }` with only what changes; for a new rule, pick another name."
        ]);
        expect(findings[1]!.related).toEqual([{ origin: proxyOf(base, 'localJob').origin, message: "The base's proxy 'localJob'" }]);
        // One of each name: the base's (the child's inline proxy of its duplicate NT1 goes too).
        expect(framework.units.map(unit => unit.label)).toEqual(['no. people FTE', 'no. weeks', 'tonnes CO2e']);
        expect(proxyOf(framework, 'localJob')).toBe(proxyOf(base, 'localJob'));
        expect(framework.proxies.filter(proxy => proxy.id === 'NT1-proxy')).toEqual([]);
        expect(measuresOf(framework).filter(measure => measure.code === 'NT1')).toEqual([measureOf(base, 'NT1')]);
        expect(framework.themes.find(theme => theme.id === 'local')!.outcomes.map(outcome => outcome.id)).toEqual(['highStreet']);
        expect(framework.evaluation).toBe(base.evaluation);
        expect(framework.rules.filter(rule => rule.id === 'small')).toEqual([base.rules[0]]);
    });

    test('a redeclared theme is one finding, and goes with everything in it', async () => {
        const { findings, framework } = await merge('theme jobs "Ours" {\n    outcome mine "Mine" {\n        measure NT1 "Dup" {\n            unit FTE\n            ask "?"\n        }\n    }\n}');
        expect(findings.map(shown)).toEqual([
            "framework.svf:7:7 extends/redeclared Base framework 'orbis.base' 2.1.0 already declares theme 'jobs' (../orbis-base/framework.svf:21:7). To add outcomes to it, write `add to theme jobs { ... }`; for a new theme, pick another name."
        ]);
        expect(framework.themes).toEqual(base.themes);
    });

    test('an override or retirement without a reason', async () => {
        const { findings, framework } = await merge('override gate livingWage {\n    guidance "x"\n}\nretire measure RE1\noverride evaluation {\n    weighting 20%\n}');
        expect(findings.map(shown)).toEqual([
            "framework.svf:7:15 extends/missing-reason The override of gate 'livingWage' has no reason. Write `override gate livingWage because \"...\"`: the reason is carried into the compiled output for suppliers and auditors.",
            "framework.svf:10:16 extends/missing-reason The retirement of measure 'RE1' has no reason. Write `retire measure RE1 because \"...\"`: the reason is carried into the compiled output for suppliers and auditors.",
            "framework.svf:11:1 extends/missing-reason `override evaluation` has no reason. Write `override evaluation because \"...\" { ... }`: the reason is carried into the compiled output for suppliers and auditors."
        ]);
        // Still applied, so the rest of the checks see what was meant.
        expect(framework.gates[0]!.overrides![0]!.reason).toBeNull();
        expect(framework.gates[0]!.guidance).toBe('x');
    });

    test('overriding the evaluation of a base without one; the child declares its own instead', async () => {
        const noEvaluation = { ...base, evaluation: null };
        const child = await childOf('override evaluation because "x" {\n    weighting 20%\n}');
        expect(mergeFramework(noEvaluation, child, WORDING).findings.map(shown)).toEqual([
            "framework.svf:7:1 extends/unknown-target Base framework 'orbis.base' 2.1.0 has no evaluation block to override. Write `evaluation { ... }` instead of `override evaluation`."
        ]);
        const own = await childOf('evaluation {\n    weighting 20%\n    split quantitative 50% qualitative 50%\n}');
        const merged = mergeFramework(noEvaluation, own, WORDING);
        expect(merged.findings).toEqual([]);
        expect(merged.framework.evaluation).toBe(own.evaluation);
    });

    test('a child that only uses what the base allows has no findings', async () => {
        const { findings } = await merge([
            'override proxy localJob = £31,000 because "Local wages"',
            'override measure NT1 because "Plain English" {\n    ask "How many Eastshire residents?"\n}',
            'override evaluation because "Policy" {\n    weighting 20%\n}',
            'retire measure RE1 because "Covered elsewhere"',
            'add to outcome localEmployment {\n    measure ES2 "Care leavers" {\n        unit FTE\n        proxy localJob\n        ask "?"\n    }\n}',
            'rule local "Local" before large when category is services and contractValue >= £1m {\n    require 1 from jobs\n}'
        ].join('\n'));
        expect(findings).toEqual([]);
    });
});

describe('validation of the merged framework', () => {
    async function checkMerged(body: string, baseFramework = base) {
        const child = await childOf(body);
        const { framework } = mergeFramework(baseFramework, child, WORDING);
        const baseFindings = checkFramework(baseFramework, WORDING, { analyseRules: true });
        return checkMergedFramework({ merged: framework, base: baseFramework, baseFindings, child, wording: WORDING, options: { analyseRules: true } });
    }

    test("question weights a child's override breaks are reported in the child, naming the base's place", async () => {
        const findings = await checkMerged('override question MS1 because "More on jobs" {\n    weight 70%\n}');
        expect(findings.map(shown)).toEqual([
            "framework.svf:1:11 question/weights-not-100 Weights of the method-statement questions add up to 110%; they must add up to 100%. The weights are: 'MS1' 70% (line 8), 'MS2' 40% (../orbis-base/framework.svf:64:5)."
        ]);
    });

    test("a finding in a base file moves to the child's change it names: two-site message and related place", async () => {
        const findings = await checkMerged('override measure NT1 because "Only for goods" {\n    categories goods\n}');
        expect(findings.map(shown)).toEqual([
            "framework.svf:7:18 rule/measure-not-relevant Measure 'NT1' is only asked of goods contracts, but rule 'large' only applies to services and works contracts, so including it has no effect. Remove it from the rule, or add services or works to the measure's categories. (In base framework 'orbis.base' 2.1.0 at ../orbis-base/rules.svf:6:22; shown at this framework's override of measure 'NT1', which it names.)"
        ]);
        expect(findings[0]!.related).toEqual([{ origin: expect.objectContaining({ file: inBase('rules.svf'), range: expect.objectContaining({ start: { line: 5, character: 21 } }) }), message: "Where it is, in base framework 'orbis.base' 2.1.0" }]);
    });

    test("a finding in a base file that names no change of the child goes on the `extends` line", async () => {
        const findings = await checkMerged('override measure NT1 because "x" {\n    categories goods\n}\noverride measure NT2 because "x" {\n    categories goods\n}');
        const unavailable = findings.filter(finding => finding.code === IssueCodes.RuleMinimumMeasuresUnavailable);
        expect(unavailable.map(shown)).toEqual([
            "framework.svf:2:5 rule/minimum-measures-unavailable Rule 'large' requires 2 measures from theme 'jobs', but only 1 of its measures is available to services contracts under it (NT3). Lower the count, or include more of the theme's measures. (In base framework 'orbis.base' 2.1.0 at ../orbis-base/rules.svf:8:13, as this framework changes it.)"
        ]);
        expect(codes(findings)).toEqual([IssueCodes.RuleMeasureNotRelevant, IssueCodes.RuleMeasureNotRelevant, IssueCodes.RuleMinimumMeasuresUnavailable]);
    });

    test("what the base reports itself is not repeated in the child", async () => {
        const broken = await resolveSources(BASE_ROOT, {
            ...BASE_SOURCES,
            'framework.svf': BASE_SOURCES['framework.svf']!.replace('weight 40%', 'weight 30%'),
            'rules.svf': `${BASE_SOURCES['rules.svf']}\nrule never "Never" when contractValue < £50k {\n    no ask\n}\n`
        });
        const baseFindings = checkFramework(broken, WORDING, { analyseRules: true });
        expect(codes(baseFindings)).toEqual([IssueCodes.QuestionWeightsNot100, IssueCodes.RuleUnreachable]);
        const child = await childOf('');
        const merged = mergeFramework(broken, child, WORDING).framework;
        expect(codes(checkFramework(merged, WORDING, { analyseRules: true }))).toEqual([IssueCodes.QuestionWeightsNot100, IssueCodes.RuleUnreachable]);
        expect(checkMergedFramework({ merged, base: broken, baseFindings, child, wording: WORDING, options: { analyseRules: true } })).toEqual([]);
    });

    test("a merged base's findings, moved into its own files, are not repeated in a framework extending it", async () => {
        const middleChild = await childOf('override measure NT1 because "Only for goods" {\n    categories goods\n}');
        const middle = mergeFramework(base, middleChild, WORDING).framework;
        const middleFindings = checkMergedFramework({ merged: middle, base, baseFindings: [], child: middleChild, wording: WORDING, options: { analyseRules: true } });
        expect(codes(middleFindings)).toEqual([IssueCodes.RuleMeasureNotRelevant]);
        const village = await resolveSources('/svf-test/village', { 'framework.svf': 'framework village.sv "Village" {\n    extends "../eastshire"\n    version 0.1.0\n}\n' });
        const merged = mergeFramework(middle, village, WORDING).framework;
        expect(codes(checkFramework(merged, WORDING, { analyseRules: true }))).toEqual([IssueCodes.RuleMeasureNotRelevant]);
        expect(checkMergedFramework({ merged, base: middle, baseFindings: middleFindings, child: village, wording: WORDING, options: { analyseRules: true } })).toEqual([]);
    });

    test('a child that keeps the invariants has no merged findings', async () => {
        expect(await checkMerged('override question MS1 because "x" {\n    weight 50%\n}\noverride question MS2 because "x" {\n    weight 50%\n}')).toEqual([]);
    });
});

describe('determinism and purity', () => {
    test('merging twice gives equal results, and neither input changes', async () => {
        const body = [
            'override proxy localJob = £31,000 because "a" {\n    deadweight 20%\n}',
            'override measure NT2 because "b" {\n    proxy £300\n}',
            'retire measure NT3 because "c"',
            'add to outcome localEmployment {\n    measure ES2 "E" {\n        unit FTE\n        proxy localJob\n        ask "?"\n    }\n}',
            'rule local "L" before large when category is services {\n    require 1 from jobs\n}'
        ].join('\n');
        const child = await childOf(body);
        const snapshot = JSON.stringify([base, child]);
        const first = mergeFramework(base, child, WORDING);
        const second = mergeFramework(base, child, WORDING);
        expect(second).toEqual(first);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
        expect(JSON.stringify([base, child])).toBe(snapshot);
    });

    test('property: retiring any set of base measures removes exactly those (and their inline proxies), keeps the order, and leaves the base alone', async () => {
        const child = await childOf('');
        const snapshot = JSON.stringify(base);
        const codesInBase = measuresOf(base).map(measure => measure.code);
        fc.assert(fc.property(fc.subarray(codesInBase), retired => {
            const retiring: Framework = {
                ...child,
                changes: {
                    ...noChanges(),
                    retirements: retired.map((code, index) => ({
                        kind: 'measure' as const, target: code, reason: { text: 'r', origin: child.identity.origin },
                        origin: { ...child.identity.origin, range: { start: { line: 100 + index, character: 0 }, end: { line: 100 + index, character: 3 } } }
                    }))
                }
            };
            const { framework, findings } = mergeFramework(base, retiring, WORDING);
            expect(measuresOf(framework).map(measure => measure.code)).toEqual(codesInBase.filter(code => !retired.includes(code)));
            expect(framework.proxies.map(proxy => proxy.id)).toEqual(base.proxies.filter(proxy => proxy.inlineIn === null || !retired.includes(proxy.inlineIn)).map(proxy => proxy.id));
            // NT3 is the only measure a base rule names by code (large includes NT1-NT3 and a minimum of NT3).
            const inUse = findings.filter(finding => finding.code === IssueCodes.ExtendsRetiredInUse).length;
            expect(inUse).toBe(['NT1', 'NT2'].filter(code => retired.includes(code)).length + (retired.includes('NT3') ? 2 : 0));
            expect(JSON.stringify(base)).toBe(snapshot);
        }));
    });
});
