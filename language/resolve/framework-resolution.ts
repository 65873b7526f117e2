import * as path from 'node:path';
import { AstUtils, DocumentState, URI, WorkspaceCache, type LangiumDocument } from 'langium';
import { checkFramework, type Finding, type LocationWording } from '../../model/checks/framework-checks.js';
import type { Framework } from '../../model/framework.js';
import type { Origin } from '../../model/origin.js';
import type { SvfServices } from '../svf-module.js';
import type { FrameworkDocuments } from '../validation/framework-documents.js';
import type { ImportGraph } from '../workspace/import-graph.js';
import { resolveFramework, type FragmentCache } from './resolve-framework.js';

/**
 * Resolved frameworks and their framework-wide findings, computed once per build and shared
 * by every check, hover and command that needs them. The cache is cleared when linking
 * finishes, so validation always sees the current ASTs.
 */
export class FrameworkResolution {
    private readonly services: SvfServices;
    /** Each document's resolved declarations, reused across builds until it is reparsed or relinked. */
    private readonly fragments: FragmentCache = new WeakMap();
    private readonly cache: WorkspaceCache<string, { framework: Framework; findings?: Finding[] }>;

    constructor(services: SvfServices) {
        this.services = services;
        this.cache = new WorkspaceCache(services.shared, DocumentState.Linked);
    }

    // Looked up lazily: these services and this one are created by the same injector.
    private get frameworkDocuments(): FrameworkDocuments {
        return this.services.workspace.FrameworkDocuments;
    }

    private get graph(): ImportGraph {
        return this.services.workspace.ImportGraph;
    }

    /** The framework whose entry is this document (or the document on its own, when it has no header). */
    frameworkOf(entry: LangiumDocument): Framework {
        return this.entry(entry).framework;
    }

    /** The framework-wide findings of the framework whose entry is this document. */
    findingsOf(entry: LangiumDocument): Finding[] {
        const cached = this.entry(entry);
        if (!cached.findings) {
            const closure = this.graph.closure(entry);
            cached.findings = checkFramework(cached.framework, LOCATION_WORDING, { analyseRules: !closure.some(hasSyntaxErrors) });
        }
        return cached.findings;
    }

    /** The entries of the frameworks whose files include this document; the document itself if none does. */
    entriesContaining(document: LangiumDocument): LangiumDocument[] {
        const entries = this.frameworkDocuments.headersOver(document).map(header => AstUtils.getDocument(header));
        return entries.length > 0 ? entries : [document];
    }

    private entry(entry: LangiumDocument): { framework: Framework; findings?: Finding[] } {
        return this.cache.get(entry.uri.toString(), () => ({
            framework: resolveFramework({ entry, closure: this.graph.closure(entry), declarationOrder: this.graph.declarationOrder(entry) }, this.fragments)
        }));
    }
}

/** Whether a document has lexing or parsing errors: its tree is partly a guess. */
export function hasSyntaxErrors(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}

/** Findings name other places relative to the file they are shown in, never by absolute path. */
const LOCATION_WORDING: LocationWording = {
    where(target: Origin, from: Origin): string {
        const { line, character } = target.range.start;
        return target.file === from.file ? `line ${line + 1}` : `${relativeFile(target, from)}:${line + 1}:${character + 1}`;
    },
    file: relativeFile
};

function relativeFile(target: Origin, from: Origin): string {
    return path.posix.relative(path.posix.dirname(URI.parse(from.file).path), URI.parse(target.file).path);
}
