import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatMoney } from '../../language/lsp/money-display.js';
import {
    AMOUNT_DIGIT_LIMITS, AmountError, amountLiteralProblem, Decimal, exactNumber, formatPounds, MONEY_LITERAL_PATTERN, moneyString, parseAmount, roundedToHundredths
} from '../../model/amounts.js';
import { evaluateCondition } from '../../model/rules/evaluate-condition.js';
import { PortalInputError } from '../../model/portal-input-error.js';

const GRAMMAR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../language/svf.langium');

/** The grammar's MONEY terminal, anchored: the strings it accepts as one token. */
function grammarMoneyPattern(): RegExp {
    const match = /^terminal MONEY: \/(.*)\/;$/m.exec(fs.readFileSync(GRAMMAR, 'utf8'));
    expect(match).not.toBeNull();
    return new RegExp(`^(?:${match![1]!})$`);
}

/** Amounts as people might write them, right or nearly right. */
const amountText = fc.tuple(
    fc.constantFrom('', '-'),
    fc.constantFrom('£', '£', ''),
    fc.oneof(
        fc.stringMatching(/^\d{1,12}$/),
        fc.stringMatching(/^\d{1,3}(,\d{3}){1,4}$/),
        fc.stringMatching(/^[\d,]{1,12}$/)
    ),
    fc.constantFrom('', '.5', '.25', '.', '.0001', '.1234567890'),
    fc.constantFrom('', 'k', 'm', 'bn', 'K', 'M', 'BN', 'Bn', 'b', 'n', 'mm', 'km')
).map(parts => parts.join(''));

describe('one money syntax', () => {
    test('the grammar and the model accept the same money literals', () => {
        const grammar = grammarMoneyPattern();
        const sameVerdict = (text: string): void => {
            expect(grammar.test(text), text).toBe(MONEY_LITERAL_PATTERN.test(text));
        };
        fc.assert(fc.property(amountText, sameVerdict), { numRuns: 2000 });
        fc.assert(fc.property(fc.stringMatching(grammar), sameVerdict), { numRuns: 500 });
        fc.assert(fc.property(fc.stringMatching(MONEY_LITERAL_PATTERN), sameVerdict), { numRuns: 500 });
        fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'£-0123456789,.kmbnKMBN x'.split('')) }), sameVerdict), { numRuns: 2000 });
    });

    test('a DSL money literal means the same on the command line, with or without £', () => {
        fc.assert(fc.property(fc.stringMatching(MONEY_LITERAL_PATTERN), literal => {
            expect(parseAmount(literal.replace('£', '')).eq(parseAmount(literal))).toBe(true);
        }), { numRuns: 300 });
    });

    test.each([['2.5M', '2.5m'], ['£250K', '£250k'], ['1.2BN', '1.2bn'], ['-£3Bn', '-£3bn']])('%s: the multiplier must be lower case', (text, lower) => {
        expect(() => parseAmount(text)).toThrow(AmountError);
        expect(() => parseAmount(text)).toThrow(`'${text}': write the multiplier in lower case: ${lower}.`);
    });

    test.each(['0x10', '1e6', 'Infinity', 'NaN', '£1,00', '£,100', '£1.', '£.5', '£ 5'])('%j is not money', text => {
        expect(() => parseAmount(text)).toThrow(AmountError);
    });
});

describe('exact money', () => {
    /** Digits within AMOUNT_DIGIT_LIMITS, and a multiplier. */
    const literal = fc.record({
        whole: fc.stringMatching(new RegExp(`^[1-9]\\d{0,${AMOUNT_DIGIT_LIMITS.beforePoint - 1}}$`)),
        fraction: fc.stringMatching(new RegExp(`^\\d{0,${AMOUNT_DIGIT_LIMITS.afterPoint}}$`)),
        multiplier: fc.constantFrom(['', 0], ['k', 3], ['m', 6], ['bn', 9]) as fc.Arbitrary<[string, number]>
    });

    test('every amount within the digit limits is parsed exactly, and the limits report nothing', () => {
        fc.assert(fc.property(literal, ({ whole, fraction, multiplier: [suffix, zeros] }) => {
            const text = `£${whole}${fraction ? `.${fraction}` : ''}${suffix}`;
            expect(amountLiteralProblem(text, 'money')).toBeUndefined();
            const scaled = parseAmount(text).times(new Decimal(10).pow(fraction.length));
            expect(scaled.toFixed()).toBe((BigInt(`${whole}${fraction}`) * 10n ** BigInt(zeros)).toString());
        }), { numRuns: 500 });
    });

    test('money strings and formatted pounds round-trip exactly', () => {
        fc.assert(fc.property(fc.stringMatching(/^-?(0|[1-9]\d{0,29})\.\d{2}$/), money => {
            const normal = moneyString(money);
            expect(parseAmount(formatPounds(money, { pence: 'always' })).eq(new Decimal(money))).toBe(true);
            expect(moneyString(parseAmount(formatPounds(money)))).toBe(normal);
            expect(formatMoney(formatPounds(money))).toBe(formatPounds(money, { pence: 'always' }));
        }), { numRuns: 500 });
    });

    test('a 25-digit amount is exact through arithmetic (decimal.js alone would round it to 20 digits)', () => {
        const amount = parseAmount('£1,234,567,890,123,456,789,012.345');
        expect(amount.times(3).dividedBy(3).toFixed()).toBe('1234567890123456789012.345');
        expect(moneyString(amount)).toBe('1234567890123456789012.35');
        expect(amount.plus('0.001').toString()).toBe('1234567890123456789012.346');
    });

    test.each([
        ['£1234567890123456789012345678901', "'£1234567890123456789012345678901' has 31 digits before the decimal point; amounts may have at most 30 (use k, m or bn for large money amounts, e.g. £2.5bn)."],
        ['£1.12345678901', "'£1.12345678901' has 11 decimals; amounts may have at most 10. Round it."],
        ['1234567.123456789%', "'1234567.123456789%' has 16 significant digits; percentages and numbers are published as JSON numbers, which keep at most 15. Round it."],
        ['£2.5bn', undefined], ['12.345%', undefined], ['36', undefined], ['£1,250,000.1234567891', undefined]
    ])('amountLiteralProblem(%j)', (text, problem) => {
        const kind = text.endsWith('%') ? 'percentage' : text.startsWith('£') ? 'money' : 'number';
        expect(amountLiteralProblem(text, kind)).toBe(problem);
    });

    test('percentages the user wrote are published as written; derived ones to hundredths', () => {
        expect(exactNumber(new Decimal('12.345'))).toBe(12.345);
        expect(exactNumber(new Decimal('-0'))).toBe(0);
        expect(roundedToHundredths(new Decimal('12.345'))).toBe(12.35);
        fc.assert(fc.property(fc.stringMatching(/^\d{1,5}(\.\d{1,10})?$/), written => {
            expect(new Decimal(exactNumber(new Decimal(written))).eq(new Decimal(written))).toBe(true);
        }));
    });
});

describe('one money formatter', () => {
    test('formatPounds shows pence when needed, or always; hovers use it through formatMoney', () => {
        expect(formatPounds('2500000')).toBe('£2,500,000');
        expect(formatPounds('2500000', { pence: 'always' })).toBe('£2,500,000.00');
        expect(formatPounds('-0.001', { pence: 'always' })).toBe('£0.00');
        expect(formatPounds('-1234.5')).toBe('-£1,234.50');
        expect(formatMoney('£2.5m')).toBe('£2,500,000.00');
        expect(formatMoney('£1.2bn')).toBe('£1,200,000,000.00');
        expect(formatMoney('£2.5M')).toBeUndefined();
        expect(formatMoney(new Decimal('12345678901234567890123.456'))).toBe('£12,345,678,901,234,567,890,123.46');
    });
});

describe('evaluateCondition on its own', () => {
    test('an unknown operator is a PortalInputError, not a rule silently not matching', () => {
        const condition = { field: 'contractValue', op: '~', value: '1.00' } as never;
        expect(() => evaluateCondition(condition, { contractValue: 1, category: 'works' })).toThrow(PortalInputError);
        expect(() => evaluateCondition(condition, { contractValue: 1, category: 'works' })).toThrow('/op: "~" is not a comparison; use one of <, <=, >, >=, = or !=.');
    });
});
