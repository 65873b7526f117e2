import type { Acknowledgement } from '../framework.js';
import { IssueCodes } from '../issue-codes.js';
import { spellingDistance } from '../spelling.js';
import type { Finding } from './framework-checks.js';

/**
 * `acknowledge "rule/gap" for "works contracts under £25,000" because "..."`: a warning the
 * framework's authors accept, with their reason, so it stops being reported (as Catala lets a
 * user state an assumption so the checker does not cry wolf). Only warnings: an error means
 * the framework is wrong, and stays until it is fixed.
 */

/**
 * The warnings the framework-wide checks report (findings, model/checks/): an acknowledgement
 * of one of these that matches nothing is reported as unused.
 */
export const FRAMEWORK_WARNING_CODES: ReadonlySet<string> = new Set([
    IssueCodes.MissingEvaluation, IssueCodes.SplitQuestionsMismatch, IssueCodes.CurrencySymbolMismatch,
    IssueCodes.StaleProxyPriceYear, IssueCodes.RuleGap, IssueCodes.RuleUnreachable, IssueCodes.RuleMeasureNotRelevant,
    IssueCodes.MeasureOutlastsContract, IssueCodes.CriterionUncovered, IssueCodes.ZeroWeightingWithSelect, IssueCodes.RatioWithoutQuantitativeShare
]);

/**
 * The warnings the checks of single files report (language/validation/): acknowledged by the
 * document validator, where the subject is the name of the declaration the warning is on.
 * Whether one is used cannot be told from the framework's findings, so it is never called unused.
 */
export const FILE_WARNING_CODES: ReadonlySet<string> = new Set([
    IssueCodes.ProxyMissingSource, IssueCodes.RuleConflictingEffects, IssueCodes.MultiYearNotValued, IssueCodes.EmptyFile,
    // A framework without a `profile` block: flags its rules use without declaring them.
    IssueCodes.UndeclaredFlag
]);

/** Whether a code names a warning that can be acknowledged. */
export function isAcknowledgeable(code: string): boolean {
    return FRAMEWORK_WARNING_CODES.has(code) || FILE_WARNING_CODES.has(code);
}

const ALL_CODES: readonly string[] = [...new Set(Object.values(IssueCodes) as string[])];

export interface AcknowledgementOptions {
    /** The acknowledgements whose problems this framework reports: its own, not a base's (the base reports those). */
    isOwn(acknowledgement: Acknowledgement): boolean;
    /**
     * False when the checks did not all run (a syntax error stops the rule analysis, a base
     * that cannot be found stops everything): no acknowledgement is then called unused.
     */
    complete: boolean;
}

export interface AcknowledgedFindings {
    /** The findings to report: those not acknowledged, then the problems with the acknowledgements. */
    findings: Finding[];
    /** The warnings an acknowledgement silenced. */
    acknowledged: Finding[];
}

/**
 * Drops each warning an acknowledgement matches (same code; the same subject, when the
 * acknowledgement names one: case and spacing aside), and reports acknowledgements of codes
 * that do not exist (with the nearest codes) or are not warnings, without a reason, or that
 * match nothing.
 */
export function applyAcknowledgements(findings: readonly Finding[], acknowledgements: readonly Acknowledgement[], options: AcknowledgementOptions): AcknowledgedFindings {
    const used = new Set<Acknowledgement>();
    const kept: Finding[] = [];
    const acknowledged: Finding[] = [];
    for (const finding of findings) {
        const by = finding.severity === 'warning' ? acknowledgements.find(acknowledgement => matches(acknowledgement, finding.code, finding.subject)) : undefined;
        if (by) {
            used.add(by);
            acknowledged.push(finding);
        } else {
            kept.push(finding);
        }
    }
    const problems: Finding[] = [];
    for (const acknowledgement of acknowledgements.filter(options.isOwn)) {
        const { code, origin } = acknowledgement;
        if (!ALL_CODES.includes(code)) {
            problems.push({ code: IssueCodes.AcknowledgeUnknownCode, severity: 'error', origin, message: unknownCodeMessage(code) });
            continue;
        }
        if (!isAcknowledgeable(code)) {
            problems.push({
                code: IssueCodes.AcknowledgeNotAWarning, severity: 'error', origin,
                message: `'${code}' is ${code.startsWith('acknowledge/') ? 'about acknowledgements themselves' : 'an error'}, and only warnings can be acknowledged: fix what it reports instead, and remove this acknowledgement.`
            });
            continue;
        }
        if (acknowledgement.reason === null || acknowledgement.reason.trim() === '') {
            problems.push({
                code: IssueCodes.AcknowledgeMissingReason, severity: 'error', origin,
                message: `The acknowledgement of '${code}' gives no reason. Add \`because "..."\` saying why the warning is accepted, so readers know it is deliberate.`
            });
        }
        if (!used.has(acknowledgement) && options.complete && FRAMEWORK_WARNING_CODES.has(code)) {
            problems.push({ code: IssueCodes.AcknowledgeUnused, severity: 'warning', origin, message: unusedMessage(acknowledgement, findings) });
        }
    }
    return { findings: [...kept, ...problems], acknowledged };
}

/** Whether an acknowledgement covers a warning with this code and subject. */
export function matches(acknowledgement: Pick<Acknowledgement, 'code' | 'subject'>, code: string, subject: string | undefined): boolean {
    if (acknowledgement.code !== code) return false;
    return acknowledgement.subject === null || (subject !== undefined && normalised(acknowledgement.subject) === normalised(subject));
}

function normalised(text: string): string {
    return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function unknownCodeMessage(code: string): string {
    const nearest = ALL_CODES
        .map(candidate => ({ candidate, distance: spellingDistance(code, candidate) }))
        .filter(entry => entry.distance <= Math.max(2, Math.floor(code.length / 3)))
        .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
        .slice(0, 3)
        .map(entry => `'${entry.candidate}'`);
    const area = code.split('/')[0] ?? '';
    const sameArea = ALL_CODES.filter(candidate => candidate.startsWith(`${area}/`) && isAcknowledgeable(candidate)).map(candidate => `'${candidate}'`);
    const hint = nearest.length > 0 ? ` Did you mean ${orList(nearest)}?`
        : sameArea.length > 0 ? ` The ${area} warnings are ${listed(sameArea, 'and')}.` : '';
    return `'${code}' is not a diagnostic code.${hint} Acknowledge a warning by the code \`svf check\` prints for it.`;
}

function unusedMessage(acknowledgement: Acknowledgement, findings: readonly Finding[]): string {
    const { code, subject } = acknowledgement;
    const about = subject === null ? '' : ` about "${subject}"`;
    const others = findings.filter(finding => finding.code === code && finding.severity === 'warning' && finding.subject !== undefined).map(finding => `"${finding.subject}"`);
    const hint = subject !== null && others.length > 0 ? ` The '${code}' warnings reported are about ${orList([...new Set(others)].slice(0, 3))}.` : '';
    return `Nothing to acknowledge: no '${code}' warning${about} is reported.${hint} Remove this acknowledgement.`;
}

function orList(items: string[]): string {
    return listed(items, 'or');
}

function listed(items: string[], conjunction: 'and' | 'or'): string {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
