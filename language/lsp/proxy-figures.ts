import { Decimal } from 'decimal.js';
import { parseAmount, parsePercentage } from '../../compiler/amounts.js';
import type { FinancialProxy } from '../../compiler/model.js';
import {
    isAdjustmentProperty, isInlineProxy, isMeasureUnitProperty, isProxyPriceYearProperty, isSourceProperty,
    type InlineProxy, type ProxyDeclaration, type Unit
} from '../generated/ast.js';
import { formatMoney } from './money-display.js';

/** A proxy's figures as the compiler's model has them, plus its unit's declaration for display. */
export interface ProxyFigures extends FinancialProxy {
    unitDeclaration: Unit | undefined;
    /** Written inside a measure (`proxy £16.93 { ... }`) rather than declared by name. */
    inline: boolean;
}

const ADJUSTMENTS = ['deadweight', 'attribution', 'displacement'] as const;

/**
 * The exact figures of a proxy declaration or an inline proxy. Values that do not parse
 * (the validator reports them) count as zero so a hover never fails.
 */
export function proxyFigures(proxy: ProxyDeclaration | InlineProxy): ProxyFigures {
    const measure = isInlineProxy(proxy) ? proxy.$container.$container : undefined;
    const unitDeclaration = isInlineProxy(proxy)
        ? measure?.properties.find(isMeasureUnitProperty)?.unit.ref
        : proxy.unit.ref;
    const adjustment = (kind: string) => {
        const written = proxy.properties.find(p => isAdjustmentProperty(p) && p.kind === kind);
        return written && isAdjustmentProperty(written) ? orZero(() => parsePercentage(written.value)) : new Decimal(0);
    };
    const value = orZero(() => parseAmount(proxy.value));
    const [deadweight, attribution, displacement] = ADJUSTMENTS.map(adjustment) as [Decimal, Decimal, Decimal];
    const priceYear = proxy.properties.find(isProxyPriceYearProperty)?.value;
    return {
        id: isInlineProxy(proxy) ? `${measure?.name ?? ''}-proxy` : proxy.name,
        title: isInlineProxy(proxy) ? null : proxy.title ?? null,
        unit: unitDeclaration?.name ?? '',
        value,
        source: proxy.properties.find(isSourceProperty)?.value ?? null,
        priceYear: priceYear === undefined ? null : Number(priceYear),
        deadweight,
        attribution,
        displacement,
        dropOff: adjustment('dropOff'),
        netValuePerUnit: [deadweight, attribution, displacement]
            .reduce((net, share) => net.times(new Decimal(1).minus(share.dividedBy(100))), value),
        unitDeclaration,
        inline: isInlineProxy(proxy)
    };
}

/** A proxy for a hover: a heading naming it, and paragraphs with its figures and source. */
export function describeProxy(figures: ProxyFigures): { name: string; details: string[] } {
    const name = figures.inline
        ? 'written in this measure'
        : `\`${figures.id}\`${figures.title ? ` (${figures.title})` : ''}`;
    const unit = figures.unitDeclaration ? `${figures.unitDeclaration.name} (${figures.unitDeclaration.label})` : 'unit';
    const details = [`Value: ${money(figures.value)} per ${unit}${figures.priceYear === null ? '' : `, ${figures.priceYear} prices`}`];
    const applied = ADJUSTMENTS.filter(kind => !figures[kind].isZero());
    const net = `**${money(figures.netValuePerUnit)}**${exactIfRounded(figures.netValuePerUnit)}`;
    details.push(applied.length === 0
        ? `Net value per unit: ${net} (no deadweight, attribution or displacement declared)`
        : `Net value per unit: ${net} = ${money(figures.value)} ${applied.map(kind => `× (1 − ${figures[kind].toString()}% ${kind})`).join(' ')}`);
    if (!figures.dropOff.isZero()) {
        details.push(`Drop-off: ${figures.dropOff.toString()}% a year (reduces value over the years of a commitment; not applied per unit)`);
    }
    details.push(figures.source ? `Source: ${figures.source}` : 'Source: none given; a proxy should cite the published source of its value.');
    return { name, details };
}

function money(amount: Decimal): string {
    return formatMoney(amount) ?? amount.toString();
}

/** `(exactly £15.237)` when rounding to pence changed the figure. */
function exactIfRounded(amount: Decimal): string {
    return amount.decimalPlaces() > 2 ? ` (exactly £${amount.toFixed()})` : '';
}

function orZero(parse: () => Decimal): Decimal {
    try {
        return parse();
    } catch {
        return new Decimal(0);
    }
}
