import { GrammarUtils, type AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { isMeasureProxyProperty, isProxyDeclaration } from '../generated/ast.js';
import { formatMoney } from './money-display.js';
import { proxyFigures } from './proxy-figures.js';

/**
 * Inlay hints: beside each measure's `proxy <name>`, what one unit is worth net of
 * deadweight, attribution and displacement (`= £24,418.80 net per fte`), worked out as the
 * compiler does; beside an inline proxy only when its adjustments make the net differ from
 * what is written. Nothing while the proxy does not resolve (the validator says why).
 */
export class SvfInlayHintProvider extends AbstractInlayHintProvider {
    computeInlayHint(node: AstNode, accept: InlayHintAcceptor): void {
        if (!isMeasureProxyProperty(node)) return;
        const proxy = node.proxy?.ref ?? node.inline;
        if (!proxy) return;
        const figures = proxyFigures(proxy);
        if (!figures || !figures.unitDeclaration) return;
        if (!isProxyDeclaration(proxy) && figures.netValuePerUnit.eq(figures.value)) return;
        const net = formatMoney(figures.netValuePerUnit);
        if (net === undefined) return;
        const end = (node.proxy ? GrammarUtils.findNodeForProperty(node.$cstNode, 'proxy') : node.inline?.$cstNode && GrammarUtils.findNodeForProperty(node.inline.$cstNode, 'value'))?.range.end;
        if (!end) return;
        accept({
            position: end,
            label: ` = ${net} net per ${figures.unitDeclaration.name}`,
            kind: InlayHintKind.Type,
            paddingLeft: false,
            tooltip: 'What one unit is worth after deadweight, attribution and displacement, as `svf compile` values it.'
        });
    }
}
