import type { LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { importClosure } from '../language/scoping/svf-imports.js';
import { createSvfServices, type SvfServices } from '../language/svf-module.js';
import { loadSvfFiles } from '../language/workspace/svf-workspace.js';

/** The files a command asked for, loaded, linked and validated with the editor's services. */
export interface LoadedSvfFiles {
    readonly services: SvfServices;
    /** The documents of the requested files, in the order given. */
    readonly requested: LangiumDocument[];
    /** The requested documents and every document they import, each once. */
    readonly checked: LangiumDocument[];
}

/**
 * Loads .svf files from disk with the same services the language server uses, so the
 * CLI reports exactly the diagnostics the editor shows.
 */
export async function loadSvfFilesFromDisk(files: string[]): Promise<LoadedSvfFiles> {
    const { Svf: services } = createSvfServices(NodeFileSystem, { batch: true });
    const requested = await loadSvfFiles(services, files);
    const documents = services.shared.workspace.LangiumDocuments;
    const checked = new Map<string, LangiumDocument>();
    for (const document of requested) {
        for (const visible of importClosure(document, documents)) {
            checked.set(visible.uri.toString(), visible);
        }
    }
    return { services, requested, checked: [...checked.values()] };
}
