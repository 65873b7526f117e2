import { UriUtils, type FileSystemProvider, type LangiumDocuments, type URI } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import { IssueCodes } from '../validation/issue-codes.js';
import { resolveBaseSpecifier, type ResolvedBase } from './base-resolution.js';
import { exists, findInstalledPackage, readPackageSpecifier, resolvePackageFile } from './package-imports.js';
import { isSourceFileInspector, type SourceFileProblem } from './svf-file-system.js';

/** Why an import does not lead to a file that can be loaded; `code` is the diagnostic code. */
export interface ImportError {
    readonly code: ImportErrorCode;
    /** The message shown on the import, naming the path as written (never an absolute path). */
    readonly message: string;
}

export type ImportErrorCode =
    | typeof IssueCodes.ImportInvalidPath | typeof IssueCodes.ImportNotSvf | typeof IssueCodes.ImportMissingFile
    | typeof IssueCodes.ImportNotAFile | typeof IssueCodes.ImportUnreadable | typeof IssueCodes.ImportTooLarge
    | typeof IssueCodes.ImportPackageNotInstalled | typeof IssueCodes.ImportPackageNoEntry | typeof IssueCodes.ImportPackageEntryNotSvf
    | typeof IssueCodes.ImportPackageFileMissing | typeof IssueCodes.ImportPackagePathOutside;

/** A resolved import: the file it names, or why it names none. */
export type ResolvedImport = { readonly uri: URI; readonly error?: undefined } | { readonly uri?: undefined; readonly error: ImportError };

/**
 * A relative import: `import "units.svf"` and `import "../baseline/units.svf"` are
 * relative to the importing file's folder. The pure part of ImportResolver (no file
 * system); package specifiers are the resolver's, since finding a package takes the disk.
 */
export function resolveImportSpecifier(specifier: string, importingUri: URI): ResolvedImport {
    const invalid = invalidPathError(specifier);
    if (invalid) return { error: invalid };
    if (!specifier.endsWith('.svf')) {
        return { error: { code: IssueCodes.ImportNotSvf, message: `Import '${specifier}' is not an .svf file. Import the .svf file that declares what you need.` } };
    }
    return { uri: UriUtils.resolvePath(UriUtils.dirname(importingUri), specifier) };
}

function invalidPathError(specifier: string): ImportError | undefined {
    const invalid = invalidPathCharacter(specifier);
    // Such a path cannot become a URI (vscode-uri throws "URI malformed"), so stop here.
    return invalid ? { code: IssueCodes.ImportInvalidPath, message: `Import path contains ${invalid}, which cannot be part of a file name. Retype the path.` } : undefined;
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
 * The import resolver service (`Svf.workspace.ImportResolver`), the one place an import
 * specifier becomes a file. Everything that follows imports (scoping, the import graph,
 * the loaders, the import checks) asks here, so they agree on what an import points at.
 *
 * - `./x.svf`, `../x.svf`, `/x.svf`: relative to the importing file's folder, always.
 * - `@scope/name` and `@scope/name/path.svf`: always an installed package (package-imports.ts):
 *   its entry file, or the file at that path inside it.
 * - `name/path.svf` and `name` (not starting with `.` or `@`): relative, as before packages
 *   existed, unless nothing is at that relative path and a package `name` is installed in a
 *   node_modules folder at or above the importing file's; then that package. So a framework
 *   that worked without packages resolves the same way with them.
 *
 * It also tells, for an import whose file is not loaded, why it could not be (missing, a
 * FIFO, permission denied, too large), asked of the file system without reading the file.
 */
export class ImportResolver {
    private readonly fileSystem: FileSystemProvider;
    private readonly shared: LangiumSharedCoreServices;

    constructor(shared: LangiumSharedCoreServices) {
        this.shared = shared;
        this.fileSystem = shared.workspace.FileSystemProvider;
    }

    /** Asked lazily: LangiumDocuments is created after this service. */
    private get documents(): LangiumDocuments {
        return this.shared.workspace.LangiumDocuments;
    }

    resolve(specifier: string, importingUri: URI): ResolvedImport {
        const invalid = invalidPathError(specifier);
        if (invalid) return { error: invalid };
        const reading = importingUri.scheme === 'file' ? readPackageSpecifier(specifier) : undefined;
        if (!reading) return resolveImportSpecifier(specifier, importingUri);
        if ('error' in reading) return reading;
        const pkg = reading.specifier;
        const fromFolder = UriUtils.dirname(importingUri).fsPath;
        if (!pkg.scoped) {
            const relative = resolveImportSpecifier(specifier, importingUri);
            const relativeExists = relative.uri !== undefined && (this.documents.hasDocument(relative.uri) || exists(relative.uri.fsPath));
            if (relativeExists || !findInstalledPackage(pkg.name, fromFolder)) return relative;
        }
        return resolvePackageFile(pkg, specifier, fromFolder);
    }

    /**
     * The base framework an `extends` line names (a package and a semver range, or a
     * relative folder or file): its entry file and the package it came from, or why there
     * is none (not installed, out of range, no entry). See base-resolution.ts.
     */
    resolveBase(specifier: string, range: string | null, extendingUri: URI): ResolvedBase {
        const invalid = invalidPathError(specifier);
        if (invalid) return { error: { code: IssueCodes.ExtendsMissingBase, message: invalid.message.replace('Import path', 'The base framework\'s path') } };
        // A relative base among the loaded documents (in-memory sources have no disk to look at).
        if (range === null && (specifier.startsWith('.') || extendingUri.scheme !== 'file')) {
            const relative = resolveImportSpecifier(specifier.endsWith('.svf') ? specifier : `${specifier.replace(/\/$/, '')}/framework.svf`, extendingUri);
            if (relative.uri && this.documents.hasDocument(relative.uri)) return { uri: relative.uri, package: null };
            if (extendingUri.scheme !== 'file') {
                return { error: { code: IssueCodes.ExtendsMissingBase, message: `Cannot find base framework '${specifier}'. Check the path: it is relative to this file's folder (\`../\` goes up one folder).` } };
            }
        }
        return resolveBaseSpecifier(specifier, range, extendingUri);
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
