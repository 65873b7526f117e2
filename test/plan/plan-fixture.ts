/** The council example compiled once, untailored, and tailored to a profile as `svf plan` does. */
import * as path from 'node:path';
import { applyContractProfile, compileFramework, type CompiledFramework, type ContractProfile } from '../../compiler/index.js';
import { renderPlan, type PlanFormat } from '../../compiler/plan/index.js';
import { frameworkOf, loadEntryFile } from '../compiler/fixture-loading.js';
import { compileExample, discoverExamples, loadExample, profileOf } from '../examples/example-frameworks.js';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const COUNCIL_FOLDER = path.join(REPOSITORY_ROOT, 'examples', 'council');
export const COUNCIL_PROFILE = path.join(COUNCIL_FOLDER, 'profiles', 'works-2.5m.json');

/** The council example's untailored outputs (fresh services each call: nothing cached between renders). */
export async function compileCouncil(): Promise<CompiledFramework> {
    return compileFramework(frameworkOf(await loadEntryFile(path.join(COUNCIL_FOLDER, 'framework.svf'))));
}

/** The plan of `untailored` for `profile`, with the rules so the rule that applied is worded (as `svf plan` renders it). */
export function planFor(untailored: CompiledFramework, profile: ContractProfile | undefined, format: PlanFormat): string {
    const compiled = profile === undefined ? untailored : applyContractProfile(untailored, profile);
    return renderPlan(compiled, { format, rules: untailored.questionSet.rules });
}

const VOID_ELEMENTS = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);

/**
 * Problems with the page as HTML: every element closed in order (void elements excepted),
 * no `<` or `>` in text that is not part of a tag, attributes quoted, one doctype. An empty
 * list: the page is well-formed. (The browser test parses it for real and runs axe.)
 */
export function htmlProblems(html: string): string[] {
    const problems: string[] = [];
    if (!html.startsWith('<!doctype html>\n')) problems.push('does not start with <!doctype html>');
    const body = html.replace(/^<!doctype html>\n/, '');
    const styleStripped = body.replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
    const open: string[] = [];
    const tag = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g;
    let last = 0;
    for (const match of styleStripped.matchAll(tag)) {
        const text = styleStripped.slice(last, match.index);
        if (/[<>]/.test(text)) problems.push(`markup character in text: ${JSON.stringify(text.slice(0, 80))}`);
        last = match.index + match[0].length;
        const [, closing, name] = match;
        if (VOID_ELEMENTS.has(name!)) continue;
        if (closing) {
            const expected = open.pop();
            if (expected !== name) problems.push(`</${name}> closes <${expected ?? 'nothing'}>`);
        } else {
            open.push(name!);
        }
    }
    const rest = styleStripped.slice(last);
    if (/[<>]/.test(rest)) problems.push(`markup character in text: ${JSON.stringify(rest.slice(0, 80))}`);
    if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
    return problems;
}

/** The page's headings in order, as [level, text]. */
export function headingsOf(html: string): Array<[number, string]> {
    return [...html.matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map(match => [Number(match[1]), match[2]!]);
}

/** A table row's cells as text, found by its row header (first cell) in the first table whose caption matches. */
export function htmlRow(html: string, rowHeader: string, caption: RegExp = /./): string[] | undefined {
    const tables = [...html.matchAll(/<table>\n<caption>(.*?)<\/caption>([\s\S]*?)<\/table>/g)].filter(table => caption.test(table[1]!));
    const row = tables.flatMap(table => [...table[2]!.matchAll(/<tr>(.*?)<\/tr>/g)]).map(match => [...match[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map(cell => cell[1]!))
        .find(cells => cells[0] === rowHeader);
    return row;
}

/** Every example's plan for each of its profiles, as `svf plan` renders it: [label, html]. */
export async function examplePlans(format: PlanFormat): Promise<Array<{ label: string; compiled: CompiledFramework; text: string }>> {
    const plans: Array<{ label: string; compiled: CompiledFramework; text: string }> = [];
    for (const framework of discoverExamples()) {
        if (framework.profiles.length === 0) continue;
        const untailored = compileExample(await loadExample(framework)).compiled;
        for (const profile of framework.profiles) {
            const compiled = applyContractProfile(untailored, profileOf(framework, profile.name));
            plans.push({ label: `${framework.name}/${profile.name}`, compiled, text: renderPlan(compiled, { format, rules: untailored.questionSet.rules }) });
        }
    }
    return plans;
}
