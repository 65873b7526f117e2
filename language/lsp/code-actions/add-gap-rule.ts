import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { isRule, type Document, type Rule } from '../../generated/ast.js';
import type { ImportGraph } from '../../workspace/import-graph.js';
import { isInstalledPackageFile } from '../../workspace/package-imports.js';
import { workspaceQuickFix } from './code-action-edits.js';

/** What the gap finding carries (model/checks/framework-checks.ts, gapRuleData). */
interface GapData {
    /** `works contracts from £100,000 to under £250,000`. */
    subject: string;
    condition: string;
    below?: string;
    above?: string;
}

/**
 * `rule/gap`: add a rule for the contracts no rule matches, with the region's condition. The
 * effect is `no ask` (ask nothing of these contracts: a deliberate, visible choice), or a copy
 * of the effects of the rule for the value band just below or above. The rule goes next to
 * that neighbour (after the one below, else before the one above), else after the last rule
 * of this file or of the framework's own files, else at the end of this file. The condition matches only contracts no rule matches, so where it goes cannot
 * change which rule applies to any other contract.
 */
export function addGapRule(diagnostic: Diagnostic, document: LangiumDocument, graph: ImportGraph): CodeAction[] {
    const gap = diagnostic.data?.gap as GapData | undefined;
    if (!gap || typeof gap.condition !== 'string' || typeof gap.subject !== 'string') return [];
    const subject = gap.subject;
    const files = graph.ownClosure(document).filter(file => !isInstalledPackageFile(file.uri));
    const rules = files.flatMap(file => (file.parseResult.value as Document).elements.filter(isRule).map(rule => ({ rule, file })));
    const taken = new Set(rules.map(({ rule }) => rule.name));
    let name = 'uncovered';
    for (let index = 2; taken.has(name); index++) name = `uncovered${index}`;
    const find = (id: string | undefined) => rules.find(({ rule }) => rule.name === id);
    const below = find(gap.below);
    const above = find(gap.above);

    const offers: Array<{ title: string; effects: string[] }> = [{ title: `Add a rule for ${subject} that asks nothing (\`no ask\`)`, effects: ['no ask'] }];
    for (const [neighbour, where] of [[below, 'below'], [above, 'above']] as const) {
        if (!neighbour || (where === 'above' && neighbour.rule === below?.rule)) continue;
        const effects = effectLines(neighbour.rule, neighbour.file);
        // `no ask` is offered already.
        if (effects.length === 0 || (effects.length === 1 && effects[0] === 'no ask')) continue;
        offers.push({ title: `Add a rule for ${subject} with the effects of rule '${neighbour.rule.name}' (the band ${where})`, effects });
    }
    // Next to the neighbour, else after the last rule of this file, else of the framework's own files.
    const lastRule = rules.filter(({ file }) => file === document).at(-1) ?? rules.at(-1);
    const place = below ? { ...below, after: true } : above ? { ...above, after: false } : lastRule ? { ...lastRule, after: true } : undefined;
    // Indented like the file it goes in: its first indented line is one level (a tab or spaces).
    const target = place?.file ?? document;
    const indent = /^(\t| +)\S/m.exec(target.textDocument.getText())?.[1] ?? '    ';
    return offers.map(({ title, effects }, index) => {
        const text = [
            `rule ${name} "${subject.charAt(0).toUpperCase()}${subject.slice(1)}"${gap.condition ? ` when ${gap.condition}` : ''} {`,
            ...effects.map(line => `${indent}${line}`),
            '}'
        ].join('\n');
        const { uri, edit } = insertion(text, place, document);
        return workspaceQuickFix(title, diagnostic, { changes: { [uri]: [edit] } }, index === 0);
    });
}

/** A rule's effects as written, one per line, without their indentation. */
function effectLines(rule: Rule, file: LangiumDocument): string[] {
    const text = file.textDocument.getText();
    return rule.effects.flatMap(effect => (effect.$cstNode ? [text.slice(effect.$cstNode.offset, effect.$cstNode.end).replace(/\s+/g, ' ')] : []));
}

function insertion(text: string, place: { rule: Rule; file: LangiumDocument; after: boolean } | undefined, document: LangiumDocument): { uri: string; edit: TextEdit } {
    const at = (file: LangiumDocument, offset: number, newText: string) => {
        const position = file.textDocument.positionAt(offset);
        return { uri: file.uri.toString(), edit: { range: { start: position, end: position }, newText } };
    };
    if (place?.rule.$cstNode) {
        const source = place.file.textDocument.getText();
        const cst = place.rule.$cstNode;
        if (place.after) return at(place.file, cst.end, `\n\n${text}`);
        // Before the rule and the comment lines written directly above it.
        let start = source.lastIndexOf('\n', cst.offset - 1) + 1;
        while (start > 0) {
            const previous = source.lastIndexOf('\n', start - 2) + 1;
            const line = source.slice(previous, start).trim();
            if (!(line.startsWith('//') || (line.startsWith('/*') && line.endsWith('*/')))) break;
            start = previous;
        }
        return at(place.file, start, `${text}\n\n`);
    }
    const source = document.textDocument.getText();
    const trimmed = source.replace(/\s+$/, '');
    return at(document, trimmed.length, `${trimmed.length > 0 ? '\n\n' : ''}${text}${source.length === trimmed.length ? '\n' : ''}`);
}

