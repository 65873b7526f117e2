import { describe, expect, test } from 'vitest';
import { IssueCodes } from '../../language/validation/issue-codes.js';
import { validateSources, type SvfDiagnostic } from '../helpers/validate.js';

/** A clean framework with three measures: NT1 (any category), NT2 (works), S1 (goods, services). */
const FRAMEWORK = `framework test "Rule checks" {
    version 1.0.0
}

unit FTE "no. people FTE"
unit weeks "no. weeks"

theme jobs "Jobs" {
    outcome employment "Employment" {
        measure NT1 "Local hires" { unit FTE proxy £100 { source "Illustrative" } ask "How many?" }
        measure NT2 "Apprentices" { unit weeks proxy £50 { source "Illustrative" } ask "How many weeks?" categories works }
    }
}

theme social "Social" {
    outcome community "Community" {
        measure S1 "Volunteering" { unit FTE proxy £10 { source "Illustrative" } ask "How many?" categories goods, services }
    }
}

evaluation { weighting 10% }
`;

const CATCH_ALL = '\nrule otherwise "Everything else" { weighting 10% }\n';

/** The rule diagnostics of the entry file (framework.svf) for these rules. */
async function ruleDiagnostics(rules: string, file = 'framework.svf', extra: Record<string, string> = {}): Promise<SvfDiagnostic[]> {
    const diagnostics = await validateSources({ 'framework.svf': FRAMEWORK + rules, ...extra });
    const all = Object.values(diagnostics).flat();
    // The fixture itself must stay clean apart from what a test provokes.
    expect(all.filter(diagnostic => !diagnostic.code.startsWith('rule/'))).toEqual([]);
    return diagnostics[file]!.filter(diagnostic => diagnostic.code.startsWith('rule/'));
}

/** 1-based line and column of `needle` within the rules appended to the entry file. */
function at(rules: string, needle: string) {
    const index = rules.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not found`);
    const before = (FRAMEWORK + rules.slice(0, index)).split('\n');
    const column = before[before.length - 1]!.length + 1;
    return { line: before.length, column, endColumn: column + needle.length };
}

const shape = (diagnostic: SvfDiagnostic) => ({
    code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message,
    line: diagnostic.line, column: diagnostic.column, endColumn: diagnostic.endColumn
});

describe('unreachable rules', () => {
    const rules = `
rule small when contractValue < £1m { weighting 5% }
rule big when contractValue >= £1m { weighting 10% }
rule worksRule when category is works { weighting 20% }
`;
    test('a rule whose contracts earlier rules all take is reported on its name', async () => {
        expect((await ruleDiagnostics(rules)).map(shape)).toEqual([{
            code: IssueCodes.RuleUnreachable, severity: 'warning',
            message: "Rule 'worksRule' can never apply: earlier rules 'small' and 'big' already match every contract it matches. Move it above them or remove it.",
            ...at(rules, 'worksRule')
        }]);
    });

    test('silent once it is tried first', async () => {
        const reordered = `
rule worksRule when category is works { weighting 20% }
rule small when contractValue < £1m { weighting 5% }
rule big when contractValue >= £1m { weighting 10% }
`;
        expect(await ruleDiagnostics(reordered)).toEqual([]);
    });

    test('a condition no contract satisfies', async () => {
        const never = `${CATCH_ALL}rule never when contractValue < £10 and contractValue > £20 { weighting 5% }\n`;
        const [diagnostic] = await ruleDiagnostics(never);
        expect(diagnostic!.message).toBe("Rule 'never' can never apply: no contract satisfies its condition. Correct the condition or remove the rule.");
        expect(diagnostic!.code).toBe(IssueCodes.RuleUnreachable);
    });

    test("an imported file's rule shadowed by the entry file's is reported in its own file, naming where the earlier rule is", async () => {
        const imported = 'import "themes.svf"\nrule light when contractValue < £100k { weighting 5% }\n';
        const entryRules = `${CATCH_ALL}`;
        const diagnostics = await validateSources({
            'framework.svf': `import "rules.svf"\n${FRAMEWORK}${entryRules}`,
            'rules.svf': imported,
            'themes.svf': ''
        });
        expect(diagnostics['rules.svf']!.map(shape)).toEqual([{
            code: IssueCodes.RuleUnreachable, severity: 'warning',
            message: "Rule 'light' can never apply: earlier rule 'otherwise' (framework.svf) already matches every contract it matches. Move it above 'otherwise' or remove it.",
            line: 2, column: 6, endColumn: 11
        }]);
    });

    test('a rules file shared by two frameworks names the framework where the rule cannot apply', async () => {
        const shared = 'rule light when contractValue < £100k { weighting 5% }\nrule rest { weighting 10% }\n';
        const diagnostics = await validateSources({
            'base.svf': `import "rules.svf"\nframework base { version 1.0.0 }\nevaluation { weighting 10% }\n`,
            'council.svf': `import "rules.svf"\nframework council { version 1.0.0 }\nevaluation { weighting 10% }\nrule everything { weighting 20% }\n`,
            'rules.svf': shared
        });
        expect(diagnostics['rules.svf']!.map(diagnostic => diagnostic.message)).toEqual([
            "Rule 'light' can never apply in framework 'council': earlier rule 'everything' (council.svf) already matches every contract it matches. Move it above 'everything' or remove it.",
            "Rule 'rest' can never apply in framework 'council': earlier rule 'everything' (council.svf) already matches every contract it matches. Move it above 'everything' or remove it."
        ]);
        expect(diagnostics['base.svf']!.filter(diagnostic => diagnostic.code.startsWith('rule/'))).toEqual([]);
    });
});

describe('gaps', () => {
    const rules = `
rule small when contractValue < £100k { weighting 5% }
rule big when contractValue >= £250k { weighting 10% }
rule middle when category in goods, services and contractValue from £100k to £250k { weighting 8% }
`;
    test('contracts no rule matches are reported on the framework name, one band per warning', async () => {
        expect((await ruleDiagnostics(rules)).map(shape)).toEqual([{
            code: IssueCodes.RuleGap, severity: 'warning',
            message: 'works contracts from £100,000 to under £250,000 match no rule. Add a rule for them, or a final rule without `when` to catch everything else.',
            line: 1, column: 11, endColumn: 15
        }]);
    });

    test('a band that is a gap for several categories is one warning naming them all', async () => {
        const diagnostics = await ruleDiagnostics('rule small when contractValue < £100k { no ask }\nrule big when contractValue >= £5m { weighting 20% }\n');
        expect(diagnostics.map(diagnostic => diagnostic.message)).toEqual([
            'goods, services and works contracts from £100,000 to under £5,000,000 match no rule. Add a rule for them, or a final rule without `when` to catch everything else.'
        ]);
    });

    test('silent with a final rule without `when`', async () => {
        expect(await ruleDiagnostics(rules + CATCH_ALL)).toEqual([]);
    });

    test('silent when a framework has no rules at all', async () => {
        expect(await ruleDiagnostics('')).toEqual([]);
    });
});

describe('bands and selections that contradict themselves', () => {
    test('a band whose start is not below its end is an error on its end', async () => {
        const rules = `${CATCH_ALL}rule band when contractValue from £5m to £1m { weighting 5% }\n`;
        const diagnostics = (await ruleDiagnostics(rules)).filter(diagnostic => diagnostic.code === IssueCodes.RuleBandMinimumAboveMaximum);
        expect(diagnostics.map(shape)).toEqual([{
            code: IssueCodes.RuleBandMinimumAboveMaximum, severity: 'error',
            message: 'The band `contractValue from £5m to £1m` matches no contract: `from` includes £5,000,000 and `to` excludes £1,000,000, so the first must be below the second. Swap them or correct one.',
            ...at(rules, '£1m')
        }]);
    });

    test('a band from £1m to £5m is fine', async () => {
        expect(await ruleDiagnostics(`rule band when contractValue from £1m to £5m { weighting 5% }${CATCH_ALL}`)).toEqual([]);
    });

    test('`select 6 to 3 measures` is an error on its minimum', async () => {
        const rules = `rule pick { select 6 to 3 measures }\n`;
        const diagnostics = (await ruleDiagnostics(rules)).filter(diagnostic => diagnostic.code === IssueCodes.RuleSelectMinimumAboveMaximum);
        expect(diagnostics.map(shape)).toEqual([{
            code: IssueCodes.RuleSelectMinimumAboveMaximum, severity: 'error',
            message: '`select 6 to 3 measures` asks for at least 6 but at most 3 measures. Make the first number no larger than the second.',
            ...at(rules, '6')
        }]);
    });

    test('`select 1 to 3 measures` is fine', async () => {
        expect(await ruleDiagnostics('rule pick { select 1 to 3 measures }\n')).toEqual([]);
    });
});

describe('measures a rule cannot use', () => {
    test('including a works-only measure in a goods-only rule is a warning on the reference', async () => {
        const rules = `rule goodsOnly when category is goods { include measures NT1, NT2 }${CATCH_ALL}`;
        expect((await ruleDiagnostics(rules)).map(shape)).toEqual([{
            code: IssueCodes.RuleMeasureNotRelevant, severity: 'warning',
            message: "Measure 'NT2' is only asked of works contracts, but rule 'goodsOnly' only applies to goods contracts, so including it has no effect. Remove it from the rule, or add goods to the measure's categories.",
            ...at(rules, 'NT2')
        }]);
    });

    test('the categories a rule applies to take earlier rules into account', async () => {
        const rules = `rule worksFirst when category is works { weighting 20% }\nrule rest { include measures NT2 }\n`;
        const [diagnostic] = await ruleDiagnostics(rules);
        expect(diagnostic!.message).toBe("Measure 'NT2' is only asked of works contracts, but rule 'rest' only applies to goods and services contracts, so including it has no effect. Remove it from the rule, or add goods or services to the measure's categories.");
    });

    test('a minimum for such a measure is reported too', async () => {
        const rules = `rule goodsOnly when category is goods { minimum NT2 1 per £1m }${CATCH_ALL}`;
        expect((await ruleDiagnostics(rules)).map(shape)).toEqual([{
            code: IssueCodes.RuleMeasureNotRelevant, severity: 'warning',
            message: "Measure 'NT2' is only asked of works contracts, but rule 'goodsOnly' only applies to goods contracts, so this minimum is never used. Remove it from the rule, or add goods to the measure's categories.",
            ...at(rules, 'NT2')
        }]);
    });

    test('silent when the rule applies to the measure\'s category', async () => {
        expect(await ruleDiagnostics(`rule worksOnly when category is works { include measures NT2 minimum NT2 1 per £1m }${CATCH_ALL}`)).toEqual([]);
    });

    test('a selection minimum above the measures available is an error naming the category and the measures', async () => {
        const rules = 'rule pick { select at least 3 measures }\n';
        expect((await ruleDiagnostics(rules)).map(shape)).toEqual([{
            code: IssueCodes.RuleMinimumMeasuresUnavailable, severity: 'error',
            message: "Rule 'pick' asks for at least 3 measures, but only 2 measures are available to goods contracts under it (NT1, S1). Lower the minimum, or include more measures.",
            ...at(rules, '3')
        }]);
    });

    test('include and exclude count: excluding a theme leaves fewer measures', async () => {
        const rules = 'rule pick { exclude themes social select at least 2 measures }\n';
        const [diagnostic] = await ruleDiagnostics(rules);
        expect(diagnostic!.message).toBe("Rule 'pick' asks for at least 2 measures, but only 1 measure is available to goods contracts under it (NT1). Lower the minimum, or include more measures.");
    });

    test('a require count above the theme\'s measures available is an error on the count', async () => {
        const rules = `rule goodsOnly when category is goods { require 2 from jobs }${CATCH_ALL}`;
        expect((await ruleDiagnostics(rules)).map(shape)).toEqual([{
            code: IssueCodes.RuleMinimumMeasuresUnavailable, severity: 'error',
            message: "Rule 'goodsOnly' requires 2 measures from theme 'jobs', but only 1 of its measures is available to goods contracts under it (NT1). Lower the count, or include more of the theme's measures.",
            ...at(rules, '2 from')
        }].map(expected => ({ ...expected, endColumn: expected.column + 1 })));
    });

    test('silent when enough measures remain', async () => {
        expect(await ruleDiagnostics(`rule worksOnly when category is works { require 2 from jobs select at least 2 measures }${CATCH_ALL}`)).toEqual([]);
    });
});

describe('conflicting effects', () => {
    test('`no ask` with other effects is a warning on `no ask`', async () => {
        const rules = `rule tiny when contractValue < £25k { no ask weighting 5% select at most 2 measures }${CATCH_ALL}`;
        expect((await ruleDiagnostics(rules)).map(shape)).toEqual([{
            code: IssueCodes.RuleConflictingEffects, severity: 'warning',
            message: "Rule 'tiny' says `no ask`, so its other effects (weighting, select) never apply. Remove them, or remove `no ask`.",
            ...at(rules, 'no ask')
        }]);
    });

    test('the same single-valued effect twice is a warning on the second', async () => {
        const rules = `rule twice { weighting 10% weighting 20% }\n`;
        expect((await ruleDiagnostics(rules)).map(shape)).toEqual([{
            code: IssueCodes.RuleConflictingEffects, severity: 'warning',
            message: "Rule 'twice' gives `weighting` more than once; only the last one applies. Keep one.",
            ...at(rules, 'weighting 20%')
        }]);
    });

    test('silent for the weightings of two different criteria; the same criterion twice is a warning', async () => {
        const withCriteria = FRAMEWORK.replace('evaluation { weighting 10% }',
            'evaluation { criterion jobs "Jobs" 5% covers themes jobs criterion social "Social" 5% covers themes social }');
        const conflicts = async (rules: string) => Object.values(await validateSources({ 'framework.svf': withCriteria + rules }))
            .flat().filter(diagnostic => diagnostic.code === IssueCodes.RuleConflictingEffects);
        expect(await conflicts(`rule both { weighting jobs 10% weighting social 15% }\n`)).toEqual([]);
        expect(await conflicts(`rule twice { weighting social 15% weighting social 20% }\n`)).toHaveLength(1);
    });

    test('silent for `no ask` alone', async () => {
        expect(await ruleDiagnostics(`rule tiny when contractValue < £25k { no ask }${CATCH_ALL}`)).toEqual([]);
    });
});

describe('numbers a rule cannot mean', () => {
    test.each([
        ['rule r when durationMonths < £12 { weighting 5% }', '£12', 'durationMonths is a number of months, not money: write 12 without the £.'],
        ['rule r { weighting 120% }', '120%', 'A weighting of 120% is impossible: it must be between 0% and 100%.'],
        ['rule r { ratio 150% }', '150%', 'A ratio of 150% is impossible: it must be between 0% and 100%.'],
        ['rule r { kpis 2.5 }', '2.5', '2.5 cannot be the number of KPIs: write a whole number of 0 or more.'],
        ['rule r { minimum NT1 1 per £0 }', '£0', '`per £0` cannot scale a minimum: the amount of contract value must be more than £0, e.g. `per £1m`.'],
        ['rule r { minimum NT1 -1 }', '-1', 'A minimum commitment of -1 is impossible: write a quantity of 0 or more.'],
        ['rule r when contractValue >= -£5 { weighting 5% }', '-£5', 'contractValue is never negative, so -£5 cannot be meant. Use a value of 0 or more.']
    ])('%s', async (rule, token, message) => {
        const rules = `${CATCH_ALL}${rule}\n`;
        const diagnostics = (await ruleDiagnostics(rules)).filter(diagnostic => diagnostic.code === IssueCodes.RuleInvalidNumber);
        expect(diagnostics.map(shape)).toEqual([{ code: IssueCodes.RuleInvalidNumber, severity: 'error', message, ...at(rules, token) }]);
    });

    test('silent for sensible numbers', async () => {
        expect(await ruleDiagnostics('rule r when durationMonths < 12 { weighting 5% ratio 10% kpis 3 minimum NT1 1 per £1m }\nrule rest { weighting 10% }\n')).toEqual([]);
    });
});

describe('rules being typed', () => {
    test.each([
        'rule r when contractValue >= { weighting 5% }',
        'rule r when contractValue from £1m to { select 1 to }',
        'rule r when { include measures }',
        'rule r when durationMonths < 12 and { require from jobs minimum per £1m kpis }',
        'rule when category is { no ask'
    ])('%s gives syntax errors only, and no rule analysis', async source => {
        const diagnostics = Object.values(await validateSources({ 'framework.svf': `${FRAMEWORK}${CATCH_ALL}${source}\n` })).flat();
        expect(diagnostics.length).toBeGreaterThan(0);
        expect(diagnostics.filter(diagnostic => diagnostic.code !== IssueCodes.SyntaxError)).toEqual([]);
    });
});

describe('minimum commitments a bid can never meet', () => {
    // NT1 answers are capped at 3 FTE.
    const capped = FRAMEWORK.replace('ask "How many?" }', 'ask "How many?" maximum 3 }');

    async function minimumDiagnostics(rules: string) {
        const diagnostics = await validateSources({ 'framework.svf': capped + rules });
        return diagnostics['framework.svf']!.filter(diagnostic => diagnostic.code === IssueCodes.RuleMinimumAboveAnswerMaximum);
    }

    test('a fixed minimum above the measure\'s maximum answer is an error on the quantity', async () => {
        const rules = `rule big { minimum NT1 5 }\n`;
        const [diagnostic, ...others] = await minimumDiagnostics(rules);
        expect(others).toEqual([]);
        const index = rules.indexOf('5');
        const lines = (capped + rules.slice(0, index)).split('\n');
        expect(shape(diagnostic!)).toEqual({
            code: IssueCodes.RuleMinimumAboveAnswerMaximum, severity: 'error',
            message: "Rule minimum of 5 for measure 'NT1' can never be met: answers to 'NT1' are limited to `maximum 3`. Lower the minimum, or raise the measure's maximum.",
            line: lines.length, column: lines[lines.length - 1]!.length + 1, endColumn: lines[lines.length - 1]!.length + 2
        });
    });

    test('silent when the minimum is within the maximum, or scaled by contract value', async () => {
        expect(await minimumDiagnostics(`rule small { minimum NT1 3 }\n`)).toEqual([]);
        expect(await minimumDiagnostics(`rule scaled { minimum NT1 5 per £1m }\n`)).toEqual([]);
    });
});
