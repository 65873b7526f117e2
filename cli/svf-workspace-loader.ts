import { loadImportedFilesDuringBuilds } from '../language/lsp/svf-import-loader.js';
import { createSvfServices } from '../language/svf-module.js';
import { describeInputError, loadFramework, type FrameworkInput, type LoadedFramework } from '../language/workspace/load-framework.js';
import { createSvfNodeFileSystem, MAX_FILE_SIZE_VARIABLE, parseFileSize } from '../language/workspace/svf-file-system.js';
import { displayPath } from './diagnostic-report.js';
import { UsageError } from './exit-codes.js';

/** The option every command that reads .svf files takes. */
export interface FileLimitOptions {
    maxFileSize?: string;
}

interface LoadOptions extends FileLimitOptions {
    /**
     * For a process that keeps the framework loaded and rebuilds it after edits (`svf compile
     * --watch`): keep Langium's reference index, which decides what an edit can affect, and
     * load files that edits newly import, as the language server does.
     */
    incremental?: boolean;
}

export const MAX_FILE_SIZE_OPTION = ['--max-file-size <size>', `largest .svf file to read, e.g. 256MB (default: $${MAX_FILE_SIZE_VARIABLE} or 64MB)`] as const;

/**
 * Loads a framework from disk with the same services the language server uses (through
 * loadFramework), so the CLI reports exactly the diagnostics the editor shows. Input
 * problems (a missing path, a FIFO, permission denied, a file over the size limit) become
 * one `svf: <path>: <what>` line each and exit 2.
 */
export async function loadFrameworkFromDisk(input: Exclude<FrameworkInput, { sources: unknown }>, options: LoadOptions = {}): Promise<LoadedFramework> {
    let maxFileSize: number | undefined;
    if (options.maxFileSize !== undefined) {
        maxFileSize = parseFileSize(options.maxFileSize);
        if (maxFileSize === undefined) {
            throw new UsageError(`--max-file-size: '${options.maxFileSize}' is not a size; write e.g. 256MB, 500k or 1048576.`);
        }
    }
    const { Svf: services, shared } = createSvfServices(createSvfNodeFileSystem({ maxFileSize }), { batch: !options.incremental });
    if (options.incremental) {
        // Rebuilds after an edit run every check, as the first build does, and pick up new imports.
        shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
        loadImportedFilesDuringBuilds(shared);
    }
    const loaded = await loadFramework(services, input);
    if (loaded.inputErrors.length > 0) {
        throw new UsageError(loaded.inputErrors.map(error => describeInputError(error, displayPath(error.path))).join('\n'));
    }
    return loaded;
}
