/** Loads compiler fixtures the way the CLI does, and refuses fixtures with errors. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { createSvfServices, type SvfServices } from '../../language/svf-module.js';
import type { Framework } from '../../model/framework.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface LoadedFramework {
    services: SvfServices;
    entry: LangiumDocument;
}

/** The resolved model of a loaded framework, as `svf compile` resolves it. */
export function frameworkOf(loaded: LoadedFramework): Framework {
    return loaded.services.resolution.FrameworkResolution.frameworkOf(loaded.entry);
}

/** A fixture framework's entry file (fixtures/<name>/framework.svf) and its imports, from disk. */
export async function loadFixture(name: string): Promise<LoadedFramework> {
    return loadEntryFile(path.join(FIXTURES, name, 'framework.svf'));
}

export async function loadEntryFile(file: string): Promise<LoadedFramework> {
    const { Svf } = createSvfServices(SvfNodeFileSystem);
    const { requested: [entry], inputErrors } = await loadFramework(Svf, { entry: file });
    if (inputErrors.length > 0) throw new Error(`Cannot load ${inputErrors.map(e => `${e.path}: ${e.what}`).join('; ')}`);
    assertNoErrors(Svf);
    return { services: Svf, entry: entry! };
}

/**
 * In-memory sources keyed by absolute path; the first is the entry. `allowErrors` is for
 * testing what the compiler does when a caller skips the validator.
 */
export async function loadSources(sources: Record<string, string>, options: { allowErrors?: boolean } = {}): Promise<LoadedFramework> {
    const { Svf } = createSvfServices(EmptyFileSystem);
    const { requested: [entry] } = await loadFramework(Svf, { sources });
    if (!options.allowErrors) assertNoErrors(Svf);
    return { services: Svf, entry: entry! };
}

function assertNoErrors(services: SvfServices): void {
    const errors = services.shared.workspace.LangiumDocuments.all.toArray()
        .flatMap(document => (document.diagnostics ?? []).filter(diagnostic => diagnostic.severity === 1)
            .map(diagnostic => `${document.uri.path}:${diagnostic.range.start.line + 1}: ${diagnostic.message}`));
    if (errors.length > 0) {
        throw new Error(`Fixture has validation errors:\n${errors.join('\n')}`);
    }
}
