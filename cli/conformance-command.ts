import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { serializeOutput } from '../compiler/index.js';
import { CONFORMANCE_VERSION, conformanceVectors } from '../compiler/bidkit/conformance.js';
import { conformanceReadme } from '../compiler/bidkit/conformance-readme.js';
import { ScoringInputError, describeProblem } from '../compiler/scoring/scoring-input-error.js';
import { parseInputJson, readInputText } from './bid-input.js';
import { escapeControlCharacters } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';
import { writeFolderAtomically } from './atomic-write.js';

interface ConformanceOptions { out: string }

export function registerConformanceCommand(program: Command, finish: (code: ExitCode) => void): void {
    program.command('conformance')
        .description('Write a conformance kit for a rubric: test vectors (bids with the results SVF\'s scorer gives) that an e-procurement system runs to prove it scores exactly as SVF does.')
        .argument('<rubric.json>', 'the tailored rubric (`svf compile --profile ...` writes it)')
        .option('--out <dir>', 'folder to write the kit into', 'svf-conformance')
        .addHelpText('after', '\nWrites DIR/rubric.json (the rubric, unchanged), DIR/vectors/*.json and DIR/README.md, which says how to run them.')
        .action((rubricFile: string, options: ConformanceOptions) => {
            finish(runConformance(rubricFile, options));
        });
}

function runConformance(rubricFile: string, options: ConformanceOptions): ExitCode {
    const rubricText = readInputText(rubricFile, 'rubric');
    const rubric = parseInputJson(rubricText, rubricFile, 'rubric') as { framework: { id: string; version: string } };
    let vectors;
    try {
        vectors = conformanceVectors(rubric);
    } catch (error) {
        if (error instanceof ScoringInputError) {
            throw new UsageError(`'${rubricFile}' cannot be scored, so no kit can be made for it:\n${error.problems.map(describeProblem).join('\n')}`);
        }
        throw error;
    }
    // The kit is the folder: written whole and swapped in, so vectors of an earlier run (which
    // this rubric may no longer have) never mix with these, and a kill leaves one kit or the other.
    const foreign = kitFolderProblem(options.out);
    if (foreign) throw new UsageError(`cannot write the kit into '${options.out}': ${foreign}`);
    try {
        writeFolderAtomically(options.out, folder => {
            fs.mkdirSync(path.join(folder, 'vectors'));
            fs.writeFileSync(path.join(folder, 'rubric.json'), rubricText);
            for (const vector of vectors) {
                fs.writeFileSync(path.join(folder, 'vectors', `${vector.id}.json`), serializeOutput({ conformanceVersion: CONFORMANCE_VERSION, rubric: '../rubric.json', ...vector }));
            }
            fs.writeFileSync(path.join(folder, 'README.md'), conformanceReadme(rubric, vectors));
        });
    } catch (error) {
        throw new UsageError(`cannot write the kit into '${options.out}': ${(error as Error).message}.`);
    }
    writeLines(process.stdout, [
        `Wrote ${vectors.length} test vectors for ${rubric.framework.id} ${rubric.framework.version} into ${path.join(options.out, 'vectors')}, with the rubric and a README.md saying how to run them.`,
    ].map(escapeControlCharacters));
    return ExitCode.Ok;
}

/** Why `out` cannot take a kit: it is not a folder, or it holds files that are not a kit's (they would be replaced). */
function kitFolderProblem(out: string): string | undefined {
    let stats: fs.Stats;
    try {
        stats = fs.lstatSync(out);
    } catch {
        return undefined;
    }
    if (!stats.isDirectory()) return 'it exists and is not a folder. Give a new folder, or the folder of an earlier kit.';
    const others = fs.readdirSync(out).filter(name => !['rubric.json', 'README.md', 'vectors'].includes(name));
    return others.length === 0 ? undefined
        : `it holds files that are not a conformance kit's (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}), which writing the kit would replace. Give a new folder, or the folder of an earlier kit.`;
}
