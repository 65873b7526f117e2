import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { serializeOutput } from '../compiler/index.js';
import { CONFORMANCE_VERSION, conformanceVectors } from '../compiler/bidkit/conformance.js';
import { conformanceReadme } from '../compiler/bidkit/conformance-readme.js';
import { ScoringInputError, describeProblem } from '../compiler/scoring/scoring-input-error.js';
import { readInputJson, readInputText } from './bid-input.js';
import { escapeControlCharacters } from './diagnostic-report.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeLines } from './output.js';

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
    const rubric = readInputJson(rubricFile, 'rubric') as { framework: { id: string; version: string } };
    let vectors;
    try {
        vectors = conformanceVectors(rubric);
    } catch (error) {
        if (error instanceof ScoringInputError) {
            throw new UsageError(`'${rubricFile}' cannot be scored, so no kit can be made for it:\n${error.problems.map(describeProblem).join('\n')}`);
        }
        throw error;
    }
    const vectorsDir = path.join(options.out, 'vectors');
    try {
        fs.mkdirSync(vectorsDir, { recursive: true });
        // Vectors of an earlier run that this rubric no longer has would mislead: the kit is the folder.
        for (const name of fs.readdirSync(vectorsDir)) {
            if (/^\d\d-[a-z0-9-]+\.json$/i.test(name)) fs.rmSync(path.join(vectorsDir, name));
        }
        fs.writeFileSync(path.join(options.out, 'rubric.json'), rubricText);
        for (const vector of vectors) {
            fs.writeFileSync(path.join(vectorsDir, `${vector.id}.json`), serializeOutput({ conformanceVersion: CONFORMANCE_VERSION, rubric: '../rubric.json', ...vector }));
        }
        fs.writeFileSync(path.join(options.out, 'README.md'), conformanceReadme(rubric, vectors));
    } catch (error) {
        throw new UsageError(`cannot write the kit into '${options.out}': ${(error as Error).message}.`);
    }
    writeLines(process.stdout, [
        `Wrote ${vectors.length} test vectors for ${rubric.framework.id} ${rubric.framework.version} into ${path.join(options.out, 'vectors')}, with the rubric and a README.md saying how to run them.`,
    ].map(escapeControlCharacters));
    return ExitCode.Ok;
}
