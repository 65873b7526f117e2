import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileFramework, CompilerError, type Framework } from '../../compiler/index.js';
import { FIXTURES, frameworkOf, loadEntryFile, loadFixture, loadSources } from '../compiler/fixture-loading.js';

describe('resolve the county fixture', () => {
    let framework: Framework;
    beforeAll(async () => {
        const { services, entry } = await loadFixture('county');
        framework = frameworkOf({ services, entry });
    });

    test('identity comes from the header, with a hash of the sources', () => {
        const { sourceHash, ...identity } = framework.identity;
        expect(identity).toMatchObject({
            id: 'eastshire',
            title: 'Eastshire County Council Social Value Framework',
            version: '2.1.0',
            currency: 'GBP',
            priceYear: 2024,
            publisher: 'Eastshire County Council',
            status: 'published',
            description: 'Social value asks for Eastshire contracts.',
            maxProxyAge: 3,
            hasHeader: true
        });
        // Where the header is: framework.svf, its name after the imports.
        expect(identity.origin.file).toMatch(/county\/framework\.svf$/);
        expect(identity.origin.range.start).toEqual({ line: 7, character: 10 });
        expect(sourceHash).toMatch(/^[0-9a-f]{64}$/);
    });

    test('money is exact: £28,560 with 10% deadweight and 5% attribution is worth exactly £24,418.80 net', () => {
        const localJob = framework.proxies.find(proxy => proxy.id === 'localJob')!;
        expect(localJob.value.toString()).toBe('28560');
        expect(localJob.netValuePerUnit.toString()).toBe('24418.8');
        expect(localJob.deadweight.toString()).toBe('10');
        expect(localJob.attribution.toString()).toBe('5');
        expect(localJob.displacement.toString()).toBe('0');
        expect(localJob.priceYear).toBe(2024);
        const expertHour = framework.proxies.find(proxy => proxy.id === 'expertHour')!;
        expect(expertHour.netValuePerUnit.toString()).toBe('80.8');
    });

    test('a proxy without a price year is in the framework\'s prices', () => {
        expect(framework.proxies.find(proxy => proxy.id === 'apprenticeWeek')!.priceYear).toBe(2024);
    });

    test('inline proxies are named after their measure and take its unit', () => {
        const volunteering = framework.proxies.find(proxy => proxy.id === 'NT28-proxy')!;
        expect(volunteering.unit).toBe('volunteerHours');
        expect(volunteering.value.toString()).toBe('16.93');
        expect(volunteering.source).toBe('Essex County Council (2023)');
        expect(volunteering.priceYear).toBe(2023);
        const nt28 = framework.themes[2]!.outcomes[0]!.measures[0]!;
        expect(nt28.code).toBe('NT28');
        expect(nt28.proxy).toBe('NT28-proxy');
    });

    test('imports come first, depth-first in import order, then the file\'s own declarations', () => {
        expect(framework.units.map(unit => unit.id)).toEqual(['FTE', 'weeks', 'expertHours', 'volunteerHours', 'pounds', 'tonnesCO2e', 'percent']);
        expect(framework.proxies.map(proxy => proxy.id)).toEqual(['localJob', 'apprenticeWeek', 'expertHour', 'NT18-proxy', 'NT28-proxy']);
        expect(framework.themes.map(theme => theme.id)).toEqual(['jobs', 'growth', 'social', 'environment']);
        expect(framework.questions.map(question => question.id)).toEqual(['MS1', 'MS2']);
        expect(framework.gates.map(gate => gate.id)).toEqual(['livingWage']);
    });

    test('the entry file\'s rules are tried before those of the files it imports', () => {
        expect(framework.rules.map(rule => rule.id)).toEqual(['bigWorks', 'noAskSmall', 'light', 'standard', 'major']);
    });

    test('units know whether they can be monetised', () => {
        expect(framework.units.filter(unit => unit.monetisable).map(unit => unit.id)).toEqual(['FTE', 'weeks', 'expertHours', 'volunteerHours', 'pounds']);
        expect(framework.units.find(unit => unit.id === 'tonnesCO2e')!.kind).toBe('record');
    });

    test('every declaration and overridable property says where it was written, and in which framework', () => {
        const where = (origin: { file: string; range: { start: { line: number; character: number } }; framework: { id: string; version: string | null } } | undefined) =>
            origin && `${origin.file.split('/').pop()}:${origin.range.start.line + 1}:${origin.range.start.character + 1} ${origin.framework.id} ${origin.framework.version}`;
        const nt1 = framework.themes[0]!.outcomes[0]!.measures[0]!;
        expect(where(nt1.origin)).toBe('themes.svf:6:17 eastshire 2.1.0');
        expect(where(nt1.origins.ask)).toBe('themes.svf:9:13 eastshire 2.1.0');
        expect(where(nt1.origins.minimum)).toBe('themes.svf:12:13 eastshire 2.1.0');
        expect(nt1.origins.maximum).toBeUndefined();
        const localJob = framework.proxies.find(proxy => proxy.id === 'localJob')!;
        expect(where(localJob.origin)).toBe('proxies.svf:3:7 eastshire 2.1.0');
        expect(where(localJob.origins.value)).toBe('proxies.svf:3:55 eastshire 2.1.0');
        expect(where(localJob.origins.priceYear)).toBe('proxies.svf:5:15 eastshire 2.1.0');
        const light = framework.rules.find(rule => rule.id === 'light')!;
        expect(where(light.origin)).toBe('rules.svf:8:6 eastshire 2.1.0');
        expect(where(light.origins.condition)).toBe('rules.svf:8:29 eastshire 2.1.0');
        expect(where(framework.evaluation!.origins.split)).toMatch(/^framework\.svf:\d+:\d+ eastshire 2\.1\.0$/);
    });

    test('measures carry their answer rules, categories and place', () => {
        const [nt1, nt3] = framework.themes[0]!.outcomes[0]!.measures;
        expect(nt1).toMatchObject({ code: 'NT1', theme: 'jobs', outcome: 'localEmployment', unit: 'FTE', proxy: 'localJob', wholeNumbers: true, categories: [], recordOnly: false, guidance: 'Count each person once, as FTE x years.', evidence: 'Payroll records' });
        expect(nt1!.minimum!.toString()).toBe('0');
        expect(nt3!.categories).toEqual(['works']);
        const nt18 = framework.themes[1]!.outcomes[0]!.measures[0]!;
        expect(nt18.categories).toEqual(['goods', 'services']);
        expect(nt18.maximum!.toString()).toBe('10000000');
        const re1 = framework.themes[3]!.outcomes[0]!.measures[0]!;
        expect(re1).toMatchObject({ code: 'RE1', recordOnly: true, proxy: null });
    });

    test('method statements know the theme of their first outcome, their scale and weight', () => {
        const ms2 = framework.questions[1]!;
        expect(ms2).toMatchObject({ id: 'MS2', outcomes: ['carbon', 'localSupply'], theme: 'environment', scale: 'fivePoint', wordLimit: 300, guidance: 'Include a timeline.' });
        expect(ms2.weight!.kind).toBe('percentage');
        expect(ms2.weight!.value.toString()).toBe('40');
    });

    test('scales keep their levels lowest score first', () => {
        expect(framework.scales[0]!.levels.map(level => level.score.toNumber())).toEqual([0, 1, 3, 5]);
    });

    test('the evaluation is the entry file\'s', () => {
        const evaluation = framework.evaluation!;
        expect(evaluation.weighting!.toString()).toBe('10');
        expect(evaluation.split!.quantitative.toString()).toBe('70');
        expect(evaluation.split!.qualitative.toString()).toBe('30');
        expect(evaluation.method).toEqual({ kind: 'relative' });
    });

    test('rule conditions and effects become plain data, money as two-decimal strings', () => {
        const [bigWorks, , light] = framework.rules;
        expect(bigWorks!.condition).toEqual({ all: [{ category: ['works'] }, { field: 'contractValue', op: '>=', value: '10000000.00' }] });
        expect(bigWorks!.effects.minimumCommitments).toEqual([{ measure: 'NT3', quantity: 52, per: '1000000.00' }]);
        expect(light!.condition).toEqual({ field: 'contractValue', from: '25000.00', to: '100000.00' });
        expect(light!.effects.include).toEqual({ themes: [], measures: ['NT1', 'NT28'], questions: ['MS1'], gates: [] });
        expect(light!.effects.select).toEqual({ min: null, max: 2 });
    });
});

describe('the source hash', () => {
    const copies: string[] = [];
    const copyFixture = () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-hash-'));
        fs.cpSync(path.join(FIXTURES, 'county'), folder, { recursive: true });
        copies.push(folder);
        return folder;
    };
    afterAll(() => copies.forEach(folder => fs.rmSync(folder, { recursive: true, force: true })));
    const hashOf = async (folder: string) => {
        const { services, entry } = await loadEntryFile(path.join(folder, 'framework.svf'));
        return frameworkOf({ services, entry }).identity.sourceHash;
    };

    test('does not depend on where the framework is checked out', async () => {
        expect(await hashOf(copyFixture())).toBe(await hashOf(copyFixture()));
    });

    test('changes when any file of the closure changes', async () => {
        const folder = copyFixture();
        const before = await hashOf(folder);
        fs.appendFileSync(path.join(folder, 'units.svf'), '\n// a comment\n');
        expect(await hashOf(folder)).not.toBe(before);
    });
});

describe('defaults and preconditions', () => {
    test('currency GBP, status draft, split 100/0 and relative scoring when nothing says otherwise', async () => {
        const { services, entry } = await loadSources({
            '/d/framework.svf': 'framework plain { version 1.0.0 }\nunit FTE "no. people FTE"\ntheme jobs { outcome o { measure NT1 { unit FTE proxy £10 { source "s" } ask "How many?" } } }\nevaluation { weighting 10% }\n'
        });
        const framework = frameworkOf({ services, entry });
        expect(framework.identity).toMatchObject({ currency: 'GBP', status: 'draft', priceYear: null, publisher: null, title: null });
        // No split: all the social value marks go to the commitments.
        expect(framework.evaluation?.split).toBeNull();
        expect(framework.evaluation?.method).toEqual({ kind: 'relative' });
        const { rubric } = compileFramework(framework);
        expect([rubric.quantitative.shareOfSocialValueMarks, rubric.qualitative.shareOfSocialValueMarks]).toEqual([100, 0]);
        expect(framework.rules).toEqual([]);
    });

    test('an absolute method keeps its money or percentage target', async () => {
        const source = (target: string) => `framework t { version 1.0.0 }\nevaluation { weighting 10% method absolute target ${target} }\n`;
        const money = await loadSources({ '/m/framework.svf': source('£500k') });
        expect(frameworkOf(money).evaluation?.method)
            .toMatchObject({ kind: 'absolute', target: { kind: 'money' } });
        const share = await loadSources({ '/p/framework.svf': source('10%') });
        const method = frameworkOf(share).evaluation!.method;
        expect(method.kind === 'absolute' && method.target.kind === 'share-of-contract-value' && method.target.percent.toNumber()).toBe(10);
    });

    test('method statements without a split cannot be scored: even without the validator, the compiler says what to add', async () => {
        const { services, entry } = await loadSources({
            '/q/framework.svf': 'framework t { version 1.0.0 }\ntheme jobs { outcome o { } }\nscale s { 0 "No" 1 "Yes" }\nquestion MS1 { outcomes o scale s weight 100% ask "How?" }\nevaluation { weighting 10% }\n'
        }, { allowErrors: true });
        const framework = frameworkOf({ services, entry });
        expect(() => compileFramework(framework)).toThrow(CompilerError);
        expect(() => compileFramework(framework)).toThrow("Framework 't' has method-statement questions but no `split`");
    });

    test('a file without a framework header is not an entry file', async () => {
        const { services, entry } = await loadSources({ '/h/units.svf': 'unit FTE "no. people FTE"\n' });
        expect(frameworkOf({ services, entry }).identity.hasHeader).toBe(false);
        expect(() => compileFramework(frameworkOf({ services, entry }))).toThrow('/h/units.svf has no `framework` header');
    });
});
