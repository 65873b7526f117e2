/**
 * The condition the "Add a rule for ..." quick fix writes for a gap (model/rules/rule-coverage.ts,
 * regionCondition), parsed by the real parser: it matches exactly the contracts of the gap's
 * region in the gap's category, so the new rule takes no contract another rule is meant for,
 * wherever it is put.
 */
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { expect, test } from 'vitest';
import type { Document, Rule } from '../../language/generated/ast.js';
import { resolveCondition } from '../../language/resolve/resolve-framework.js';
import { createSvfServices } from '../../language/svf-module.js';
import { evaluateCondition } from '../../model/rules/evaluate-condition.js';
import { analyseRuleCoverage, contractCellSpace, forEachCell, regionContains, type CoverageDeclarations } from '../../model/rules/rule-coverage.js';
import { emptyEffects, type ProportionalityRule, type RuleCondition } from '../../model/rules/rule-types.js';

const parse = parseHelper<Document>(createSvfServices(EmptyFileSystem).Svf);

const DECLARATIONS: CoverageDeclarations = {
    categories: ['goods', 'works', 'grants'],
    choices: [{ name: 'programme', values: ['growthDeal', 'cityDeal', 'boost'] }],
    sets: [{ name: 'priorities', values: ['skills', 'housing'] }]
};

const money = fc.constantFrom('0.00', '25000.00', '100000.00', '250000.00', '1000000.00', '2500000.50', '5000000.00');
const months = fc.constantFrom(0, 6, 12, 24, 36);
const op = fc.constantFrom('<', '<=', '>', '>=', '=', '!=') as fc.Arbitrary<'<' | '<=' | '>' | '>=' | '=' | '!='>;
const leaf: fc.Arbitrary<RuleCondition> = fc.oneof(
    fc.record({ field: fc.constant('contractValue' as const), op, value: money }),
    fc.record({ field: fc.constant('annualValue' as const), op, value: money }),
    fc.record({ field: fc.constant('durationMonths' as const), op, value: months }),
    fc.record({ field: fc.constant('contractValue' as const), from: money, to: fc.option(money, { nil: null }) }),
    fc.record({ category: fc.subarray(['goods', 'works', 'grants'], { minLength: 1 }) }),
    fc.record({ fact: fc.constant('programme'), values: fc.subarray(['growthDeal', 'cityDeal', 'boost'], { minLength: 1 }) }),
    fc.record({ fact: fc.constant('priorities'), values: fc.subarray(['skills', 'housing'], { minLength: 1 }) }),
    fc.record({ flag: fc.constantFrom('lotted', 'residentialSite') })
);
const condition: fc.Arbitrary<RuleCondition | null> = fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 4, arbitrary: fc.array(leaf, { minLength: 2, maxLength: 3 }).map(all => ({ all })) },
    { weight: 2, arbitrary: fc.array(leaf, { minLength: 2, maxLength: 3 }).map(any => ({ any })) },
    { weight: 2, arbitrary: leaf.map(not => ({ not })) }
);
const rules: fc.Arbitrary<ProportionalityRule[]> = fc.array(condition, { minLength: 1, maxLength: 5 })
    .map(conditions => conditions.map((rule, index) => ({ id: `r${index}`, title: null, condition: rule, effects: emptyEffects() })));

async function parsedCondition(text: string): Promise<RuleCondition | null> {
    const document = await parse(`rule uncovered ${text ? `when ${text} ` : ''}{\n    no ask\n}\n`);
    expect(document.parseResult.parserErrors.map(error => error.message), text).toEqual([]);
    expect(document.parseResult.lexerErrors, text).toEqual([]);
    const rule = document.parseResult.value.elements[0] as Rule;
    return rule.condition ? resolveCondition(rule.condition) : null;
}

test("a gap's condition, as written by the quick fix, matches exactly the contracts of its region", async () => {
    let checked = 0;
    await fc.assert(fc.asyncProperty(rules, async generated => {
        const coverage = analyseRuleCoverage(generated, DECLARATIONS);
        const space = contractCellSpace(generated, DECLARATIONS);
        for (const gap of coverage.gaps) {
            if (gap.condition === undefined) continue;
            checked++;
            const parsed = await parsedCondition(gap.condition);
            forEachCell(space, (_index, _category, _term, profile) => {
                if (profile.category !== gap.category) return;
                expect(evaluateCondition(parsed, profile), `${gap.condition} on ${JSON.stringify(profile)}`).toBe(regionContains(space, gap.box, profile));
            });
        }
    }), { numRuns: Number(process.env.RUNS ?? 80), seed: Number(process.env.SEED ?? 20261215) });
    // Most gaps can be written as one condition.
    expect(checked).toBeGreaterThan(40);
}, 120_000);
