import { URI, type LangiumDocuments } from 'langium';
import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

/**
 * Publishes a document's diagnostics only when the client would see something new.
 *
 * After an edit, Langium rebuilds every document the edit can affect (in SVF, every file that
 * shares a framework with the edited one: see SvfDocumentBuilder) and publishes diagnostics
 * for each of them, the same list again for most. This sits between Langium's diagnostics
 * handler and the connection (`connection.sendDiagnostics`) and lets a publication through
 * when:
 * - its diagnostics differ from those last published for the URI (range, message, severity,
 *   code, tags, data, related information: every field, compared as they go on the wire);
 * - or the document has a new text version since then: the edited document always gets a
 *   publication for each version it is validated at, so a client (or a test) waiting for the
 *   diagnostics of the text it just sent gets them even when they did not change;
 * - or nothing was published for the URI since the server started, or since the document was
 *   closed (forget()), or the document is not loaded (the empty list for a deleted file).
 */
export class DiagnosticsPublisher {
    /** Per URI, what was last published: the diagnostics as JSON and the document's version then. */
    private readonly published = new Map<string, { json: string; version: number }>();

    constructor(private readonly documents: LangiumDocuments) {}

    /** Routes `connection.sendDiagnostics` through this publisher. */
    install(connection: Connection): void {
        const send = connection.sendDiagnostics.bind(connection);
        connection.sendDiagnostics = async (params: PublishDiagnosticsParams) => {
            if (this.shouldPublish(params.uri, params.diagnostics)) await send(params);
        };
    }

    /** Whether to publish these diagnostics for the URI; remembers them if so. */
    shouldPublish(uri: string, diagnostics: Diagnostic[]): boolean {
        const version = this.versionOf(uri);
        if (version === undefined) {
            // Not (or no longer) loaded: e.g. the empty list Langium publishes for a deleted file.
            this.published.delete(uri);
            return true;
        }
        const json = canonicalJson(diagnostics);
        const last = this.published.get(uri);
        if (last && last.json === json && last.version === version) return false;
        this.published.set(uri, { json, version });
        return true;
    }

    /** Forgets what was published for a closed or deleted document: its next diagnostics are published whatever they are. */
    forget(uri: URI | string): void {
        this.published.delete(uri.toString());
    }

    /** The version of the text the document was last built from (0 for a file read from disk), if it is loaded. */
    private versionOf(uri: string): number | undefined {
        try {
            return this.documents.getDocument(URI.parse(uri))?.textDocument.version;
        } catch {
            return undefined;
        }
    }
}

/**
 * JSON with the keys of every object sorted, and `undefined` members left out as JSON leaves
 * them out: two diagnostic lists that go on the wire the same have the same canonical JSON.
 */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(value, (_key, member: unknown) => {
        if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(member).sort()) sorted[key] = (member as Record<string, unknown>)[key];
        return sorted;
    });
}
