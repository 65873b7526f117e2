import { AstUtils, isReference, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver';
import { isProxyDeclaration, isProfileDeclaration, isScale, isUnit, type Document, type Import } from '../../generated/ast.js';
import { walkDeclarationOrder, type ImportGraph } from '../../workspace/import-graph.js';

/** One import line with the comment lines written directly above it, which move with it. */
interface ImportChunk {
    import: Import;
    /** From the first attached comment line to the end of the import's line (newline excluded). */
    start: number;
    end: number;
    text: string;
    path: string;
}

/**
 * `source.organizeImports`: removes the imports this file does not need and sorts the rest by
 * path (stable), each with its comment lines. An import is removed when it repeats an earlier
 * one (same file, same alias), or when it brings in only vocabulary (units, proxies, scales),
 * nothing in this file names any of it, and the imports kept still bring in every file it
 * does. In SVF an import also makes its files part of the framework, so an import of themes,
 * questions or rules is kept, named here or not: the entry file's list of them is the
 * framework's table of contents. An import that does not resolve is kept. Because the order of imports decides the order of themes and questions and which rule
 * applies first, the imports are sorted only when that leaves this order unchanged.
 */
export function organizeImports(document: LangiumDocument, graph: ImportGraph): CodeAction[] {
    const root = document.parseResult.value as Document;
    const imports = root.imports ?? [];
    if (imports.length === 0 || document.parseResult.parserErrors.length > 0 || document.parseResult.lexerErrors.length > 0) return [];
    const text = document.textDocument.getText();
    const chunks = imports.map(imp => chunkOf(imp, text)).filter((chunk): chunk is ImportChunk => chunk !== undefined);
    if (chunks.length !== imports.length) return [];

    const edges = graph.edgesOf(document);
    const targetOf = (imp: Import) => {
        const uri = edges.find(edge => edge.import === imp)?.uri;
        return uri ? graph.importedDocuments(document).find(candidate => candidate.uri.toString() === uri.toString()) : undefined;
    };
    const referenced = new Set<string>();
    for (const reference of document.references) {
        const target = isReference(reference) ? reference.ref : undefined;
        if (target) referenced.add(AstUtils.getDocument(target).uri.toString());
    }
    const closureOf = (imp: Import) => {
        const target = targetOf(imp);
        return target ? graph.ownClosure(target).map(member => member.uri.toString()) : undefined;
    };
    // The same file imported again under the same alias adds nothing: the later copies go.
    const seen = new Set<string>();
    let kept = chunks.filter(chunk => {
        const target = targetOf(chunk.import);
        if (!target) return true;
        const key = `${target.uri.toString()}|${chunk.import.alias ?? ''}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
    for (const chunk of [...kept]) {
        const closure = closureOf(chunk.import);
        const target = targetOf(chunk.import);
        // A file of themes, questions or rules is part of the framework this import lists, used or not.
        if (!closure || !target || closure.some(uri => referenced.has(uri)) || graph.ownClosure(target).some(declaresFrameworkContent)) continue;
        const others = kept.filter(other => other !== chunk);
        const stillIn = new Set([document.uri.toString(), ...others.flatMap(other => closureOf(other.import) ?? [])]);
        if (closure.every(uri => stillIn.has(uri))) kept = others;
    }

    const order = (list: ImportChunk[]) => orderedContent(document, list.map(chunk => chunk.import), graph, targetOf);
    const before = order(chunks);
    const sorted = [...kept].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    let result = sorted;
    if (order(sorted) !== before) result = order(kept) === before ? kept : chunks;
    if (result === chunks) return [];

    const newText = result.map(chunk => chunk.text).join('\n');
    const start = chunks[0]!.start;
    const end = chunks.at(-1)!.end;
    if (newText === text.slice(start, end)) return [];
    const removed = chunks.length - result.length;
    const edit: TextEdit = {
        range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) },
        newText
    };
    const what = [removed > 0 ? `remove ${removed} unused import${removed === 1 ? '' : 's'}` : '', result === sorted && sorted.some((chunk, index) => chunk !== kept[index]) ? 'sort by path' : ''].filter(Boolean).join(', ');
    return [{
        title: `Organise imports (${what})`,
        kind: CodeActionKind.SourceOrganizeImports,
        edit: { changes: { [document.uri.toString()]: [edit] } }
    }];
}

function chunkOf(imp: Import, text: string): ImportChunk | undefined {
    const cst = imp.$cstNode;
    if (!cst || imp.path === undefined) return undefined;
    const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
    let start = lineStart(cst.offset);
    // The import must start its line; comments directly above (no blank line) go with it.
    if (text.slice(start, cst.offset).trim() !== '') return undefined;
    while (start > 0) {
        const previous = lineStart(start - 1);
        const line = text.slice(previous, start).trim();
        if (!(line.startsWith('//') || (line.startsWith('/*') && line.endsWith('*/')))) break;
        start = previous;
    }
    const newline = text.indexOf('\n', cst.end);
    let end = newline === -1 ? text.length : newline;
    if (text[end - 1] === '\r') end--;
    // A trailing comment on the import's line stays with it; anything else there: not movable.
    const rest = text.slice(cst.end, end).trim();
    if (rest !== '' && !rest.startsWith('//') && !(rest.startsWith('/*') && rest.endsWith('*/'))) return undefined;
    return { import: imp, start, end, text: text.slice(start, end), path: imp.path };
}

/**
 * The files that declare something whose order matters (themes, questions, gates, rules, the
 * evaluation: everything but units, proxies, scales and the profile), in the declaration
 * order this file's imports give, as one string to compare.
 */
function orderedContent(document: LangiumDocument, imports: Import[], graph: ImportGraph, targetOf: (imp: Import) => LangiumDocument | undefined): string {
    const imported = (doc: LangiumDocument) => doc === document
        ? imports.map(targetOf).filter((target): target is LangiumDocument => target !== undefined)
        : graph.importedDocuments(doc);
    return walkDeclarationOrder(document, imported)
        .filter(declaresFrameworkContent)
        .map(doc => doc.uri.toString())
        .join('\n');
}

/** Whether a file declares more than vocabulary (units, proxies, scales, the profile): themes, questions, gates, rules... */
function declaresFrameworkContent(document: LangiumDocument): boolean {
    return (document.parseResult.value as Document).elements
        .some(element => !isUnit(element) && !isProxyDeclaration(element) && !isScale(element) && !isProfileDeclaration(element));
}
