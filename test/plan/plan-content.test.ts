import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { applyContractProfile, formatPounds, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { renderPlan } from '../../compiler/plan/index.js';
import { compileCouncil, examplePlans, headingsOf, htmlProblems, htmlRow, planFor } from './plan-fixture.js';

/** The captions of the measure tables. */
const MEASURES = /^Measures: /;
const WORKS_2_5M: ContractProfile = { contractValue: 2500000, category: 'works', durationMonths: 36, flags: [] };

let council: CompiledFramework;
beforeAll(async () => {
    council = await compileCouncil();
});

describe('the plan of the council example for a £2.5m works contract', () => {
    let html: string;
    beforeAll(() => {
        html = planFor(council, WORKS_2_5M, 'html');
    });

    test('is one well-formed page with lang, one h1 and headings that never skip a level', () => {
        expect(htmlProblems(html)).toEqual([]);
        expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
        const headings = headingsOf(html);
        expect(headings.filter(([level]) => level === 1)).toEqual([[1, 'Social value in this contract: Eastshire County Council Social Value Framework']]);
        headings.forEach(([level], index) => {
            if (index > 0) expect(level).toBeLessThanOrEqual(headings[index - 1]![0] + 1);
        });
        expect(headings.map(([, text]) => text)).toEqual([
            'Social value in this contract: Eastshire County Council Social Value Framework',
            'What this contract asks and why', 'How your bid is marked', 'Minimum commitments and targets',
            'Pass/fail requirements', 'Measures you may commit to', 'Method statements', 'Reporting after award',
        ]);
    });

    test('says which rule applied and, in words, why', () => {
        expect(html).toContain('This is a works contract worth £2,500,000, 36 months long.');
        expect(html).toContain("The framework&#39;s rule &#39;majorContract&#39; (£1m to £5m: full ask) decides what is asked. Applies when the contract value is from £1,000,000.00 up to, but not including, £5,000,000.00.");
    });

    test('gives the weighting, the split and how commitments are marked', () => {
        expect(html).toContain('Social value is worth 10% of the total tender marks.');
        expect(html).toContain('Commitments (the measures you choose, with quantities): 70% of the social value marks (7% of the total), marked against a fixed target.');
        expect(html).toContain('the target of 10% of the contract value = £250,000');
        expect(html).toContain('Method statements: 30% of the social value marks (3% of the total).');
        expect(html).toContain('Choose at most 6 measures, with at least 1 from Jobs: promote local skills and employment; a bid outside these limits is not valid.');
    });

    test('gives each measure its unit and what one unit is worth, net, from the rubric', () => {
        expect(htmlRow(html, 'NT1', MEASURES)).toEqual(['NT1', 'Local people employed on the contract', 'no. people FTE', '£19,200', 'Payroll records showing postcode and hours of each person counted.']);
        expect(htmlRow(html, 'NT3', MEASURES)?.[3]).toBe('£24,097.50');
        expect(htmlRow(html, 'NT10', MEASURES)?.[3]).toBe('£14.50');
        // Record-only measures say they are not scored rather than show a value.
        expect(htmlRow(html, 'RE11', MEASURES)?.[3]).toBe('Not scored');
        // The council's proxies are priced in different years: the page says so rather than imply today's prices.
        expect(html).toContain('The £ values are at 2023 to 2025 prices, as each measure&#39;s source gives them.');
        const tailored = council.rubric.quantitative.measures.filter(measure => !measure.recordOnly && measure.proxy !== null);
        for (const measure of tailored) {
            expect(htmlRow(html, measure.code, MEASURES)?.[3], measure.code).toBe(formatPounds(measure.proxy!.netValuePerUnit));
        }
    });

    test('lists the method statements with word limits, weights and the scale descriptors', () => {
        const employmentPlan = htmlRow(html, 'employmentPlan')!;
        expect(employmentPlan[2]).toBe('750 words');
        expect(employmentPlan[3]).toBe('40%');
        expect(employmentPlan[4]).toBe('&#39;0 to 5&#39;');
        expect(html).toContain('<caption>Scale &#39;0 to 5&#39;: what each level means</caption>');
        expect(htmlRow(html, '5')).toEqual(['5', 'Excellent', 'As Good, plus measurable targets beyond the minimum, quarterly reporting and a named accountable lead.']);
    });

    test('shows the gate, the scaled minimum commitment and the target', () => {
        const gate = htmlRow(html, 'realLivingWage')!;
        expect(gate[1]).toMatch(/^Real Living Wage: Will you pay everyone aged 18 or over/);
        expect(gate[2]).toBe('A signed Real Living Wage declaration; accreditation by the Living Wage Foundation is welcome.');
        expect(html).toContain('a bid that fails one is disqualified');
        expect(htmlRow(html, 'NT1', /^The least you must commit to$/)).toEqual(['NT1', 'Local people employed on the contract', '2.5 no. people FTE', '1 per £1,000,000 of contract value']);
        expect(html).toMatch(/<tr><th scope="row">NT1<\/th><td>Local people employed on the contract<\/td><td class="number">2.5 no. people FTE<\/td><td>1 per £1,000,000 of contract value<\/td><\/tr>/);
        expect(html).toContain('Net social value of at least 10% of the contract value (£250,000).');
    });

    test('says what is reported after award', () => {
        expect(html).toContain('<h2>Reporting after award</h2>\n<p>The commitments in your winning bid become part of the contract: you report what you delivered against each of them.</p>');
    });

    test('is self-contained: no script, no external resource', () => {
        expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
    });

    test('tables have captions and header cells with scope', () => {
        const tables = html.match(/<table>/g)!.length;
        expect(html.match(/<caption>/g)!.length).toBe(tables);
        expect(html).not.toMatch(/<th>/);
    });
});

describe('other contracts and untailored frameworks', () => {
    test('a £12m lotted works contract gets the major works rule, 20%, two gates, two scaled minimums and 3 KPIs', () => {
        const html = planFor(council, { contractValue: 12000000, category: 'works', durationMonths: 48, flags: ['lotted'] }, 'html');
        expect(html).toContain('Applies when the contract is for works and the contract value is £10,000,000.00 or more and the duration is 12 months or more.');
        expect(html).toContain('Social value is worth 20% of the total tender marks.');
        const minimums = /^The least you must commit to$/;
        expect(htmlRow(html, 'NT1', minimums)?.[2]).toBe('12 no. people FTE');
        expect(htmlRow(html, 'ESC2', minimums)?.slice(2)).toEqual(['312 no. weeks', '26 per £1,000,000 of contract value']);
        const gates = /^Requirements every bid must meet/;
        expect(htmlRow(html, 'realLivingWage', gates)).toBeDefined();
        expect(htmlRow(html, 'carbonReductionPlan', gates)).toBeDefined();
        expect(html).toContain('Net social value of at least 20% of the contract value (£2,400,000).');
        expect(html).toContain('At least 3 key performance indicators (KPIs) of the contract are published and reported on.');
    });

    test('a contract under the threshold is told that no social value is asked, and nothing else', () => {
        const html = planFor(council, { contractValue: 20000, category: 'services' }, 'html');
        expect(html).toContain('No social value is asked for this contract');
        expect(html).not.toContain('<h2>How your bid is marked</h2>');
        expect(htmlProblems(html)).toEqual([]);
    });

    test('an untailored framework renders in general, says so, and words every rule', () => {
        const html = planFor(council, undefined, 'html');
        expect(html).toContain('<strong>Note:</strong> This plan is not tailored to a contract');
        for (const rule of council.questionSet.rules!) expect(htmlRow(html, `${rule.title} (${rule.id})`), rule.id).toBeDefined();
        expect(htmlRow(html, 'Under £25,000: no social value ask (belowThreshold)')?.slice(1)).toEqual(['Applies when the contract value is less than £25,000.00.', 'No social value is asked.']);
    });

    test('without the rules, a tailored plan still names the rule that applied', () => {
        const tailored = planFor(council, WORKS_2_5M, 'html');
        const withoutRules = renderPlan(applyContractProfile(council, WORKS_2_5M), { format: 'html' });
        expect(withoutRules).toContain('The framework&#39;s rule &#39;majorContract&#39; (£1m to £5m: full ask) decides what is asked. It is the first');
        expect(tailored).not.toBe(withoutRules);
    });
});

describe('every example', () => {
    test('each profile gives a well-formed page with one h1 and every question asked, and Markdown tables of one shape', async () => {
        const plans = await examplePlans('html');
        expect(plans.length).toBeGreaterThan(15);
        for (const { label, compiled, text } of plans) {
            expect(htmlProblems(text), label).toEqual([]);
            expect(text.match(/<h1>/g), label).toHaveLength(1);
            for (const question of compiled.questionSet.questions) expect(text, `${label} ${question.id}`).toContain(`<th scope="row">${question.id}</th>`);
            expect(markdownTableProblems(renderPlan(compiled, { format: 'markdown' })), label).toEqual([]);
        }
    });
});

describe('the same bytes for the same input', () => {
    test('two compiles and renders give identical HTML and Markdown, with no date or time', async () => {
        const again = await compileCouncil();
        for (const format of ['html', 'markdown'] as const) {
            const first = planFor(council, WORKS_2_5M, format);
            expect(planFor(again, WORKS_2_5M, format)).toBe(first);
            expect(first).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}:\d{2}/);
        }
    });

    test('any contract profile gives a well-formed page with one h1 and every question asked', () => {
        const flags = council.questionSet.profileFacts.flags.map(flag => flag.id);
        fc.assert(fc.property(
            fc.integer({ min: 0, max: 60_000_000 }),
            fc.constantFrom('goods', 'services', 'works'),
            fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
            fc.subarray(flags),
            (contractValue, category, durationMonths, chosenFlags) => {
                const profile: ContractProfile = { contractValue, category, flags: chosenFlags, ...(durationMonths === undefined ? {} : { durationMonths }) };
                const tailored = applyContractProfile(council, profile);
                const html = renderPlan(tailored, { format: 'html', rules: council.questionSet.rules });
                expect(htmlProblems(html)).toEqual([]);
                expect(html.match(/<h1>/g)).toHaveLength(1);
                for (const question of tailored.questionSet.questions) {
                    expect(html, question.id).toContain(`<th scope="row">${question.id}</th>`);
                }
                const markdown = renderPlan(tailored, { format: 'markdown', rules: council.questionSet.rules });
                expect(markdownTableProblems(markdown)).toEqual([]);
            }
        ), { numRuns: 60 });
    });
});

describe('hostile text from the framework', () => {
    const hostile = (compiled: CompiledFramework): CompiledFramework => {
        const copy = structuredClone(compiled);
        copy.questionSet.framework.title = '<script>alert("x")</script> | Evil & Co';
        const nt1 = copy.questionSet.questions.find(question => question.id === 'NT1')!;
        nt1.title = 'Jobs | <img src=x onerror=alert(1)> *bold* [link](http://x)\nsecond line';
        return copy;
    };

    test('is escaped in HTML: no tag, no attribute, no script', () => {
        const html = renderPlan(hostile(applyContractProfile(council, WORKS_2_5M)), { format: 'html' });
        expect(html).not.toContain('<script');
        expect(html).not.toContain('<img');
        expect(html).toContain('<h1>Social value in this contract: &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; | Evil &#38; Co</h1>');
        expect(htmlProblems(html)).toEqual([]);
    });

    test('is escaped in Markdown: the table keeps its columns, no HTML and no link', () => {
        const markdown = renderPlan(hostile(applyContractProfile(council, WORKS_2_5M)), { format: 'markdown' });
        expect(markdown).toContain('# Social value in this contract: &lt;script&gt;alert("x")&lt;/script&gt; \\| Evil &amp; Co\n');
        const row = markdown.split('\n').filter(line => line.startsWith('| NT1 | Jobs')).at(-1)!;
        expect(row).toBe('| NT1 | Jobs \\| &lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\[link\\](http://x) second line | no. people FTE | £19,200 | Payroll records showing postcode and hours of each person counted. |');
        expect(markdownTableProblems(markdown)).toEqual([]);
    });
});

describe('Markdown for tender documents', () => {
    test('has the same sections as the page, and GitHub tables of one shape', () => {
        const markdown = planFor(council, WORKS_2_5M, 'markdown');
        expect(markdown.split('\n').filter(line => /^#{1,3} /.test(line))).toEqual([
            '# Social value in this contract: Eastshire County Council Social Value Framework',
            '## What this contract asks and why', '## How your bid is marked', '## Minimum commitments and targets',
            '## Pass/fail requirements', '## Measures you may commit to', '## Method statements', '## Reporting after award',
        ]);
        expect(markdownTableProblems(markdown)).toEqual([]);
        expect(markdown).toContain('| Ref | Measure | Unit | £ per unit (net) | Evidence asked |\n| --- | --- | --- | ---: | --- |\n| NT1 | Local people employed on the contract | no. people FTE | £19,200 |');
        expect(markdown).toContain('| employmentPlan | Employment and skills plan: Describe how you will recruit');
        expect(markdown).toMatch(/\| 750 words \| 40% \| '0 to 5' \|/);
    });
});

/** Each table: a header row, a delimiter row with as many columns, body rows with as many cells (escaped pipes do not count). */
function markdownTableProblems(markdown: string): string[] {
    const problems: string[] = [];
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length - 2;
    const lines = markdown.split('\n');
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index]!;
        if (!line.startsWith('|') || lines[index - 1]?.startsWith('|')) continue;
        const width = cells(line);
        const delimiter = lines[index + 1] ?? '';
        if (!/^\| (---:?)( \| ---:?)* \|$/.test(delimiter) || cells(delimiter) !== width) problems.push(`line ${index + 2}: bad delimiter row`);
        for (let body = index + 2; lines[body]?.startsWith('|'); body++) {
            if (cells(lines[body]!) !== width) problems.push(`line ${body + 1}: ${cells(lines[body]!)} cells, header has ${width}`);
            if (!lines[body]!.endsWith(' |')) problems.push(`line ${body + 1}: does not end with a pipe`);
        }
        if (lines[index - 1] !== '') problems.push(`line ${index + 1}: no blank line before the table`);
    }
    return problems;
}
