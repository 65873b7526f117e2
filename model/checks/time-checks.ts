import { Decimal } from '../amounts.js';
import { measuresOf, type Framework, type FrameworkRule, type Measure, type MeasureHorizon } from '../framework.js';
import { IssueCodes } from '../issue-codes.js';
import type { Origin } from '../origin.js';
import type { RuleCondition } from '../rules/rule-types.js';
import type { Finding } from './framework-checks.js';

/**
 * Checks of time: horizons that cannot be right (`horizon 0 weeks`), and rules that ask a
 * measure of contracts too short for it (a 52-week apprenticeship of a contract under six
 * months) with no `outlasting measures` policy saying what then happens. Pure.
 */
export function checkTime(framework: Framework, options: { analyseRules: boolean }): Finding[] {
    const measures = measuresOf(framework);
    const findings = measures.flatMap(checkHorizon);
    if (options.analyseRules) {
        for (const rule of framework.rules) findings.push(...checkOutlasting(framework, rule, measures));
    }
    return findings;
}

// ------------------------------------------------------------------ horizons

function checkHorizon(measure: Measure): Finding[] {
    const horizon = measure.horizon;
    const origin = measure.origins.horizon;
    if (!horizon || !origin) return [];
    const written = horizonWords(horizon);
    if (!horizon.value.gt(0)) {
        return [{
            code: IssueCodes.InvalidHorizon, severity: 'error', origin,
            message: `Measure '${measure.code}' has a horizon of ${written}: a horizon is how long one unit takes to deliver, so it must be more than 0. Write e.g. \`horizon 52 weeks\`, or remove it.`
        }];
    }
    if (horizon.period === 'weeks' && !horizon.value.isInteger()) {
        return [{
            code: IssueCodes.InvalidHorizon, severity: 'error', origin,
            message: `Measure '${measure.code}' has a horizon of ${written}: weeks are counted whole. Write \`horizon ${horizon.value.floor().toString()} weeks\` or \`horizon ${horizon.value.ceil().toString()} weeks\`, or give it in months.`
        }];
    }
    return [];
}

/** `52 weeks (12 months)`, `12 months`, `1 year (12 months)`. */
function horizonWords(horizon: MeasureHorizon): string {
    const unit = horizon.period.replace(/s$/, '');
    const written = `${horizon.value.toString()} ${horizon.value.abs().eq(1) ? unit : `${unit}s`}`;
    if (horizon.period === 'months') return written;
    const months = horizon.months.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    return `${written} (${months.toString()} ${months.eq(1) ? 'month' : 'months'})`;
}

// ------------------------------------------------------------------ outlasting measures

/** How a rule asks a measure, where. */
interface Ask {
    how: string;
    origin: Origin;
}

/**
 * A rule that asks a measure (includes it or its theme, requires measures from its theme or
 * outcome, sets a minimum for it) whose horizon is longer than every contract the rule can
 * match by its duration condition, when neither the rule nor the evaluation says what
 * happens to outlasting measures.
 */
function checkOutlasting(framework: Framework, rule: FrameworkRule, measures: Measure[]): Finding[] {
    if (rule.effects.noAsk || rule.effects.outlasting || framework.evaluation?.outlasting) return [];
    const longest = longestContract(rule.condition);
    if (longest === 'unbounded' || longest === 'none') return [];
    const findings: Finding[] = [];
    for (const measure of measures) {
        const horizon = measure.horizon;
        if (!horizon || !horizon.value.gt(0)) continue;
        const outlasts = longest.inclusive ? horizon.months.gt(longest.months) : horizon.months.gte(longest.months);
        if (!outlasts) continue;
        const ask = askOf(rule, measure);
        if (!ask) continue;
        const contracts = longest.inclusive ? `contracts of at most ${monthsWords(longest.months)}` : `contracts shorter than ${monthsWords(longest.months)}`;
        const message = (where: string) => `Rule '${rule.id}'${where} ${ask.how}, but that measure takes ${horizonWords(horizon)} to deliver (its horizon) and the rule only applies to ${contracts}, so suppliers would be asked for more than the contract lasts. Add \`outlasting measures exclude\` (or \`scale\`) to the rule or to the evaluation, or leave the measure out of this rule.`;
        findings.push({
            code: IssueCodes.MeasureOutlastsContract, severity: 'warning', origin: ask.origin, subject: measure.code,
            message: message(''), messageInFramework: message(` in framework '${framework.identity.id}'`)
        });
    }
    return findings;
}

/** How the rule asks the measure, at the first place it does; undefined when it does not ask it. */
function askOf(rule: FrameworkRule, measure: Measure): Ask | undefined {
    const { effects, effectOrigins } = rule;
    const included = effectOrigins.includedMeasures.find(entry => entry.measure === measure.code);
    if (included) return { how: `includes measure '${measure.code}'`, origin: included.origin };
    const minimum = effects.minimumCommitments.findIndex(entry => entry.measure === measure.code);
    if (minimum >= 0) return { how: `sets a minimum commitment for measure '${measure.code}'`, origin: effectOrigins.minimumCommitments[minimum]?.measure ?? rule.origin };
    if (effects.include?.measures.includes(measure.code)) return { how: `includes measure '${measure.code}'`, origin: rule.origin };
    if (effects.include?.themes.includes(measure.theme)) return { how: `includes theme '${measure.theme}' with its measure '${measure.code}'`, origin: rule.origin };
    const required = effects.require.findIndex(entry => entry.theme === measure.theme || (entry.outcome !== undefined && entry.outcome === measure.outcome));
    if (required >= 0) {
        const entry = effects.require[required]!;
        const from = entry.theme !== undefined ? `theme '${entry.theme}'` : `outcome '${entry.outcome}'`;
        return { how: `requires ${entry.count} ${entry.count === 1 ? 'measure' : 'measures'} from ${from}, which has measure '${measure.code}'`, origin: effectOrigins.require[required] ?? rule.origin };
    }
    return undefined;
}

function monthsWords(months: Decimal): string {
    return `${months.toString()} ${months.eq(1) ? 'month' : 'months'}`;
}

/** The longest contract a condition can match: `months` (`inclusive` or not), none, or no limit. */
type Longest = { months: Decimal; inclusive: boolean } | 'unbounded' | 'none';

/**
 * The supremum of the durations of the contracts a rule's condition can match, judged by its
 * durationMonths comparisons and bands alone: any other part of the condition (value,
 * category, flags, facts, annualValue) may be true or false, so it never limits the duration.
 * Durations between two thresholds behave alike, so testing each threshold and a point just
 * below it, from the top down, finds the longest.
 */
export function longestContract(condition: RuleCondition | null): Longest {
    if (condition === null) return 'unbounded';
    const thresholds = [...new Set(durationThresholds(condition))].sort((a, b) => a - b);
    const top = thresholds[thresholds.length - 1] ?? 0;
    const mayMatch = (months: number) => truthAt(condition, months) !== false;
    if (mayMatch(top + 1)) return 'unbounded';
    for (let index = thresholds.length - 1; index >= 0; index--) {
        const threshold = thresholds[index]!;
        if (mayMatch(threshold)) return { months: new Decimal(threshold), inclusive: true };
        const below = index > 0 ? (thresholds[index - 1]! + threshold) / 2 : threshold / 2;
        if (below < threshold && mayMatch(below)) return { months: new Decimal(threshold), inclusive: false };
    }
    return 'none';
}

function durationThresholds(condition: RuleCondition): number[] {
    if ('all' in condition) return condition.all.flatMap(durationThresholds);
    if ('any' in condition) return condition.any.flatMap(durationThresholds);
    if ('not' in condition) return durationThresholds(condition.not);
    if (!('field' in condition) || condition.field !== 'durationMonths') return [];
    const values = 'op' in condition ? [condition.value] : [condition.from, condition.to];
    return values.map(Number).filter(value => Number.isFinite(value) && value >= 0);
}

/** A condition's truth for a contract of this duration: undefined when it depends on something else. */
function truthAt(condition: RuleCondition, months: number): boolean | undefined {
    if ('all' in condition) {
        const parts = condition.all.map(part => truthAt(part, months));
        return parts.includes(false) ? false : parts.every(part => part === true) ? true : undefined;
    }
    if ('any' in condition) {
        const parts = condition.any.map(part => truthAt(part, months));
        return parts.includes(true) ? true : parts.every(part => part === false) ? false : undefined;
    }
    if ('not' in condition) {
        const inner = truthAt(condition.not, months);
        return inner === undefined ? undefined : !inner;
    }
    if (!('field' in condition) || condition.field !== 'durationMonths') return undefined;
    if ('op' in condition) {
        const value = Number(condition.value);
        switch (condition.op) {
            case '<': return months < value;
            case '<=': return months <= value;
            case '>': return months > value;
            case '>=': return months >= value;
            case '=': return months === value;
            case '!=': return months !== value;
        }
    }
    return months >= Number(condition.from) && (condition.to === null || months < Number(condition.to));
}
