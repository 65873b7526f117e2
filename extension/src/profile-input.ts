// What "SVF: Compile framework" and "SVF: Preview question set" ask for, without VS Code:
// the contract-profile quick pick's items, the checks on a typed value, category and
// duration, and where the outputs go. extension.ts shows these; test/lsp tests them.
import * as path from 'node:path';
import { AmountError, formatPounds, parseAmount } from '../../model/amounts.js';
import { parseContractProfileText, ProfileError } from '../../compiler/contract-profile.js';
import type { ContractProfileChoice } from '../../language/lsp/svf-execute-command.js';

/** Where outputs go when the setting is empty, relative to the workspace folder (as `svf compile` uses `svf-output`). */
export const DEFAULT_OUTPUT_FOLDER = 'svf-output';

/** Profile files larger than this are not read to fill the quick pick (a profile is a few hundred bytes). */
export const MAX_PROFILE_FILE_BYTES = 64 * 1024;

/** A JSON file of the workspace that may be a contract profile. */
export interface ProfileCandidate {
    /** Absolute path. */
    path: string;
    /** Its text, or undefined when it could not be read (or is too large to be a profile). */
    text: string | undefined;
}

/** One quick-pick item: a profile file, the default profile, typing one in, or none. */
export interface ProfilePickItem {
    label: string;
    description?: string;
    detail?: string;
    /** What choosing it means: a profile for the server, or `type` (ask for value, category, duration). */
    choice: ContractProfileChoice | 'type';
}

export const TYPE_PROFILE_LABEL = 'Type value, category and duration...';
export const UNTAILORED_LABEL = 'No contract profile (untailored)';

/**
 * The quick pick of contract profiles: the default profile (the `svf.compile.defaultProfile`
 * setting) first, then every candidate that is a contract profile or sits in a `profiles`
 * folder (with what is wrong with it, if anything), by path; then typing one in, then none.
 */
export function profilePickItems(candidates: readonly ProfileCandidate[], workspaceFolder: string, defaultProfile?: string): ProfilePickItem[] {
    const shown = (file: string) => path.relative(workspaceFolder, file) || path.basename(file);
    const files: ProfilePickItem[] = [];
    const seen = new Set<string>();
    const sorted = [...candidates].sort((a, b) => compareText(shown(a.path), shown(b.path)));
    for (const candidate of sorted) {
        if (seen.has(candidate.path)) continue;
        seen.add(candidate.path);
        const described = describeProfileFile(candidate, shown(candidate.path));
        const inProfilesFolder = path.basename(path.dirname(candidate.path)) === 'profiles';
        const isDefault = defaultProfile !== undefined && candidate.path === defaultProfile;
        if (!described.profile && !inProfilesFolder && !isDefault) continue;
        const item: ProfilePickItem = {
            label: path.basename(candidate.path),
            description: isDefault ? `${shown(candidate.path)} (default)` : shown(candidate.path),
            detail: described.profile ?? `Not a contract profile: ${described.problem}`,
            choice: { kind: 'file', path: candidate.path }
        };
        if (isDefault) files.unshift(item); else files.push(item);
    }
    if (defaultProfile !== undefined && !seen.has(defaultProfile)) {
        files.unshift({
            label: path.basename(defaultProfile),
            description: `${shown(defaultProfile)} (default)`,
            detail: 'The default profile (setting svf.compile.defaultProfile): not found in the workspace',
            choice: { kind: 'file', path: defaultProfile }
        });
    }
    return [
        ...files,
        { label: TYPE_PROFILE_LABEL, detail: 'The contract value, its category and its length in months', choice: 'type' },
        { label: UNTAILORED_LABEL, detail: 'Every question, with the proportionality rules for the portal to apply', choice: { kind: 'none' } }
    ];
}

/** A profile file in words (`£2,500,000 works contract, 36 months`), or what is wrong with it. */
export function describeProfileFile(candidate: ProfileCandidate, shown: string): { profile?: string; problem?: string } {
    if (candidate.text === undefined) return { problem: 'it could not be read' };
    try {
        const profile = parseContractProfileText(candidate.text.replace(/^\uFEFF/, ''), shown);
        const parts = [`${formatPounds(profile.contractValue)} ${profile.category} contract`];
        if (profile.durationMonths !== undefined && profile.durationMonths !== null) parts.push(`${profile.durationMonths} months`);
        if (profile.flags && profile.flags.length > 0) parts.push(`flags: ${profile.flags.join(', ')}`);
        return { profile: parts.join(', ') };
    } catch (error) {
        if (error instanceof SyntaxError) return { problem: 'it is not valid JSON' };
        if (error instanceof ProfileError) return { problem: error.message.slice(shown.length + 2) };
        throw error;
    }
}

/** The contract value typed in: undefined when it is one, else what is wrong (shown under the input box). */
export function contractValueProblem(text: string): string | undefined {
    if (text.trim() === '') return 'Type the contract value, e.g. 2.5m, 250k, 60000 or £1,250,000.';
    try {
        if (parseAmount(text).isNegative()) return `A contract value cannot be negative; got '${text}'.`;
        return undefined;
    } catch (error) {
        if (error instanceof AmountError) return error.message;
        throw error;
    }
}

/** The category typed in: a name (the framework decides which it declares; compiling says if it does not). */
export function categoryProblem(text: string): string | undefined {
    if (text.trim() === '') return 'Type the contract category: goods, services, works, or one the framework\'s `profile` block declares.';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text.trim())) return `A category is one word of letters, digits and _ (e.g. works); got '${text}'.`;
    return undefined;
}

/** The duration typed in: empty (not given) or whole months. */
export function durationProblem(text: string): string | undefined {
    if (text.trim() === '' || /^\d+$/.test(text.trim())) return undefined;
    return `The contract's length in whole months, e.g. 36 (or leave it empty); got '${text}'.`;
}

/** The contract typed in, for the server (which checks it again, against the framework's categories). */
export function typedProfileChoice(value: string, category: string, durationMonths: string): ContractProfileChoice {
    const choice: ContractProfileChoice = { kind: 'typed', value: value.trim(), category: category.trim() };
    return durationMonths.trim() === '' ? choice : { ...choice, durationMonths: durationMonths.trim() };
}

/** The folder under which `<framework id>/` is written: the setting, relative to the workspace folder. */
export function outputRootFor(workspaceFolder: string, setting: string | undefined): string {
    return path.resolve(workspaceFolder, setting?.trim() || DEFAULT_OUTPUT_FOLDER);
}

/** The default profile's absolute path, or undefined when the setting is empty. */
export function defaultProfilePath(workspaceFolder: string, setting: string | undefined): string | undefined {
    return setting?.trim() ? path.resolve(workspaceFolder, setting.trim()) : undefined;
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
