/**
 * The language server across `extends`, over stdio: a council framework that extends a
 * base framework installed from an npm package (npm pack + npm install --offline, a real
 * folder in node_modules), as an editor sees it: go to definition and find references
 * across the package boundary, hovers that show the overridden value with the base's value
 * and the reason, completion of the base's names, rename refused in node_modules, the
 * merge's diagnostics while typing, and nothing of node_modules loaded that the council
 * does not extend or import.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList, Definition, DefinitionLink, Hover, Location, Position } from 'vscode-languageserver-protocol';
import { NpmLayout, type PackageSource } from '../helpers/npm-packages.js';
import { endSession, LanguageServerSession } from './language-server-session.js';

/** Orbis's shared framework, published as @orbis/social-value 2.1.3 (framework version 2.1.0). */
const BASE_FRAMEWORK = `framework orbis.base "Orbis shared social value framework" {
    version 2.1.0
    currency GBP
    priceYear 2024
    publisher "Orbis Procurement"
    status published
}

unit FTE "no. people FTE"
unit weeks "no. weeks"
unit hours "no. hrs x no. attendees"

proxy localJob "A local person employed for a year" = £24,000 per FTE {
    source "ILLUSTRATIVE value after ONS median full-time pay (2024 prices)"
    priceYear 2024
    deadweight 20%
}

proxy apprenticeWeek "A week of apprenticeship" = £312.50 per weeks {
    source "ILLUSTRATIVE value after the Unit Cost Database (2024 prices)"
    priceYear 2024
}

scale fivePoint "Method statement quality" {
    0 "No response" "Nothing offered"
    3 "Good" "Specific, timed and evidenced commitments"
    5 "Excellent" "Exceeds the outcome, with named local partners"
}

theme jobs "Promote local skills and employment" {
    outcome localEmployment "More local people in employment" {
        measure NT1 "Local people employed on the contract" {
            unit FTE
            proxy localJob
            ask "How many local people (FTE) will you employ on this contract?"
        }
        measure NT2 "Apprenticeship weeks" {
            unit weeks
            proxy apprenticeWeek
            ask "How many weeks of apprenticeships will the contract support?"
        }
        measure NT3 "Training for local people" {
            unit hours
            proxy £24.80 {
                source "ILLUSTRATIVE value after the Unit Cost Database (2023 prices)"
                priceYear 2023
            }
            ask "How many hours of training will you give, times attendees?"
        }
    }
}

question employmentPlan "Employment and skills plan" {
    outcomes localEmployment
    scale fivePoint
    words 500
    weight 100%
    ask "Describe how you will recruit and train local people on this contract."
}

evaluation {
    weighting 10%
    split quantitative 60% qualitative 40%
    method relative
}

rule smallContracts "No ask below £100k" when contractValue < £100k {
    no ask
}

rule standard "Contracts of £100k or more" {
    select at most 3 measures
    require 1 from jobs
}
`;

/** A file of the package that nothing extends or imports: the server must not load it. */
const UNUSED_PACKAGE_FILE = `proxy neverLoadedProxy "Declared in a file nobody imports" = £1 per ftee
`;

const BASE_PACKAGE: PackageSource = {
    name: '@orbis/social-value',
    version: '2.1.3',
    fields: { svf: { entry: 'framework.svf' }, files: ['*.svf'] },
    files: { 'framework.svf': BASE_FRAMEWORK, 'extras.svf': UNUSED_PACKAGE_FILE }
};

/** Another installed framework package the council neither extends nor imports (with an error in it). */
const UNRELATED_PACKAGE: PackageSource = {
    name: '@nepo/regional-measures',
    version: '1.0.0',
    fields: { svf: { entry: 'measures.svf' }, files: ['*.svf'] },
    files: { 'measures.svf': 'proxy unrelatedProxy "Never loaded" = £1 per nosuchunit\n' }
};

/** Eastshire's framework: extends the installed base, overrides a proxy and a measure, retires one, adds one. */
const CHILD_FRAMEWORK = `framework eastshire.socialValue "Eastshire County Council Social Value Framework" {
    extends "@orbis/social-value" ^2.0
    version 1.4.0
    currency GBP
    priceYear 2025
    publisher "Eastshire County Council"
    status draft
}

override proxy localJob = £31,250 because "Eastshire wage survey 2025"

override measure NT1 because "Eastshire counts care leavers separately" {
    ask "How many local people (FTE), other than care leavers, will you employ on this contract?"
}

retire measure NT3 because "Training is bought through the county's own skills programme"

add to outcome localEmployment {
    measure EC1 "Care leavers employed on the contract" {
        unit FTE
        proxy localJob
        ask "How many care leavers (FTE) will you employ on this contract?"
    }
}
`;

let layout: NpmLayout;
let session: LanguageServerSession | undefined;
let childFile: string;
let baseFile: string;

beforeAll(async () => {
    layout = new NpmLayout();
    layout.write({ 'council/framework.svf': CHILD_FRAMEWORK });
    layout.install('council', [layout.pack(BASE_PACKAGE), layout.pack(UNRELATED_PACKAGE)]);
    childFile = layout.path('council', 'framework.svf');
    baseFile = layout.path('council', 'node_modules', '@orbis', 'social-value', 'framework.svf');
    // Installed from the tarball: a real folder in node_modules, not a link to the source.
    expect(fs.lstatSync(layout.path('council', 'node_modules', '@orbis', 'social-value')).isSymbolicLink()).toBe(false);
    session = await LanguageServerSession.start(layout.path('council'));
    await session.open(childFile, CHILD_FRAMEWORK);
    // Clean only when the base was found, loaded and merged: every override names something it has.
    expect(await session.diagnostics(childFile, { after: 0 })).toEqual([]);
}, 90_000);
afterAll(() => endSession(session, layout.root));

/** The position of the first `text` on the first line that contains `onLine` (one character in). */
function positionOf(source: string, onLine: string, text: string): Position {
    const lines = source.split('\n');
    const line = lines.findIndex(candidate => candidate.includes(onLine));
    if (line < 0) throw new Error(`No line contains '${onLine}'.`);
    return { line, character: lines[line].indexOf(text) + 1 };
}

/** Where a definition answer points: file and line. */
function targetsOf(definition: Definition | DefinitionLink[] | null): Array<{ file: string; line: number }> {
    return (Array.isArray(definition) ? definition : definition ? [definition] : [])
        .map(target => 'targetUri' in target
            ? { file: fileURLToPath(target.targetUri), line: target.targetSelectionRange.start.line }
            : { file: fileURLToPath(target.uri), line: target.range.start.line });
}

function hoverText(hover: Hover | null): string {
    const contents = hover?.contents;
    return typeof contents === 'object' && contents !== null && 'value' in contents ? contents.value : JSON.stringify(contents);
}

function labelsOf(completion: CompletionItem[] | CompletionList | null): string[] {
    return (Array.isArray(completion) ? completion : completion?.items ?? []).map(item => item.label);
}

const BASE_PROXY_LINE = positionOf(BASE_FRAMEWORK, 'proxy localJob', 'localJob').line;

describe('the language server across extends into node_modules', () => {
    test('go to definition from the override and from a plain use lands on the base\'s proxy in node_modules', async () => {
        const fromOverride = await session!.definition(childFile, positionOf(CHILD_FRAMEWORK, 'override proxy localJob', 'localJob'));
        expect(targetsOf(fromOverride)).toEqual([{ file: baseFile, line: BASE_PROXY_LINE }]);
        const fromUse = await session!.definition(childFile, positionOf(CHILD_FRAMEWORK, '        proxy localJob', 'localJob'));
        expect(targetsOf(fromUse)).toEqual([{ file: baseFile, line: BASE_PROXY_LINE }]);
        const fromMeasure = await session!.definition(childFile, positionOf(CHILD_FRAMEWORK, 'override measure NT1', 'NT1'));
        expect(targetsOf(fromMeasure)).toEqual([{ file: baseFile, line: positionOf(BASE_FRAMEWORK, 'measure NT1', 'NT1').line }]);
    });

    test('find references from the base\'s declaration includes the child\'s override and use', async () => {
        const references = await session!.references(baseFile, positionOf(BASE_FRAMEWORK, 'proxy localJob', 'localJob'), false) as Location[];
        const found = references.map(reference => `${fileURLToPath(reference.uri) === childFile ? 'child' : fileURLToPath(reference.uri) === baseFile ? 'base' : reference.uri}:${reference.range.start.line}`).sort();
        expect(found).toEqual([
            `base:${positionOf(BASE_FRAMEWORK, '            proxy localJob', 'localJob').line}`,
            `child:${positionOf(CHILD_FRAMEWORK, 'override proxy localJob', 'localJob').line}`,
            `child:${positionOf(CHILD_FRAMEWORK, '        proxy localJob', 'localJob').line}`
        ].sort());
    });

    test('hover on the overridden proxy shows the value in effect, the base\'s value, who overrode it and why', async () => {
        for (const position of [positionOf(CHILD_FRAMEWORK, 'override proxy localJob', 'localJob'), positionOf(CHILD_FRAMEWORK, '        proxy localJob', 'localJob')]) {
            const text = hoverText(await session!.hover(childFile, position));
            expect(text.split('\n\n')).toEqual([
                '**Financial proxy localJob**: A local person employed for a year',
                'From orbis.base 2.1.0 (@orbis/social-value 2.1.3).',
                'Overridden by eastshire.socialValue 1.4.0: £24,000.00 → £31,250.00 per FTE, because Eastshire wage survey 2025',
                'In effect for eastshire.socialValue:',
                'Value: £31,250.00 per FTE (no. people FTE), 2024 prices',
                'Net value per unit: **£25,000.00** = £31,250.00 × (1 − 20% deadweight)',
                'Source: ILLUSTRATIVE value after ONS median full-time pay (2024 prices)'
            ]);
        }
    });

    test('hover on an inherited measure the child overrides names the base, the override and the proxy in effect', async () => {
        const text = hoverText(await session!.hover(childFile, positionOf(CHILD_FRAMEWORK, 'override measure NT1', 'NT1')));
        expect(text).toContain('From orbis.base 2.1.0 (@orbis/social-value 2.1.3).');
        expect(text).toContain('Overridden by eastshire.socialValue 1.4.0, because Eastshire counts care leavers separately\n'
            + '- ask: "How many local people (FTE) will you employ on this contract?" → "How many local people (FTE), other than care leavers, will you employ on this contract?"');
        expect(text).toContain('Net value per unit: **£25,000.00**');
    });

    test('hover on a retired measure says the child retired it, and why', async () => {
        const text = hoverText(await session!.hover(childFile, positionOf(CHILD_FRAMEWORK, 'retire measure NT3', 'NT3')));
        expect(text.split('\n\n').slice(0, 2)).toEqual([
            '**Measure NT3**: Training for local people',
            'Retired by eastshire.socialValue 1.4.0, because Training is bought through the county\'s own skills programme: not part of eastshire.socialValue.'
        ]);
    });

    test('in the base\'s own file, the base is shown as published, without the child\'s override', async () => {
        const text = hoverText(await session!.hover(baseFile, positionOf(BASE_FRAMEWORK, 'proxy localJob', 'localJob')));
        expect(text).toContain('Value: £24,000.00 per FTE (no. people FTE), 2024 prices');
        expect(text).not.toContain('Overridden');
    });

    test('completion after `retire measure ` offers the base\'s measures', async () => {
        const edited = `${CHILD_FRAMEWORK}\nretire measure `;
        await session!.change(childFile, edited);
        const lines = edited.split('\n');
        const labels = labelsOf(await session!.completion(childFile, { line: lines.length - 1, character: lines[lines.length - 1].length }));
        expect(labels).toEqual(expect.arrayContaining(['NT1', 'NT2']));
        const after = session!.publishCount(childFile);
        await session!.change(childFile, CHILD_FRAMEWORK);
        expect(await session!.diagnostics(childFile, { after, accept: diagnostics => diagnostics.length === 0 })).toEqual([]);
    });

    test('renaming the base\'s proxy from the child is refused with a message, and nothing is edited', async () => {
        await expect(session!.rename(childFile, positionOf(CHILD_FRAMEWORK, 'override proxy localJob', 'localJob'), 'localPost'))
            .rejects.toThrow('Cannot rename: the rename would edit node_modules/@orbis/social-value/framework.svf, in an installed package (node_modules), which is read-only.');
        expect(fs.readFileSync(baseFile, 'utf8')).toBe(BASE_FRAMEWORK);
    });

    test('overriding a name the base lacks shows the merge\'s error; fixing it clears it', async () => {
        const broken = CHILD_FRAMEWORK.replace('override proxy localJob', 'override proxy localJobs');
        let after = session!.publishCount(childFile);
        await session!.change(childFile, broken);
        const diagnostics = await session!.diagnostics(childFile, { after, accept: published => published.length > 0 });
        const line = positionOf(broken, 'override proxy localJobs', 'localJobs').line;
        expect(diagnostics.map(diagnostic => ({ code: diagnostic.code, line: diagnostic.range.start.line })))
            .toEqual([{ code: 'extends/unknown-target', line }]);
        expect(diagnostics[0].message).toContain('localJob');
        after = session!.publishCount(childFile);
        await session!.change(childFile, CHILD_FRAMEWORK);
        expect(await session!.diagnostics(childFile, { after, accept: published => published.length === 0 })).toEqual([]);
    });

    test('only what is extended or imported is loaded from node_modules', async () => {
        const published = [...session!.allLatestDiagnostics().keys()].map(uri => fileURLToPath(uri));
        expect(published.filter(file => file.includes('node_modules'))).toEqual([baseFile]);
        expect(await session!.workspaceSymbols('neverLoadedProxy')).toEqual([]);
        expect(await session!.workspaceSymbols('unrelatedProxy')).toEqual([]);
    });
});
