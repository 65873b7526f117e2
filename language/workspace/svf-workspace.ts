import type { LangiumDocument } from 'langium';
import type { SvfServices } from '../svf-module.js';
import { describeInputError, entryFile, loadFramework, svfFilesIn, type InputError } from './load-framework.js';

// The old entry points, kept for existing callers: thin wrappers over loadFramework
// (load-framework.ts), which reports input problems as data instead of throwing.

export { ENTRY_FILE_NAME } from './load-framework.js';

/** A problem with what the user asked for (a path that does not exist): not a diagnostic. */
export class SvfInputError extends Error {}

function throwFirst(errors: InputError[], shown: (error: InputError) => string): void {
    if (errors.length > 0) throw new SvfInputError(describeInputError(errors[0], shown(errors[0])));
}

/** The entry file for a path given on the command line: the file itself, or the `framework.svf` of a folder. */
export function entryFileFor(target: string): string {
    const errors: InputError[] = [];
    const [file] = entryFile(target, errors);
    throwFirst(errors.filter(error => error.kind !== 'not-svf'), () => target);
    return file ?? target;
}

/** Every .svf file below the given files and folders, sorted, without duplicates. */
export function collectSvfFiles(targets: string[]): string[] {
    const errors: InputError[] = [];
    const files = svfFilesIn(targets, errors).sort();
    throwFirst(errors.filter(error => error.kind !== 'no-svf-files'), error => error.path);
    return files;
}

/** @deprecated use loadFramework(services, { paths }). Loads, links and validates files and their imports. */
export async function loadSvfFiles(services: SvfServices, files: string[]): Promise<LangiumDocument[]> {
    const loaded = await loadFramework(services, { paths: files });
    throwFirst(loaded.inputErrors, error => error.path);
    return loaded.requested;
}

/** @deprecated use loadFramework(services, { sources }). In-memory sources keyed by absolute path. */
export async function loadSvfSources(services: SvfServices, sources: Record<string, string>): Promise<LangiumDocument[]> {
    return (await loadFramework(services, { sources })).requested;
}
