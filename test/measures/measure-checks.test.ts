import { describe, expect, test } from 'vitest';
import { compileFramework } from '../../compiler/index.js';
import { frameworkOf, loadSources } from '../compiler/fixture-loading.js';
import { validateSources, type SvfDiagnostic } from '../helpers/validate.js';

const HEADER = `framework demo { version 1.0.0 }
unit FTE "no. people FTE"
unit response "response" record
evaluation { weighting 10% }
`;

/** The diagnostics of a framework: HEADER, then the given lines (line 5 on), as `line:col-endLine:endCol severity code message`. */
async function diagnosticsOf(body: string): Promise<string[]> {
    const result = await validateSources({ 'f.svf': HEADER + body });
    return result['f.svf']!.map(described);
}

function described(diagnostic: SvfDiagnostic): string {
    return `${diagnostic.line}:${diagnostic.column}-${diagnostic.endLine}:${diagnostic.endColumn} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`;
}

const theme = (measures: string) => `theme jobs "Jobs" {
    outcome local "Local" {
${measures}
    }
}
`;

describe('answer kinds', () => {
    test('an answer kind with a proxy is an error on the proxy', async () => {
        expect(await diagnosticsOf(theme('        measure LW "Wage" { unit FTE proxy £10 { source "x" } answer yes or no ask "?" }'))).toEqual([
            "7:38-7:62 error measure/answer-kind-with-proxy Measure 'LW' is answered yes or no, so it has no quantity to give a £ value, but it has a proxy. Remove the proxy, or remove `answer` to ask for a number."
        ]);
    });

    test('without the proxy it is silent, and needs no proxy even in a countable unit', async () => {
        expect(await diagnosticsOf(theme('        measure LW "Wage" { unit FTE answer yes or no ask "?" }'))).toEqual([]);
        expect(await diagnosticsOf(theme('        measure PLAN "Plan" { unit response answer attachment "A timed project plan" ask "?" }'))).toEqual([]);
    });

    test('a choice with an empty, a repeated or a single option', async () => {
        expect(await diagnosticsOf(theme('        measure M "Mode" { unit response answer one of "a", "", "a" ask "?" }'))).toEqual([
            "7:61-7:63 error measure/invalid-answer-options This option is empty: a bidder could not tell what choosing it means. Write the option's text, or remove it.",
            '7:65-7:68 error measure/invalid-answer-options The option "a" is listed twice. Remove one: each option must be different.'
        ]);
        expect(await diagnosticsOf(theme('        measure M "Mode" { unit response answer one of "only" ask "?" }'))).toEqual([
            '7:56-7:62 error measure/invalid-answer-options A choice of one option ("only") is no choice. Add the other options, e.g. `answer one of "only", "..."`, or use `answer yes or no`.'
        ]);
        expect(await diagnosticsOf(theme('        measure M "Mode" { unit response answer one of "a", "b" ask "?" }'))).toEqual([]);
    });

    test('a word limit that is not a positive whole number', async () => {
        expect(await diagnosticsOf(theme('        measure T "Text" { unit response answer text 0 words ask "?" }'))).toEqual([
            '7:54-7:55 error question/invalid-word-limit The word limit 0 is not a positive whole number of words. Write it like `answer text 300 words`.'
        ]);
        expect(await diagnosticsOf(theme('        measure T "Text" { unit response answer text 2.5 words ask "?" }'))).toHaveLength(1);
        expect(await diagnosticsOf(theme('        measure T "Text" { unit response answer text 300 words ask "?" }'))).toEqual([]);
    });
});

describe('reporting metrics', () => {
    const measures = [
        '        measure NT1 "Jobs" { unit FTE proxy £10 { source "x" } ask "?" }',
        '        measure NT1R "Jobs reported" { unit FTE ask "?" after award quarterly }'
    ].join('\n');

    test('a rule setting a minimum for a reporting metric is an error on the measure\'s name', async () => {
        expect(await diagnosticsOf(theme(measures) + 'rule r "All" {\n    minimum NT1R 2\n}\n')).toEqual([
            "12:13-12:17 error measure/reporting-metric-in-rule Measure 'NT1R' is a reporting metric (`after award quarterly`): suppliers report it after award and do not commit to it in the bid, so rule 'r' cannot set a minimum for it. Remove the minimum, or remove `after award` from the measure to ask it at bid time."
        ]);
    });

    test('a minimum for a bid-time measure is silent, and a reporting metric needs no proxy', async () => {
        expect(await diagnosticsOf(theme(measures) + 'rule r "All" {\n    minimum NT1 2\n}\n')).toEqual([]);
    });

    test('a reporting metric cannot meet a require: the rule asks more than the bid can give', async () => {
        expect(await diagnosticsOf(theme(measures) + 'rule r "All" {\n    require 2 from local\n}\n')).toEqual([
            "12:13-12:14 error rule/minimum-measures-unavailable Rule 'r' requires 2 measures from outcome 'local', but only 1 of its measures is available to goods contracts under it (NT1). Lower the count, or include more of the outcome's measures."
        ]);
    });
});

describe('require N from a theme or an outcome', () => {
    const twoThemes = theme('        measure NT1 "Jobs" { unit FTE proxy £10 { source "x" } ask "?" }')
        + 'theme growth "Growth" {\n    outcome spend "Spend" {\n        measure NT2 "Spend" { unit FTE proxy £10 { source "x" } ask "?" }\n    }\n}\n';

    test('both kinds link, and compile to a theme and an outcome', async () => {
        const source = HEADER + twoThemes + 'rule r "All" {\n    require 1 from jobs\n    require 1 from spend\n}\n';
        expect((await validateSources({ 'f.svf': source }))['f.svf']).toEqual([]);
        const compiled = compileFramework(frameworkOf(await loadSources({ '/r/f.svf': source })));
        expect(compiled.questionSet.rules![0]!.effects.require).toEqual([{ theme: 'jobs', count: 1 }, { outcome: 'spend', count: 1 }]);
    });

    test('an unknown name says what require takes', async () => {
        expect(await diagnosticsOf(twoThemes + 'rule r "All" {\n    require 1 from job\n}\n')).toEqual([
            "16:20-16:23 error reference/unresolved Unknown theme or outcome 'job'. Check the spelling, declare it with `theme NAME \"title\" { ... }` or `outcome NAME \"title\" { ... }`, or import the file that declares it."
        ]);
    });

    test('an outcome with too few measures for the count is an error', async () => {
        expect(await diagnosticsOf(twoThemes + 'rule r "All" {\n    require 2 from spend\n}\n')).toEqual([
            "16:13-16:14 error rule/minimum-measures-unavailable Rule 'r' requires 2 measures from outcome 'spend', but only 1 of its measures is available to goods contracts under it (NT2). Lower the count, or include more of the outcome's measures."
        ]);
    });
});

describe('a name of another kind', () => {
    const framework = theme([
        '        measure NT1 "Jobs" { unit FTE proxy £10 { source "x" } ask "?" }',
        '        measure NT2 "More jobs" { unit FTE proxy £10 { source "x" } ask "?" }'
    ].join('\n')) + 'theme growth "Growth" { }\n';

    test('an outcome where a theme goes says what it is and how to ask its measures', async () => {
        expect(await diagnosticsOf(framework + 'rule r "All" {\n    include themes local\n}\n')).toEqual([
            "13:20-13:25 error reference/wrong-kind 'local' is an outcome, not a theme; `include themes` takes themes. Write `include measures NT1, NT2` for its measures, or name a theme: growth, jobs."
        ]);
    });

    test('a theme where a measure goes', async () => {
        expect(await diagnosticsOf(framework + 'rule r "All" {\n    exclude measures jobs\n}\n')).toEqual([
            "13:22-13:26 error reference/wrong-kind 'jobs' is a theme, not a measure; `exclude measures` takes measures. Write `exclude themes jobs` for that theme, or name a measure: NT1, NT2."
        ]);
        expect(await diagnosticsOf(framework + 'rule r "All" {\n    minimum jobs 1\n}\n')).toEqual([
            "13:13-13:17 error reference/wrong-kind 'jobs' is a theme, not a measure; `minimum` takes measures. Name a measure: NT1, NT2."
        ]);
    });

    test('a measure where require takes a theme or an outcome', async () => {
        expect(await diagnosticsOf(framework + 'rule r "All" {\n    require 1 from NT1\n}\n')).toEqual([
            "13:20-13:23 error reference/wrong-kind 'NT1' is a measure, not a theme or outcome; `require 1 from` takes themes or outcomes. Name a theme or outcome: growth, jobs, local."
        ]);
    });

    test('a unit where a proxy goes', async () => {
        expect(await diagnosticsOf(theme('        measure NT1 "Jobs" { unit FTE proxy response ask "?" }'))).toEqual([
            "7:45-7:53 error reference/wrong-kind 'response' is a unit, not a financial proxy; `proxy` takes financial proxies."
        ]);
    });

    test('a name that is nothing at all is still unknown', async () => {
        expect((await diagnosticsOf(framework + 'rule r "All" {\n    include themes nowhere\n}\n'))[0]).toMatch(/reference\/unresolved Unknown theme 'nowhere'/);
    });
});

describe('keywords as names', () => {
    test('a keyword the grammar cannot take as a name says so and suggests one', async () => {
        expect(await diagnosticsOf('unit measure "no. measures"\n')).toEqual([
            "5:6-5:13 error syntax/keyword-as-name 'measure' is a keyword; choose another name such as 'measureUnit'."
        ]);
        expect(await diagnosticsOf('theme rule "Rules" { }\n')).toEqual([
            "5:7-5:11 error syntax/keyword-as-name 'rule' is a keyword; choose another name such as 'ruleTheme'."
        ]);
    });

    test('keywords that are natural names can be names: they parse and link', async () => {
        const source = HEADER + [
            'unit week "no. weeks"',
            'proxy dropOff = £10 per week { source "Illustrative" }',
            'theme works "Works" {',
            '    outcome text "Text" {',
            '        measure words "Words" { unit week proxy dropOff ask "How many weeks?" }',
            '        measure record "Record" { unit week proxy £5 { source "x" } ask "?" codes works, text tags year }',
            '    }',
            '}',
            'rule r "All" {',
            '    include measures words, record',
            '    require 1 from text',
            '    require 1 from works',
            '    minimum words 1',
            '}'
        ].join('\n') + '\n';
        expect((await validateSources({ 'f.svf': source }))['f.svf']).toEqual([]);
        const compiled = compileFramework(frameworkOf(await loadSources({ '/k/f.svf': source })));
        expect(compiled.questionSet.questions.map(question => [question.id, question.theme, question.outcome, question.unit?.id])).toEqual([
            ['words', 'works', 'text', 'week'], ['record', 'works', 'text', 'week']
        ]);
        expect(compiled.rubric.quantitative.measures[0]!.proxy?.id).toBe('dropOff');
        expect(compiled.questionSet.questions[1]).toMatchObject({ codes: ['works', 'text'], tags: ['year'] });
        expect(compiled.questionSet.rules![0]!.effects).toMatchObject({ require: [{ outcome: 'text', count: 1 }, { theme: 'works', count: 1 }], minimumCommitments: [{ measure: 'words' }] });
    });
});
