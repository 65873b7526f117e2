/**
 * Every example framework, compiled with every profile in its profiles/ folder and with
 * none: the checks a council would want before publishing a framework. Cases come from
 * the folders on disk, so a new example or profile is tested as soon as it is added.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseContractProfile, TailoringWarningCodes, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import {
    compileExample, discoverExamples, EXAMPLES_ROOT, idsOfKind, loadExample, REPOSITORY_ROOT, schemaErrors,
    type CompiledExample, type ExampleFramework, type ExampleProfile, type LoadedExample
} from './example-frameworks.js';

const examples = discoverExamples();

test('the examples folder holds the national baseline and the council framework', () => {
    expect(examples.map(framework => framework.name)).toEqual(expect.arrayContaining(['council', 'national-baseline']));
});

describe.each(examples)('example $name', (framework: ExampleFramework) => {
    let loaded: LoadedExample;
    beforeAll(async () => {
        loaded = await loadExample(framework);
    });

    test('checks clean: no errors and no warnings in any of its files', () => {
        expect(loaded.problems).toEqual([]);
    });

    test('`svf check` on the folder reports no problems and exits 0', () => {
        const cli = path.join(REPOSITORY_ROOT, 'bin', 'svf.js');
        expect(fs.existsSync(path.join(REPOSITORY_ROOT, 'out', 'cli', 'main.js')), 'build first: npm run build').toBe(true);
        // execFileSync throws, with the output, if the exit code is not 0.
        const output = execFileSync(process.execPath, [cli, 'check', path.relative(REPOSITORY_ROOT, framework.folder)], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
        // Every file of the framework's own, not those of a base it extends (those are the base's to report).
        const graph = loaded.services.workspace.ImportGraph;
        const svfFiles = new Set(loaded.services.shared.workspace.LangiumDocuments.all
            .filter(document => !document.uri.path.includes('/node_modules/'))
            .flatMap(document => graph.ownClosure(document)).map(document => document.uri.fsPath).toArray()).size;
        // A warning the framework acknowledges in its source (`acknowledge ... because ...`) is counted, not shown.
        const acknowledged = loaded.services.shared.workspace.LangiumDocuments.all
            .filter(document => document.uri.fsPath.startsWith(framework.folder + path.sep))
            .reduce((count, document) => count + (document.textDocument.getText().match(/^\s*acknowledge\s/gm)?.length ?? 0), 0);
        const summary = acknowledged > 0 ? `0 warnings (${acknowledged} acknowledged)` : '0 warnings';
        expect(output.trim()).toBe(`0 errors, ${summary} in ${svfFiles} file${svfFiles === 1 ? "" : "s"}`);
    });

    // Profiles are parsed inside the tests, so a broken profile fails its own cases with
    // parseContractProfile's message instead of stopping the whole file from loading.
    const cases: Array<{ label: string; profileFile: ExampleProfile | undefined }> = [
        { label: 'no profile', profileFile: undefined },
        ...framework.profiles.map(profileFile => ({ label: `profile ${profileFile.name}`, profileFile }))
    ];

    for (const profile of framework.profiles) {
        test(`profile ${profile.name} follows schemas/contract-profile.schema.json`, () => {
            expect(schemaErrors('contract-profile.schema.json', profile.json)).toEqual([]);
        });
    }

    describe.each(cases)('compiled with $label', ({ profileFile }) => {
        let profile: ContractProfile | undefined;
        let output: CompiledExample;
        beforeAll(() => {
            profile = profileFile && parseContractProfile(profileFile.json, profileFile.file);
            output = compileExample(loaded, profile);
        });

        test('the question set and the rubric are valid against their schemas', () => {
            expect(schemaErrors('question-set.schema.json', output.compiled.questionSet)).toEqual([]);
            expect(schemaErrors('rubric.schema.json', output.compiled.rubric)).toEqual([]);
        });

        test('compiling again gives byte-identical JSON', () => {
            const again = compileExample(loaded, profile);
            expect(again.questionSetJson).toBe(output.questionSetJson);
            expect(again.rubricJson).toBe(output.rubricJson);
        });

        test('the JSON names no file on this machine', () => {
            for (const json of [output.questionSetJson, output.rubricJson]) {
                expect(json).not.toContain(REPOSITORY_ROOT);
            }
        });

        test('every question listed in a section, gate list or rubric is in the question set', () => {
            expectConsistentOutputs(output.compiled);
        });

        if (profileFile) {
            test('a rule applies, and what it asks can be met by a bid', () => {
                expectSatisfiableAsk(output.compiled, profile!);
            });
        } else {
            // Proxy sets are often licensed: an example may only carry values it can show the
            // origin of, so each says whether it is illustrative and where it comes from.
            test('every proxy names its source, says whether it is illustrative, and its price year matches the source', () => {
                for (const { code, proxy } of output.compiled.rubric.quantitative.measures) {
                    if (!proxy) continue;
                    expect(proxy.source, code).toMatch(/^(ILLUSTRATIVE value after |Essex County Council |HMRC |Face value)/);
                    expect(proxy.source, code).toContain(`(${proxy.priceYear} prices)`);
                }
            });

            test('untailored: no profile, no rule applied, the rules carried as data in the order tried', () => {
                const { questionSet, rubric } = output.compiled;
                expect(questionSet.profile).toBeNull();
                expect(questionSet.ruleApplied).toBeNull();
                expect(questionSet.rules?.length).toBeGreaterThan(0);
                expect(rubric.rules).toEqual(questionSet.rules);
            });
        }
    });
});

/**
 * The same bytes wherever the examples live and whichever services compile them: a copy
 * of the examples folder in a temporary directory compiles to exactly what the repository's
 * copy does (sourceHash uses paths relative to the entry file, and nothing else is local).
 */
describe('compiled output does not depend on where the examples are', () => {
    let copyRoot: string;
    beforeAll(() => {
        copyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'svf-examples-'));
        fs.cpSync(EXAMPLES_ROOT, path.join(copyRoot, 'examples'), { recursive: true });
    });
    afterAll(() => {
        fs.rmSync(copyRoot, { recursive: true, force: true });
    });

    test.each(examples)('$name', async (framework: ExampleFramework) => {
        const copied = discoverExamples(path.join(copyRoot, 'examples')).find(candidate => candidate.name === framework.name)!;
        const [here, there] = await Promise.all([loadExample(framework), loadExample(copied)]);
        for (const profile of [undefined, ...framework.profiles.map(p => parseContractProfile(p.json, p.file))]) {
            const fromRepository = compileExample(here, profile);
            const fromCopy = compileExample(there, profile);
            expect(fromCopy.questionSetJson).toBe(fromRepository.questionSetJson);
            expect(fromCopy.rubricJson).toBe(fromRepository.rubricJson);
            expect(fromCopy.questionSetJson).not.toContain(copyRoot);
        }
    });
});

/** What a portal relies on: every id the outputs mention is defined, and the two files agree. */
function expectConsistentOutputs({ questionSet, rubric }: CompiledFramework): void {
    const byId = new Map(questionSet.questions.map(question => [question.id, question]));
    expect(byId.size).toBe(questionSet.questions.length);
    for (const section of questionSet.sections) {
        for (const outcome of section.outcomes) {
            expect(outcome.questions.length).toBeGreaterThan(0);
            for (const id of outcome.questions) {
                expect(byId.get(id), `section ${section.theme}/${outcome.outcome} lists '${id}'`).toBeDefined();
            }
        }
    }
    for (const gate of questionSet.gates) expect(byId.get(gate)?.kind).toBe('pass-fail');
    expect(rubric.quantitative.measures.map(measure => measure.code)).toEqual(idsOfKind(questionSet, 'commitment'));
    expect(rubric.qualitative.questions.map(question => question.id)).toEqual(idsOfKind(questionSet, 'method-statement'));
    expect(rubric.gates.map(gate => gate.id)).toEqual(idsOfKind(questionSet, 'pass-fail'));
    expect(rubric.weighting).toBe(questionSet.weighting);
    expect(rubric.targets).toEqual(questionSet.targets);
    const percentWeights = questionSet.questions.flatMap(question => question.weight?.kind === 'percentage' ? [question.weight.value] : []);
    if (percentWeights.length > 0) {
        // Each weight is rounded once at output, so the sum may be off by up to half a hundredth each.
        const sum = percentWeights.reduce((total, weight) => total.plus(weight), new Decimal(0));
        expect(sum.minus(100).abs().toNumber()).toBeLessThanOrEqual(0.005 * percentWeights.length);
    }
    expect(rubric.quantitative.shareOfSocialValueMarks + rubric.qualitative.shareOfSocialValueMarks).toBe(100);
}

/**
 * The examples' rules cover every contract, and each rule's ask fits the measures a
 * contract of that category is offered: a supplier can always give a compliant bid.
 */
function expectSatisfiableAsk({ questionSet }: CompiledFramework, profile: ContractProfile): void {
    expect(questionSet.profile?.contractValue).toBe(new Decimal(profile.contractValue).toFixed(2));
    expect(questionSet.profile?.category).toBe(profile.category);
    expect(questionSet.ruleApplied).not.toBeNull();
    // Moving method-statement marks to commitments is expected when a rule drops the method
    // statements; any other warning means the example's rules and measures disagree.
    expect(questionSet.warnings.filter(warning => warning.code !== TailoringWarningCodes.MarksMoved)).toEqual([]);
    if (!questionSet.socialValueAsked) {
        expect(questionSet.weighting).toBe(0);
        expect(questionSet.questions).toEqual([]);
        return;
    }
    const commitments = questionSet.questions.filter(question => question.kind === 'commitment');
    for (const question of commitments) {
        if (question.categories.length > 0) expect(question.categories, question.id).toContain(profile.category);
    }
    const { minMeasures, maxMeasures, requiredThemes, minimumCommitments } = questionSet.selection;
    const requiredCount = requiredThemes.reduce((sum, required) => sum + required.minMeasures, 0);
    if (maxMeasures !== null) {
        expect(maxMeasures).toBeGreaterThanOrEqual(Math.max(minMeasures ?? 0, requiredCount, 1));
    }
    for (const required of requiredThemes) {
        expect(commitments.filter(question => question.theme === required.theme).length).toBeGreaterThanOrEqual(required.minMeasures);
    }
    for (const minimum of minimumCommitments) {
        expect(commitments.map(question => question.id)).toContain(minimum.measure);
    }
    const { minimumSvRatio, minimumSocialValue } = questionSet.targets;
    if (minimumSvRatio !== null) {
        expect(minimumSocialValue).toBe(new Decimal(profile.contractValue).times(minimumSvRatio).dividedBy(100).toFixed(2, Decimal.ROUND_HALF_UP));
    }
}
