import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { Decimal } from '../../model/amounts.js';
import type { OverrideRecord } from '../../model/extension.js';
import { measuresOf, type FinancialProxy, type Framework } from '../../model/framework.js';
import type { FrameworkRef, Origin } from '../../model/origin.js';
import { isGate, isMeasure, isMethodQuestion, isProxyDeclaration, isRule, isScale } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { formatMoney } from './money-display.js';

/**
 * Where a declaration comes from and what changed it, for hovers across the `extends`
 * boundary: the merged framework a hovered file belongs to, the model's record of a
 * declaration in it, and the wording of its provenance ("From orbis.base 2.1.0
 * (@orbis/social-value 2.1.3)") and of its overrides ("Overridden by eastshire.socialValue
 * 1.4.0: £24,000.00 → £31,250.00 per FTE, because ...").
 */

/** A declaration as the merged framework has it: where it was declared, and the overrides applied to it. */
export interface MergedDeclaration {
    origin: Origin;
    overrides?: OverrideRecord[];
}

/**
 * The merged framework that a hovered file belongs to (the first framework whose files
 * include it), or undefined when it cannot be resolved (the hover then shows what the
 * file says, without provenance).
 */
export function frameworkInEffect(services: SvfServices, document: LangiumDocument): Framework | undefined {
    const resolution = services.resolution.FrameworkResolution;
    try {
        const [entry] = resolution.entriesContaining(document);
        return entry ? resolution.frameworkOf(entry) : undefined;
    } catch {
        // A framework the merge cannot put together yet (e.g. while its base is being installed).
        return undefined;
    }
}

/**
 * The merged framework's record of a declared proxy, measure, question, gate, rule or scale:
 * the one with its name declared in the same file; undefined when the framework does not
 * have it (e.g. a measure its child retired).
 */
export function mergedDeclarationOf(framework: Framework, declaration: AstNode): MergedDeclaration | undefined {
    const file = AstUtils.getDocument(declaration).uri.toString();
    const name = 'name' in declaration ? declaration.name : undefined;
    const candidates: MergedDeclaration[] & Array<{ origin: Origin }> =
        isProxyDeclaration(declaration) ? framework.proxies.filter(proxy => proxy.id === name)
            : isMeasure(declaration) ? measuresOf(framework).filter(measure => measure.code === name)
                : isMethodQuestion(declaration) ? framework.questions.filter(question => question.id === name)
                    : isGate(declaration) ? framework.gates.filter(gate => gate.id === name)
                        : isRule(declaration) ? framework.rules.filter(rule => rule.id === name)
                            : isScale(declaration) ? framework.scales.filter(scale => scale.id === name)
                                : [];
    return candidates.find(candidate => candidate.origin.file === file);
}

/**
 * `Retired by eastshire.socialValue 1.4.0, because ...` when the framework the hovered file
 * belongs to retires the base's measure, question, gate or rule of this name; else undefined.
 */
export function retirementLine(services: SvfServices, document: LangiumDocument, declaration: AstNode): string | undefined {
    const kind = isMeasure(declaration) ? 'measure' : isMethodQuestion(declaration) ? 'question' : isGate(declaration) ? 'gate' : isRule(declaration) ? 'rule' : undefined;
    const name = 'name' in declaration ? declaration.name : undefined;
    if (!kind) return undefined;
    const resolution = services.resolution.FrameworkResolution;
    try {
        for (const entry of resolution.entriesContaining(document)) {
            const own = resolution.ownFrameworkOf(entry);
            const retirement = own.changes.retirements.find(candidate => candidate.kind === kind && candidate.target === name);
            if (retirement) {
                return `Retired by ${frameworkName(own.identity)}${retirement.reason ? `, because ${retirement.reason.text}` : ''}: not part of ${own.identity.id}.`;
            }
        }
    } catch {
        // A framework that cannot be resolved yet: no retirement shown.
    }
    return undefined;
}

/** The merged framework's proxy with this name, if it has one. */
export function mergedProxy(framework: Framework, id: string): FinancialProxy | undefined {
    return framework.proxies.find(proxy => proxy.id === id);
}

/**
 * `From orbis.base 2.1.0 (@orbis/social-value 2.1.3)` when the declaration comes from
 * another framework than the one the hovered file belongs to (its base, or its base's
 * base); undefined for the framework's own declarations.
 */
export function provenanceLine(framework: Framework, origin: Origin): string | undefined {
    if (sameFramework(origin.framework, framework.identity)) return undefined;
    const link = framework.chain.find(candidate => candidate.id === origin.framework.id);
    const installed = link?.package ?? null;
    return `From ${frameworkName(origin.framework)}${installed ? ` (${installed.name} ${installed.version})` : ''}.`;
}

/**
 * One paragraph per override, oldest first: who overrode the declaration and why, with a
 * proxy's new value on the same line (`Overridden by eastshire.socialValue 1.4.0: £24,000.00
 * → £31,250.00 per FTE, because ...`) and every other property changed listed below it
 * (before → after).
 */
export function overrideLines(records: OverrideRecord[] | undefined, unit?: string): string[] {
    return (records ?? []).map(record => {
        const value = record.changes.find(change => change.property === 'value');
        const others = record.changes.filter(change => change !== value);
        const headline = `Overridden by ${frameworkName(record.framework)}${value ? `: ${moneyText(value.previous)} → ${moneyText(value.value)}${unit ? ` per ${unit}` : ''}` : ''}`
            + `${record.reason ? `, because ${record.reason}` : ''}`;
        return [headline, ...others.map(change => `- ${change.property}: ${valueText(change.property, change.previous)} → ${valueText(change.property, change.value)}`)].join('\n');
    });
}

const PERCENT_PROPERTIES = new Set(['deadweight', 'attribution', 'displacement', 'dropOff', 'weighting']);

function valueText(property: string, value: unknown): string {
    if (value === null || value === undefined) return 'none';
    if (PERCENT_PROPERTIES.has(property) && (typeof value === 'string' || typeof value === 'number')) return `${value}%`;
    if (typeof value === 'string') return `"${value}"`;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value) && value.every(item => typeof item === 'string')) return value.length === 0 ? 'none' : value.join(', ');
    // Conditions, effects and other structures: too long for a hover line.
    return 'changed';
}

function moneyText(value: unknown): string {
    if (typeof value === 'string' || typeof value === 'number') {
        try {
            return formatMoney(new Decimal(value)) ?? String(value);
        } catch {
            return String(value);
        }
    }
    return valueText('value', value);
}

function frameworkName(framework: FrameworkRef): string {
    return framework.version ? `${framework.id} ${framework.version}` : framework.id;
}

function sameFramework(a: FrameworkRef, b: FrameworkRef): boolean {
    return a.id === b.id && a.version === b.version;
}
