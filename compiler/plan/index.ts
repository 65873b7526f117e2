/**
 * The plan on a page: a compiled (normally tailored) framework rendered for a supplier as
 * one self-contained HTML page or as Markdown for tender documents. Used by `svf plan` and
 * by the VS Code extension's "SVF: Preview question set". Pure: model/ and compiler types
 * only, no Langium, no file system; the same bytes for the same input.
 *
 * CONTRACT (session 15): the signature below is fixed; the rendering is being written by
 * the plan helper (issue 11 part 1). Until then this renders a plain but real list.
 */
import type { CompiledFramework } from '../compiled-framework.js';

export type PlanFormat = 'html' | 'markdown';

export interface PlanOptions {
    format: PlanFormat;
}

export function renderPlan(compiled: CompiledFramework, options: PlanOptions): string {
    const { questionSet } = compiled;
    const title = `${questionSet.framework.title ?? questionSet.framework.id}`;
    if (options.format === 'markdown') {
        return [`# ${title}`, '', ...questionSet.questions.map(question => `- ${question.id}: ${question.text}`), ''].join('\n');
    }
    const escape = (text: string): string => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
    return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><ul>${
        questionSet.questions.map(question => `<li>${escape(question.id)}: ${escape(question.text)}</li>`).join('')}</ul></body></html>\n`;
}
