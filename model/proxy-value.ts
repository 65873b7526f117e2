import { Decimal, type DecimalValue } from './amounts.js';

const HUNDRED = new Decimal(100);
/** 1 / 100^3, exact: multiplying by it avoids three 200-digit divisions (a report values thousands of units). */
const PER_MILLION = new Decimal('0.000001');

/**
 * A financial proxy's net value per unit, exactly: value x (1 - deadweight%) x
 * (1 - attribution%) x (1 - displacement%). The one formula: resolve, the merge (after an
 * override), the scorer and the delivery report all value a unit with it, so a bid is
 * credited and a return valued at the figure the rubric shows.
 */
export function netValuePerUnit(value: DecimalValue, deadweight: DecimalValue, attribution: DecimalValue, displacement: DecimalValue): Decimal {
    return new Decimal(value).times(HUNDRED.minus(deadweight)).times(HUNDRED.minus(attribution)).times(HUNDRED.minus(displacement)).times(PER_MILLION);
}
