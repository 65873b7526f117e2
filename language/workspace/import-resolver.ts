import { UriUtils, type FileSystemProvider, type URI } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import { IssueCodes } from '../validation/issue-codes.js';
import { isSourceFileInspector, type SourceFileProblem } from './svf-file-system.js';

/** Why an import does not lead to a file that can be loaded; `code` is the diagnostic code. */
export interface ImportError {
    readonly code: ImportErrorCode;
    /** The message shown on the import, naming the path as written (never an absolute path). */
    readonly message: string;
}

export type ImportErrorCode =
    | typeof IssueCodes.ImportInvalidPath | typeof IssueCodes.ImportNotSvf | typeof IssueCodes.ImportMissingFile
    | typeof IssueCodes.ImportNotAFile | typeof IssueCodes.ImportUnreadable | typeof IssueCodes.ImportTooLarge;

/** A resolved import: the file it names, or why it names none. */
export type ResolvedImport = { readonly uri: URI; readonly error?: undefined } | { readonly uri?: undefined; readonly error: ImportError };

/**
 * The one place an import specifier becomes a file: `import "units.svf"` and
 * `import "../baseline/units.svf"` are relative to the importing file's folder.
 * Everything that follows imports (scoping, the import graph, the loaders, the import
 * checks) asks here, so they agree on what an import points at.
 *
 * This is the pure part (no file system); ImportResolver adds what the file system says.
 */
export function resolveImportSpecifier(specifier: string, importingUri: URI): ResolvedImport {
    const invalid = invalidPathCharacter(specifier);
    if (invalid) {
        // Such a path cannot become a URI (vscode-uri throws "URI malformed"), so stop here.
        return { error: { code: IssueCodes.ImportInvalidPath, message: `Import path contains ${invalid}, which cannot be part of a file name. Retype the path.` } };
    }
    // PACKAGE SPECIFIERS (next issue): `import "@orbis/social-value"` or
    // `import "@orbis/social-value/units.svf"` will be resolved here from node_modules
    // (require.resolve('<package>/package.json', { paths: [importing folder] }), then the
    // package's declared entry .svf file), returning { uri } or a typed ImportError such as
    // 'import/package-not-installed'. Until then they are read as relative paths below.
    if (!specifier.endsWith('.svf')) {
        return { error: { code: IssueCodes.ImportNotSvf, message: `Import '${specifier}' is not an .svf file. Import the .svf file that declares what you need.` } };
    }
    return { uri: UriUtils.resolvePath(UriUtils.dirname(importingUri), specifier) };
}

/** A character a path must not contain: an unpaired UTF-16 surrogate or NUL, described. */
function invalidPathCharacter(specifier: string): string | undefined {
    for (let i = 0; i < specifier.length; i++) {
        const unit = specifier.charCodeAt(i);
        if (unit === 0) return 'a NUL character (\\0)';
        if (unit >= 0xd800 && unit <= 0xdbff) {
            const next = specifier.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
            return `an unpaired surrogate (\\u${unit.toString(16)})`;
        }
        if (unit >= 0xdc00 && unit <= 0xdfff) return `an unpaired surrogate (\\u${unit.toString(16)})`;
    }
    return undefined;
}

/**
 * The import resolver service (`Svf.workspace.ImportResolver`): resolveImportSpecifier,
 * plus, for an import whose file is not loaded, why it could not be (missing, a FIFO,
 * permission denied, too large), asked of the file system without reading the file.
 */
export class ImportResolver {
    private readonly fileSystem: FileSystemProvider;

    constructor(shared: LangiumSharedCoreServices) {
        this.fileSystem = shared.workspace.FileSystemProvider;
    }

    resolve(specifier: string, importingUri: URI): ResolvedImport {
        return resolveImportSpecifier(specifier, importingUri);
    }

    /**
     * A specifier and the importing file in, a readable file out, or the typed reason there
     * is none (missing, not a regular file, permission denied, too large, ...). Asks the
     * file system, so use it before loading; for what is loaded already, use `resolve`.
     */
    resolveFile(specifier: string, importingUri: URI): ResolvedImport {
        const resolved = this.resolve(specifier, importingUri);
        if (resolved.error || !isSourceFileInspector(this.fileSystem)) return resolved;
        const problem = this.fileSystem.inspect(resolved.uri);
        return problem ? { error: importErrorFor(specifier, problem) } : resolved;
    }

    /** Why the file an import resolved to cannot be loaded; `specifier` is the path as written. */
    loadError(specifier: string, uri: URI): ImportError {
        const problem = isSourceFileInspector(this.fileSystem) ? this.fileSystem.inspect(uri) : undefined;
        return importErrorFor(specifier, problem);
    }
}

/** The message on an import whose file cannot be loaded. */
export function importErrorFor(specifier: string, problem: SourceFileProblem | undefined): ImportError {
    switch (problem?.kind) {
        case 'not-a-file':
            return { code: IssueCodes.ImportNotAFile, message: `Imported file '${specifier}' ${problem.what}. Import an .svf file.` };
        case 'permission-denied':
            return { code: IssueCodes.ImportUnreadable, message: `Cannot read imported file '${specifier}': permission denied. Check the permissions of the file and its folders.` };
        case 'too-large':
            return { code: IssueCodes.ImportTooLarge, message: `Imported file '${specifier}' ${problem.what}.` };
        case 'unreadable':
            return { code: IssueCodes.ImportUnreadable, message: `Cannot read imported file '${specifier}': it ${problem.what}.` };
        default:
            return { code: IssueCodes.ImportMissingFile, message: `Cannot find imported file '${specifier}'. Check the spelling and the path: it is relative to this file's folder (\`../\` goes up one folder).` };
    }
}
