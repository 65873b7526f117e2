import { Decimal } from '../amounts.js';
import { formatPounds } from '../amounts.js';
import { measuresOf, type FinancialProxy, type Framework, type FrameworkRule, type Measure } from '../framework.js';
import { IssueCodes } from '../issue-codes.js';
import { checkAwardCriteria } from './evaluation-criteria-checks.js';
import type { Origin } from '../origin.js';
import { checkTime } from './time-checks.js';
import { analyseRuleCoverage, coverageDeclarationsOf, type CoverageGap, type RuleReach } from '../rules/rule-coverage.js';
import { isRelevantToCategory, measuresInScope, type ScopedMeasure } from '../rules/rule-scope.js';
import type { ContractCategory } from '../rules/rule-types.js';

/**
 * A problem found in a framework as a whole, where it was written. The language server and
 * `svf check` turn findings into diagnostics through one adapter
 * (language/validation/framework-findings.ts); a portal or a diff could show them as they are.
 */
export interface Finding {
    code: string;
    severity: 'error' | 'warning';
    message: string;
    /** The same message naming the framework, for a file that more than one framework imports. */
    messageInFramework?: string;
    origin: Origin;
    /**
     * What the finding is about, for `acknowledge "<code>" for "<subject>"`: a gap's region
     * (`works contracts from £100,000 to under £250,000`), a rule's or a measure's name, a
     * proxy's id. Absent: only an acknowledgement without `for` matches it.
     */
    subject?: string;
    /**
     * Other places the finding involves, e.g. for a framework that extends another, the
     * base's declaration a change of the child broke (shown as related information, and
     * named by path:line:col in the message).
     */
    related?: Array<{ origin: Origin; message: string }>;
    /**
     * What a quick fix needs that the message only words (plain JSON), e.g. the places of the
     * weights to rescale, or the condition of a gap's region in SVF syntax.
     */
    data?: Record<string, unknown>;
}

/** How a finding names a place in another file: supplied by the caller, which knows how paths are shown. */
export interface LocationWording {
    /** `line 12` when `target` is in `from`'s file, else e.g. `themes/jobs.svf:12:17` relative to it. */
    where(target: Origin, from: Origin): string;
    /** The file of `target`, relative to the folder of `from`'s file. */
    file(target: Origin, from: Origin): string;
}

export interface FrameworkCheckOptions {
    /**
     * False while a file of the framework has a syntax error: rules still being typed would
     * only give misleading gaps and unreachable rules on top of the syntax error.
     */
    analyseRules: boolean;
}

/**
 * The checks that need a whole framework: the evaluation's split and question weights, the
 * age and currency of proxies, and proportionality rule coverage (gaps, rules that can never
 * apply, measures a rule names that none of its contracts is asked, selections that cannot
 * be met). Pure: the same framework gives the same findings, in a stable order.
 */
export function checkFramework(framework: Framework, wording: LocationWording, options: FrameworkCheckOptions): Finding[] {
    const findings: Finding[] = [];
    if (framework.identity.hasHeader) {
        findings.push(...checkEvaluation(framework, wording), ...checkAwardCriteria(framework, wording), ...checkProxies(framework, wording));
    }
    if (options.analyseRules) {
        findings.push(...checkRules(framework, wording));
    }
    findings.push(...checkTime(framework, options));
    return findings;
}

// ------------------------------------------------------------------ evaluation

function checkEvaluation(framework: Framework, wording: LocationWording): Finding[] {
    const { identity, evaluation, questions } = framework;
    const at = identity.origin;
    const findings: Finding[] = [];
    if (!evaluation) {
        findings.push({
            code: IssueCodes.MissingEvaluation, severity: 'warning', origin: at,
            message: `Framework '${identity.id}' has no \`evaluation\` block, in this file or any file it imports, so bids cannot be scored. Add one, e.g. \`evaluation { weighting 10% split quantitative 60% qualitative 40% method relative }\`.`
        });
    } else {
        const where = wording.where(evaluation.origin, at);
        if (!evaluation.origins.split) {
            if (questions.length > 0) {
                findings.push({
                    code: IssueCodes.MissingSplit, severity: 'error', origin: at,
                    message: `Framework '${identity.id}' has method-statement questions, but its evaluation block (${where}) has no \`split\`, so their share of the marks is unknown. Add e.g. \`split quantitative 60% qualitative 40%\`.`
                });
            }
        } else if (evaluation.split) {
            const qualitative = evaluation.split.qualitative;
            if (questions.length === 0 && qualitative.greaterThan(0)) {
                findings.push({
                    code: IssueCodes.SplitQuestionsMismatch, severity: 'warning', origin: at,
                    message: `The evaluation (${where}) gives ${qualitative.toString()}% of the social value marks to method statements, but framework '${identity.id}' has no method-statement questions. Add questions, or set \`split quantitative 100% qualitative 0%\`.`
                });
            } else if (questions.length > 0 && qualitative.isZero()) {
                findings.push({
                    code: IssueCodes.SplitQuestionsMismatch, severity: 'warning', origin: at,
                    message: `The evaluation (${where}) gives method statements 0% of the social value marks, so questions ${questions.map(q => `'${q.id}'`).join(', ')} can never score. Give them a qualitative share, or remove them.`
                });
            }
        }
    }
    const weighted = questions.filter(question => question.weight !== null && question.origins.weight);
    const percentages = weighted.filter(question => question.weight!.kind === 'percentage');
    const points = weighted.filter(question => question.weight!.kind === 'points');
    const list = (entries: typeof weighted) => entries
        .map(question => `'${question.id}' ${question.weight!.value.toString()}${question.weight!.kind === 'percentage' ? '%' : ''} (${wording.where(question.origins.weight!, at)})`)
        .join(', ');
    if (percentages.length > 0 && points.length > 0) {
        findings.push({
            code: IssueCodes.QuestionWeightsMixed, severity: 'error', origin: at,
            message: `The method-statement questions mix weights in % (${list(percentages)}) with weights in points (${list(points)}). Give every question a weight in %, or every question a weight in points.`
        });
    } else if (percentages.length > 0) {
        const total = percentages.reduce((sum, question) => sum.plus(question.weight!.value), new Decimal(0));
        if (!total.equals(100)) {
            findings.push({
                code: IssueCodes.QuestionWeightsNot100, severity: 'error', origin: at,
                message: `Weights of the method-statement questions add up to ${total.toString()}%; they must add up to 100%. The weights are: ${list(percentages)}.`,
                data: { rescale: { target: '100', weights: percentages.map(question => ({ file: question.origins.weight!.file, range: question.origins.weight!.range })) } }
            });
        }
    }
    return findings;
}

// ------------------------------------------------------------------ proxies

/** What messages call a proxy: `Proxy 'localJob'`, or `The proxy of measure 'NT1'`. */
export function proxyName(proxy: Pick<FinancialProxy, 'id' | 'inlineIn'>): string {
    return proxy.inlineIn === null ? `Proxy '${proxy.id}'` : `The proxy of measure '${proxy.inlineIn}'`;
}

/** A proxy's price year may lag the framework's by at most `maxProxyAge`; amounts are in pounds. */
function checkProxies(framework: Framework, wording: LocationWording): Finding[] {
    const { identity } = framework;
    const findings: Finding[] = [];
    for (const proxy of framework.proxies) {
        const name = proxyName(proxy);
        if (identity.currency !== 'GBP' && identity.origins.currency && proxy.origins.value) {
            findings.push({
                code: IssueCodes.CurrencySymbolMismatch, severity: 'warning', origin: proxy.origins.value, subject: proxy.inlineIn ?? proxy.id,
                message: `${name} is written in pounds (${formatPounds(proxy.value)}), but framework '${identity.id}' uses currency ${identity.currency}. SVF amounts are in pounds sterling: set \`currency GBP\` in the framework header.`
            });
        }
        const frameworkYear = identity.priceYear;
        const ownYear = proxy.origins.priceYear;
        if (!proxy.ownPriceYear || !ownYear || frameworkYear === null || proxy.priceYear === null) continue;
        const age = frameworkYear - proxy.priceYear;
        if (age > identity.maxProxyAge) {
            findings.push({
                code: IssueCodes.StaleProxyPriceYear, severity: 'warning', origin: ownYear, subject: proxy.inlineIn ?? proxy.id,
                message: `${name} is priced in ${proxy.priceYear}, ${age} years before framework '${identity.id}' (priceYear ${frameworkYear}, ${wording.where(identity.origin, ownYear)}); proxies may be at most ${identity.maxProxyAge} years older. Re-base the value to ${frameworkYear} prices, or raise \`maxProxyAge\` in the framework header.`
            });
        }
    }
    return findings;
}

// ------------------------------------------------------------------ proportionality rules

/**
 * Rules are tried in the order of the framework's files (importer first), so whether a rule
 * can ever apply, and to which contracts, depends on the framework it belongs to.
 */
function checkRules(framework: Framework, wording: LocationWording): Finding[] {
    const { identity, rules } = framework;
    const coverage = analyseRuleCoverage(rules, coverageDeclarationsOf(framework.profile));
    const findings: Finding[] = [];
    if (identity.hasHeader) {
        // One warning per band, naming every category it is a gap for.
        const gapsByBand = new Map<string, typeof coverage.gaps>();
        for (const gap of coverage.gaps) {
            gapsByBand.set(gap.band, [...(gapsByBand.get(gap.band) ?? []), gap]);
        }
        const allCategories = coverageDeclarationsOf(framework.profile).categories;
        for (const [band, gaps] of gapsByBand) {
            const categories = gaps.map(gap => gap.category);
            const subject = `${listed(categories)} contracts ${band}`;
            findings.push({
                code: IssueCodes.RuleGap, severity: 'warning', origin: identity.origin, subject,
                message: `${subject} match no rule. Add a rule for them, or a final rule without \`when\` to catch everything else.`,
                ...gapRuleData(gaps, allCategories, subject)
            });
        }
    }
    const measures = measuresOf(framework);
    const themes = new Set(framework.themes.map(theme => theme.id));
    const outcomes = new Set(framework.themes.flatMap(theme => theme.outcomes.map(outcome => outcome.id)));
    rules.forEach((rule, index) => {
        findings.push(...checkReportingMetricsInRule(identity.id, rule, measures));
        const reach = coverage.rules[index];
        if (!reach) return;
        if (reach.unreachable) {
            findings.push({ ...framed(identity.id, IssueCodes.RuleUnreachable, 'warning', rule.origin, where => unreachableMessage(rule, reach, rules, where, wording)), subject: rule.id });
            return;
        }
        findings.push(...checkMeasureRelevance(identity.id, rule, measures, reach.appliesTo));
        findings.push(...checkMeasuresAvailable(identity.id, rule, measures, themes, outcomes, reach.appliesTo));
    });
    return findings;
}

/**
 * What the "Add a rule" quick fix needs: the region as one condition (its categories, then
 * the rest), and the rules that take the contracts just below and above its value band. None
 * when the categories' regions differ beyond their words or cannot be written as a condition.
 */
function gapRuleData(gaps: CoverageGap[], allCategories: readonly ContractCategory[], subject: string): Pick<Finding, 'data'> {
    const condition = gaps[0]!.condition;
    if (condition === undefined || gaps.some(gap => gap.condition !== condition)) return {};
    const categories = gaps.map(gap => gap.category);
    const categoryTest = categories.length === allCategories.length ? '' : `category ${categories.length === 1 ? 'is' : 'in'} ${categories.join(', ')}`;
    const below = gaps.every(gap => gap.neighbours.below === gaps[0]!.neighbours.below) ? gaps[0]!.neighbours.below : undefined;
    const above = gaps.every(gap => gap.neighbours.above === gaps[0]!.neighbours.above) ? gaps[0]!.neighbours.above : undefined;
    return {
        data: {
            gap: {
                subject,
                condition: [categoryTest, condition].filter(Boolean).join(' and '),
                ...(below === undefined ? {} : { below }),
                ...(above === undefined ? {} : { above })
            }
        }
    };
}

/** A finding whose wording depends on whether the framework must be named (` in framework 'x'`). */
function framed(frameworkId: string, code: string, severity: Finding['severity'], origin: Origin, message: (where: string) => string): Finding {
    return { code, severity, origin, message: message(''), messageInFramework: message(` in framework '${frameworkId}'`) };
}

function unreachableMessage(rule: FrameworkRule, reach: RuleReach, rules: readonly FrameworkRule[], where: string, wording: LocationWording): string {
    const shadowedBy = reach.shadowedBy;
    if (shadowedBy.length === 0) {
        return `Rule '${rule.id}' can never apply${where}: no contract satisfies its condition. Correct the condition or remove the rule.`;
    }
    const names = shadowedBy.map(name => {
        const earlier = rules.find(candidate => candidate.id === name);
        const elsewhere = earlier && earlier.origin.file !== rule.origin.file;
        return `'${name}'${elsewhere ? ` (${wording.file(earlier.origin, rule.origin)})` : ''}`;
    });
    return names.length === 1
        ? `Rule '${rule.id}' can never apply${where}: earlier rule ${names[0]} already matches every contract it matches. Move it above '${shadowedBy[0]}' or remove it.`
        : `Rule '${rule.id}' can never apply${where}: earlier rules ${listed(names)} already match every contract it matches. Move it above them or remove it.`;
}

/** Measures a rule includes or sets a minimum for that no contract it applies to is asked. */
function checkMeasureRelevance(frameworkId: string, rule: FrameworkRule, measures: ScopedMeasure[], appliesTo: ContractCategory[]): Finding[] {
    const irrelevant = (name: string) => {
        const measure = measures.find(candidate => candidate.code === name);
        return measure && !appliesTo.some(category => isRelevantToCategory(measure.categories, category)) ? measure : undefined;
    };
    const categories = (list: readonly ContractCategory[]) => listed([...list], 'or');
    const applies = (where: string) => `rule '${rule.id}' only applies to ${listed([...appliesTo], 'and')} contracts${where}`;
    const findings: Finding[] = [];
    for (const { measure: name, origin } of rule.effectOrigins.includedMeasures) {
        const measure = irrelevant(name);
        if (!measure) continue;
        findings.push({ ...framed(frameworkId, IssueCodes.RuleMeasureNotRelevant, 'warning', origin, where =>
            `Measure '${measure.code}' is only asked of ${categories(measure.categories)} contracts, but ${applies(where)}, so including it has no effect. Remove it from the rule, or add ${categories(appliesTo)} to the measure's categories.`), subject: measure.code });
    }
    rule.effects.minimumCommitments.forEach((minimum, index) => {
        const measure = irrelevant(minimum.measure);
        const origin = rule.effectOrigins.minimumCommitments[index]?.measure;
        if (!measure || !origin) return;
        findings.push({ ...framed(frameworkId, IssueCodes.RuleMeasureNotRelevant, 'warning', origin, where =>
            `Measure '${measure.code}' is only asked of ${categories(measure.categories)} contracts, but ${applies(where)}, so this minimum is never used. Remove it from the rule, or add ${categories(appliesTo)} to the measure's categories.`), subject: measure.code });
    });
    return findings;
}

/**
 * A rule must leave enough measures for its own `select` minimum and `require` counts, in
 * every category it applies to, after its include/exclude and category relevance.
 */
function checkMeasuresAvailable(frameworkId: string, rule: FrameworkRule, measures: Measure[], themes: ReadonlySet<string>, outcomes: ReadonlySet<string>, appliesTo: ContractCategory[]): Finding[] {
    if (rule.effects.noAsk) return [];
    // A reporting metric (`after award`) is not in the bid, so it cannot meet a `require`.
    const scarcest = (among: (measure: Measure) => boolean) => appliesTo
        .map(category => ({ category, measures: measuresInScope(measures, rule.effects, category).filter(measure => measure.afterAward === null && among(measure)) }))
        .sort((a, b) => a.measures.length - b.measures.length)[0];
    const available = (found: { category: ContractCategory; measures: ScopedMeasure[] }, where: string, none: string, one: string, many: string) => {
        const under = `${found.category} contracts under it${where}`;
        const count = found.measures.length;
        return count === 0
            ? `${none} available to ${under}`
            : `only ${count} ${count === 1 ? one : many} available to ${under} (${found.measures.map(measure => measure.code).join(', ')})`;
    };
    const findings: Finding[] = [];
    const minimum = rule.effects.select?.min;
    const minimumOrigin = rule.effectOrigins.selectMin;
    if (minimum !== undefined && minimum !== null && Number.isInteger(minimum) && minimumOrigin) {
        const found = scarcest(() => true);
        if (found && minimum > found.measures.length) {
            findings.push(framed(frameworkId, IssueCodes.RuleMinimumMeasuresUnavailable, 'error', minimumOrigin, where =>
                `Rule '${rule.id}' asks for at least ${minimum} measures, but ${available(found, where, 'no measures are', 'measure is', 'measures are')}. Lower the minimum, or include more measures.`));
        }
    }
    rule.effects.require.forEach((required, index) => {
        const origin = rule.effectOrigins.require[index];
        if (!origin || !Number.isInteger(required.count)) return;
        // An unknown theme or outcome is reported where it is named.
        const source = required.theme !== undefined
            ? themes.has(required.theme) ? { kind: 'theme', id: required.theme, holds: (measure: Measure) => measure.theme === required.theme } : undefined
            : required.outcome !== undefined && outcomes.has(required.outcome) ? { kind: 'outcome', id: required.outcome, holds: (measure: Measure) => measure.outcome === required.outcome } : undefined;
        if (!source) return;
        const found = scarcest(source.holds);
        if (!found || required.count <= found.measures.length) return;
        findings.push(framed(frameworkId, IssueCodes.RuleMinimumMeasuresUnavailable, 'error', origin, where =>
            `Rule '${rule.id}' requires ${required.count} ${required.count === 1 ? 'measure' : 'measures'} from ${source.kind} '${source.id}', but ${available(found, where, `none of the ${source.kind}'s measures is`, 'of its measures is', 'of its measures are')}. Lower the count, or include more of the ${source.kind}'s measures.`));
    });
    return findings;
}

/**
 * A reporting metric (`after award quarterly`) is reported during the contract, not committed
 * in the bid, so a minimum commitment on it could never be met.
 */
function checkReportingMetricsInRule(frameworkId: string, rule: FrameworkRule, measures: Measure[]): Finding[] {
    const findings: Finding[] = [];
    rule.effects.minimumCommitments.forEach((minimum, index) => {
        const measure = measures.find(candidate => candidate.code === minimum.measure);
        const origin = rule.effectOrigins.minimumCommitments[index]?.measure;
        if (!measure || measure.afterAward === null || !origin) return;
        findings.push(framed(frameworkId, IssueCodes.ReportingMetricInRule, 'error', origin, where =>
            `Measure '${measure.code}' is a reporting metric (\`after award ${measure.afterAward}\`): suppliers report it after award and do not commit to it in the bid, so rule '${rule.id}'${where} cannot set a minimum for it. Remove the minimum, or remove \`after award\` from the measure to ask it at bid time.`));
    });
    return findings;
}

/** 'a', 'b' and 'c' */
function listed(items: string[], conjunction = 'and'): string {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
