import * as fs from 'node:fs';
import * as path from 'node:path';
import semver from 'semver';
import { URI } from 'langium';
import type { PackageRef } from '../../model/extension.js';
import { IssueCodes } from '../validation/issue-codes.js';
import { ENTRY_FILE_NAME } from './load-framework.js';
import {
    exists, findInstalledPackage, installFolderWording, isFolder, isInside, packageEntryOf, readPackageJson, readPackageSpecifier
} from './package-imports.js';

/**
 * The base a framework `extends`: `extends "@orbis/social-value" ^2.0` names an installed
 * npm package (found from node_modules the way Node finds packages, walking up from the
 * extending file) and the versions accepted; `extends "../orbis-base"` names a folder (its
 * package.json's entry, else its framework.svf) or an entry file, relative to the extending
 * file. Only the ImportResolver calls this; everything else asks the resolver.
 */

export interface BaseError {
    readonly code: string;
    /** Shown on the `extends` line: what is wrong and how to fix it (never an absolute path). */
    readonly message: string;
}

export type ResolvedBase =
    | { readonly uri: URI; readonly package: PackageRef | null; readonly error?: undefined }
    | { readonly uri?: undefined; readonly package?: undefined; readonly error: BaseError };

export function resolveBaseSpecifier(specifier: string, range: string | null, extendingUri: URI): ResolvedBase {
    if (range !== null && semver.validRange(range) === null) {
        return { error: { code: IssueCodes.ExtendsInvalidRange, message: `'${range}' is not a version range. Write a semver range such as ^2.0 (any 2.x from 2.0), ~2.1 (2.1.x) or an exact version 2.1.0; a range with spaces goes in quotes (">=2.0 <4").` } };
    }
    if (specifier.trim() === '') {
        return { error: { code: IssueCodes.ExtendsMissingBase, message: `\`extends\` names no base framework. Write the package it comes from (\`extends "@orbis/social-value" ^2.0\`) or a relative folder (\`extends "../orbis-base"\`).` } };
    }
    const fromFolder = path.dirname(extendingUri.fsPath);
    const relative = specifier.startsWith('.') || specifier.startsWith('/');
    const reading = relative ? undefined : readPackageSpecifier(specifier);
    if (reading && 'error' in reading) return { error: { code: IssueCodes.ExtendsMissingBase, message: reading.error.message.replace(/^Import /, '`extends` ') } };
    if (!reading) return relativeBase(specifier, range, fromFolder);
    const pkg = reading.specifier;
    // A bare `name` that is a folder beside this file is a folder, as for imports.
    if (!pkg.scoped && exists(path.resolve(fromFolder, specifier)) && !findInstalledPackage(pkg.name, fromFolder)) {
        return relativeBase(specifier, range, fromFolder);
    }
    const folder = findInstalledPackage(pkg.name, fromFolder);
    if (!folder) {
        const install = range ? `${pkg.name}@${range}` : pkg.name;
        return { error: { code: IssueCodes.ExtendsPackageNotInstalled, message: `Base framework package '${pkg.name}' is not installed: no node_modules folder in this file's folder or above it has it. Run \`npm install ${install}\` in ${installFolderWording(fromFolder)}.` } };
    }
    return baseInFolder(folder, pkg.subpath, range, `package '${pkg.name}'`, fromFolder, pkg.name);
}

function relativeBase(specifier: string, range: string | null, fromFolder: string): ResolvedBase {
    const target = path.resolve(fromFolder, specifier);
    if (!exists(target)) {
        return { error: { code: IssueCodes.ExtendsMissingBase, message: `Cannot find base framework '${specifier}': nothing is at that path. It is relative to this file's folder (\`../\` goes up one folder); name the base's folder or its entry .svf file, or an installed package such as "@orbis/social-value".` } };
    }
    if (isFolder(target)) return baseInFolder(target, undefined, range, `folder '${specifier}'`, fromFolder, undefined);
    if (!target.endsWith('.svf')) {
        return { error: { code: IssueCodes.ExtendsNoEntry, message: `Base framework '${specifier}' is not an .svf file. Name the base's entry .svf file or its folder.` } };
    }
    return checkedVersion(URI.file(target), nearestPackage(path.dirname(target)), range, `'${specifier}'`);
}

/** The base in a package or plain folder: its package.json's entry, else its framework.svf. */
function baseInFolder(folder: string, subpath: string | undefined, range: string | null, what: string, _fromFolder: string, packageName: string | undefined): ResolvedBase {
    let file: string;
    if (subpath !== undefined) {
        file = path.resolve(folder, subpath);
        if (!isInside(folder, file) || !subpath.endsWith('.svf') || !exists(file)) {
            return { error: { code: IssueCodes.ExtendsNoEntry, message: `${capital(what)} has no framework file '${subpath}'. Name the package alone (its package.json names the entry) or an .svf file inside it.` } };
        }
    } else {
        const entry = packageEntryOf(folder);
        if (typeof entry === 'string') {
            file = path.resolve(folder, entry);
            if (!entry.endsWith('.svf') || !isInside(folder, file) || !exists(file)) {
                return { error: { code: IssueCodes.ExtendsNoEntry, message: `${capital(what)} names '${entry}' as its entry ("svf": { "entry": ... } in its package.json), which is not an .svf file inside it. Its publisher must name the entry .svf file there.` } };
            }
        } else if (packageName === undefined && exists(path.join(folder, ENTRY_FILE_NAME))) {
            file = path.join(folder, ENTRY_FILE_NAME);
        } else {
            return { error: { code: IssueCodes.ExtendsNoEntry, message: `${capital(what)} does not say which file is its framework: its package.json needs "svf": { "entry": "framework.svf" }${packageName === undefined ? `, or the folder a ${ENTRY_FILE_NAME}` : ''}. ${packageName === undefined ? 'Add one' : 'Its publisher must add it'}.` } };
        }
    }
    return checkedVersion(URI.file(realPath(file)), nearestPackage(folder), range, what);
}

/** The package whose folder this is (its package.json has a name and a version), if any. */
function nearestPackage(folder: string): PackageRef | null {
    const json = readPackageJson(folder);
    return json && typeof json.name === 'string' && typeof json.version === 'string' ? { name: json.name, version: json.version } : null;
}

function checkedVersion(uri: URI, pkg: PackageRef | null, range: string | null, what: string): ResolvedBase {
    if (range !== null && pkg) {
        const version = semver.valid(pkg.version);
        if (!version || !semver.satisfies(version, range, { includePrerelease: false })) {
            return { error: { code: IssueCodes.ExtendsVersionOutOfRange, message: `${capital(what)} is version ${pkg.version}, outside the range ${range} this framework extends. Install a version in range (\`npm install ${pkg.name}@${range}\`), or, if this framework now works with ${pkg.version}, change the range.` } };
        }
    } else if (range !== null && !pkg) {
        return { error: { code: IssueCodes.ExtendsVersionOutOfRange, message: `${capital(what)} has no package.json with a version, so the range ${range} cannot be checked. Leave the range out for a plain folder, or extend an installed package.` } };
    }
    return { uri, package: pkg };
}

function realPath(file: string): string {
    try {
        return fs.realpathSync(file);
    } catch {
        return file;
    }
}

function capital(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
