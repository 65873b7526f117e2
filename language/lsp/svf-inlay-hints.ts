import { GrammarUtils, type AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { AmountError, Decimal, decimalOf, formatPounds, moneyString, parseAmount, parseNumber } from '../../model/amounts.js';
import { writtenPartsOf } from '../../model/rules/condition-wording.js';
import { exactMinimum, roundedUp } from '../../model/rules/minimum-quantity.js';
import { typicalContract } from '../../model/rules/typical-contract.js';
import {
    isMeasureProxyProperty, isMeasureUnitProperty, isMinimumCommitmentEffect, isProxyDeclaration, isRule, isRuleOverride,
    isAnswerProperty, isMultiYearProperty, isWholeNumbersProperty, type Condition, type Measure, type MinimumCommitmentEffect
} from '../generated/ast.js';
import { writtenCondition } from '../resolve/resolve-framework.js';
import { formatMoney } from './money-display.js';
import { proxyFigures } from './proxy-figures.js';

/**
 * Inlay hints:
 *
 * - beside each measure's `proxy <name>`, what one unit is worth net of deadweight,
 *   attribution and displacement (`= £24,418.80 net per fte`), worked out as the compiler
 *   does; beside an inline proxy only when its adjustments make the net differ from what is
 *   written. Nothing while the proxy does not resolve (the validator says why).
 * - after a scaled minimum (`minimum NT1 1 per £1m`), what it asks of a typical contract of
 *   the rule (`≈ 3 fte for £2.55m`): the middle of the rule's contract value band, its lower
 *   limit when the band has no upper one, or £2,500,000 when the rule sets no band
 *   (model/rules/typical-contract.ts); the tooltip says which. `per year` shows the yearly
 *   quantity, for the rule's annual value band or for the typical value over the middle of its
 *   duration band (36 months without one). Exact arithmetic and the one rounding up of `svf
 *   compile` (model/rules/minimum-quantity.ts), before any outlasting scale.
 */
export class SvfInlayHintProvider extends AbstractInlayHintProvider {
    computeInlayHint(node: AstNode, accept: InlayHintAcceptor): void {
        if (isMinimumCommitmentEffect(node)) {
            this.scaledMinimumHint(node, accept);
            return;
        }
        if (!isMeasureProxyProperty(node)) return;
        const proxy = node.proxy?.ref ?? node.inline;
        if (!proxy) return;
        const figures = proxyFigures(proxy);
        if (!figures || !figures.unitDeclaration) return;
        if (!isProxyDeclaration(proxy) && figures.netValuePerUnit.eq(figures.value)) return;
        const net = formatMoney(figures.netValuePerUnit);
        if (net === undefined) return;
        const end = (node.proxy ? GrammarUtils.findNodeForProperty(node.$cstNode, 'proxy') : node.inline?.$cstNode && GrammarUtils.findNodeForProperty(node.inline.$cstNode, 'value'))?.range.end;
        if (!end) return;
        accept({
            position: end,
            label: ` = ${net} net per ${figures.unitDeclaration.name}`,
            kind: InlayHintKind.Type,
            paddingLeft: false,
            tooltip: 'What one unit is worth after deadweight, attribution and displacement, as `svf compile` values it.'
        });
    }

    private scaledMinimumHint(node: MinimumCommitmentEffect, accept: InlayHintAcceptor): void {
        const end = node.$cstNode?.range.end;
        if (node.per === undefined || !end) return;
        let quantity: Decimal;
        let per: Decimal;
        try {
            quantity = parseNumber(node.quantity);
            // As resolve reads it: to the penny.
            per = decimalOf(moneyString(parseAmount(node.per)));
        } catch (error) {
            if (error instanceof AmountError) return;
            throw error;
        }
        if (per.isZero()) return;
        const condition = conditionOf(node);
        const typical = typicalContract(condition === undefined ? null : writtenPartsOf(writtenCondition(condition)));
        // A rule for contracts of no duration has no year to ask a yearly minimum for (the compiler refuses such a profile).
        if (!typical || (node.perYear && !(typical.durationMonths > 0))) return;
        const measure = node.measure?.ref;
        const money = measure !== undefined && unitOf(measure)?.kind === 'money';
        const wholeNumbers = measure !== undefined && isNumberAnswer(measure) && measure.properties.some(isWholeNumbersProperty);
        const exact = exactMinimum({ quantity: quantity.toNumber(), per: per.toString(), perYear: node.perYear }, typical.contractValue, typical.durationMonths);
        const unitName = money ? '' : unitOf(measure)?.name;
        const inUnit = (value: Decimal) => `${money ? formatPounds(value) : value.toString()}${unitName ? ` ${unitName}` : ''}`;
        const exactWords = (value: Decimal) => (money ? formatPounds(value) : value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString());
        const rounding = (rounded: Decimal, value: Decimal) => (rounded.eq(value) ? '' : `, rounded up${wholeNumbers && rounded.isInteger() ? ' to a whole number' : ''} as \`svf compile\` does`);
        let shown: string;
        let exactly: string;
        if (exact.yearly === null) {
            const rounded = roundedUp(exact.total, wholeNumbers);
            shown = inUnit(rounded);
            exactly = `${exactWords(exact.total)}${rounding(rounded, exact.total)}`;
        } else if (measure?.properties.some(isMultiYearProperty)) {
            // Answered per year: the compiler's minimum is the yearly quantity, rounded once.
            const rounded = roundedUp(exact.yearly, wholeNumbers);
            shown = `${inUnit(rounded)} a year`;
            exactly = `${exactWords(exact.yearly)} a year${rounding(rounded, exact.yearly)}`;
        } else {
            // Answered once: the compiler's minimum is the total, with the yearly figure to hundredths beside it.
            const yearly = exact.yearly.toDecimalPlaces(2, Decimal.ROUND_UP);
            const total = roundedUp(exact.total, wholeNumbers);
            shown = `${inUnit(yearly)} a year, ${inUnit(total)} in total`;
            exactly = `${exactWords(exact.yearly)} a year${rounding(yearly, exact.yearly)}, ${exactWords(exact.total)} in total${rounding(total, exact.total)}`;
        }
        const contract = !node.perYear ? compactPounds(typical.contractValue)
            : typical.annualValue ? `${compactPounds(typical.annualValue)} a year`
                : `${compactPounds(typical.contractValue)} over ${typical.durationMonths} months`;
        const why = node.perYear
            ? `a contract of ${formatPounds(typical.contractValue)} over ${typical.durationMonths} months: for the value, ${typical.valueBasis}; for the duration, ${typical.durationBasis}`
            : `a contract of ${formatPounds(typical.contractValue)}, ${typical.valueBasis}`;
        accept({
            position: end,
            label: ` ≈ ${shown} for ${contract}`,
            kind: InlayHintKind.Parameter,
            paddingLeft: false,
            tooltip: `What this minimum asks of a typical contract of the rule, ${why}. Exactly ${exactly}; a real contract's minimum is worked out from its profile.`
        });
    }
}

/** The condition of the rule a minimum is in: an override's own `when`, else the rule's it overrides. */
function conditionOf(node: MinimumCommitmentEffect): Condition | undefined {
    const rule = node.$container;
    if (isRule(rule)) return rule.condition;
    if (isRuleOverride(rule)) return rule.condition ?? rule.target?.ref?.condition;
    return undefined;
}

function unitOf(measure: Measure | undefined): { name: string; kind?: string } | undefined {
    const unit = measure?.properties.find(isMeasureUnitProperty)?.unit?.ref;
    return unit ? { name: unit.name, kind: unit.kind } : undefined;
}

/** A measure answered with a number (no `answer yes or no`, `one of`, `text` or `attachment`). */
function isNumberAnswer(measure: Measure): boolean {
    return !measure.properties.some(isAnswerProperty);
}

/** `£2.55m`, `£850k`, as SVF amounts are written, when that is exact to the penny; else `£2,550,001`. */
function compactPounds(value: Decimal): string {
    for (const [suffix, scale] of [['bn', 1e9], ['m', 1e6], ['k', 1e3]] as const) {
        const scaled = value.dividedBy(scale);
        if (scaled.gte(1) && scaled.decimalPlaces() <= 2) return `£${scaled.toString()}${suffix}`;
    }
    return formatPounds(value);
}
