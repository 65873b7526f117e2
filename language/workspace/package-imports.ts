import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { IssueCodes } from '../validation/issue-codes.js';
import type { ImportError } from './import-resolver.js';

/**
 * Framework packages as import targets: `import "@orbis/real-estate-measures/measures.svf"`
 * names a file inside an installed npm package, `import "@orbis/social-value"` the package's
 * entry file, which its package.json names in `"svf": { "entry": "framework.svf" }`.
 * Packages are found the way Node finds them: in the `node_modules` folder of the importing
 * file's folder or of any folder above it, nearest first, following symlinks to the
 * package's real folder. Only the ImportResolver calls this.
 */

/** An import specifier read as a package name and an optional path inside the package. */
export interface PackageSpecifier {
    /** `@orbis/social-value` or `social-value`. */
    readonly name: string;
    readonly scoped: boolean;
    /** The path after the name (`measures.svf`, `themes/jobs.svf`); undefined for the package's entry. */
    readonly subpath?: string;
}

export type PackageSpecifierReading = { readonly specifier: PackageSpecifier } | { readonly error: ImportError } | undefined;

/**
 * `@scope/name[/path]` is always a package specifier; `name[/path]` may be one (the
 * resolver decides: only when no relative file matches); a path starting with `.` or `/`
 * (or a Windows drive or backslash) never is. A `@` specifier that is not `@scope/name` is
 * an error, since it can only have been meant as a package.
 */
export function readPackageSpecifier(specifier: string): PackageSpecifierReading {
    if (specifier.startsWith('@')) {
        const match = /^(@[^/\\]+\/[^/\\]+)(?:\/(.*))?$/.exec(specifier);
        const [scope, name] = match ? match[1].slice(1).split('/') : [];
        if (!match || !isPackageNamePart(scope) || !isPackageNamePart(name)) {
            return { error: { code: IssueCodes.ImportInvalidPath, message: `Import '${specifier}' starts with '@' but names no package: a scoped package is written '@scope/name', e.g. '@orbis/social-value' or '@orbis/social-value/units.svf'.` } };
        }
        return { specifier: { name: match[1], scoped: true, subpath: match[2] || undefined } };
    }
    const match = /^([^/\\]+)(?:\/(.*))?$/.exec(specifier);
    if (!match || !isPackageNamePart(match[1]) || /^[a-z]:/i.test(specifier)) return undefined;
    return { specifier: { name: match[1], scoped: false, subpath: match[2] || undefined } };
}

function isPackageNamePart(part: string | undefined): boolean {
    return !!part && !part.startsWith('.') && !part.includes(':');
}

/**
 * The folder of an installed package as seen from a folder, the way Node looks: the
 * package's folder in `node_modules` here or in any folder above (a `node_modules` folder
 * gets none of its own), nearest first; its real path (symlinks followed).
 */
export function findInstalledPackage(name: string, fromFolder: string): string | undefined {
    for (let folder = fromFolder; ; folder = path.dirname(folder)) {
        if (path.basename(folder) !== 'node_modules') {
            const candidate = path.join(folder, 'node_modules', ...name.split('/'));
            if (isFolder(candidate)) {
                try {
                    return fs.realpathSync(candidate);
                } catch {
                    // A link that cannot be followed: look further up, as Node does.
                }
            }
        }
        if (path.dirname(folder) === folder) return undefined;
    }
}

/**
 * The file a package specifier names, inside the package found from `fromFolder`, or why
 * there is none. `written` is the specifier as written, for the messages.
 */
export function resolvePackageFile(pkg: PackageSpecifier, written: string, fromFolder: string): { uri: URI } | { error: ImportError } {
    const folder = findInstalledPackage(pkg.name, fromFolder);
    if (!folder) return { error: notInstalled(pkg.name, fromFolder) };
    if (pkg.subpath !== undefined) {
        if (!pkg.subpath.endsWith('.svf')) {
            return { error: { code: IssueCodes.ImportNotSvf, message: `Import '${written}' is not an .svf file. Import the .svf file of package '${pkg.name}' that declares what you need.` } };
        }
        const file = path.resolve(folder, pkg.subpath);
        if (!isInside(folder, file)) {
            return { error: { code: IssueCodes.ImportPackagePathOutside, message: `Import '${written}' leaves package '${pkg.name}': a path after a package's name must stay inside the package's folder (no '../' above it). Import a file inside the package.` } };
        }
        if (!exists(file)) {
            return { error: { code: IssueCodes.ImportPackageFileMissing, message: `Package '${pkg.name}' has no file '${pkg.subpath}'. Check the path after the package's name (it is relative to the package's folder), or install a version of the package that has the file.` } };
        }
        return { uri: URI.file(file) };
    }
    const entry = readEntryField(folder);
    if (typeof entry !== 'string') {
        const why = entry.problem ? `its package.json ${entry.problem}` : `its package.json names no entry file`;
        return { error: { code: IssueCodes.ImportPackageNoEntry, message: `Package '${pkg.name}' cannot be imported by its name alone: ${why}. Its package.json needs "svf": { "entry": "framework.svf" } naming its entry .svf file (ask its publisher), or import a file inside it, e.g. '${pkg.name}/framework.svf'.` } };
    }
    if (!entry.endsWith('.svf')) {
        return { error: { code: IssueCodes.ImportPackageEntryNotSvf, message: `Package '${pkg.name}' names '${entry}' as its entry ("svf": { "entry": ... } in its package.json), which is not an .svf file. Its publisher must name the package's entry .svf file there; meanwhile import an .svf file inside it, e.g. '${pkg.name}/framework.svf'.` } };
    }
    const file = path.resolve(folder, entry);
    if (!isInside(folder, file)) {
        return { error: { code: IssueCodes.ImportPackagePathOutside, message: `Package '${pkg.name}' names '${entry}' as its entry, which is outside the package's folder. Its publisher must name an .svf file inside the package.` } };
    }
    if (!exists(file)) {
        return { error: { code: IssueCodes.ImportPackageFileMissing, message: `Package '${pkg.name}' names '${entry}' as its entry, but the package has no such file. Reinstall it (\`npm install ${pkg.name}\`); if the file is still missing, its publisher must include it in "files" in its package.json.` } };
    }
    return { uri: URI.file(file) };
}

/** `"svf": { "entry": "framework.svf" }` of the package's package.json, read once, or what is wrong with it. */
function readEntryField(folder: string): string | { problem?: string } {
    let json: unknown;
    try {
        json = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    } catch (error) {
        return { problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'cannot be read as JSON' };
    }
    const svf = (json as { svf?: unknown } | null)?.svf;
    const entry = typeof svf === 'object' && svf !== null ? (svf as { entry?: unknown }).entry : undefined;
    return typeof entry === 'string' && entry !== '' ? entry : {};
}

/** The package.json of a package folder, read, or why it cannot be. */
export function readPackageJson(folder: string): { name?: unknown; version?: unknown; svf?: unknown } | undefined {
    try {
        const json = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
        return typeof json === 'object' && json !== null ? json : undefined;
    } catch {
        return undefined;
    }
}

/** The entry .svf file a package.json names (`"svf": { "entry": ... }`), or what is wrong. */
export function packageEntryOf(folder: string): string | { problem?: string } {
    return readEntryField(folder);
}

/**
 * Where to run `npm install` for a file in `fromFolder`: the nearest folder at or above it
 * that has a package.json, named relative to `fromFolder` (so messages read the same on
 * every machine).
 */
export function installFolderWording(fromFolder: string): string {
    let project: string | undefined;
    for (let folder = fromFolder; ; folder = path.dirname(folder)) {
        if (exists(path.join(folder, 'package.json'))) { project = folder; break; }
        if (path.dirname(folder) === folder) break;
    }
    return project === undefined ? `this file's folder (npm creates its package.json)`
        : project === fromFolder ? `this file's folder, which has the package.json`
            : `'${path.relative(fromFolder, project).split(path.sep).join('/')}' (relative to this file's folder), which has the package.json`;
}

/**
 * The error on an import of a package that is not installed, with the command that
 * installs it and where to run it: the nearest folder at or above the importing file's
 * that has a package.json (named relative to that file's folder, so the message reads the
 * same on every machine).
 */
function notInstalled(name: string, fromFolder: string): ImportError {
    const where = installFolderWording(fromFolder);
    return {
        code: IssueCodes.ImportPackageNotInstalled,
        message: `Package '${name}' is not installed: no node_modules folder in this file's folder or above it has it. Run \`npm install ${name}\` in ${where}.`
    };
}

/** Whether a file is inside a folder of an installed package (`node_modules`), which SVF never edits. */
export function isInstalledPackageFile(uri: URI): boolean {
    return uri.scheme === 'file' && uri.path.split('/').includes('node_modules');
}

export function isInside(folder: string, file: string): boolean {
    const relative = path.relative(folder, file);
    return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

export function isFolder(file: string): boolean {
    try {
        return fs.statSync(file).isDirectory();
    } catch {
        return false;
    }
}

/** Whether anything is at the path (a dangling link too: the file system checks report it). */
export function exists(file: string): boolean {
    try {
        return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
    } catch {
        // Permission denied on a folder on the way: something may be there; the checks say what.
        return true;
    }
}
