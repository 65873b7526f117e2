import { measureUnitPropertyOf } from '../ast-containers.js';
import type { Decimal } from '../../model/amounts.js';
import type { FinancialProxy } from '../../model/framework.js';
import { resolveProxy } from '../resolve/resolve-framework.js';
import { isInlineProxy, type InlineProxy, type ProxyDeclaration, type Unit } from '../generated/ast.js';
import { formatMoney } from './money-display.js';

/** A proxy's figures as the compiler's model has them, plus its unit's declaration for display. */
export interface ProxyFigures extends FinancialProxy {
    unitDeclaration: Unit | undefined;
    /** Written inside a measure (`proxy £16.93 { ... }`) rather than declared by name. */
    inline: boolean;
}

const ADJUSTMENTS = ['deadweight', 'attribution', 'displacement'] as const;

/**
 * The exact figures of a proxy declaration or an inline proxy, worked out by the compiler
 * (so a hover shows what `svf compile` emits), or undefined while the proxy has errors
 * the validator reports (a value or unit that does not resolve).
 */
export function proxyFigures(proxy: ProxyDeclaration | InlineProxy): ProxyFigures | undefined {
    let figures: FinancialProxy;
    try {
        figures = resolveProxy(proxy);
    } catch {
        return undefined;
    }
    const unitDeclaration = isInlineProxy(proxy)
        ? measureUnitPropertyOf(proxy.$container.$container)?.unit?.ref
        : proxy.unit?.ref;
    return { ...figures, unitDeclaration, inline: isInlineProxy(proxy) };
}

/** A proxy for a hover: a heading naming it, and paragraphs with its figures and source. */
export function describeProxy(proxy: ProxyDeclaration | InlineProxy): { name: string; details: string[] } {
    const name = isInlineProxy(proxy)
        ? 'written in this measure'
        : `\`${proxy.name}\`${proxy.title ? ` (${proxy.title})` : ''}`;
    const figures = proxyFigures(proxy);
    if (!figures) {
        return { name, details: ['Its value in £ cannot be worked out until the problems reported on it are fixed.'] };
    }
    const unit = figures.unitDeclaration ? `${figures.unitDeclaration.name} (${figures.unitDeclaration.label})` : 'unit';
    const details = describeFigures(figures, unit);
    return { name, details };
}

/**
 * A proxy's figures as paragraphs: value per unit and price year, the net value per unit
 * with the SROI arithmetic, drop-off and source. `unit` is the unit as shown (`fte (no. people FTE)`).
 */
export function describeFigures(figures: FinancialProxy, unit: string): string[] {
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
    return details;
}

function money(amount: Decimal): string {
    return formatMoney(amount) ?? amount.toString();
}

/** `(exactly £15.237)` when rounding to pence changed the figure. */
function exactIfRounded(amount: Decimal): string {
    return amount.decimalPlaces() > 2 ? ` (exactly £${amount.toFixed()})` : '';
}
