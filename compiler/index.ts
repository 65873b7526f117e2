/**
 * The SVF compiler's public API. Everything after `compileFramework`'s resolve step works on
 * plain data and JSON, so a portal can use applyContractProfile and the schemas without
 * the DSL.
 */
export { compileFramework } from './compile.js';
export { applyContractProfile, TailoringWarningCodes } from './apply-profile.js';
export { parseContractProfile, parseContractProfileText, ProfileError } from './contract-profile.js';
export { PortalInputError } from '../model/portal-input-error.js';
export { AmountError, amountLiteralProblem, AMOUNT_DIGIT_LIMITS, formatPounds, moneyString, parseAmount } from '../model/amounts.js';
export { serializeOutput, serializeOutputChunks } from './write-outputs.js';
export { CompilerError } from './compiler-error.js';
export { emitCompiledFramework } from './emit.js';
export { evaluateCondition, firstMatchingRule } from '../model/rules/evaluate-condition.js';
export { analyseRuleCoverage, type CoverageGap, type RuleCoverage, type RuleReach } from '../model/rules/rule-coverage.js';
export { validateAgainstSchema, SCHEMAS } from './schema-validation.js';
export type {
    AppliedProfile, CompiledFramework, MinimumCommitment, Question, QuestionSet, Rubric, Section, Selection, Targets, TailoringWarning
} from './compiled-framework.js';
export type { Framework } from '../model/framework.js';
export type { ContractCategory, ContractProfile, ProportionalityRule, RuleCondition, RuleEffects } from '../model/rules/rule-types.js';
