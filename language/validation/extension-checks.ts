import { AstUtils, type LangiumDocument, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { DiagnosticSeverity, type Range } from 'vscode-languageserver';
import { parseAmount } from '../../model/amounts.js';
import * as ast from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { headerOf } from '../workspace/import-graph.js';
import { describeLocation, relativePath } from './framework-documents.js';
import { IssueCodes } from './issue-codes.js';
import { crossFileData } from './validation-categories.js';

/**
 * Checks of a framework that extends another, on the syntax tree. What needs the base and
 * the child together (an override of something the base lacks, a name declared twice, a
 * retired measure still in use, the merged framework's own checks) is the merge's
 * (model/merge/), reported through the framework findings like any other finding.
 *
 * Cross-file (CROSS_FILE_CATEGORY): whether the `extends` line finds a framework, whether
 * extending closes a cycle, whether the base has errors, and whether a file that changes a
 * base belongs to a framework that has one.
 */
export function extendsChecks(services: SvfServices): ValidationChecks<SvfAstType> {
    const graph = services.workspace.ImportGraph;
    const resolver = services.workspace.ImportResolver;
    const resolution = services.resolution.FrameworkResolution;

    const checkExtends = (root: ast.Document, accept: ValidationAcceptor) => {
        const document = AstUtils.getDocument(root);
        const edge = graph.baseEdgeOf(document);
        if (!edge) return;
        const at = { node: edge.extends, property: edge.error?.code === IssueCodes.ExtendsInvalidRange ? 'range' as const : 'base' as const };
        const report = (code: string, message: string) => accept('error', message, { ...at, code, data: crossFileData(code) });
        if (edge.error) return report(edge.error.code, edge.error.message);
        const base = graph.baseOf(document);
        const written = edge.extends.base ?? '';
        if (!base) {
            const problem = resolver.loadError(written, edge.uri);
            return report(IssueCodes.ExtendsMissingBase, problem.message.replace(/^(Imported file|Cannot read imported file|Cannot find imported file)/, 'Base framework file').replace(/\bImport an \.svf file\.$/, 'Name the base\'s entry .svf file.'));
        }
        if (base.uri.toString() === document.uri.toString()) {
            return report(IssueCodes.ExtendsCycle, `This framework extends itself. Name the base framework it builds on.`);
        }
        const baseHeader = headerOf(base);
        if (!baseHeader) {
            return report(IssueCodes.ExtendsNotAFramework, `Base '${written}' is not a framework: its entry file (${relativePath(document.uri, base.uri)}) has no \`framework\` header. Extend a framework's entry (the file that starts with \`framework <id> "<title>" { ... }\`), or import the file instead to use its declarations.`);
        }
        const chain = graph.baseChain(document);
        if (chain.cycle) {
            const loop = [document, ...chain.bases];
            const back = graph.baseOf(loop[loop.length - 1])!;
            const name = (doc: LangiumDocument) => headerOf(doc)?.name ?? relativePath(document.uri, doc.uri);
            return report(IssueCodes.ExtendsCycle, `Extends cycle: ${[...loop, back].map(name).join(' extends ')}. A framework cannot be its own base, directly or through others: one of them must extend another framework, or none.`);
        }
        const errors = baseErrors(chain.bases, graph.ownClosure.bind(graph));
        if (errors.count > 0 && errors.first) {
            const framework = resolution.frameworkOf(base).identity;
            const where = describeLocation(document, errors.first.document.uri, errors.first.range);
            return report(IssueCodes.ExtendsBaseHasErrors, `Base framework '${framework.id}' ${framework.version ?? '(no version)'} has ${errors.count} error${errors.count === 1 ? '' : 's'} (the first at ${where}: ${errors.first.message}) so this framework cannot be compiled. The base's publisher must fix ${errors.count === 1 ? 'it' : 'them'}; meanwhile extend a version of the base without errors.`);
        }
        return undefined;
    };

    /** `override`, `retire`, `add to` and `before`/`after` only make sense in a framework that extends another. */
    const checkHasBase = (node: ast.Override | ast.Retirement | ast.ThemeAddition | ast.OutcomeAddition, accept: ValidationAcceptor) => {
        const document = AstUtils.getDocument(node);
        if (resolution.entriesContaining(document).some(entry => graph.baseEdgeOf(entry))) return;
        const what = ast.isRetirement(node) ? '`retire`' : ast.isThemeAddition(node) || ast.isOutcomeAddition(node) ? '`add to`' : '`override`';
        accept('error', `${what} changes a base framework, but this framework extends none. Add \`extends "<package or folder>"\` to its framework header, or declare what you need directly.`,
            { node, keyword: ast.isRetirement(node) ? 'retire' : ast.isThemeAddition(node) || ast.isOutcomeAddition(node) ? 'add' : 'override', code: IssueCodes.ExtendsNoBase, data: crossFileData(IssueCodes.ExtendsNoBase) });
    };

    const checkPlacementHasBase = (rule: ast.Rule, accept: ValidationAcceptor) => {
        if (!rule.placement) return;
        const document = AstUtils.getDocument(rule);
        if (resolution.entriesContaining(document).some(entry => graph.baseEdgeOf(entry))) return;
        accept('error', `\`${rule.placement}\` places a rule among a base framework's rules, but this framework extends none. Remove \`${rule.placement} ${rule.anchor?.$refText ?? ''}\` (rules are tried in the order written), or add \`extends "..."\` to the framework header.`,
            { node: rule, keyword: rule.placement, code: IssueCodes.ExtendsNoBase, data: crossFileData(IssueCodes.ExtendsNoBase) });
    };

    return {
        Document: checkExtends,
        ProxyOverride: checkHasBase, MeasureOverride: checkHasBase, ScaleOverride: checkHasBase, QuestionOverride: checkHasBase,
        GateOverride: checkHasBase, EvaluationOverride: checkHasBase, RuleOverride: checkHasBase, Retirement: checkHasBase,
        ThemeAddition: checkHasBase, OutcomeAddition: checkHasBase,
        Rule: checkPlacementHasBase
    };
}

type SvfAstType = ast.SvfAstType;

/** The checks of an override that its own text decides. */
export function overrideChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    return {
        MeasureOverride: (node: ast.MeasureOverride, accept: ValidationAcceptor) => {
            const unit = node.properties.find(ast.isMeasureUnitProperty);
            if (unit) {
                const code = node.target?.$refText ?? '';
                accept('error', `A measure's unit cannot be overridden: members' returns and portals count '${code}' in its unit. To count it differently, retire '${code}' (\`retire measure ${code} because "..."\`) and add a measure with its own code and unit.`,
                    { node: unit, code: IssueCodes.ExtendsUnitChange });
            }
        },
        ProxyOverride: (node: ast.ProxyOverride, accept: ValidationAcceptor) => {
            if (!node.value) return;
            let value;
            try { value = parseAmount(node.value); } catch { return; }
            if (value.lessThanOrEqualTo(0)) {
                accept('error', `The override of proxy '${node.target?.$refText ?? ''}' has the value ${node.value}; a financial proxy must be worth more than £0 per unit. Give the value of one unit, e.g. £16.93.`,
                    { node, property: 'value', code: IssueCodes.ProxyValueNotPositive });
            }
        }
    };
}

interface FirstError {
    document: LangiumDocument;
    range: Range;
    message: string;
}

/** The errors in a chain of base frameworks' own files, counted, and the first (in load order, then position). */
function baseErrors(bases: LangiumDocument[], ownClosure: (document: LangiumDocument) => LangiumDocument[]): { count: number; first?: FirstError } {
    let count = 0;
    let first: FirstError | undefined;
    const seen = new Set<string>();
    for (const base of bases) {
        for (const document of ownClosure(base)) {
            if (seen.has(document.uri.toString())) continue;
            seen.add(document.uri.toString());
            for (const diagnostic of document.diagnostics ?? []) {
                if ((diagnostic.severity ?? DiagnosticSeverity.Error) !== DiagnosticSeverity.Error) continue;
                count++;
                first ??= { document, range: diagnostic.range, message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value };
            }
        }
    }
    return { count, first };
}
