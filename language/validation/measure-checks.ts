import { measureUnitPropertyOf } from '../ast-containers.js';
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { amountKind, amountText, amountValue, type WrittenAmountKind } from '../parser/written-amounts.js';
import {
    isAfterAwardProperty, isAnswerProperty, isMaximumProperty, isMeasureProxyProperty, isMinimumProperty, isMultiYearProperty, isRecordOnlyProperty, isWholeNumbersProperty,
    type Measure, type MeasureOverride, type SvfAstType, type Unit, type UnitKind
} from '../generated/ast.js';
import { isMonetisableUnitKind } from '../../model/framework.js';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes } from './issue-codes.js';

/** A unit without a kind counts things (`unit FTE "no. people FTE"`). */
export function unitKind(unit: Unit): UnitKind {
    return unit.kind ?? 'quantity';
}

/** Only counts and sums of money can be valued with a financial proxy (the model decides). */
export function isMonetisable(unit: Unit): boolean {
    return isMonetisableUnitKind(unitKind(unit));
}

/** The unit a measure is counted in, once linked. */
export function measureUnit(measure: Measure | MeasureOverride): Unit | undefined {
    return measureUnitPropertyOf(measure)?.unit?.ref;
}

/** `FTE ('no. people FTE')`: a unit as officers recognise it. */
export function unitDescription(unit: Unit): string {
    return unit.label ? `${unit.name} ('${unit.label}')` : unit.name;
}

/** Which written amounts make sense as answers in a unit of each kind (plain numbers always do). */
const LIMIT_KINDS: Record<UnitKind, WrittenAmountKind[]> = {
    quantity: ['number'],
    money: ['number', 'money'],
    percentage: ['number', 'percentage'],
    text: [],
    record: []
};

const ANSWER_KIND_WORDS: Record<UnitKind, string> = {
    quantity: 'a number',
    money: 'an amount of money',
    percentage: 'a percentage',
    text: 'text',
    record: 'a record'
};

export function measureChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    return {
        Measure: (measure: Measure, accept: ValidationAcceptor) => {
            const unit = measureUnit(measure);
            const proxy = measure.properties.find(isMeasureProxyProperty);
            const recordOnly = measure.properties.some(isRecordOnlyProperty);
            if (recordOnly && proxy) {
                accept('error', `Measure '${measure.name}' is \`record only\`, so it is never given a £ value, but it has a proxy. Remove the proxy, or remove \`record only\` if the measure should be monetised.`,
                    { node: proxy, code: IssueCodes.RecordOnlyMeasureWithProxy });
            } else if (unit && proxy && !isMonetisable(unit)) {
                accept('error', `Measure '${measure.name}' is answered in ${unitDescription(unit)}, a ${unitKind(unit)} unit, which cannot be given a £ value per unit. Remove the proxy, or count the measure in a quantity or money unit.`,
                    { node: proxy, code: IssueCodes.ProxyOnUnmonetisableUnit });
            } else if (unit && !proxy && !recordOnly && isMonetisable(unit) && !isNeverValued(measure)) {
                accept('error', `Measure '${measure.name}' is counted in ${unitDescription(unit)}, which can be monetised, but it has no financial proxy. Add \`proxy NAME\` or \`proxy £VALUE { source "..." }\`, or mark it \`record only\` if it is reported but never valued.`,
                    { node: measure, property: 'name', code: IssueCodes.MonetisedMeasureWithoutProxy });
            }
            checkAnswerLimits(measure, unit, accept);
            const multiYear = measure.properties.find(isMultiYearProperty);
            if (multiYear && (recordOnly || (unit && !isMonetisable(unit)))) {
                const why = recordOnly ? 'is `record only`' : `is answered in ${unitDescription(unit!)}, a ${unitKind(unit!)} unit`;
                accept('warning', `Measure '${measure.name}' ${why}, so it is never given a £ value, and \`multi year\` (value the commitment year by year) has no effect. Remove \`multi year\`.`,
                    { node: multiYear, code: IssueCodes.MultiYearNotValued });
            }
        }
    };
}

/**
 * A measure answered other than with a number, or a reporting metric (`after award`), is
 * recorded, never valued: it needs no proxy.
 */
function isNeverValued(measure: Measure): boolean {
    return measure.properties.some(property => isAnswerProperty(property) || isAfterAwardProperty(property));
}

function checkAnswerLimits(measure: Measure, unit: Unit | undefined, accept: ValidationAcceptor): void {
    const minimum = measure.properties.find(isMinimumProperty);
    const maximum = measure.properties.find(isMaximumProperty);
    const wholeNumbers = measure.properties.some(isWholeNumbersProperty);
    let limitsComparable = true;
    for (const limit of [minimum, maximum]) {
        const value = amountValue(limit?.value);
        if (!limit?.value || value === undefined) continue;
        const which = limit === minimum ? 'minimum' : 'maximum';
        const written = amountKind(limit.value);
        const text = amountText(limit.value);
        if (unit && !LIMIT_KINDS[unitKind(unit)].includes(written)) {
            limitsComparable = false;
            const answers = ANSWER_KIND_WORDS[unitKind(unit)];
            const fix = LIMIT_KINDS[unitKind(unit)].length === 0
                ? `Remove the ${which}: answers in this unit have no size.`
                : `Write the ${which} as ${answers}${unitKind(unit) === 'quantity' ? ', e.g. 5' : ''}.`;
            accept('error', `Measure '${measure.name}' is answered in ${unitDescription(unit)} (${answers}), but its ${which} ${text} is ${KIND_WORDS[written]}. ${fix}`,
                { node: limit, property: 'value', code: IssueCodes.InvalidAnswerLimit });
        } else if (wholeNumbers && !value.isInteger()) {
            limitsComparable = false;
            accept('error', `Measure '${measure.name}' takes whole numbers, but its ${which} is ${text}. Use a whole number, or remove \`whole numbers\`.`,
                { node: limit, property: 'value', code: IssueCodes.InvalidAnswerLimit });
        }
    }
    const low = amountValue(minimum?.value);
    const high = amountValue(maximum?.value);
    if (limitsComparable && minimum && maximum && low && high && low.greaterThan(high)) {
        accept('error', `Measure '${measure.name}' has minimum ${amountText(minimum.value)} above its maximum ${amountText(maximum.value)}, so no answer is allowed. Swap them, or correct one.`,
            { node: minimum, property: 'value', code: IssueCodes.AnswerMinimumAboveMaximum });
    }
}

const KIND_WORDS: Record<WrittenAmountKind, string> = {
    number: 'a plain number',
    money: 'an amount of money',
    percentage: 'a percentage'
};
