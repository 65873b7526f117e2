import { CstUtils, GrammarUtils, URI, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { isCriterionProperty, isWeightProperty } from '../../generated/ast.js';
import type { ImportGraph } from '../../workspace/import-graph.js';
import { isInstalledPackageFile } from '../../workspace/package-imports.js';
import { workspaceQuickFix } from './code-action-edits.js';

/** Where a finding says the weights are (diagnostic `data.rescale`, from model/checks). */
interface RescaleData {
    target: string;
    weights: Array<{ file: string; range: Range }>;
}

/**
 * Proportional shares of `target` that add up to it exactly, with as many decimal places as
 * the most precise weight given: each share is rounded down, and the units left over go to
 * the largest remainders (the first written on a tie). Exact: integer arithmetic on the
 * decimals' digits. Undefined when the weights add up to zero (there is no proportion).
 * Whole numbers in, whole numbers out: `['30', '30', '30']` to 100 -> `['34', '33', '33']`.
 */
export function rescaleToTotal(weights: readonly string[], target: string): string[] | undefined {
    const decimals = Math.max(0, ...[...weights, target].map(weight => weight.split('.')[1]?.length ?? 0));
    const scale = 10n ** BigInt(decimals);
    const units = (value: string): bigint => {
        const [whole, fraction = ''] = value.split('.');
        return BigInt(whole!) * scale + BigInt(fraction.padEnd(decimals, '0') || '0');
    };
    const parts = weights.map(units);
    if (parts.some(part => part < 0n)) return undefined;
    const total = parts.reduce((sum, part) => sum + part, 0n);
    const wanted = units(target);
    if (total === 0n || wanted < 0n) return undefined;
    const floors = parts.map(part => (part * wanted) / total);
    const remainders = parts.map(part => (part * wanted) % total);
    let left = wanted - floors.reduce((sum, part) => sum + part, 0n);
    const order = remainders.map((remainder, index) => ({ remainder, index }))
        .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
    for (const { index } of order) {
        if (left === 0n) break;
        floors[index]! += 1n;
        left -= 1n;
    }
    return floors.map(part => {
        const whole = (part / scale).toString();
        if (decimals === 0) return whole;
        const fraction = (part % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
        return fraction ? `${whole}.${fraction}` : whole;
    });
}

/**
 * `question/weights-not-100` and `evaluation/criteria-weighting-mismatch`: rescale the
 * weights proportionally to the total they must reach. The weights may be written in other
 * files than the one the diagnostic is shown in; each edit goes to its own file. Not offered
 * when a weight is in an installed package (read-only), not loaded, or in the base framework
 * this one extends (a change there is the base's, for every framework extending it).
 */
export function rescaleWeights(diagnostic: Diagnostic, shownIn: LangiumDocument, documents: LangiumDocuments, graph: ImportGraph): CodeAction[] {
    const data = diagnostic.data?.rescale as RescaleData | undefined;
    if (!data || !Array.isArray(data.weights) || data.weights.length === 0) return [];
    // Only the framework's own files: a weight in the base it extends belongs to that framework.
    const own = new Set([shownIn, ...graph.frameworksContaining(shownIn)].flatMap(entry => graph.ownClosure(entry)).map(file => file.uri.toString()));
    const found: Array<{ uri: string; range: Range; value: string }> = [];
    for (const weight of data.weights) {
        const uri = URI.parse(weight.file);
        const document = documents.getDocument(uri);
        if (!document || isInstalledPackageFile(uri) || !own.has(document.uri.toString())) return [];
        const valueNode = weightValueNode(document, weight.range);
        if (!valueNode) return [];
        found.push({ uri: weight.file, range: valueNode.range, value: valueNode.text.replace(/%$/, '') });
    }
    const rescaled = rescaleToTotal(found.map(weight => weight.value), data.target);
    if (!rescaled) return [];
    const changes: Record<string, TextEdit[]> = {};
    found.forEach((weight, index) => {
        if (rescaled[index] === weight.value) return;
        (changes[weight.uri] ??= []).push({ range: weight.range, newText: `${rescaled[index]}%` });
    });
    if (Object.keys(changes).length === 0) return [];
    const what = data.target === '100' ? '100%' : `${data.target}% (the evaluation's weighting)`;
    return [workspaceQuickFix(`Rescale weights to add up to ${what}: ${rescaled.map(value => `${value}%`).join(', ')}`, diagnostic, { changes }, true)];
}

/** The `40%` of `weight 40%` or of `criterion environment 15%` the origin points into. */
function weightValueNode(document: LangiumDocument, range: Range) {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start));
    let node: AstNode | undefined = leaf?.astNode;
    while (node && !isWeightProperty(node) && !isCriterionProperty(node)) node = node.$container;
    if (!node || (isCriterionProperty(node) && node.value === undefined)) return undefined;
    const valueNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'value');
    return valueNode && /^\d+(\.\d+)?%$/.test(valueNode.text) ? valueNode : undefined;
}
