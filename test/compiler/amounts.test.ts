import { describe, expect, test } from 'vitest';
import { AmountError, formatPounds, moneyString, parseAmount } from '../../compiler/index.js';

describe('parseAmount', () => {
    test.each([
        ['2.5m', '2500000'],
        ['£2.5m', '2500000'],
        ['250k', '250000'],
        ['£1,250,000', '1250000'],
        ['60000', '60000'],
        ['£16.93', '16.93'],
        ['  £101.00 ', '101'],
        ['1.2bn', '1200000000'],
        ['-£5', '-5']
    ])('%s is %s pounds, exactly', (text, pounds) => {
        expect(parseAmount(text).toString()).toBe(pounds);
    });

    test('is exact where binary floating point is not', () => {
        expect(parseAmount('£0.1').plus(parseAmount('£0.2')).toString()).toBe('0.3');
    });

    test.each(['', 'abc', '£', '2.5x', '£1,25,000', '1,2500', '£2.5mm', '12%', '£ 5', '1e6'])('rejects %j', text => {
        expect(() => parseAmount(text)).toThrow(AmountError);
    });

    test('says how to write an amount', () => {
        expect(() => parseAmount('two million')).toThrow("'two million' is not an amount of money. Write it like 60000, £16.93, 250k, £2.5m, £1.2bn or £1,250,000.");
    });
});

describe('money output', () => {
    test('moneyString has exactly two decimals, rounded half up once', () => {
        expect(moneyString(parseAmount('28560'))).toBe('28560.00');
        expect(moneyString('2.345')).toBe('2.35');
        expect(moneyString('2.344999')).toBe('2.34');
        expect(moneyString('-0.001')).toBe('0.00');
    });

    test('formatPounds groups thousands and shows pence only when there are some', () => {
        expect(formatPounds('100000')).toBe('£100,000');
        expect(formatPounds('1250000.5')).toBe('£1,250,000.50');
        expect(formatPounds('16.93')).toBe('£16.93');
        expect(formatPounds('999')).toBe('£999');
    });
});
