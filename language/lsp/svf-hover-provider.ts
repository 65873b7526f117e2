import { themeNameOf } from '../ast-containers.js';
import { AstUtils, CstUtils, type AstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isAskProperty, isGate, isInlineProxy, isMeasure, isMeasureProxyProperty, isMeasureUnitProperty, isMethodQuestion, isOutcome,
    isPercentAmount, isProxyDeclaration, isQuestionScaleProperty, isRecordOnlyProperty, isRule, isScale, isTheme, isUnit, isWeightProperty,
    isWordLimitProperty, type Gate, type Measure, type MethodQuestion, type Outcome, type ProxyDeclaration, type Rule,
    type Scale, type Theme, type Unit
} from '../generated/ast.js';
import { isMonetisableUnitKind, measuresOf, type FinancialProxy, type Framework } from '../../model/framework.js';
import { amountText } from '../parser/written-amounts.js';
import type { SvfServices } from '../svf-module.js';
import { formatMoney } from './money-display.js';
import { describeFigures, describeProxy } from './proxy-figures.js';
import { frameworkInEffect, mergedDeclarationOf, mergedProxy, overrideLines, provenanceLine, retirementLine, type MergedDeclaration } from './provenance-wording.js';
import { ruleApplicability } from './rule-condition-wording.js';
import type { FactKinds } from '../../model/rules/condition-wording.js';

/**
 * Hovers that answer a policy officer's questions where they read: what a measure is
 * worth per unit after the SROI adjustments, what a proxy is worth, what a money amount
 * is exactly, and which contracts a rule applies to. Across `extends`, a hover shows the
 * framework the hovered file belongs to as merged: a declaration of a base says which
 * framework (and package) it comes from, and an overridden one who overrode it, what it
 * was, what it is now and why.
 */
export class SvfHoverProvider implements HoverProvider {
    private readonly services: SvfServices;

    constructor(services: SvfServices) {
        this.services = services;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf || offset >= leaf.end) return undefined;
        const markdown = this.moneyHover(leaf) ?? this.declarationHover(document, leaf) ?? this.ruleHover(leaf);
        return markdown ? { contents: { kind: 'markdown', value: markdown }, range: leaf.range } : undefined;
    }

    /** `£2.5m` -> £2,500,000.00; inside a proxy also its net value per unit. */
    private moneyHover(leaf: LeafCstNode): string | undefined {
        if (leaf.tokenType.name !== 'MONEY') return undefined;
        const exact = formatMoney(leaf.text);
        if (!exact) return undefined;
        const lines = [`**${leaf.text}** is exactly ${exact}.`];
        const proxy = leaf.astNode;
        if ((isProxyDeclaration(proxy) || isInlineProxy(proxy)) && leaf.text === proxy.value) {
            lines.push(...describeProxy(proxy).details);
        }
        return lines.join('\n\n');
    }

    /** A declaration, or a reference to one, under the cursor, as the hovered file's framework has it. */
    private declarationHover(document: LangiumDocument, leaf: LeafCstNode): string | undefined {
        const declarations = this.services.references.References.findDeclarations(leaf);
        const declaration = declarations[0] ?? (leaf.astNode.$cstNode && isNameOf(leaf) ? leaf.astNode : undefined);
        if (!declaration) return undefined;
        if (isUnit(declaration)) return unitHover(declaration);
        if (isTheme(declaration) || isOutcome(declaration)) return themeOrOutcomeHover(declaration);
        if (!isProxyDeclaration(declaration) && !isMeasure(declaration) && !isRule(declaration) && !isScale(declaration)
            && !isMethodQuestion(declaration) && !isGate(declaration)) return undefined;
        const framework = frameworkInEffect(this.services, document);
        const context = framework ? { framework, merged: mergedDeclarationOf(framework, declaration) } : undefined;
        const retired = context && !context.merged ? retirementLine(this.services, document, declaration) : undefined;
        if (retired) return withRetirement(declarationMarkdown(declaration), retired);
        return declarationMarkdown(declaration, context);
    }

    /** Anywhere in a rule's heading or condition: which contracts it applies to. */
    private ruleHover(leaf: LeafCstNode): string | undefined {
        const rule = AstUtils.getContainerOfType(leaf.astNode, isRule);
        if (!rule) return undefined;
        const inEffects = rule.effects.some(effect => effect.$cstNode && leaf.offset >= effect.$cstNode.offset && leaf.end <= effect.$cstNode.end);
        return inEffects ? undefined : ruleHover(rule, frameworkInEffect(this.services, AstUtils.getDocument(rule))?.profile);
    }
}

function isNameOf(leaf: LeafCstNode): boolean {
    const node: AstNode = leaf.astNode;
    return 'name' in node && node.name === leaf.text;
}

/** The hover of a proxy, measure, rule, scale, question or gate; with the merged framework's provenance when given. */
function declarationMarkdown(declaration: ProxyDeclaration | Measure | Rule | Scale | MethodQuestion | Gate, context?: HoverContext): string {
    if (isProxyDeclaration(declaration)) return proxyHover(declaration, context);
    if (isMeasure(declaration)) return withProvenance(measureHover(declaration, context), context);
    if (isRule(declaration)) return withProvenance(ruleHover(declaration, context?.framework.profile), context);
    if (isScale(declaration)) return withProvenance(scaleHover(declaration), context);
    if (isMethodQuestion(declaration)) return withProvenance(questionHover(declaration), context);
    return withProvenance(gateHover(declaration), context);
}

/** The merged framework the hovered file belongs to, and its record of the hovered declaration (if it has one). */
interface HoverContext {
    framework: Framework;
    merged: MergedDeclaration | undefined;
}

/** After the heading: that the hovered file's framework retired the declaration, and why. */
function withRetirement(markdown: string, retired: string): string {
    const [heading, ...rest] = markdown.split('\n\n');
    return [heading, retired, ...rest].join('\n\n');
}

/** After the heading: where the declaration comes from, and who overrode it and why. */
function withProvenance(markdown: string, context: HoverContext | undefined): string {
    if (!context?.merged) return markdown;
    const lines = provenanceAndOverrides(context.framework, context.merged);
    if (lines.length === 0) return markdown;
    const [heading, ...rest] = markdown.split('\n\n');
    return [heading, ...lines, ...rest].join('\n\n');
}

function provenanceAndOverrides(framework: Framework, merged: MergedDeclaration, unit?: string): string[] {
    const from = provenanceLine(framework, merged.origin);
    return [...(from ? [from] : []), ...overrideLines(merged.overrides, unit)];
}

function measureHover(measure: Measure, context?: HoverContext): string {
    const lines = [`**Measure ${measure.name}**${measure.title ? `: ${measure.title}` : ''}`];
    const unit = measure.properties.find(isMeasureUnitProperty)?.unit?.ref;
    if (unit) {
        lines.push(`Unit: \`${unit.name}\`, ${unit.label}`);
    }
    if (measure.properties.some(isRecordOnlyProperty)) {
        lines.push('Record only: suppliers report it, but it is never given a value in £.');
        return lines.join('\n\n');
    }
    const proxyProperty = measure.properties.find(isMeasureProxyProperty);
    const proxy = proxyProperty?.inline ?? proxyProperty?.proxy?.ref;
    const overridden = context?.merged ? overriddenProxyOf(context.framework, measure.name) : undefined;
    if (overridden && context) {
        lines.push(`Financial proxy: \`${overridden.id}\`${overridden.title ? ` (${overridden.title})` : ''}, as ${context.framework.identity.id} has it`,
            ...overrideLines(overridden.overrides, overridden.unit),
            ...describeFigures(overridden, unitText(context.framework, overridden.unit)));
    } else if (proxy) {
        const { name, details } = describeProxy(proxy);
        lines.push(`Financial proxy: ${name}`, ...details);
    } else if (!proxyProperty) {
        lines.push('No financial proxy: commitments to this measure are not given a value in £.');
    }
    return lines.join('\n\n');
}

/** The proxy a measure has in the merged framework, when an override changed its figures. */
function overriddenProxyOf(framework: Framework, code: string): FinancialProxy | undefined {
    const measure = measuresOf(framework).find(candidate => candidate.code === code);
    const proxy = measure?.proxy ? mergedProxy(framework, measure.proxy) : undefined;
    return proxy && (proxy.overrides?.length ?? 0) > 0 ? proxy : undefined;
}

function unitText(framework: Framework, unit: string): string {
    const declared = framework.units.find(candidate => candidate.id === unit);
    return declared ? `${declared.id} (${declared.label})` : unit;
}

/**
 * A proxy's figures; when the hovered file's framework overrides it, the figures in effect
 * there, after who overrode it (the base's value → the new one) and why.
 */
function proxyHover(proxy: ProxyDeclaration, context?: HoverContext): string {
    const heading = `**Financial proxy ${proxy.name}**${proxy.title ? `: ${proxy.title}` : ''}`;
    if (!context?.merged) return [heading, ...describeProxy(proxy).details].join('\n\n');
    const merged = mergedProxy(context.framework, proxy.name);
    const lines = provenanceAndOverrides(context.framework, context.merged, merged?.unit);
    if (merged && (merged.overrides?.length ?? 0) > 0) {
        return [heading, ...lines, `In effect for ${context.framework.identity.id}:`, ...describeFigures(merged, unitText(context.framework, merged.unit))].join('\n\n');
    }
    return [heading, ...lines, ...describeProxy(proxy).details].join('\n\n');
}

function unitHover(unit: Unit): string {
    const kind = unit.kind ?? 'quantity';
    const monetisable = isMonetisableUnitKind(kind);
    return [
        `**Unit ${unit.name}**: ${unit.label}`,
        `Kind: ${kind}. ${monetisable ? 'Measures in this unit can be given a value in £ with a financial proxy.' : 'Measures in this unit are never given a value in £.'}`
    ].join('\n\n');
}

function ruleHover(rule: Rule, facts?: FactKinds): string {
    return [
        `**Rule ${rule.name}**${rule.title ? `: ${rule.title}` : ''}`,
        ruleApplicability(rule, facts),
        'Rules are tried in order (this file\'s before those it imports); the first whose condition matches a contract applies.'
    ].join('\n\n');
}

function scaleHover(scale: Scale): string {
    const levels = scale.levels.map(level => `- **${level.score}** ${level.label}${level.descriptor ? `: ${level.descriptor}` : ''}`);
    return [`**Scoring scale ${scale.name}**${scale.title ? `: ${scale.title}` : ''}`, levels.join('\n')].join('\n\n');
}

function themeOrOutcomeHover(node: Theme | Outcome): string {
    const measures = isTheme(node) ? node.outcomes.flatMap(outcome => outcome.measures) : node.measures;
    return [
        `**${isTheme(node) ? 'Theme' : 'Outcome'} ${node.name}**${node.title ? `: ${node.title}` : ''}`,
        ...(isOutcome(node) ? [`In theme \`${themeNameOf(node)}\`.`] : []),
        ...(node.description ? [node.description] : []),
        measures.length === 0 ? 'No measures.' : `Measures: ${measures.map(measure => measure.name).join(', ')}`
    ].join('\n\n');
}

function questionHover(question: MethodQuestion): string {
    const weight = question.properties.find(isWeightProperty)?.value;
    const scale = question.properties.find(isQuestionScaleProperty)?.scale?.ref;
    const words = question.properties.find(isWordLimitProperty)?.value;
    const facts = [
        weight ? `Weight: ${isPercentAmount(weight) ? `${amountText(weight)} of the qualitative marks` : `${amountText(weight)} points`}` : 'Weight: not set',
        scale ? `Scored on \`${scale.name}\`${scale.title ? ` (${scale.title})` : ''}` : undefined,
        words ? `Word limit: ${words}` : undefined
    ].filter((fact): fact is string => fact !== undefined);
    return [`**Method-statement question ${question.name}**${question.title ? `: ${question.title}` : ''}`, facts.join('; '), ...askOf(question)].join('\n\n');
}

function gateHover(gate: Gate): string {
    return [`**Pass/fail gate ${gate.name}**${gate.title ? `: ${gate.title}` : ''}`, 'A bid that does not meet it fails, whatever else it scores.', ...askOf(gate)].join('\n\n');
}

function askOf(node: MethodQuestion | Gate): string[] {
    const ask = (node.properties as AstNode[]).find(isAskProperty)?.value;
    return ask ? [`> ${ask}`] : [];
}
