import { CstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { FILE_WARNING_CODES, matches } from '../../model/checks/acknowledgements.js';
import type { Acknowledgement } from '../../model/framework.js';
import { isAcknowledgement, type Document } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';

/**
 * The warnings of one file's own checks that an acknowledgement of a framework the file is
 * part of covers, left out (framework-wide findings are acknowledged where they are made,
 * FrameworkResolution.findingsOf). The subject of such a warning is the name of the
 * declaration it is on: the measure, proxy or rule.
 */
export function withoutAcknowledgedWarnings(diagnostics: Diagnostic[], document: LangiumDocument, services: SvfServices): Diagnostic[] {
    const candidates = diagnostics.filter(diagnostic => diagnostic.severity === 2 && FILE_WARNING_CODES.has(String(diagnostic.code)));
    if (candidates.length === 0) return diagnostics;
    const acknowledgements = acknowledgementsOver(document, services);
    if (acknowledgements.length === 0) return diagnostics;
    const root = document.parseResult.value.$cstNode;
    const dropped: Diagnostic[] = [];
    const kept = diagnostics.filter(diagnostic => {
        if (!candidates.includes(diagnostic)) return true;
        const subject = root ? declarationNameAt(root, document.textDocument.offsetAt(diagnostic.range.start)) : undefined;
        const acknowledged = acknowledgements.some(acknowledgement => matches(acknowledgement, String(diagnostic.code), subject));
        if (acknowledged) dropped.push(diagnostic);
        return !acknowledged;
    });
    acknowledgedInFile.set(document, dropped);
    return kept;
}

/**
 * The acknowledgements written in the files of the frameworks this document is part of,
 * read from the syntax trees of their import closures: nothing is resolved here, because
 * the file checks run before every file of a framework being edited is linked again.
 */
function acknowledgementsOver(document: LangiumDocument, services: SvfServices): Array<Pick<Acknowledgement, 'code' | 'subject'>> {
    const graph = services.workspace.ImportGraph;
    const files = new Set<LangiumDocument>();
    for (const entry of services.resolution.FrameworkResolution.entriesContaining(document)) {
        for (const file of graph.ownClosure(entry)) files.add(file);
    }
    return [...files].flatMap(file => (file.parseResult.value as Document).elements?.filter(isAcknowledgement) ?? [])
        .map(acknowledgement => ({ code: acknowledgement.code ?? '', subject: acknowledgement.subject ?? null }));
}

/** Per document, the file warnings its last validation left out as acknowledged. */
const acknowledgedInFile = new WeakMap<LangiumDocument, Diagnostic[]>();

/**
 * How many warnings the acknowledgements silenced in these documents, for `svf check`'s
 * summary: the frameworks' findings shown in them and the files' own warnings.
 */
export function acknowledgedWarningCount(documents: readonly LangiumDocument[], services: SvfServices): number {
    const resolution = services.resolution.FrameworkResolution;
    const files = new Set(documents.map(document => document.uri.toString()));
    const keys = new Set<string>();
    for (const document of documents) {
        for (const entry of resolution.entriesContaining(document)) {
            for (const finding of resolution.acknowledgedOf(entry)) {
                if (!files.has(finding.origin.file)) continue;
                const { start } = finding.origin.range;
                keys.add(`${finding.code}|${finding.origin.file}|${start.line}:${start.character}|${finding.subject ?? finding.message}`);
            }
        }
        for (const diagnostic of acknowledgedInFile.get(document) ?? []) {
            keys.add(`${String(diagnostic.code)}|${document.uri.toString()}|${diagnostic.range.start.line}:${diagnostic.range.start.character}|${diagnostic.message}`);
        }
    }
    return keys.size;
}

function declarationNameAt(root: NonNullable<AstNode['$cstNode']>, offset: number): string | undefined {
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
    for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
        const name = (node as { name?: unknown }).name;
        if (typeof name === 'string') return name;
    }
    return undefined;
}
