import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { amountKindOf, parseAmountLiteral, type AmountKind } from '../../model/amounts.js';
import {
    isMaximumProperty, isMeasureProxyProperty, isMeasureUnitProperty, isMinimumProperty, isRecordOnlyProperty, isWholeNumbersProperty,
    type MaximumProperty, type Measure, type MinimumProperty, type SvfAstType, type Unit, type UnitKind
} from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes } from './issue-codes.js';

/** A unit without a kind counts things (`unit FTE "no. people FTE"`). */
export function unitKind(unit: Unit): UnitKind {
    return unit.kind ?? 'quantity';
}

/** Only counts and sums of money can be valued with a financial proxy. */
export function isMonetisable(unit: Unit): boolean {
    const kind = unitKind(unit);
    return kind === 'quantity' || kind === 'money';
}

/** The unit a measure is counted in, once linked. */
export function measureUnit(measure: Measure): Unit | undefined {
    return measure.properties.find(isMeasureUnitProperty)?.unit?.ref;
}

/** `FTE ('no. people FTE')`: a unit as officers recognise it. */
export function unitDescription(unit: Unit): string {
    return unit.label ? `${unit.name} ('${unit.label}')` : unit.name;
}

/** Which written amounts make sense as answers in a unit of each kind (plain numbers always do). */
const LIMIT_KINDS: Record<UnitKind, AmountKind[]> = {
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
            } else if (unit && !proxy && !recordOnly && isMonetisable(unit)) {
                accept('error', `Measure '${measure.name}' is counted in ${unitDescription(unit)}, which can be monetised, but it has no financial proxy. Add \`proxy NAME\` or \`proxy £VALUE { source "..." }\`, or mark it \`record only\` if it is reported but never valued.`,
                    { node: measure, property: 'name', code: IssueCodes.MonetisedMeasureWithoutProxy });
            }
            checkAnswerLimits(measure, unit, accept);
        }
    };
}

function checkAnswerLimits(measure: Measure, unit: Unit | undefined, accept: ValidationAcceptor): void {
    const minimum = measure.properties.find(isMinimumProperty);
    const maximum = measure.properties.find(isMaximumProperty);
    const wholeNumbers = measure.properties.some(isWholeNumbersProperty);
    let limitsComparable = true;
    for (const limit of [minimum, maximum]) {
        if (!limit?.value) continue;
        const which = limit === minimum ? 'minimum' : 'maximum';
        const written = amountKindOf(limit.value);
        if (unit && !LIMIT_KINDS[unitKind(unit)].includes(written)) {
            limitsComparable = false;
            const answers = ANSWER_KIND_WORDS[unitKind(unit)];
            const fix = LIMIT_KINDS[unitKind(unit)].length === 0
                ? `Remove the ${which}: answers in this unit have no size.`
                : `Write the ${which} as ${answers}${unitKind(unit) === 'quantity' ? ', e.g. 5' : ''}.`;
            accept('error', `Measure '${measure.name}' is answered in ${unitDescription(unit)} (${answers}), but its ${which} ${limit.value} is ${KIND_WORDS[written]}. ${fix}`,
                { node: limit, property: 'value', code: IssueCodes.InvalidAnswerLimit });
        } else if (wholeNumbers && !parseAmountLiteral(limit.value).isInteger()) {
            limitsComparable = false;
            accept('error', `Measure '${measure.name}' takes whole numbers, but its ${which} is ${limit.value}. Use a whole number, or remove \`whole numbers\`.`,
                { node: limit, property: 'value', code: IssueCodes.InvalidAnswerLimit });
        }
    }
    if (limitsComparable && minimum?.value && maximum?.value && exceeds(minimum, maximum)) {
        accept('error', `Measure '${measure.name}' has minimum ${minimum.value} above its maximum ${maximum.value}, so no answer is allowed. Swap them, or correct one.`,
            { node: minimum, property: 'value', code: IssueCodes.AnswerMinimumAboveMaximum });
    }
}

const KIND_WORDS: Record<AmountKind, string> = {
    number: 'a plain number',
    money: 'an amount of money',
    percentage: 'a percentage'
};

function exceeds(minimum: MinimumProperty, maximum: MaximumProperty): boolean {
    return parseAmountLiteral(minimum.value).greaterThan(parseAmountLiteral(maximum.value));
}
