import { AstUtils, DocumentState, WorkspaceCache, type AstNode, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { coverageDeclarationsOf } from '../../model/rules/rule-coverage.js';
import { ruleMatches, type RuleMatches } from '../../model/rules/rule-matches.js';
import { isMeasure, isMethodQuestion, isOutcome, isRule, type Rule } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { frameworkInEffect } from './provenance-wording.js';
import { ruleApplicability } from './rule-condition-wording.js';

/**
 * Code lens above each measure: how many proportionality rules name it (by `include`,
 * `exclude` or `minimum`) and how many method-statement questions address its outcome, so
 * an officer sees what a change to it touches before making it. Counted over every file
 * that refers to it (imports, extending frameworks).
 *
 * Above each rule: the contracts it applies to, in words ("matches: works contracts from
 * £100,000 to under £5,000,000"): those it is the first match for in the framework the file
 * belongs to, worked out as the coverage check does (model/rules/rule-matches.ts), so a rule
 * that earlier rules shadow says which. When the rules test too many facts to enumerate, the
 * rule's own condition in words (as its hover says it).
 */
export class SvfCodeLensProvider implements CodeLensProvider {
    /** What each rule of a framework applies to, by the framework's entry and the rule's file and name. */
    private readonly matches: WorkspaceCache<string, Map<string, RuleMatches> | undefined>;

    constructor(private readonly services: SvfServices) {
        this.matches = new WorkspaceCache(services.shared, DocumentState.Linked);
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (isRule(node) && node.$cstNode) {
                lenses.push({ range: node.$cstNode.range, command: this.ruleCommand(document, node) });
                continue;
            }
            if (!isMeasure(node) || !node.$cstNode) continue;
            const rules = this.containers(node, isRule).size;
            const outcome = isOutcome(node.$container) ? node.$container : node.$container.outcome?.ref;
            const questions = outcome ? this.containers(outcome, isMethodQuestion).size : 0;
            lenses.push({
                range: node.$cstNode.range,
                command: { title: `used in ${countOf(rules, 'rule')}, ${countOf(questions, 'question')} on its outcome`, command: '' }
            });
        }
        return lenses;
    }

    private ruleCommand(document: LangiumDocument, rule: Rule): { title: string; command: string; tooltip?: string } {
        const matches = this.rulesMatches(document)?.get(ruleKey(document.uri.toString(), rule.name));
        if (!matches) return { title: ruleApplicability(rule), command: '' };
        if (matches.kind === 'never') return { title: 'matches: no contract (its condition can never hold)', command: '' };
        if (matches.kind === 'shadowed') {
            const names = matches.by.map(id => `'${id}'`).join(', ');
            return { title: `matches: no contract (${matches.by.length === 1 ? `earlier rule ${names} matches` : `earlier rules ${names} match`} every contract it would)`, command: '' };
        }
        const everything = matches.regions.length === 1 && matches.regions[0] === 'every contract';
        if (rule.condition === undefined && everything) return { title: 'matches: every contract', command: '' };
        const prefix = rule.condition === undefined ? 'matches: every contract not matched above: ' : 'matches: ';
        const shown = matches.regions.slice(0, MAX_REGIONS_IN_TITLE);
        const more = matches.regions.length - shown.length;
        return {
            title: `${prefix}${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
            command: '',
            tooltip: `The contracts this rule is the first match for:\n${matches.regions.map(region => `- ${region}`).join('\n')}`
        };
    }

    /** What each rule of the framework the document belongs to applies to; undefined when it cannot be worked out. */
    private rulesMatches(document: LangiumDocument): Map<string, RuleMatches> | undefined {
        const framework = frameworkInEffect(this.services, document);
        if (!framework) return undefined;
        return this.matches.get(`${framework.identity.origin.file}#${framework.identity.id}`, () => {
            const matches = ruleMatches(framework.rules, coverageDeclarationsOf(framework.profile));
            if (!matches) return undefined;
            return new Map(framework.rules.map((rule, index) => [ruleKey(rule.origin.file, rule.id), matches[index]!]));
        });
    }

    /** The distinct declarations of a kind (rules, questions) holding a reference to the node. */
    private containers(target: AstNode, is: (node: unknown) => boolean): Set<AstNode> {
        const found = new Set<AstNode>();
        const documents = this.services.shared.workspace.LangiumDocuments;
        const locator = this.services.workspace.AstNodeLocator;
        for (const reference of this.services.references.References.findReferences(target, { includeDeclaration: false })) {
            if (!documents.hasDocument(reference.sourceUri)) continue;
            const source = locator.getAstNode(documents.getDocument(reference.sourceUri)!.parseResult.value, reference.sourcePath);
            const container = source && AstUtils.getContainerOfType(source, (node): node is AstNode => is(node));
            if (container) found.add(container);
        }
        return found;
    }
}

/** Regions named in a rule's lens before "and N more" (the tooltip lists them all). */
const MAX_REGIONS_IN_TITLE = 3;

function ruleKey(file: string, name: string): string {
    return `${file}\u0000${name}`;
}

function countOf(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
