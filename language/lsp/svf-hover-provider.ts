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
import { isMonetisableUnitKind } from '../../model/framework.js';
import { amountText } from '../parser/written-amounts.js';
import type { SvfServices } from '../svf-module.js';
import { formatMoney } from './money-display.js';
import { describeProxy } from './proxy-figures.js';
import { ruleApplicability } from './rule-condition-wording.js';

/**
 * Hovers that answer a policy officer's questions where they read: what a measure is
 * worth per unit after the SROI adjustments, what a proxy is worth, what a money amount
 * is exactly, and which contracts a rule applies to.
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
        const markdown = this.moneyHover(leaf) ?? this.declarationHover(leaf) ?? this.ruleHover(leaf);
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

    /** A declaration, or a reference to one, under the cursor. */
    private declarationHover(leaf: LeafCstNode): string | undefined {
        const declarations = this.services.references.References.findDeclarations(leaf);
        const declaration = declarations[0] ?? (leaf.astNode.$cstNode && isNameOf(leaf) ? leaf.astNode : undefined);
        if (!declaration) return undefined;
        if (isMeasure(declaration)) return measureHover(declaration);
        if (isProxyDeclaration(declaration)) return proxyHover(declaration);
        if (isUnit(declaration)) return unitHover(declaration);
        if (isRule(declaration)) return ruleHover(declaration);
        if (isScale(declaration)) return scaleHover(declaration);
        if (isTheme(declaration) || isOutcome(declaration)) return themeOrOutcomeHover(declaration);
        if (isMethodQuestion(declaration)) return questionHover(declaration);
        if (isGate(declaration)) return gateHover(declaration);
        return undefined;
    }

    /** Anywhere in a rule's heading or condition: which contracts it applies to. */
    private ruleHover(leaf: LeafCstNode): string | undefined {
        const rule = AstUtils.getContainerOfType(leaf.astNode, isRule);
        if (!rule) return undefined;
        const inEffects = rule.effects.some(effect => effect.$cstNode && leaf.offset >= effect.$cstNode.offset && leaf.end <= effect.$cstNode.end);
        return inEffects ? undefined : ruleHover(rule);
    }
}

function isNameOf(leaf: LeafCstNode): boolean {
    const node: AstNode = leaf.astNode;
    return 'name' in node && node.name === leaf.text;
}

function measureHover(measure: Measure): string {
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
    if (proxy) {
        const { name, details } = describeProxy(proxy);
        lines.push(`Financial proxy: ${name}`, ...details);
    } else if (!proxyProperty) {
        lines.push('No financial proxy: commitments to this measure are not given a value in £.');
    }
    return lines.join('\n\n');
}

function proxyHover(proxy: ProxyDeclaration): string {
    const { details } = describeProxy(proxy);
    return [`**Financial proxy ${proxy.name}**${proxy.title ? `: ${proxy.title}` : ''}`, ...details].join('\n\n');
}

function unitHover(unit: Unit): string {
    const kind = unit.kind ?? 'quantity';
    const monetisable = isMonetisableUnitKind(kind);
    return [
        `**Unit ${unit.name}**: ${unit.label}`,
        `Kind: ${kind}. ${monetisable ? 'Measures in this unit can be given a value in £ with a financial proxy.' : 'Measures in this unit are never given a value in £.'}`
    ].join('\n\n');
}

function ruleHover(rule: Rule): string {
    return [
        `**Rule ${rule.name}**${rule.title ? `: ${rule.title}` : ''}`,
        ruleApplicability(rule),
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
