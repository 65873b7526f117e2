import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Document } from '../language/generated/ast.js';
import { hasSyntaxErrors } from '../language/resolve/framework-resolution.js';
import { createSvfServices } from '../language/svf-module.js';
import type { SvfServices } from '../language/svf-module.js';
import { describeInputError, loadFramework, type LoadedFramework } from '../language/workspace/load-framework.js';
import { createSvfNodeFileSystem, parseFileSize } from '../language/workspace/svf-file-system.js';
import type { LocationWording } from '../model/checks/framework-checks.js';
import { noFrameworkHeaderMessage, type Framework } from '../model/framework.js';
import type { Origin } from '../model/origin.js';
import { buildDiagnosticReport, formatDiagnosticReport } from './diagnostic-report.js';
import type { DiffSide } from './diff-sides.js';
import { UsageError } from './exit-codes.js';
import type { FileLimitOptions } from './svf-workspace-loader.js';

/** A side loaded and checked without errors: its entry document and the services that hold it. */
export interface LoadedSide {
    readonly side: DiffSide;
    readonly services: SvfServices;
    readonly entry: LangiumDocument;
    /** The merged framework (with its base, if it extends one), as compile sees it. */
    readonly framework: Framework;
}

/**
 * A side has validation errors: `report` holds them as `svf check` prints them (paths of git
 * and npm sides shown as `git:<rev>:<path>`, `npm:<pkg>@<ver>/<path>`). The command prints
 * them and exits 1: a diff of a broken framework would mislead.
 */
export class SideHasErrors extends Error {
    constructor(readonly side: DiffSide, readonly report: string[]) {
        super(`${side.spec} has errors`);
    }
}

/**
 * Loads a side with the one loader `svf check` and `svf compile` use (loadFramework), in
 * services of its own. Input problems (a missing path, an unreadable file) are a UsageError
 * (exit 2); validation errors a SideHasErrors (exit 1).
 */
export async function loadSide(side: DiffSide, options: FileLimitOptions): Promise<LoadedSide> {
    let maxFileSize: number | undefined;
    if (options.maxFileSize !== undefined) {
        maxFileSize = parseFileSize(options.maxFileSize);
        if (maxFileSize === undefined) {
            throw new UsageError(`--max-file-size: '${options.maxFileSize}' is not a size; write e.g. 256MB, 500k or 1048576.`);
        }
    }
    const { Svf: services } = createSvfServices(createSvfNodeFileSystem({ maxFileSize }), { batch: true });
    const loaded = await loadFramework(services, { entry: side.entry });
    if (loaded.inputErrors.length > 0) {
        throw new UsageError(loaded.inputErrors.map(error => describeInputError(error, side.showPath(error.path))).join('\n'));
    }
    const report = sideReport(side, loaded);
    if (report.summary.errors > 0) throw new SideHasErrors(side, formatDiagnosticReport(report));
    const entry = loaded.requested[0]!;
    if (!(entry.parseResult.value as Document).header && !hasSyntaxErrors(entry)) {
        throw new UsageError(`${side.spec}: ${noFrameworkHeaderMessage(side.showPath(entry.uri.fsPath))}`);
    }
    return { side, services, entry, framework: services.resolution.FrameworkResolution.frameworkOf(entry) };
}

/** The side's diagnostics as `svf check` reports them, with the side's own path names. */
function sideReport(side: DiffSide, loaded: LoadedFramework) {
    // The report shows paths relative to the current folder: a file of a git or npm side is
    // given as that folder plus its shown name, which the report turns back into the name.
    const shown = (file: string) => side.holds(file) ? path.resolve(side.showPath(file)) : file;
    return buildDiagnosticReport({
        documents: loaded.documents,
        diagnostics: loaded.diagnostics.map(diagnostic => ({ ...diagnostic, path: shown(diagnostic.path) })),
    });
}

/** A place as the reports show it: the file as the user knows it, 1-based line and column. */
export interface ShownLocation {
    file: string;
    line: number;
    column: number;
}

/**
 * How the diff names places: every file of the sides as `showPath` says (relative to the
 * current folder, or `git:<rev>:<path>` / `npm:<pkg>@<ver>/<path>`).
 */
export class SidePlaces {
    constructor(private readonly sides: readonly DiffSide[]) {}

    file(origin: Origin): string {
        const file = URI.parse(origin.file).fsPath;
        const side = this.sides.find(candidate => candidate.holds(file)) ?? this.sides[0];
        return side ? side.showPath(file) : file;
    }

    locate(origin: Origin): ShownLocation {
        return { file: this.file(origin), line: origin.range.start.line + 1, column: origin.range.start.character + 1 };
    }

    /** For the model's messages that name other places (LocationWording). */
    get wording(): LocationWording {
        return {
            where: (target, from) => {
                const { line, column } = this.locate(target);
                return target.file === from.file ? `line ${line}` : `${this.file(target)}:${line}:${column}`;
            },
            file: target => this.file(target),
        };
    }
}
