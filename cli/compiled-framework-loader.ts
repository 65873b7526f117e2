import { compileFramework, ProfileError, type CompiledFramework } from '../compiler/index.js';
import type { Document } from '../language/generated/ast.js';
import { hasSyntaxErrors } from '../language/resolve/framework-resolution.js';
import { noFrameworkHeaderMessage, type Framework } from '../model/framework.js';
import type { ContractProfile } from '../model/rules/rule-types.js';
import { buildDiagnosticReport, displayPath, formatDiagnosticReport } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';
import { loadFrameworkFromDisk, type FileLimitOptions } from './svf-workspace-loader.js';

/**
 * For a command that turns a framework into another format (`svf export ...`, `svf plan`): load it from
 * disk as `svf compile` does, print its diagnostics, and compile it for the contract. When
 * the framework has errors, they are printed with `Nothing was written: fix the errors
 * above, then <again>.` and the result is ExitCode.ValidationErrors; a profile the framework
 * refuses is a UsageError naming where the profile came from.
 */
export async function loadCompiledFramework(
    target: string,
    profile: { profile: ContractProfile; profileFile: string | undefined } | undefined,
    options: FileLimitOptions & { again: string },
): Promise<{ framework: Framework; compiled: CompiledFramework } | typeof ExitCode.ValidationErrors> {
    const loaded = await loadFrameworkFromDisk({ entry: target }, options);
    const { services, requested: [entry] } = loaded;
    if (!(entry.parseResult.value as Document).header && !hasSyntaxErrors(entry)) {
        throw new UsageError(noFrameworkHeaderMessage(displayPath(entry.uri.fsPath)));
    }
    const report = buildDiagnosticReport(loaded);
    if (report.summary.errors > 0) {
        writeLines(process.stderr, [...formatDiagnosticReport(report), `Nothing was written: fix the errors above, then ${options.again}.`]);
        return ExitCode.ValidationErrors;
    }
    if (report.diagnostics.length > 0) {
        writeLines(process.stderr, formatDiagnosticReport(report));
    }
    const framework = services.resolution.FrameworkResolution.frameworkOf(entry);
    try {
        return { framework, compiled: compileFramework(framework, profile?.profile) };
    } catch (error) {
        if (error instanceof ProfileError) {
            const source = profile?.profileFile !== undefined ? `the contract profile ${displayPath(profile.profileFile)}` : 'the contract described on the command line';
            throw new UsageError(`${source}: ${error.message}`);
        }
        throw error;
    }
}
