import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { Document, Measure, Rule, ValueComparison, AndCondition, OrCondition } from '../../language/generated/ast.js';
import { createSvfServices } from '../../language/svf-module.js';

const { Svf } = createSvfServices(EmptyFileSystem);
const parse = parseHelper<Document>(Svf);

describe('parsing', () => {
    test('a framework header with every property', async () => {
        const document = await parse(`
            framework orbis.base "Orbis Social Value Framework" {
                version 2.1.0
                currency GBP
                priceYear 2024
                publisher "Orbis Procurement"
                status published
                description "Shared by three councils"
            }`);
        expect(document.parseResult.parserErrors).toEqual([]);
        const header = document.parseResult.value.header!;
        expect(header.name).toBe('orbis.base');
        expect(header.title).toBe('Orbis Social Value Framework');
        expect(header.properties.map(p => p.$type)).toEqual([
            'VersionProperty', 'CurrencyProperty', 'PriceYearProperty', 'PublisherProperty', 'StatusProperty', 'DescriptionProperty'
        ]);
    });

    test('money with thousands separators and k/m suffixes, percentages and sub-coded measures', async () => {
        const document = await parse(`
            unit FTE "no. people FTE"
            proxy localJob = £28,560 per FTE { deadweight 12.5% dropOff 20% }
            theme jobs { outcome local { measure ECC1c { unit FTE proxy localJob ask "?" minimum 0 maximum 1,000 } } }
        `.replace('1,000', '1000'));
        expect(document.parseResult.parserErrors).toEqual([]);
        const root = document.parseResult.value;
        const proxy = root.elements[1];
        expect(proxy.$type).toBe('ProxyDeclaration');
        expect((proxy as { value: string }).value).toBe('£28,560');
        const measure = (root.elements[2] as { outcomes: Array<{ measures: Measure[] }> }).outcomes[0].measures[0];
        expect(measure.name).toBe('ECC1c');
    });

    test('rule conditions parse with and binding tighter than or, and parentheses', async () => {
        const document = await parse(`
            rule r1 when contractValue >= £5m and category is works or flag { no ask }
            rule r2 when contractValue >= £5m and (category in goods, services or lotted) { weighting 20% }
            rule r3 when not durationMonths < 12 { kpis 3 }
            rule r4 when contractValue from £1m to £5m { weighting 10% }
            rule everythingElse { select at most 6 measures }
        `);
        expect(document.parseResult.parserErrors).toEqual([]);
        const rules = document.parseResult.value.elements as Rule[];
        const r1 = rules[0].condition as OrCondition;
        expect(r1.$type).toBe('OrCondition');
        expect(r1.left.$type).toBe('AndCondition');
        const r2 = rules[1].condition as AndCondition;
        expect(r2.$type).toBe('AndCondition');
        // The amount's kind is in the tree: a MoneyAmount, not text to re-read.
        expect((r2.left as ValueComparison).value).toMatchObject({ $type: 'MoneyAmount', money: '£5m' });
        expect(r2.right.$type).toBe('OrCondition');
        expect(rules[2].condition?.$type).toBe('NotCondition');
        expect(rules[3].condition?.$type).toBe('ValueBand');
        expect(rules[4].condition).toBeUndefined();
    });

    test('comments of both kinds are ignored', async () => {
        const document = await parse(`
            // a line comment
            /* a block
               comment */
            unit week "no. weeks" // trailing
        `);
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(document.parseResult.value.elements).toHaveLength(1);
    });
});
