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
import { analyseRuleCoverage, contractCellSpace, forEachCell, regionContains } from '../../model/rules/rule-coverage.js';
import type { RuleCondition } from '../../model/rules/rule-types.js';
import { RULE_DECLARATIONS, rulesArbitrary } from '../helpers/rule-arbitraries.js';

const parse = parseHelper<Document>(createSvfServices(EmptyFileSystem).Svf);

const DECLARATIONS = RULE_DECLARATIONS;
const rules = rulesArbitrary({ extraAmounts: ['2500000.50'], withoutCondition: false, maxRules: 5 });

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
