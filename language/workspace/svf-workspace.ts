import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { SvfServices } from '../svf-module.js';
import { importsOf, resolveImportUri } from '../scoping/svf-imports.js';

/** A problem with what the user asked for (a path that does not exist): not a diagnostic. */
export class SvfInputError extends Error {}

/** The file a framework folder is compiled from. */
export const ENTRY_FILE_NAME = 'framework.svf';

/**
 * The entry file for a path given on the command line: the file itself, or the
 * `framework.svf` of a folder.
 */
export function entryFileFor(target: string): string {
    const absolute = path.resolve(target);
    const stat = statOrUndefined(absolute);
    if (!stat) {
        throw new SvfInputError(`${target}: no such file or folder.`);
    }
    if (stat.isDirectory()) {
        const entry = path.join(absolute, ENTRY_FILE_NAME);
        if (!statOrUndefined(entry)?.isFile()) {
            throw new SvfInputError(`${target}: this folder has no ${ENTRY_FILE_NAME}. Give the framework's entry file, or a folder that contains ${ENTRY_FILE_NAME}.`);
        }
        return entry;
    }
    return absolute;
}

/** Every .svf file below the given files and folders, sorted, without duplicates. */
export function collectSvfFiles(targets: string[]): string[] {
    const files = new Set<string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile() && entry.name.endsWith('.svf')) files.add(full);
        }
    };
    for (const target of targets) {
        const absolute = path.resolve(target);
        const stat = statOrUndefined(absolute);
        if (!stat) throw new SvfInputError(`${target}: no such file or folder.`);
        if (stat.isDirectory()) walk(absolute);
        else files.add(absolute);
    }
    return [...files].sort();
}

/**
 * Loads the given .svf files and, transitively, every file they import that exists on
 * disk, then parses, links and validates them all. Returns the documents for the given
 * files (in the given order); imported documents are loaded alongside.
 */
export async function loadSvfFiles(services: SvfServices, files: string[]): Promise<LangiumDocument[]> {
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const requested: LangiumDocument[] = [];
    const queue: LangiumDocument[] = [];
    for (const file of files) {
        const document = await langiumDocuments.getOrCreateDocument(URI.file(path.resolve(file)));
        requested.push(document);
        queue.push(document);
    }
    await followImports(services, queue, uri => fs.existsSync(uri.fsPath) && fs.statSync(uri.fsPath).isFile());
    await buildAll(services);
    return requested;
}

/**
 * Loads in-memory sources keyed by absolute path (for tests and tools that hold text,
 * not files). Imports resolve between the given sources only.
 */
export async function loadSvfSources(services: SvfServices, sources: Record<string, string>): Promise<LangiumDocument[]> {
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const documents: LangiumDocument[] = [];
    for (const [file, text] of Object.entries(sources)) {
        const document = factory.fromString(text, URI.file(file));
        langiumDocuments.addDocument(document);
        documents.push(document);
    }
    await buildAll(services);
    return documents;
}

async function followImports(services: SvfServices, queue: LangiumDocument[], exists: (uri: URI) => boolean): Promise<void> {
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    while (queue.length > 0) {
        const document = queue.shift()!;
        for (const imp of importsOf(document)) {
            if (!imp.path || !imp.path.endsWith('.svf')) continue;
            const target = resolveImportUri(document, imp.path);
            if (!langiumDocuments.hasDocument(target) && exists(target)) {
                queue.push(await langiumDocuments.getOrCreateDocument(target));
            }
        }
    }
}

async function buildAll(services: SvfServices): Promise<void> {
    const documents = services.shared.workspace.LangiumDocuments.all.toArray();
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
}

function statOrUndefined(file: string): fs.Stats | undefined {
    try {
        return fs.statSync(file);
    } catch {
        return undefined;
    }
}
