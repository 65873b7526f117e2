import * as path from 'node:path';
import { AstUtils, DocumentState, URI, WorkspaceCache, type LangiumDocument } from 'langium';
import { applyAcknowledgements } from '../../model/checks/acknowledgements.js';
import { checkFramework, type Finding, type LocationWording } from '../../model/checks/framework-checks.js';
import type { Framework } from '../../model/framework.js';
import type { Origin } from '../../model/origin.js';
import type { SvfServices } from '../svf-module.js';
import type { FrameworkDocuments } from '../validation/framework-documents.js';
import type { ImportGraph } from '../workspace/import-graph.js';
import { resolveFramework, type FragmentCache } from './resolve-framework.js';
import { mergeFramework } from '../../model/merge/merge-framework.js';
import { checkMergedFramework } from '../../model/merge/merged-findings.js';
import { headerOf } from '../workspace/import-graph.js';

/**
 * Resolved frameworks and their framework-wide findings, computed once per build and shared
 * by every check, hover and command that needs them. The cache is cleared when linking
 * finishes, so validation always sees the current ASTs.
 */
export class FrameworkResolution {
    private readonly services: SvfServices;
    /** Each document's resolved declarations, reused across builds until it is reparsed or relinked. */
    private readonly fragments: FragmentCache = new WeakMap();
    private readonly cache: WorkspaceCache<string, ResolvedEntry>;

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

    /**
     * The framework whose entry is this document (or the document on its own, when it has no
     * header): for a framework that extends another, merged with its base (mergeFramework),
     * as the compiler, the checks and the hovers see it.
     */
    frameworkOf(entry: LangiumDocument): Framework {
        return this.entry(entry).framework;
    }

    /** The framework as its own files declare it, its changes to a base not applied. */
    ownFrameworkOf(entry: LangiumDocument): Framework {
        return this.entry(entry).own;
    }

    /**
     * The framework-wide findings of the framework whose entry is this document; for one that
     * extends another, the merge's findings and those of the merged framework that are not the
     * base's own (see checkMergedFramework).
     */
    findingsOf(entry: LangiumDocument): Finding[] {
        const cached = this.entry(entry);
        if (!cached.findings) {
            const closure = this.graph.ownClosure(entry);
            const options = { analyseRules: !closure.some(hasSyntaxErrors) };
            // A framework whose base cannot be found is only half there: its extends line says why,
            // and verdicts on the whole framework (gaps, weights) would mislead until it is found.
            const baseMissing = cached.own.extends !== null && !cached.base;
            const found = baseMissing ? []
                : cached.base
                ? [...cached.mergeFindings, ...checkMergedFramework({
                    merged: cached.framework, base: cached.base.framework, baseFindings: this.findingsOf(cached.base.entry),
                    child: cached.own, wording: LOCATION_WORDING, options
                })]
                : checkFramework(cached.framework, LOCATION_WORDING, options);
            // The framework's acknowledged warnings are left out; problems with its own acknowledgements are added.
            const { identity } = cached.own;
            const acknowledged = applyAcknowledgements(found, cached.framework.acknowledgements, {
                isOwn: acknowledgement => acknowledgement.origin.framework.id === identity.id && acknowledgement.origin.framework.version === identity.version,
                complete: options.analyseRules && !baseMissing
            });
            cached.findings = acknowledged.findings;
            cached.acknowledged = acknowledged.acknowledged;
        }
        return cached.findings;
    }

    /** The warnings of the framework whose entry is this document that its acknowledgements silenced. */
    acknowledgedOf(entry: LangiumDocument): Finding[] {
        this.findingsOf(entry);
        return this.entry(entry).acknowledged ?? [];
    }

    /** The entries of the frameworks whose files include this document; the document itself if none does. */
    entriesContaining(document: LangiumDocument): LangiumDocument[] {
        const entries = this.frameworkDocuments.headersOver(document).map(header => AstUtils.getDocument(header));
        return entries.length > 0 ? entries : [document];
    }

    private entry(entry: LangiumDocument): ResolvedEntry {
        return this.cache.get(entry.uri.toString(), () => {
            const own = resolveFramework({ entry, closure: this.graph.ownClosure(entry), declarationOrder: this.graph.declarationOrder(entry) }, this.fragments);
            const base = this.baseOf(entry);
            if (!base) return { framework: own, own, mergeFindings: [] };
            const merged = mergeFramework(base.framework, own, LOCATION_WORDING);
            return { framework: merged.framework, own, base, mergeFindings: merged.findings };
        });
    }

    /**
     * The merged framework a framework extends, when its `extends` line found a loaded
     * framework and the chain has no cycle (the extends checks report what else it can be),
     * with the package it was installed from.
     */
    private baseOf(entry: LangiumDocument): { entry: LangiumDocument; framework: Framework } | undefined {
        const edge = this.graph.baseEdgeOf(entry);
        if (!edge?.uri) return undefined;
        const chain = this.graph.baseChain(entry);
        const baseEntry = chain.bases[0];
        if (chain.cycle || !baseEntry || !headerOf(baseEntry)) return undefined;
        const framework = this.frameworkOf(baseEntry);
        if (!edge.package) return { entry: baseEntry, framework };
        const identity = { ...framework.identity, package: edge.package };
        const [link, ...rest] = framework.chain;
        return { entry: baseEntry, framework: { ...framework, identity, chain: [{ ...link!, package: edge.package }, ...rest] } };
    }
}

interface ResolvedEntry {
    /** Merged with its base, if it extends one. */
    framework: Framework;
    /** As its own files declare it. */
    own: Framework;
    base?: { entry: LangiumDocument; framework: Framework };
    mergeFindings: Finding[];
    findings?: Finding[];
    acknowledged?: Finding[];
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
