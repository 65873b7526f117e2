import { type Properties, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { Decimal } from '../../model/amounts.js';
import { formatPounds, parseAmount, parseNumber, parsePercentage } from '../../model/amounts.js';
import * as ast from '../generated/ast.js';
import { amountText, amountValue } from '../parser/written-amounts.js';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes } from './issue-codes.js';

/**
 * Proportionality rule checks of one rule or effect at a time. Which contracts a rule can
 * apply to (gaps, rules that can never apply, measures none of its contracts is asked,
 * selections that cannot be met) depends on the whole framework, so those checks run on the
 * model: model/checks/framework-checks.ts.
 */
export function ruleChecks(_services: SvfServices): ValidationChecks<ast.SvfAstType> {
    return {
        Rule: (rule, accept) => {
            // A rule still being typed: the syntax error says what is wrong.
            if (!rule.name) return;
            checkEffectConflicts(rule, accept);
        },
        ValueBand: checkBand,
        ValueComparison: (comparison, accept) => checkConditionValue(comparison, 'value', comparison.value, accept),
        SelectEffect: checkSelect,
        RequireEffect: (effect, accept) => checkCount(effect, 'count', effect.count, 1, accept, `the number of measures required from a theme`),
        KpiEffect: (effect, accept) => checkCount(effect, 'value', effect.value, 0, accept, 'the number of KPIs'),
        WeightingEffect: (effect, accept) => checkPercentage(effect, effect.value, 'weighting', accept),
        RatioEffect: (effect, accept) => checkPercentage(effect, effect.value, 'ratio', accept),
        MinimumCommitmentEffect: checkMinimumCommitment
    };
}

/** `no ask` with other effects, and an effect that can only have one value given twice. */
function checkEffectConflicts(rule: ast.Rule, accept: ValidationAcceptor): void {
    const noAsk = rule.effects.find(ast.isNoAskEffect);
    const others = rule.effects.filter(effect => !ast.isNoAskEffect(effect));
    if (noAsk && others.length > 0) {
        const described = [...new Set(others.map(effect => EFFECT_NAMES[effect.$type]))];
        accept('warning', `Rule '${rule.name}' says \`no ask\`, so its other effects (${described.join(', ')}) never apply. Remove them, or remove \`no ask\`.`,
            { node: noAsk, code: IssueCodes.RuleConflictingEffects });
    }
    const seen = new Set<string>();
    for (const effect of rule.effects) {
        if (!SINGLE_VALUED.has(effect.$type)) continue;
        // `weighting socialValue 10%` and `weighting environment 15%` set two criteria's weightings.
        const key = ast.isWeightingEffect(effect) ? `${effect.$type}:${effect.criterion ?? ''}` : effect.$type;
        if (seen.has(key)) {
            accept('warning', `Rule '${rule.name}' gives \`${EFFECT_NAMES[effect.$type]}\` more than once; only the last one applies. Keep one.`,
                { node: effect, code: IssueCodes.RuleConflictingEffects });
        }
        seen.add(key);
    }
}

const EFFECT_NAMES: Record<string, string> = {
    NoAskEffect: 'no ask', WeightingEffect: 'weighting', IncludeEffect: 'include', ExcludeEffect: 'exclude',
    SelectEffect: 'select', RequireEffect: 'require', MinimumCommitmentEffect: 'minimum', RatioEffect: 'ratio', KpiEffect: 'kpis'
};
const SINGLE_VALUED = new Set(['WeightingEffect', 'SelectEffect', 'RatioEffect', 'KpiEffect']);

function checkBand(band: ast.ValueBand, accept: ValidationAcceptor): void {
    checkConditionValue(band, 'low', band.low, accept);
    if (band.high === undefined) return;
    checkConditionValue(band, 'high', band.high, accept);
    const low = amountValue(band.low);
    const high = amountValue(band.high);
    if (!low || !high || low.lt(high)) return;
    const show = (value: Decimal) => band.field === 'contractValue' ? formatPounds(value) : `${value.toString()} months`;
    accept('error', `The band \`${band.field} from ${amountText(band.low)} to ${amountText(band.high)}\` matches no contract: \`from\` includes ${show(low)} and \`to\` excludes ${show(high)}, so the first must be below the second. Swap them or correct one.`,
        { node: band, property: 'high', code: IssueCodes.RuleBandMinimumAboveMaximum });
}

/** A duration is a number of months: `durationMonths < 12`, not `< £12`; neither field is negative. */
function checkConditionValue<N extends ast.ValueBand | ast.ValueComparison>(node: N, property: Properties<N>, written: ast.MoneyAmount | ast.NumberAmount | undefined, accept: ValidationAcceptor): void {
    if (written === undefined) return;
    const text = amountText(written);
    if (node.field === 'durationMonths' && ast.isMoneyAmount(written)) {
        accept('error', `durationMonths is a number of months, not money: write ${text.replace(/£|,/g, '')} without the £.`,
            { node, property, code: IssueCodes.RuleInvalidNumber });
    } else if (amountValue(written)?.isNegative()) {
        accept('error', `${node.field} is never negative, so ${text} cannot be meant. Use a value of 0 or more.`,
            { node, property, code: IssueCodes.RuleInvalidNumber });
    }
}

function checkSelect(effect: ast.SelectEffect, accept: ValidationAcceptor): void {
    if (effect.min !== undefined) checkCount(effect, 'min', effect.min, 0, accept, 'the number of measures to select');
    if (effect.max !== undefined) checkCount(effect, 'max', effect.max, 0, accept, 'the number of measures to select');
    const min = effect.min === undefined ? undefined : wholeNumber(effect.min);
    const max = effect.max === undefined ? undefined : wholeNumber(effect.max);
    if (min !== undefined && max !== undefined && min > max) {
        accept('error', `\`select ${effect.min} to ${effect.max} measures\` asks for at least ${min} but at most ${max} measures. Make the first number no larger than the second.`,
            { node: effect, property: 'min', code: IssueCodes.RuleSelectMinimumAboveMaximum });
    }
}

function checkCount<N extends ast.Effect>(node: N, property: Properties<N>, text: string | undefined, least: number, accept: ValidationAcceptor, what: string): void {
    if (text === undefined) return;
    if (wholeNumber(text) === undefined || wholeNumber(text)! < least) {
        accept('error', `${text} cannot be ${what}: write a whole number of ${least} or more.`,
            { node, property, code: IssueCodes.RuleInvalidNumber });
    }
}

function checkPercentage(node: ast.WeightingEffect | ast.RatioEffect, text: string, what: string, accept: ValidationAcceptor): void {
    const value = tolerantly(parsePercentage, text);
    if (value && (value.isNegative() || value.gt(100))) {
        accept('error', `A ${what} of ${text} is impossible: it must be between 0% and 100%.`,
            { node, property: 'value', code: IssueCodes.RuleInvalidNumber });
    }
}

function checkMinimumCommitment(effect: ast.MinimumCommitmentEffect, accept: ValidationAcceptor): void {
    const quantity = tolerantly(parseNumber, effect.quantity);
    if (quantity?.isNegative()) {
        accept('error', `A minimum commitment of ${effect.quantity} is impossible: write a quantity of 0 or more.`,
            { node: effect, property: 'quantity', code: IssueCodes.RuleInvalidNumber });
    }
    const per = tolerantly(parseAmount, effect.per);
    if (per && !per.gt(0)) {
        accept('error', `\`per ${effect.per}\` cannot scale a minimum: the amount of contract value must be more than £0, e.g. \`per £1m\`.`,
            { node: effect, property: 'per', code: IssueCodes.RuleInvalidNumber });
    }
    // A fixed minimum above the most a bidder may answer can never be met.
    const measure = effect.measure?.ref;
    const maximumNode = measure?.properties.find(ast.isMaximumProperty)?.value;
    const maximumText = amountText(maximumNode);
    const maximum = amountValue(maximumNode);
    if (measure && quantity && maximum && effect.per === undefined && quantity.gt(maximum)) {
        accept('error', `Rule minimum of ${effect.quantity} for measure '${measure.name}' can never be met: answers to '${measure.name}' are limited to \`maximum ${maximumText}\`. Lower the minimum, or raise the measure's maximum.`,
            { node: effect, property: 'quantity', code: IssueCodes.RuleMinimumAboveAnswerMaximum });
    }
}

function wholeNumber(text: string | undefined): number | undefined {
    const value = tolerantly(parseNumber, text);
    return value && value.isInteger() ? value.toNumber() : undefined;
}

/** A literal of a known kind, or undefined while it is half-typed (the syntax error says so). */
function tolerantly(parse: (text: string) => Decimal, text: string | undefined): Decimal | undefined {
    if (text === undefined) return undefined;
    try {
        return parse(text);
    } catch {
        return undefined;
    }
}
