import { describe, expect, test } from 'vitest';
import { longestContract } from '../../model/checks/time-checks.js';
import type { RuleCondition } from '../../model/rules/rule-types.js';
import { validateSources, type SvfDiagnostic } from '../helpers/validate.js';
import { TIME_FRAMEWORK } from './time-fixture.js';

const WITHOUT_POLICIES = TIME_FRAMEWORK.replace('    outlasting measures exclude\n', '').replace('    outlasting measures scale\n', '');

async function diagnosticsOf(source: string, code: string): Promise<SvfDiagnostic[]> {
    const diagnostics = await validateSources({ 'framework.svf': source });
    return diagnostics['framework.svf']!.filter(diagnostic => diagnostic.code === code);
}

/** The text a diagnostic's range covers. */
function covered(source: string, diagnostic: SvfDiagnostic): string {
    const lines = source.split('\n');
    expect(diagnostic.range.start.line).toBe(diagnostic.range.end.line);
    return lines[diagnostic.range.start.line]!.slice(diagnostic.range.start.character, diagnostic.range.end.character);
}

describe('measure/outlasts-contract', () => {
    test('fires where a rule for contracts under 6 months sets a minimum for a 52-week measure, with no policy in force', async () => {
        const found = await diagnosticsOf(WITHOUT_POLICIES, 'measure/outlasts-contract');
        const short = found.find(diagnostic => diagnostic.message.startsWith("Rule 'short'"))!;
        expect(short.severity).toBe('warning');
        expect(short.message).toBe("Rule 'short' sets a minimum commitment for measure 'NT3', but that measure takes 52 weeks (12 months) to deliver (its horizon) and the rule only applies to contracts shorter than 6 months, so suppliers would be asked for more than the contract lasts. Add `outlasting measures exclude` (or `scale`) to the rule or to the evaluation, or leave the measure out of this rule.");
        expect(covered(WITHOUT_POLICIES, short)).toBe('NT3');
        expect(WITHOUT_POLICIES.split('\n')[short.range.start.line]).toContain('minimum NT3 10');
    });

    test('a horizon as long as the longest contract a `<` rule matches still outlasts it: under 12 months vs 1 year', async () => {
        const found = await diagnosticsOf(WITHOUT_POLICIES, 'measure/outlasts-contract');
        expect(found.filter(diagnostic => diagnostic.message.startsWith("Rule 'scaled'")).map(diagnostic => diagnostic.message.match(/measure '(\w+)'/)![1])).toEqual(['NT3', 'NT1']);
    });

    test("silent when the evaluation states a policy", async () => {
        expect(await diagnosticsOf(TIME_FRAMEWORK.replace('    outlasting measures scale\n', ''), 'measure/outlasts-contract')).toEqual([]);
    });

    test("silent for a rule that states its own policy", async () => {
        const found = await diagnosticsOf(TIME_FRAMEWORK.replace('    outlasting measures exclude\n', ''), 'measure/outlasts-contract');
        expect(found.map(diagnostic => diagnostic.message.slice(0, 13))).toEqual(["Rule 'short' "]);
    });

    test('silent when the longest contract the rule matches is as long as the horizon (`<= 12` and 1 year)', async () => {
        const source = WITHOUT_POLICIES.replace('when durationMonths < 6 {', 'when durationMonths >= 12 {').replace('when durationMonths < 12 {', 'when durationMonths <= 12 {');
        expect(await diagnosticsOf(source, 'measure/outlasts-contract')).toEqual([]);
    });

    test('silent for rules that do not limit the duration, and for rules that do not ask the measure', async () => {
        const source = WITHOUT_POLICIES.replace('    minimum NT3 10\n', '    minimum LS1 100\n').replace(/rule scaled[\s\S]*?(?=rule yearly)/, '');
        expect(await diagnosticsOf(source, 'measure/outlasts-contract')).toEqual([]);
    });

    test('including the theme or requiring measures from it asks its measures too', async () => {
        const source = `${WITHOUT_POLICIES.replace(/rule short[\s\S]*?(?=rule yearly)/, '')}
rule tiny "Tiny" when durationMonths from 1 to 3 or (durationMonths = 3 and contractValue < £10k) {
    include themes jobs
}
rule small "Small" when not (durationMonths > 5) {
    require 1 from jobs
}
`;
        const found = await diagnosticsOf(source, 'measure/outlasts-contract');
        expect(found.map(diagnostic => diagnostic.message.slice(0, diagnostic.message.indexOf(', but')))).toEqual([
            "Rule 'tiny' includes theme 'jobs' with its measure 'NT1'",
            "Rule 'tiny' includes theme 'jobs' with its measure 'NT3'",
            "Rule 'small' requires 1 measure from theme 'jobs', which has measure 'NT1'",
            "Rule 'small' requires 1 measure from theme 'jobs', which has measure 'NT3'"
        ]);
        expect(found[0]!.message).toContain('the rule only applies to contracts of at most 3 months');
        expect(found.find(diagnostic => diagnostic.message.startsWith("Rule 'small'"))!.message).toContain('contracts of at most 5 months');
    });
});

describe('acknowledging it', () => {
    test('`acknowledge "measure/outlasts-contract" for "NT3"` with a reason silences it for that measure only', async () => {
        const source = `${WITHOUT_POLICIES}\nacknowledge "measure/outlasts-contract" for "NT3" because "Apprenticeships are pooled across contracts"\n`;
        const found = await diagnosticsOf(source, 'measure/outlasts-contract');
        expect(found.map(diagnostic => diagnostic.message.match(/measure '(\w+)'/)![1])).toEqual(['NT1']);
    });
});

describe('the longest contract a condition matches', () => {
    const duration = (op: '<' | '<=' | '>' | '>=' | '=' | '!=', value: number): RuleCondition => ({ field: 'durationMonths', op, value });
    const value: RuleCondition = { field: 'contractValue', op: '>=', value: '1000000.00' };

    test.each<[string, RuleCondition | null, ReturnType<typeof longestContract>]>([
        ['no condition', null, 'unbounded'],
        ['< 6', duration('<', 6), { months: expect.anything(), inclusive: false } as never],
        ['<= 6', duration('<=', 6), { months: expect.anything(), inclusive: true } as never],
        ['>= 6', duration('>=', 6), 'unbounded'],
        ['= 6', duration('=', 6), { months: expect.anything(), inclusive: true } as never],
        ['!= 6', duration('!=', 6), 'unbounded'],
        ['a value condition only', value, 'unbounded'],
        ['< 6 and a value condition', { all: [duration('<', 6), value] }, { months: expect.anything(), inclusive: false } as never],
        ['< 6 or a value condition', { any: [duration('<', 6), value] }, 'unbounded'],
        ['not >= 6', { not: duration('>=', 6) }, { months: expect.anything(), inclusive: false } as never],
        ['from 3 to 9', { field: 'durationMonths', from: 3, to: 9 }, { months: expect.anything(), inclusive: false } as never],
        ['from 3, no upper end', { field: 'durationMonths', from: 3, to: null }, 'unbounded'],
        ['< 3 and > 6: never', { all: [duration('<', 3), duration('>', 6)] }, 'none']
    ])('%s', (_name, condition, expected) => {
        expect(longestContract(condition)).toEqual(expected);
    });

    test('the months are the threshold', () => {
        const months = (condition: RuleCondition) => {
            const longest = longestContract(condition);
            return typeof longest === 'string' ? longest : `${longest.inclusive ? '<=' : '<'} ${longest.months.toString()}`;
        };
        expect(months(duration('<', 6))).toBe('< 6');
        expect(months({ any: [duration('<', 6), { all: [duration('<=', 18), value] }] })).toBe('<= 18');
        expect(months({ field: 'durationMonths', from: 3, to: 9 })).toBe('< 9');
        expect(months({ not: { any: [duration('<', 2), duration('>', 4)] } })).toBe('<= 4');
        expect(months(duration('<', 0.5))).toBe('< 0.5');
    });
});

describe('measure/invalid-horizon', () => {
    test('a horizon of 0 is an error on the horizon', async () => {
        const source = TIME_FRAMEWORK.replace('horizon 1 year', 'horizon 0 months');
        const found = await diagnosticsOf(source, 'measure/invalid-horizon');
        expect(found).toHaveLength(1);
        expect(found[0]!.severity).toBe('error');
        expect(found[0]!.message).toBe("Measure 'NT1' has a horizon of 0 months: a horizon is how long one unit takes to deliver, so it must be more than 0. Write e.g. `horizon 52 weeks`, or remove it.");
        expect(covered(source, found[0]!)).toBe('horizon 0 months');
    });

    test('a negative horizon is an error too', async () => {
        const found = await diagnosticsOf(TIME_FRAMEWORK.replace('horizon 1 year', 'horizon -1 year'), 'measure/invalid-horizon');
        expect(found.map(diagnostic => diagnostic.message)).toEqual(["Measure 'NT1' has a horizon of -1 year (-12 months): a horizon is how long one unit takes to deliver, so it must be more than 0. Write e.g. `horizon 52 weeks`, or remove it."]);
    });

    test('weeks are whole', async () => {
        const found = await diagnosticsOf(TIME_FRAMEWORK.replace('horizon 52 weeks', 'horizon 2.5 weeks'), 'measure/invalid-horizon');
        expect(found.map(diagnostic => diagnostic.message)).toEqual(["Measure 'NT3' has a horizon of 2.5 weeks (0.58 months): weeks are counted whole. Write `horizon 2 weeks` or `horizon 3 weeks`, or give it in months."]);
    });

    test('silent for whole weeks, months and years, and for a year and a half', async () => {
        expect(await diagnosticsOf(TIME_FRAMEWORK, 'measure/invalid-horizon')).toEqual([]);
        expect(await diagnosticsOf(TIME_FRAMEWORK.replace('horizon 1 year', 'horizon 1.5 years'), 'measure/invalid-horizon')).toEqual([]);
    });

    test('the time fixture has no other errors or warnings', async () => {
        const diagnostics = await validateSources({ 'framework.svf': TIME_FRAMEWORK });
        expect(diagnostics['framework.svf']!.filter(diagnostic => diagnostic.severity === 'error' || diagnostic.severity === 'warning')).toEqual([]);
    });
});
