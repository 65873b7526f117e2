import type { Framework } from '../model/framework.js';
import type { ContractProfile } from '../model/rules/rule-types.js';
import { tailorSharingInput } from './apply-profile.js';
import type { CompiledFramework } from './compiled-framework.js';
import { CompilerError } from './compiler-error.js';
import { emitCompiledFramework } from './emit.js';
import { describeSchemaErrors, validateAgainstSchema } from './schema-validation.js';

/**
 * The stages after resolve, for one framework: emit the untailored question set and
 * rubric and, given a profile, tailor them with the code a portal runs
 * (applyContractProfile). The caller resolves the framework (language/) after checking its
 * diagnostics. Both outputs are checked against their schemas: we never hand out JSON
 * that does not match them.
 */
export function compileFramework(framework: Framework, profile?: ContractProfile): CompiledFramework {
    const untailored = emitCompiledFramework(framework);
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
