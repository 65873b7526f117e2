import * as fs from 'node:fs';
import type { Command } from 'commander';
import { URI } from 'langium';
import { createSvfServices } from '../language/svf-module.js';
import { formatSvfDocument } from '../language/lsp/svf-formatter.js';
import { describeInputError, svfFilesIn, type InputError } from '../language/workspace/load-framework.js';
import { createSvfNodeFileSystem } from '../language/workspace/svf-file-system.js';
import { writeFileAtomically } from './atomic-write.js';
import { displayPath, escapeControlCharacters } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { InputFileError, readInputFile } from './input-file.js';
import { writeLines } from './output.js';

interface FmtOptions {
    check?: boolean;
    tabs?: boolean;
    indentSize: string;
}

export function registerFmtCommand(program: Command, finish: (code: ExitCode) => void): void {
    program.command('fmt')
        .description('Format .svf files: one declaration or property per line, blocks indented, runs of spaces and blank lines collapsed.')
        .argument('[paths...]', '.svf files or folders to format (folders are searched for .svf files, node_modules skipped)', ['.'])
        .option('--check', 'write nothing; list the files that are not formatted and exit with 1 if there are any (for CI)')
        .option('--tabs', 'indent with tabs instead of spaces')
        .option('--indent-size <n>', 'spaces per indentation level (1 to 16)', '4')
        .addHelpText('after', [
            '',
            'Writes only the files that change (each replaced whole, never half-written) and prints their names.',
            'Only whitespace changes, so formatting never changes what a file means.',
            'A file with a syntax error is reported (path:line:col) and left as it is.',
            `Exits with ${ExitCode.Ok} when done (with --check: when every file is formatted), ${ExitCode.ValidationErrors} with --check when a file`,
            `is not formatted or when a file has a syntax error, ${ExitCode.UsageOrInputError} when a file cannot be read or written.`,
        ].join('\n'))
        .action((paths: string[], options: FmtOptions) => {
            finish(runFmt(paths, options));
        });
}

function runFmt(paths: string[], options: FmtOptions): ExitCode {
    const size = Number(options.indentSize);
    if (!/^\d+$/.test(options.indentSize.trim()) || size < 1 || size > 16) {
        throw new UsageError(`--indent-size: '${options.indentSize}' is not a whole number from 1 to 16.`);
    }
    const formattingOptions = { tabSize: size, insertSpaces: !options.tabs };
    const inputErrors: InputError[] = [];
    const files = svfFilesIn(paths, inputErrors);
    let exitCode: ExitCode = ExitCode.Ok;
    const fail = (code: ExitCode) => { if (code > exitCode) exitCode = code; };
    for (const error of inputErrors) {
        process.stderr.write(`svf: ${escapeControlCharacters(describeInputError(error, displayPath(error.path)))}\n`);
        fail(ExitCode.UsageOrInputError);
    }
    const { Svf: services, shared } = createSvfServices(createSvfNodeFileSystem(), { batch: true });
    const factory = shared.workspace.LangiumDocumentFactory;
    for (const file of files) {
        const shown = displayPath(file);
        let text: string;
        try {
            text = readInputFile(file, '.svf file');
        } catch (error) {
            if (!(error instanceof InputFileError)) throw error;
            process.stderr.write(`svf: ${escapeControlCharacters(error.message)}\n`);
            fail(ExitCode.UsageOrInputError);
            continue;
        }
        const document = factory.fromString(text, URI.file(file));
        const result = formatSvfDocument(document, services.parser.Lexer, formattingOptions);
        if (result.firstError) {
            const { line, character, message } = result.firstError;
            process.stderr.write(`${escapeControlCharacters(shown)}:${line + 1}:${character + 1} error not formatted, syntax error: ${escapeControlCharacters(message)}\n`);
            fail(ExitCode.ValidationErrors);
            continue;
        }
        if (result.text === text) continue;
        if (options.check) {
            writeLines(process.stdout, [escapeControlCharacters(shown)]);
            fail(ExitCode.ValidationErrors);
            continue;
        }
        try {
            writeFormatted(file, result.text);
        } catch (error) {
            const why = (error as NodeJS.ErrnoException)?.code ?? String(error);
            process.stderr.write(`svf: cannot write ${escapeControlCharacters(shown)} (${escapeControlCharacters(why)}); it was left as it was.\n`);
            fail(ExitCode.UsageOrInputError);
            continue;
        }
        writeLines(process.stdout, [escapeControlCharacters(shown)]);
    }
    return exitCode;
}

/** Replaces the file (through a symlink, at its target) whole, keeping its permissions. */
function writeFormatted(file: string, text: string): void {
    const target = fs.realpathSync(file);
    const mode = fs.statSync(target).mode & 0o7777;
    writeFileAtomically(target, text, mode);
}
