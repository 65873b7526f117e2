import { measureCodeOf } from '../ast-containers.js';
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { parseAmount, parsePercentage } from '../../model/amounts.js';
import {
    isSourceProperty,
    type AdjustmentProperty, type InlineProxy, type MeasureProxyProperty, type ProxyDeclaration, type ProxyPriceYearProperty, type SvfAstType
} from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { propertyOwnerName } from './declaration-checks.js';
import { checkPriceYear } from './header-checks.js';
import { IssueCodes } from './issue-codes.js';
import { isMonetisable, measureUnit, unitDescription, unitKind } from './measure-checks.js';

type AnyProxy = ProxyDeclaration | InlineProxy;

/** Checks of proxies one node at a time; their age and currency against the framework run on the model. */
export function proxyChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    const checkProxy = (proxy: AnyProxy, accept: ValidationAcceptor) => {
        const name = propertyOwnerName(proxy);
        const value = proxy.value ? parseAmount(proxy.value) : undefined;
        if (value && value.lessThanOrEqualTo(0)) {
            accept('error', `${name} has the value ${proxy.value}; a financial proxy must be worth more than £0 per unit. Give the value of one unit, e.g. £16.93.`,
                { node: proxy, property: 'value', code: IssueCodes.ProxyValueNotPositive });
        }
        if (!proxy.properties.some(isSourceProperty)) {
            accept('warning', `${name} does not say where its value comes from. Add \`source "..."\` naming the published source (e.g. HM Treasury Green Book, the Unit Cost Database, ONS), so evaluators and suppliers can check it.`,
                { node: proxy, property: 'value', code: IssueCodes.ProxyMissingSource });
        }
    };

    return {
        ProxyDeclaration: [checkProxy, (proxy: ProxyDeclaration, accept: ValidationAcceptor) => {
            const unit = proxy.unit?.ref;
            if (unit && !isMonetisable(unit)) {
                accept('error', `Proxy '${proxy.name}' is a value per ${unitDescription(unit)}, a ${unitKind(unit)} unit, which cannot be given a £ value per unit. Use a quantity or money unit.`,
                    { node: proxy, property: 'unit', code: IssueCodes.ProxyOnUnmonetisableUnit });
            }
        }],
        InlineProxy: checkProxy,
        ProxyPriceYearProperty: (property: ProxyPriceYearProperty, accept: ValidationAcceptor) => {
            checkPriceYear(property, `The price year of ${lowerFirst(propertyOwnerName(property.$container))}`, IssueCodes.ProxyInvalidPriceYear, accept);
        },
        AdjustmentProperty: (adjustment: AdjustmentProperty, accept: ValidationAcceptor) => {
            if (!adjustment.value) return;
            const percent = parsePercentage(adjustment.value);
            if (percent.isNegative() || percent.greaterThan(100)) {
                accept('error', `${adjustment.kind} ${adjustment.value} is not a share between 0% and 100%. ${ADJUSTMENT_MEANING[adjustment.kind]}`,
                    { node: adjustment, property: 'value', code: IssueCodes.AdjustmentOutOfRange });
            }
        },
        MeasureProxyProperty: (property: MeasureProxyProperty, accept: ValidationAcceptor) => {
            const proxy = property.proxy?.ref;
            const proxyUnit = proxy?.unit?.ref;
            const unit = measureUnit(property.$container);
            if (!proxy || !proxyUnit || !unit || sameDeclaration(proxyUnit, unit)) return;
            const measure = property.$container;
            accept('error', `Proxy '${proxy.name}' is a value per ${unitDescription(proxyUnit)}, but measure '${measureCodeOf(measure)}' is counted in ${unitDescription(unit)}. Use a proxy per ${unit.name}, or change the measure's unit.`,
                { node: property, property: 'proxy', code: IssueCodes.ProxyUnitMismatch });
        }
    };
}

const ADJUSTMENT_MEANING: Record<AdjustmentProperty['kind'], string> = {
    deadweight: 'Deadweight is the share of the outcome that would have happened anyway, e.g. 20%.',
    attribution: 'Attribution is the share of the outcome due to others, e.g. 15%.',
    displacement: 'Displacement is the share of the outcome moved from elsewhere, e.g. 10%.',
    dropOff: 'Drop-off is the share by which the outcome declines each year, e.g. 25%.'
};

function lowerFirst(text: string): string {
    return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The same declaration: by name in the same file, not by object. While a user types, a file
 * relinked against a newer parse of the units' file and one not yet relinked hold different
 * objects for one unit, which must not read as a mismatch.
 */
function sameDeclaration(a: AstNode & { name: string }, b: AstNode & { name: string }): boolean {
    if (a === b) return true;
    const fileOf = (node: AstNode) => AstUtils.findRootNode(node).$document?.uri.toString();
    return a.name === b.name && fileOf(a) === fileOf(b);
}
