/**
 * Provenance in the outputs: the chain of frameworks compiled, and where every question,
 * proxy, scale, rule and the evaluation comes from. The merged frameworks here are the
 * county fixture dressed by hand as mergeFramework leaves a merge (declarations' origins
 * naming the base, overrides recorded on what the child changed), so these tests depend
 * on emit alone.
 */
import { describe, expect, test } from 'vitest';
import { applyContractProfile, compileFramework, PortalInputError, serializeOutput, type CompiledFramework } from '../../compiler/index.js';
import type { Provenance } from '../../compiler/compiled-framework.js';
import { Decimal } from '../../model/amounts.js';
import type { OverrideRecord } from '../../model/extension.js';
import { measuresOf, type Framework } from '../../model/framework.js';
import type { FrameworkRef, Origin } from '../../model/origin.js';
import { frameworkOf, loadFixture } from './fixture-loading.js';
import { expectValid, isValid } from './schema-assertions.js';

const BASE: FrameworkRef = { id: 'orbis.base', version: '2.1.0' };
const CHILD: FrameworkRef = { id: 'eastshire.socialValue', version: '1.4.0' };
const BASE_HASH = 'b'.repeat(64);
const PROXY_REASON = 'Eastshire wages are above the national median (ONS ASHE 2024, Eastshire)';

async function county(): Promise<Framework> {
    const { services, entry } = await loadFixture('county');
    return frameworkOf({ services, entry });
}

/** An override record as mergeFramework writes it, where it is written included. */
function record(reason: string | null, changes: OverrideRecord['changes'], origin: Origin): OverrideRecord {
    return { framework: CHILD, reason, changes, origin: { ...origin, framework: CHILD } };
}

/**
 * The county fixture as the merge of eastshire.socialValue 1.4.0 over orbis.base 2.1.0
 * (installed from @orbis/social-value 2.1.3): everything is the base's except measure
 * NT29 and rule bigWorks, which the child adds; the child overrides proxy localJob's
 * value, measure NT1's ask, question MS1's word limit, the scale's top label, gate
 * livingWage's evidence, rule standard's condition and the weighting.
 */
async function mergedCounty(): Promise<Framework> {
    const framework = await county();
    const ownHash = framework.identity.sourceHash;
    framework.identity = { ...framework.identity, id: CHILD.id, version: CHILD.version };
    framework.chain = [
        { id: CHILD.id, version: CHILD.version, package: null, sourceHash: ownHash },
        { id: BASE.id, version: BASE.version, package: { name: '@orbis/social-value', version: '2.1.3' }, sourceHash: BASE_HASH }
    ];
    const declaredBy = (declaration: { origin: Origin }, by: FrameworkRef) => { declaration.origin = { ...declaration.origin, framework: by }; };
    for (const declaration of [...framework.proxies, ...framework.scales, ...measuresOf(framework), ...framework.questions, ...framework.gates, ...framework.rules, framework.evaluation!]) {
        declaredBy(declaration, BASE);
    }
    declaredBy(measuresOf(framework).find(measure => measure.code === 'NT29')!, CHILD);
    declaredBy(framework.rules.find(rule => rule.id === 'bigWorks')!, CHILD);

    const proxy = framework.proxies.find(candidate => candidate.id === 'localJob')!;
    proxy.overrides = [record(PROXY_REASON, [{ property: 'value', previous: proxy.value, value: new Decimal(31200) }], proxy.origin)];
    proxy.value = new Decimal(31200);
    proxy.netValuePerUnit = new Decimal('26676');

    const nt1 = measuresOf(framework).find(measure => measure.code === 'NT1')!;
    const ask = 'How many full-time equivalent Eastshire residents will you employ on the contract?';
    nt1.overrides = [record('Local means Eastshire residents', [{ property: 'ask', previous: nt1.ask, value: ask }], nt1.origin)];
    nt1.ask = ask;

    const ms1 = framework.questions.find(question => question.id === 'MS1')!;
    ms1.overrides = [record(null, [{ property: 'words', previous: 500, value: 750 }], ms1.origin)];
    ms1.wordLimit = 750;

    const scale = framework.scales[0]!;
    const top = scale.levels[3]!;
    scale.overrides = [record('Plain English', [{ property: 'levels', previous: [{ ...top }], value: [{ ...top, label: 'Outstanding' }] }], scale.origin)];
    top.label = 'Outstanding';

    const gate = framework.gates[0]!;
    gate.overrides = [record('Accreditation is not required locally', [{ property: 'evidence', previous: gate.evidence, value: 'Payroll records' }], gate.origin)];
    gate.evidence = 'Payroll records';

    const standard = framework.rules.find(rule => rule.id === 'standard')!;
    const condition = { field: 'contractValue' as const, from: '50000.00', to: '5000000.00' };
    standard.overrides = [record('Our light ask stops at £50k', [
        { property: 'condition', previous: standard.condition, value: condition },
        { property: 'effectOrigins', previous: standard.effectOrigins, value: standard.effectOrigins }
    ], standard.origin)];
    standard.condition = condition;

    const evaluation = framework.evaluation!;
    evaluation.overrides = [record('Cabinet decision 2025/14', [{ property: 'weighting', previous: evaluation.weighting, value: new Decimal('12.5') }], evaluation.origin)];
    evaluation.weighting = new Decimal('12.5');
    return framework;
}

const byBase = { framework: BASE, overrides: [] };
const byChild = { framework: CHILD, overrides: [] };

describe('provenance of a framework that extends a base', () => {
    const compiled = async () => compileFramework(await mergedCounty());
    const question = ({ questionSet }: CompiledFramework, id: string) => questionSet.questions.find(candidate => candidate.id === id)!;
    const measure = ({ rubric }: CompiledFramework, code: string) => rubric.quantitative.measures.find(candidate => candidate.code === code)!;

    test('the outputs follow their schemas', async () => {
        const { questionSet, rubric } = await compiled();
        expectValid('question-set.schema.json', questionSet);
        expectValid('rubric.schema.json', rubric);
        expectValid('rules.schema.json', questionSet.rules);
    });

    test('the header lists the chain, the framework first, with the package the base came from', async () => {
        const { questionSet, rubric } = await compiled();
        expect(questionSet.chain).toEqual([
            { id: 'eastshire.socialValue', version: '1.4.0', package: null, sourceHash: questionSet.framework.sourceHash },
            { id: 'orbis.base', version: '2.1.0', package: { name: '@orbis/social-value', version: '2.1.3' }, sourceHash: BASE_HASH }
        ]);
        expect(questionSet.chainDescription).toBe('eastshire.socialValue 1.4.0 extends orbis.base 2.1.0 (from @orbis/social-value 2.1.3)');
        expect(rubric.chain).toEqual(questionSet.chain);
        expect(rubric.chainDescription).toBe(questionSet.chainDescription);
    });

    test("what the base declares and the child leaves alone names the base's id and version", async () => {
        const outputs = await compiled();
        expect(question(outputs, 'NT3').provenance).toEqual(byBase);
        expect(question(outputs, 'MS2').provenance).toEqual(byBase);
        expect(measure(outputs, 'NT3').proxy!.provenance).toEqual(byBase);
        expect(outputs.questionSet.rules!.find(rule => rule.id === 'major')!.provenance).toEqual(byBase);
    });

    test("what the child adds names the child", async () => {
        const outputs = await compiled();
        expect(question(outputs, 'NT29').provenance).toEqual(byChild);
        expect(measure(outputs, 'NT29').provenance).toEqual(byChild);
        expect(outputs.rubric.rules!.find(rule => rule.id === 'bigWorks')!.provenance).toEqual(byChild);
    });

    test('an overridden proxy shows the base, the override, the previous and new value (money strings) and the reason', async () => {
        const outputs = await compiled();
        const proxy = measure(outputs, 'NT1').proxy!;
        expect(proxy).toMatchObject({ id: 'localJob', value: '31200.00', netValuePerUnit: '26676.00' });
        expect(proxy.provenance).toEqual({
            framework: BASE,
            overrides: [{ framework: CHILD, reason: PROXY_REASON, changes: [{ property: 'value', previous: '28560.00', value: '31200.00' }] }]
        });
    });

    test('an overridden question keeps the measure, question or gate it came from and what changed', async () => {
        const outputs = await compiled();
        const nt1 = question(outputs, 'NT1');
        expect(nt1.text).toBe('How many full-time equivalent Eastshire residents will you employ on the contract?');
        expect(nt1.provenance).toEqual({
            framework: BASE,
            overrides: [{
                framework: CHILD, reason: 'Local means Eastshire residents',
                changes: [{ property: 'ask', previous: 'How many full-time equivalent local people will you employ on the contract?', value: nt1.text }]
            }]
        });
        expect(measure(outputs, 'NT1').provenance).toEqual(nt1.provenance);
        expect(question(outputs, 'MS1').provenance.overrides).toEqual([{ framework: CHILD, reason: null, changes: [{ property: 'words', previous: 500, value: 750 }] }]);
        const gateChange = { framework: CHILD, reason: 'Accreditation is not required locally', changes: [{ property: 'evidence', previous: 'Living Wage Foundation accreditation', value: 'Payroll records' }] };
        expect(question(outputs, 'livingWage').provenance).toEqual({ framework: BASE, overrides: [gateChange] });
        expect(outputs.rubric.gates[0]!.provenance).toEqual({ framework: BASE, overrides: [gateChange] });
    });

    test('an overridden scale shows its levels before and after, without where they were written', async () => {
        const outputs = await compiled();
        const scale = outputs.rubric.qualitative.questions[0]!.scale!;
        const level = (label: string) => ({ score: '5', label, descriptor: 'Specific, timed, evidenced commitments with a delivery plan' });
        expect(scale.provenance.overrides).toEqual([{ framework: CHILD, reason: 'Plain English', changes: [{ property: 'levels', previous: [level('Excellent')], value: [level('Outstanding')] }] }]);
    });

    test('an overridden rule shows its previous and new condition; the evaluation its previous and new weighting', async () => {
        const outputs = await compiled();
        const standard = outputs.questionSet.rules!.find(rule => rule.id === 'standard')!;
        expect(standard.provenance).toEqual({
            framework: BASE,
            overrides: [{
                framework: CHILD, reason: 'Our light ask stops at £50k',
                changes: [{
                    property: 'condition',
                    previous: { field: 'contractValue', from: '100000.00', to: '5000000.00' },
                    value: { field: 'contractValue', from: '50000.00', to: '5000000.00' }
                }]
            }]
        });
        expect(outputs.rubric.weighting).toBe(12.5);
        expect(outputs.rubric.evaluationProvenance).toEqual({
            framework: BASE,
            overrides: [{ framework: CHILD, reason: 'Cabinet decision 2025/14', changes: [{ property: 'weighting', previous: '10', value: '12.5' }] }]
        });
    });

    test('no file path reaches the outputs, and two compiles give the same bytes', async () => {
        const texts = async () => { const { questionSet, rubric } = await compiled(); return [serializeOutput(questionSet), serializeOutput(rubric)]; };
        const first = await texts();
        expect(await texts()).toEqual(first);
        for (const text of first) {
            expect(text).not.toContain('file://');
            expect(text).not.toContain('fixtures');
            expect(text).not.toContain('"origin');
        }
    });

    test('tailoring keeps the provenance of what is still asked, and a portal can tailor the outputs', async () => {
        const outputs = await compiled();
        const tailored = applyContractProfile(JSON.parse(JSON.stringify(outputs)) as CompiledFramework, { contractValue: 300_000, category: 'services' });
        expect(tailored.questionSet.ruleApplied?.id).toBe('standard');
        expect(question(tailored, 'NT1').provenance).toEqual(question(outputs, 'NT1').provenance);
        expect(measure(tailored, 'NT1').proxy!.provenance).toEqual(measure(outputs, 'NT1').proxy!.provenance);
        expect(tailored.rubric.evaluationProvenance).toEqual(outputs.rubric.evaluationProvenance);
        expectValid('question-set.schema.json', tailored.questionSet);
        expectValid('rubric.schema.json', tailored.rubric);
    });

    test('a portal refuses a rubric whose chain is not the question set\'s', async () => {
        const outputs = JSON.parse(JSON.stringify(await compiled())) as CompiledFramework;
        outputs.rubric.chain[1]!.version = '2.2.0';
        expect(() => applyContractProfile(outputs, { contractValue: 60_000, category: 'services' })).toThrow(PortalInputError);
    });
});

describe('provenance of a framework that extends nothing', () => {
    test('the chain has one link, and every provenance names the framework with no overrides', async () => {
        const { questionSet, rubric } = compileFramework(await county());
        const self = { id: 'eastshire', version: '2.1.0', package: null, sourceHash: questionSet.framework.sourceHash };
        expect(questionSet.chain).toEqual([self]);
        expect(rubric.chain).toEqual([self]);
        expect(questionSet.chainDescription).toBe('eastshire 2.1.0');

        const provenances = [...provenancesIn(questionSet), ...provenancesIn(rubric)];
        // Every question; every measure, proxy, question, scale and gate of the rubric; every rule in both; the evaluation.
        expect(provenances.length).toBe(questionSet.questions.length + rubric.quantitative.measures.length
            + rubric.quantitative.measures.filter(measure => measure.proxy !== null).length
            + 2 * rubric.qualitative.questions.length + rubric.gates.length + 2 * questionSet.rules!.length + 1);
        for (const provenance of provenances) expect(provenance).toEqual({ framework: { id: 'eastshire', version: '2.1.0' }, overrides: [] });
        expectValid('question-set.schema.json', questionSet);
        expectValid('rubric.schema.json', rubric);
    });

    test('without an evaluation block the rubric has no evaluation provenance', async () => {
        const framework = await county();
        framework.questions = [];
        framework.rules.forEach(rule => { if (rule.effects.include) rule.effects.include.questions = []; if (rule.effects.exclude) rule.effects.exclude.questions = []; });
        framework.evaluation = null;
        const { rubric } = compileFramework(framework);
        expect(rubric.evaluationProvenance).toBeNull();
        expectValid('rubric.schema.json', rubric);
    });

    test('a framework installed from a package says so, and a longer chain reads as one line', async () => {
        const framework = await county();
        framework.chain = [
            { id: 'eastshire', version: '2.1.0', package: null, sourceHash: framework.identity.sourceHash },
            { id: 'orbis.base', version: '2.1.0', package: { name: '@orbis/social-value', version: '2.1.3' }, sourceHash: BASE_HASH },
            { id: 'national.toms', version: '2024.1.0', package: { name: '@national/toms', version: '2024.1.2' }, sourceHash: 'c'.repeat(64) }
        ];
        const { questionSet, rubric } = compileFramework(framework);
        expect(questionSet.chainDescription).toBe('eastshire 2.1.0 extends orbis.base 2.1.0 (from @orbis/social-value 2.1.3) extends national.toms 2024.1.0 (from @national/toms 2024.1.2)');
        expect(rubric.chain.map(link => link.package?.name ?? null)).toEqual([null, '@orbis/social-value', '@national/toms']);
        expectValid('question-set.schema.json', questionSet);
    });
});

describe('the schemas hold the new fields to their shape', () => {
    test('a question without provenance, or a chain link without its hash, does not validate', async () => {
        const { questionSet } = compileFramework(await county());
        const { provenance: _provenance, ...withoutProvenance } = questionSet.questions[0]!;
        expect(isValid('question-set.schema.json', { ...questionSet, questions: [withoutProvenance] })).toBe(false);
        const { sourceHash: _hash, ...link } = questionSet.chain[0]!;
        expect(isValid('question-set.schema.json', { ...questionSet, chain: [link] })).toBe(false);
        expect(isValid('question-set.schema.json', { ...questionSet, chain: [] })).toBe(false);
        const extra = { ...questionSet.questions[0]!, provenance: { ...questionSet.questions[0]!.provenance, origin: 'x' } };
        expect(isValid('question-set.schema.json', { ...questionSet, questions: [extra] })).toBe(false);
    });
});

/** Every provenance object in a document (including rules' and the evaluation's). */
function provenancesIn(document: unknown): Provenance[] {
    const found: Provenance[] = [];
    const visit = (value: unknown, key: string) => {
        if (Array.isArray(value)) value.forEach(item => visit(item, ''));
        else if (typeof value === 'object' && value !== null) {
            if (key === 'provenance' || key === 'evaluationProvenance') found.push(value as Provenance);
            else Object.entries(value).forEach(([childKey, child]) => visit(child, childKey));
        }
    };
    visit(document, '');
    return found;
}
