import type { Command } from 'commander';
import { AmountError, parseAmount, parseContractProfile, parseContractProfileText, ProfileError, type ContractCategory, type ContractProfile } from '../compiler/index.js';
import { displayPath } from './diagnostic-report.js';
import { UsageError } from './exit-codes.js';
import { InputFileError, readInputFile } from './input-file.js';

/** The options of `svf compile` that describe the contract to tailor the outputs to. */
export interface ContractProfileOptions {
    profile?: string;
    value?: string;
    category?: ContractCategory;
    duration?: string;
    flag: string[];
}

/** Adds the options that describe the contract (`--profile`, or `--value`, `--category`, `--duration`, `--flag`) to a command. */
export function addContractProfileOptions(command: Command): Command {
    return command
        .option('--profile <file>', 'contract profile JSON file, e.g. {"contractValue": 2500000, "category": "works"}')
        .option('--value <amount>', 'contract value, e.g. 2.5m, 250k, 60000 or £1,250,000')
        .option('--category <category>', "contract category: goods, services, works, or one the framework's `profile` block declares")
        .option('--duration <months>', 'contract length in months')
        .option('--flag <flag>', 'a fact the rules test by name, e.g. lotted (repeat for several)', (flag: string, flags: string[]) => [...flags, flag], []);
}

/**
 * The contract profile the user described: a `--profile` file, or `--value` with
 * `--category` (and optionally `--duration`, `--flag`), or none (untailored outputs).
 * Both ways go through the compiler's parseContractProfile, so they accept the same profiles.
 */
export function contractProfileFromOptions(options: ContractProfileOptions): ContractProfile | undefined {
    const described = [
        options.value !== undefined ? '--value' : undefined,
        options.category !== undefined ? '--category' : undefined,
        options.duration !== undefined ? '--duration' : undefined,
        options.flag.length > 0 ? '--flag' : undefined,
    ].filter((option): option is string => option !== undefined);
    if (options.profile !== undefined) {
        if (described.length > 0) {
            throw new UsageError(`--profile cannot be combined with ${described.join(', ')}. Describe the contract either in the profile file or with the options, not both.`);
        }
        return readContractProfileFile(options.profile);
    }
    if (described.length === 0) {
        return undefined;
    }
    if (options.value === undefined) {
        throw new UsageError(`${described.join(', ')} describe${described.length === 1 ? 's' : ''} a contract, so --value is needed too (e.g. --value 2.5m --category works), or give a --profile file.`);
    }
    if (options.category === undefined) {
        throw new UsageError('--category is needed with --value: goods, services or works.');
    }
    const profile: ContractProfile = {
        contractValue: contractValueOf(options.value),
        category: options.category,
        flags: [...new Set(options.flag)],
    };
    if (options.duration !== undefined) {
        profile.durationMonths = durationOf(options.duration);
    }
    return asUsageError(() => parseContractProfile(profile, 'the command line'));
}

/**
 * A contract profile file, read and checked: `shown` is how messages name it (relative to
 * the current folder for the CLI, to the workspace folder for the editor's commands).
 */
export function readContractProfileFile(file: string, shown: string = displayPath(file)): ContractProfile {
    let text: string;
    try {
        text = readInputFile(file, 'contract profile').replace(/^\uFEFF/, '');
    } catch (error) {
        if (error instanceof InputFileError) throw new UsageError(error.message.replace(` ${file}:`, ` ${shown}:`));
        throw error;
    }
    try {
        JSON.parse(text);
    } catch (error) {
        throw new UsageError(`the contract profile ${shown} is not valid JSON (${(error as Error).message}). Write it like {"contractValue": 2500000, "category": "works"}.`);
    }
    // Parsed again with the source text of each number, so that a number JSON would
    // silently round (12345678901234567890) is refused rather than misread.
    return asUsageError(() => parseContractProfileText(text, shown));
}

function contractValueOf(text: string): string {
    const amount = asUsageError(() => parseAmount(text), '--value: ');
    if (amount.isNegative()) {
        throw new UsageError(`--value: a contract value cannot be negative; got '${text}'.`);
    }
    // The exact amount, as the decimal string profiles accept; never a binary float.
    return amount.toFixed();
}

function durationOf(text: string): number {
    if (!/^\d+$/.test(text.trim())) {
        throw new UsageError(`--duration is the contract's length in whole months, e.g. --duration 36; got '${text}'.`);
    }
    return Number(text.trim());
}

/** Profile and amount mistakes are the user's to fix: show them as one usage line. */
function asUsageError<T>(parse: () => T, prefix = ''): T {
    try {
        return parse();
    } catch (error) {
        if (error instanceof ProfileError || error instanceof AmountError) {
            throw new UsageError(`${prefix}${error.message}`);
        }
        throw error;
    }
}
