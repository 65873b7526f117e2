import { Option, type Command } from 'commander';
import * as generatedValidators from '../compiler/generated/schema-validators.js';
import { describeSchemaErrors } from '../compiler/schema-validation.js';
import type { ValidateFunction } from 'ajv';
import { diffFrameworks } from '../model/diff/diff-frameworks.js';
import { checkVersion } from '../model/diff/version-check.js';
import { buildDiffReport, formatDiffMarkdown, formatDiffText } from './diff-report.js';
import { loadSide, SideHasErrors, SidePlaces } from './diff-side-loader.js';
import { openSide, type DiffSide } from './diff-sides.js';
import { ExitCode } from './exit-codes.js';
import { writeLines } from './output.js';
import { MAX_FILE_SIZE_OPTION, type FileLimitOptions } from './svf-workspace-loader.js';

/** The output formats `svf diff` and `svf upgrade-check` print. */
export type DiffFormat = 'text' | 'json' | 'markdown';

export interface DiffCommandOptions extends FileLimitOptions {
    format: DiffFormat;
    offline?: boolean;
}

interface DiffOptions extends DiffCommandOptions {
    checkVersion?: boolean;
}

/** What a side can be, for the help of both commands. */
export const SIDE_HELP = [
    'A side is one of:',
    '  <folder-or-entry-file>      a framework on disk (a folder with framework.svf, or the entry file)',
    '  git:<rev>:<path>            the framework at a git revision, read with git archive (no checkout);',
    '                              the path as git show <rev>:<path> takes it (from the repository\'s top',
    '                              folder; ./ for the current folder), e.g. git:v2.0.0:examples/orbis-base',
    '  npm:<package>@<version>     a published package version, read with npm pack; its entry is',
    '                              package.json\'s svf.entry, e.g. npm:@orbis/social-value@2.0.0',
    'Offline: folder and git: sides never need a network. An npm: side is read from the npm cache',
    'when that version is there (npm pack --prefer-offline), else fetched from the registry; with',
    '--offline it must be in the cache (npm cache add <package>@<version> once while online).',
];

/** The options both commands take. */
export function addDiffOutputOptions(command: Command): Command {
    return command
        .addOption(new Option('--format <format>', 'output format: text, json (schemas/diff.schema.json), or markdown (release notes)').choices(['text', 'json', 'markdown']).default('text'))
        .option('--offline', 'never ask the npm registry: npm: sides must be in the npm cache')
        .option(...MAX_FILE_SIZE_OPTION);
}

export function registerDiffCommand(program: Command, finish: (code: ExitCode) => void): void {
    const command = program.command('diff')
        .description('Say what changed between two versions of a framework, by meaning (not text), and which version bump that needs.')
        .argument('<old>', 'the earlier version (see "A side is" below)')
        .argument('<new>', 'the later version')
        .option('--check-version', "fail (exit 1) unless the new side's version bumps enough for the changes, e.g. in a publisher's CI");
    addDiffOutputOptions(command)
        .addHelpText('after', [
            '',
            ...SIDE_HELP,
            '',
            'Prints one line per change, path:line:col: <class>: <kind>: message, breaking first, then the',
            'contracts that now get a different rule or ask, the proxy re-basing and a summary.',
            'Exit codes: 0 the diff was printed (a change is not a failure); 1 a side has errors (printed as',
            'svf check prints them), or --check-version failed; 2 a side cannot be read (a missing path, an',
            'unknown revision, a package version not in the npm cache when offline).',
            '',
            'In CI:  svf diff git:$(git describe --tags --abbrev=0):. . --check-version',
        ].join('\n'))
        .action(async (oldSpec: string, newSpec: string, options: DiffOptions) => {
            finish(await runDiff(oldSpec, newSpec, options));
        });
}

async function runDiff(oldSpec: string, newSpec: string, options: DiffOptions): Promise<ExitCode> {
    return withSides([oldSpec, newSpec], options, async ([oldSide, newSide]) => {
        const before = await loadSide(oldSide!, options);
        const after = await loadSide(newSide!, options);
        const places = new SidePlaces([oldSide!, newSide!]);
        const diff = diffFrameworks(before.framework, after.framework, places.wording);
        const versionCheck = options.checkVersion ? checkVersion(diff.old.version, diff.new.version, diff.requiredBump) : undefined;
        const report = buildDiffReport(diff, { old: oldSpec, new: newSpec }, places, versionCheck);
        printReport(options.format, report, 'diffReport', formatDiffText, formatDiffMarkdown);
        return versionCheck && !versionCheck.ok ? ExitCode.ValidationErrors : ExitCode.Ok;
    });
}

/**
 * Opens the sides, runs `use`, and removes the sides' temporary folders whatever happens. A
 * side with errors prints them on stderr and exits 1.
 */
export async function withSides(specs: string[], options: DiffCommandOptions, use: (sides: DiffSide[]) => Promise<ExitCode>): Promise<ExitCode> {
    const sides: DiffSide[] = [];
    try {
        for (const spec of specs) sides.push(openSide(spec, options));
        return await use(sides);
    } catch (error) {
        if (!(error instanceof SideHasErrors)) throw error;
        writeLines(process.stderr, [...error.report, `Cannot compare: ${error.side.spec} has errors. Fix them (svf check shows the same), then run this again.`]);
        return ExitCode.ValidationErrors;
    } finally {
        for (const side of sides) side.dispose();
    }
}

/** Validators of the JSON forms, generated at build time from schemas/diff.schema.json. */
const validators = generatedValidators as unknown as Record<'diffReport' | 'upgradeReport', ValidateFunction>;

/** Prints a report in the asked format; the JSON form is checked against our schema first. */
export function printReport<T>(format: DiffFormat, report: T, schema: 'diffReport' | 'upgradeReport', text: (report: T) => string[], markdown: (report: T) => string[]): void {
    if (format === 'json') {
        const validate = validators[schema];
        if (!validate(report)) {
            throw new Error(`the ${schema} JSON does not match schemas/diff.schema.json: ${describeSchemaErrors([...(validate.errors ?? [])])}`);
        }
        writeLines(process.stdout, [JSON.stringify(report, null, 2)]);
    } else {
        writeLines(process.stdout, format === 'markdown' ? markdown(report) : text(report));
    }
}
