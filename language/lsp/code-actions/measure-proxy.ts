import { AstUtils, type AstNode, type LangiumDocument, type Reference, type ReferenceInfo, type Scope } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { isMeasure, isProxyDeclaration, type ProxyDeclaration } from '../../generated/ast.js';
import { measureUnitPropertyOf } from '../../ast-containers.js';
import { nodeAt, propertyInsertion, quickFix } from './code-action-edits.js';

const MOST_PROXIES_OFFERED = 5;

/**
 * `measure/missing-proxy`, besides marking the measure record only: use a proxy in scope
 * declared per the measure's unit (up to five, by name as written here), or write an inline
 * proxy. The inline proxy takes the value, source and adjustments of the proxy most used
 * for that unit, or, when there is none, the value £0, which stays an error (a proxy must
 * be worth more than £0) until a real value is written: nothing wrong compiles unnoticed.
 */
export function addMeasureProxy(diagnostic: Diagnostic, document: LangiumDocument, scopeOf: (context: ReferenceInfo) => Scope, usesOf: (proxy: ProxyDeclaration) => number): CodeAction[] {
    const measure = nodeAt(document, diagnostic, isMeasure);
    const unit = measure && measureUnitPropertyOf(measure)?.unit?.ref;
    if (!measure || !unit) return [];
    const context = {
        container: { $type: 'MeasureProxyProperty', $container: measure, $containerProperty: 'properties' } as AstNode,
        property: 'proxy',
        reference: { $refText: '' } as Reference
    };
    const candidates = scopeOf(context).getAllElements()
        .map(description => ({ name: description.name, proxy: description.node }))
        .filter((candidate): candidate is { name: string; proxy: ProxyDeclaration } => isProxyDeclaration(candidate.proxy) && candidate.proxy.unit?.ref === unit)
        .toArray();
    // One entry per proxy (a proxy may be visible by two names: keep the shorter).
    const byProxy = new Map<ProxyDeclaration, string>();
    for (const { name, proxy } of candidates) {
        const known = byProxy.get(proxy);
        if (known === undefined || name.length < known.length) byProxy.set(proxy, name);
    }
    const proxies = [...byProxy].sort((a, b) => a[1].localeCompare(b[1]));
    const actions: CodeAction[] = [];
    for (const [proxy, name] of proxies.slice(0, MOST_PROXIES_OFFERED)) {
        const insertion = propertyInsertion(document, measure, `proxy ${name}`);
        if (insertion) actions.push(quickFix(`Use proxy '${name}' (${proxy.value} per ${unit.name}) for measure '${measure.name}'`, diagnostic, document, [insertion]));
    }
    // The proxy most used for this unit (then the first by name) lends the inline one its figures.
    const model = proxies.map(([proxy]) => ({ proxy, uses: usesOf(proxy) }))
        .reduce<{ proxy: ProxyDeclaration; uses: number } | undefined>((best, candidate) => (!best || candidate.uses > best.uses ? candidate : best), undefined)?.proxy;
    const indent = ' '.repeat(document.textDocument.positionAt(measure.$cstNode!.offset).character + 4);
    if (model) {
        const block = proxyBlock(model, indent);
        const insertion = propertyInsertion(document, measure, `proxy ${model.value}${block}`);
        if (insertion) actions.push(quickFix(`Add an inline proxy of ${model.value} per ${unit.name} (the value and source of proxy '${byProxy.get(model)}': check they fit)`, diagnostic, document, [insertion]));
    } else {
        const insertion = propertyInsertion(document, measure, `proxy £0 {\n${indent}    source "Where the value comes from"\n${indent}}`);
        if (insertion) actions.push(quickFix(`Add an inline proxy (its value £0 stays an error until you write the value of one ${unit.name})`, diagnostic, document, [insertion]));
    }
    return actions;
}

/** A proxy's `{ source ... }` block, re-indented for a measure's property, or '' when it has none. */
function proxyBlock(proxy: ProxyDeclaration, indent: string): string {
    const text = AstUtils.getDocument(proxy).textDocument.getText();
    const lines = proxy.properties.flatMap(property => (property.$cstNode ? [text.slice(property.$cstNode.offset, property.$cstNode.end)] : []));
    return lines.length === 0 ? '' : ` {\n${lines.map(line => `${indent}    ${line}`).join('\n')}\n${indent}}`;
}
