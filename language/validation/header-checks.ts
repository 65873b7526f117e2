import * as semver from 'semver';
import { type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { type CurrencyProperty, type MaxProxyAgeProperty, type PriceYearProperty, type SvfAstType, type VersionProperty } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';

/** The earliest price year we accept: older values are typos (19 for 2019) or long obsolete. */
export const EARLIEST_PRICE_YEAR = 1990;

/** Proxies may lag the framework's price year by this many years unless the header says otherwise. */
export const DEFAULT_MAX_PROXY_AGE = 3;

// ISO 4217 codes as the runtime knows them; no hand-kept list to go stale.
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function headerChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    return {
        VersionProperty: (property: VersionProperty, accept: ValidationAcceptor) => {
            const version = unquote(property.value ?? '');
            if (!version || semver.valid(version)) return;
            const coerced = semver.coerce(version)?.version;
            accept('error', `Framework version '${version}' is not a semantic version. Write it as MAJOR.MINOR.PATCH${coerced ? `, e.g. ${coerced}` : ', e.g. 1.0.0'}.`,
                { node: property, property: 'value', code: IssueCodes.InvalidVersion });
        },
        CurrencyProperty: (property: CurrencyProperty, accept: ValidationAcceptor) => {
            const code = property.value;
            if (!code || ISO_CURRENCIES.has(code)) return;
            const upper = code.toUpperCase();
            const hint = ISO_CURRENCIES.has(upper) ? ` Write it in capitals: ${upper}.` : ' Use the three-letter ISO 4217 code, e.g. GBP for pounds sterling.';
            accept('error', `Currency '${code}' is not an ISO 4217 currency code.${hint}`,
                { node: property, property: 'value', code: IssueCodes.InvalidCurrency });
        },
        PriceYearProperty: (property: PriceYearProperty, accept: ValidationAcceptor) => {
            checkPriceYear(property, 'The framework\'s price year', IssueCodes.InvalidPriceYear, accept);
        },
        MaxProxyAgeProperty: (property: MaxProxyAgeProperty, accept: ValidationAcceptor) => {
            if (!property.value) return;
            if (!/^\d+$/.test(property.value)) {
                accept('error', `maxProxyAge ${property.value} is not a whole number of years. Write it like \`maxProxyAge 3\`.`,
                    { node: property, property: 'value', code: IssueCodes.InvalidMaxProxyAge });
            }
        }
    };
}

/**
 * Checks a price year (of the framework or of a proxy): a whole year, not before
 * EARLIEST_PRICE_YEAR and not after the current year.
 */
export function checkPriceYear(property: AstNode & { value: string }, subject: string, code: IssueCode, accept: ValidationAcceptor): void {
    const text = property.value;
    if (!text) return;
    const currentYear = new Date().getFullYear();
    if (!/^\d{4}$/.test(text)) {
        accept('error', `${subject} is ${text}, which is not a year. Write the four-digit year the values are priced in, e.g. priceYear ${currentYear}.`,
            { node: property, property: 'value', code });
    } else if (Number(text) > currentYear) {
        accept('error', `${subject} is ${text}, which is in the future (it is now ${currentYear}). Use the year the values are priced in, ${currentYear} at the latest.`,
            { node: property, property: 'value', code });
    } else if (Number(text) < EARLIEST_PRICE_YEAR) {
        accept('error', `${subject} is ${text}, before ${EARLIEST_PRICE_YEAR}, which cannot be right for current values. Check the year.`,
            { node: property, property: 'value', code });
    }
}

function unquote(text: string): string {
    return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}
