import { URI, type LangiumDocument } from 'langium';
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { applyTextEdits } from './language-server-session.js';
import { runValidationOnSources, VIRTUAL_ROOT, type ValidationRun } from '../helpers/validate.js';

/** The URI of a source keyed `key` in runValidationOnSources. */
export function uriOf(key: string): string {
    return URI.file(`${VIRTUAL_ROOT}/${key}`).toString();
}

export interface Offered {
    run: ValidationRun;
    document: LangiumDocument;
    /** Each diagnostic with the code in the file, with the code actions offered for it. */
    offered: Array<{ diagnostic: Diagnostic; actions: CodeAction[] }>;
}

/** Validates the sources and asks for the code actions of every diagnostic with `code` in `file`. */
export async function codeActionsFor(sources: Record<string, string>, file: string, code: string): Promise<Offered> {
    const run = await runValidationOnSources(sources);
    const document = run.documents[Object.keys(sources).indexOf(file)]!;
    const offered = [];
    for (const diagnostic of (document.diagnostics ?? []).filter(candidate => candidate.code === code)) {
        offered.push({ diagnostic, actions: await actionsAt(run, document, { diagnostics: [diagnostic] }) });
    }
    return { run, document, offered };
}

export async function actionsAt(run: ValidationRun, document: LangiumDocument, context: CodeActionParams['context']): Promise<CodeAction[]> {
    const range = context.diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return ((await run.services.lsp.CodeActionProvider!.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range, context })) ?? []) as CodeAction[];
}

/** The sources after applying a code action's WorkspaceEdit (edits to files not in `sources` fail the test). */
export function applyAction(sources: Record<string, string>, action: CodeAction): Record<string, string> {
    const result = { ...sources };
    for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
        const key = Object.keys(sources).find(candidate => uriOf(candidate) === uri);
        if (!key) throw new Error(`The edit changes ${uri}, which is not one of the sources`);
        result[key] = applyTextEdits(sources[key]!, edits);
    }
    return result;
}

/** The codes of the diagnostics of every source, to show a fix leaves no new problem. */
export async function codesAfter(sources: Record<string, string>): Promise<Record<string, string[]>> {
    const run = await runValidationOnSources(sources);
    return Object.fromEntries(Object.entries(run.diagnostics).map(([key, diagnostics]) => [key, diagnostics.map(diagnostic => diagnostic.code)]));
}

/** The messages of the diagnostics of one source, to show a fix clears the one it is for. */
export async function messagesAfter(sources: Record<string, string>, file: string): Promise<string[]> {
    return ((await runValidationOnSources(sources)).diagnostics[file] ?? []).map(diagnostic => diagnostic.message);
}

/** The text as Format Document (4 spaces) leaves it: a fix's text should already be formatted. */
export async function formatted(text: string): Promise<string> {
    const run = await runValidationOnSources({ 'formatted.svf': text });
    const document = run.documents[0]!;
    const edits = await run.services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { insertSpaces: true, tabSize: 4 } });
    return applyTextEdits(text, edits);
}
