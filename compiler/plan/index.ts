/**
 * The plan on a page: a compiled (normally tailored) framework rendered for a supplier as
 * one self-contained HTML page or as Markdown for tender documents. Used by `svf plan` and
 * by the VS Code extension's "SVF: Preview question set". Pure: model/ and compiler types
 * only, no Langium, no file system; the same bytes for the same input.
 *
 * An untailored framework is rendered too, in general: everything the framework can ask,
 * with a note saying it is not tailored and its proportionality rules in words (when each
 * applies and what it asks), since a supplier or a buyer may want to see the whole ask.
 */
import type { CompiledFramework, RuleJson } from '../compiled-framework.js';
import { buildPlan } from './build-plan.js';
import { renderPlanHtml } from './plan-html.js';
import { renderPlanMarkdown } from './plan-markdown.js';

export type PlanFormat = 'html' | 'markdown';

export interface PlanOptions {
    format: PlanFormat;
    /**
     * The framework's proportionality rules (the untailored question set's `rules`): with
     * them a tailored plan says in words when the rule that applied applies ("Applies when
     * the contract value is from £1,000,000.00 up to ..."); without them it names the rule.
     * Not needed for an untailored framework, which carries its rules.
     */
    rules?: readonly RuleJson[] | null;
}

export function renderPlan(compiled: CompiledFramework, options: PlanOptions): string {
    const plan = buildPlan({ compiled, rules: options.rules });
    return options.format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanHtml(plan);
}
