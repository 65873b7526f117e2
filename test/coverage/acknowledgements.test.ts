import { describe, expect, test } from 'vitest';
import { IssueCodes } from '../../model/issue-codes.js';
import { validateSources, type SvfDiagnostic } from '../helpers/validate.js';
import { GAP, GAP_FRAMEWORK } from './gap-framework.js';

const HEADER = GAP_FRAMEWORK;

async function diagnosticsOf(extra: string, files: Record<string, string> = {}): Promise<SvfDiagnostic[]> {
    const diagnostics = await validateSources({ 'framework.svf': HEADER + extra, ...files });
    return Object.values(diagnostics).flat();
}

/** 1-based line and column of `needle` in the entry file. */
function at(extra: string, needle: string): { line: number; column: number } {
    const text = HEADER + extra;
    const before = text.slice(0, text.indexOf(needle)).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
}

const shape = (diagnostic: SvfDiagnostic) => ({ code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, line: diagnostic.line, column: diagnostic.column });

describe('a gap is one region in words, with a subject to acknowledge it by', () => {
    test('without an acknowledgement the gap is reported', async () => {
        expect((await diagnosticsOf('')).map(shape)).toEqual([{
            code: IssueCodes.RuleGap, severity: 'warning',
            message: `${GAP} match no rule. Add a rule for them, or a final rule without \`when\` to catch everything else.`,
            line: 1, column: 11
        }]);
    });

    test('acknowledged with its region and a reason, it is no longer reported, and nothing else is', async () => {
        expect(await diagnosticsOf(`acknowledge "rule/gap" for "${GAP}" because "City Deal works are procured by the combined authority"\n`)).toEqual([]);
    });

    test('an acknowledgement without `for` covers every gap; case and spacing of the subject do not matter', async () => {
        expect(await diagnosticsOf('acknowledge "rule/gap" because "We accept every gap"\n')).toEqual([]);
        expect(await diagnosticsOf(`acknowledge "rule/gap" for "  ${GAP.toUpperCase().replace(/ /g, '  ')} " because "Deliberate"\n`)).toEqual([]);
    });

    test('an unreachable rule is acknowledged by its name', async () => {
        const extra = 'rule never when contractValue < £50k { weighting 1% }\nacknowledge "rule/unreachable" for "never" because "Kept for the 2027 review"\n';
        expect((await diagnosticsOf(extra)).map(diagnostic => diagnostic.code)).toEqual([IssueCodes.RuleGap]);
    });

    test('a file warning (a proxy without a source) is acknowledged by the name of its declaration', async () => {
        const proxy = 'unit hours "no. hours"\nproxy volunteering "Volunteering hour" = £16.93 per hours { priceYear 2024 }\n';
        expect((await diagnosticsOf(proxy)).map(diagnostic => diagnostic.code).sort()).toEqual([IssueCodes.ProxyMissingSource, IssueCodes.RuleGap]);
        const acknowledged = `${proxy}acknowledge "proxy/missing-source" for "volunteering" because "Our own survey, published with the framework"\n`;
        expect((await diagnosticsOf(acknowledged)).map(diagnostic => diagnostic.code)).toEqual([IssueCodes.RuleGap]);
    });
});

describe('problems with acknowledgements', () => {
    test('a code that does not exist is an error naming the nearest codes', async () => {
        const extra = `acknowledge "rule/gaps" for "${GAP}" because "Deliberate"\n`;
        expect((await diagnosticsOf(extra)).map(shape)).toEqual([
            { code: IssueCodes.RuleGap, severity: 'warning', message: expect.stringContaining(GAP), line: 1, column: 11 },
            {
                code: IssueCodes.AcknowledgeUnknownCode, severity: 'error',
                message: "'rule/gaps' is not a diagnostic code. Did you mean 'rule/gap'? Acknowledge a warning by the code `svf check` prints for it.",
                ...at(extra, 'acknowledge')
            }
        ]);
    });

    test('a code with no near match lists the warnings of its area', async () => {
        const extra = 'acknowledge "rule/overlapping" because "Deliberate"\n';
        expect((await diagnosticsOf(extra)).find(diagnostic => diagnostic.code === IssueCodes.AcknowledgeUnknownCode)!.message)
            .toBe("'rule/overlapping' is not a diagnostic code. The rule warnings are 'rule/unreachable', 'rule/gap', 'rule/measure-not-relevant' and 'rule/conflicting-effects'. Acknowledge a warning by the code `svf check` prints for it.");
    });

    test('an error cannot be acknowledged', async () => {
        const extra = 'acknowledge "rule/band-minimum-above-maximum" because "Deliberate"\n';
        expect((await diagnosticsOf(extra)).filter(diagnostic => diagnostic.code.startsWith('acknowledge/')).map(shape)).toEqual([{
            code: IssueCodes.AcknowledgeNotAWarning, severity: 'error',
            message: "'rule/band-minimum-above-maximum' is an error, and only warnings can be acknowledged: fix what it reports instead, and remove this acknowledgement.",
            ...at(extra, 'acknowledge')
        }]);
    });

    test('an acknowledgement without a reason is an error (and still acknowledges)', async () => {
        const extra = `acknowledge "rule/gap" for "${GAP}"\n`;
        expect((await diagnosticsOf(extra)).map(shape)).toEqual([{
            code: IssueCodes.AcknowledgeMissingReason, severity: 'error',
            message: "The acknowledgement of 'rule/gap' gives no reason. Add `because \"...\"` saying why the warning is accepted, so readers know it is deliberate.",
            ...at(extra, 'acknowledge')
        }]);
    });

    test('an acknowledgement that matches nothing is a warning to remove it, naming what is reported', async () => {
        const extra = 'acknowledge "rule/gap" for "works contracts under £100,000" because "Deliberate"\n';
        expect((await diagnosticsOf(extra)).map(shape)).toEqual([
            { code: IssueCodes.RuleGap, severity: 'warning', message: expect.stringContaining(GAP), line: 1, column: 11 },
            {
                code: IssueCodes.AcknowledgeUnused, severity: 'warning',
                message: `Nothing to acknowledge: no 'rule/gap' warning about "works contracts under £100,000" is reported. The 'rule/gap' warnings reported are about "${GAP}". Remove this acknowledgement.`,
                ...at(extra, 'acknowledge')
            }
        ]);
    });

    test('an acknowledgement of a warning the framework no longer has is unused', async () => {
        const extra = 'rule rest { weighting 5% }\nacknowledge "rule/unreachable" for "rest" because "Deliberate"\n';
        expect((await diagnosticsOf(extra)).map(shape)).toEqual([{
            code: IssueCodes.AcknowledgeUnused, severity: 'warning',
            message: "Nothing to acknowledge: no 'rule/unreachable' warning about \"rest\" is reported. Remove this acknowledgement.",
            ...at(extra, 'acknowledge')
        }]);
    });

    test('silent: a used acknowledgement with a known warning code and a reason', async () => {
        expect((await diagnosticsOf(`acknowledge "rule/gap" for "${GAP}" because "Deliberate"\n`)).filter(diagnostic => diagnostic.code.startsWith('acknowledge/'))).toEqual([]);
    });

    test('an acknowledgement in an imported file applies to the framework that imports it', async () => {
        const diagnostics = await validateSources({
            'framework.svf': `import "accepted.svf"\n${HEADER}`,
            'accepted.svf': `acknowledge "rule/gap" for "${GAP}" because "Deliberate"\n`
        });
        expect(Object.values(diagnostics).flat()).toEqual([]);
    });
});
