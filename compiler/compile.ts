import type { LangiumDocument } from 'langium';
import type { SvfServices } from '../language/svf-module.js';
import { tailorSharingInput } from './apply-profile.js';
import type { CompiledFramework } from './compiled-framework.js';
import { CompilerError } from './compiler-error.js';
import { emitCompiledFramework } from './emit.js';
import { resolveFramework } from './resolve.js';
import type { ContractProfile } from '../model/rules/rule-types.js';
import { describeSchemaErrors, validateAgainstSchema } from './schema-validation.js';

/**
 * The whole pipeline for one framework: resolve the entry document's import closure,
 * emit the untailored question set and rubric and, given a profile, tailor them with the
 * code a portal runs (applyContractProfile). The caller loads and builds the closure and
 * checks its diagnostics first. Both outputs are checked against their schemas: we never
 * hand out JSON that does not match them.
 */
export function compileFramework(services: SvfServices, entry: LangiumDocument, profile?: ContractProfile): CompiledFramework {
    const untailored = emitCompiledFramework(resolveFramework(services, entry));
    const compiled = profile ? tailorSharingInput(untailored, profile) : untailored;
    assertMatchesSchema('questionSet', 'question set', compiled.questionSet);
    assertMatchesSchema('rubric', 'rubric', compiled.rubric);
    return compiled;
}

function assertMatchesSchema(schema: 'questionSet' | 'rubric', noun: string, value: unknown): void {
    const errors = validateAgainstSchema(schema, value);
    if (errors.length > 0) {
        throw new CompilerError(`The compiled ${noun} does not match its schema (this is a bug in svf; please report it): ${describeSchemaErrors(errors)}`);
    }
}
