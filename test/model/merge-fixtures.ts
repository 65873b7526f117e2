/**
 * Base and child frameworks for the merge tests, each resolved on its own from in-memory
 * sources (as the merge receives them: the child's changes as written, names as written).
 */
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import type { Finding, LocationWording } from '../../model/checks/framework-checks.js';
import type { Framework } from '../../model/framework.js';
import type { Origin } from '../../model/origin.js';
import { createSvfServices } from '../../language/svf-module.js';
import { resolveFramework } from '../../language/resolve/resolve-framework.js';
import { loadFramework } from '../../language/workspace/load-framework.js';

export const BASE_ROOT = '/svf-test/orbis-base';
export const CHILD_ROOT = '/svf-test/eastshire';

/** A framework resolved from sources keyed by path under `root`; the first source is the entry. */
export async function resolveSources(root: string, sources: Record<string, string>): Promise<Framework> {
    const { Svf } = createSvfServices(EmptyFileSystem);
    const absolute = Object.fromEntries(Object.entries(sources).map(([file, text]) => [path.posix.join(root, file), text]));
    const { requested } = await loadFramework(Svf, { sources: absolute });
    const entry = requested[0]!;
    const graph = Svf.workspace.ImportGraph;
    return resolveFramework({ entry, closure: graph.closure(entry), declarationOrder: graph.declarationOrder(entry) });
}

/** As the language server words places: `line 3` in the same file, else `relative/path.svf:3:5`. */
export const WORDING: LocationWording = {
    where(target: Origin, from: Origin): string {
        const { line, character } = target.range.start;
        return target.file === from.file ? `line ${line + 1}` : `${WORDING.file(target, from)}:${line + 1}:${character + 1}`;
    },
    file(target: Origin, from: Origin): string {
        return path.posix.relative(path.posix.dirname(new URL(from.file).pathname), new URL(target.file).pathname);
    }
};

/** `file.svf:line:col code message`, relative to the child's folder, for readable assertions. */
export function shown(finding: Finding): string {
    const file = path.posix.relative(CHILD_ROOT, new URL(finding.origin.file).pathname);
    return `${file}:${finding.origin.range.start.line + 1}:${finding.origin.range.start.character + 1} ${finding.code} ${finding.message}`;
}

export const BASE_SOURCES: Record<string, string> = {
    'framework.svf': `import "units.svf"
import "rules.svf"

framework orbis.base "Orbis base" {
    version 2.1.0
    priceYear 2025
}

proxy localJob "A local FTE job for a year" = £30,000 per FTE {
    source "ONS ASHE 2025 (illustrative)"
    deadweight 10%
    attribution 5%
}

scale quality "Quality of a method statement" {
    0 "None" "No answer"
    3 "Good" "Specific"
    5 "Excellent" "Specific, timed and evidenced"
}

theme jobs "Jobs" {
    outcome localEmployment "More local people in employment" {
        measure NT1 "Local FTE jobs" {
            unit FTE
            proxy localJob
            ask "How many local people will you employ (FTE)?"
        }
        measure NT2 "Apprenticeship weeks" {
            unit weeks
            proxy £250 {
                source "Unit Cost Database (illustrative)"
                displacement 10%
            }
            ask "How many apprenticeship weeks will you provide?"
        }
        measure NT3 "Work placement weeks" {
            unit weeks
            proxy £100
            ask "How many weeks of work placements will you provide?"
        }
    }
}

theme environment "Environment" {
    outcome lowerCarbon "Carbon emissions are reduced" {
        measure RE1 "Carbon saved" {
            unit tonnes
            proxy £250
            ask "How many tonnes of CO2e will you save?"
        }
    }
}

question MS1 "Employment plan" {
    outcomes localEmployment
    scale quality
    weight 60%
    ask "Describe how you will recruit locally."
}

question MS2 "Carbon plan" {
    outcomes lowerCarbon
    scale quality
    weight 40%
}

gate livingWage "Real Living Wage" {
    ask "Will you pay the Real Living Wage?"
}

evaluation {
    weighting 10%
    split quantitative 60% qualitative 40%
    method relative
}
`,
    'units.svf': `unit FTE "no. people FTE"
unit weeks "no. weeks"
unit tonnes "tonnes CO2e"
`,
    'rules.svf': `rule small "Small contracts" when contractValue < £100k {
    no ask
}

rule large "Large contracts" when contractValue >= £5m and category in services, works {
    include measures NT1, NT2, NT3
    minimum NT3 1 per £1m
    require 2 from jobs
    include questions MS1
    include gates livingWage
}

rule rest "Everything else" {
    require 1 from jobs
}
`
};

/** A child's entry file: the header, then `body`. */
export function childSource(body: string): string {
    return `framework eastshire.socialValue "Eastshire social value" {
    extends "../orbis-base" ^2.0
    version 1.4.0
    priceYear 2025
}

${body}`;
}
