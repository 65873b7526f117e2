/**
 * What an e-procurement portal needs to tailor and read our JSON, without the DSL: no
 * Langium anywhere in this module's imports (a test walks them to keep it so).
 */
export { applyContractProfile, TailoringWarningCodes } from './apply-profile.js';
export { parseContractProfile, parseContractProfileText, ProfileError } from './contract-profile.js';
export { PortalInputError } from '../model/portal-input-error.js';
export { MAX_CONDITION_DEPTH } from './json-structure.js';
export { CompilerError } from './compiler-error.js';
export { evaluateCondition, firstMatchingRule } from '../model/rules/evaluate-condition.js';
export { validateAgainstSchema, SCHEMAS } from './schema-validation.js';
export type {
    AppliedProfile, CompiledFramework, MinimumCommitment, Question, QuestionSet, Rubric, Section, Selection, Targets, TailoringWarning
} from './compiled-framework.js';
export type { ContractCategory, ContractProfile, ProportionalityRule, RuleCondition, RuleEffects } from '../model/rules/rule-types.js';
export { scoreBids } from './scoring/score-bids.js';
export { explainBid } from './scoring/explain-bid.js';
export { ScoringInputError, describeProblem } from './scoring/scoring-input-error.js';
export { SCORE_RESULT_VERSION } from './scoring/score-result.js';
export type { ScoringProblem } from './scoring/scoring-input-error.js';
export type { Bid, Bids } from './scoring/bids.js';
export type { BidderScore, CommitmentValue, Consequence, ScoreResult } from './scoring/score-result.js';
export type { RubricScoringRules, ScoringRubric } from './scoring/scoring-rubric.js';
// Monitoring delivery: a supplier's returns against its commitments, one contract or a portfolio.
export { buildDeliveryReport, buildPortfolioReport, reportContract, ReportInputError, readReturnsJson, readReturnsCsv, combineReturns } from './report/index.js';
export type { DeliveryReport, PortfolioReport, DeliveryReturns, ReturnPeriod } from './report/index.js';
// The conformance kit: test vectors at the rubric's scoring boundaries, and a check of any scorer against them.
export { conformanceVectors, verifyConformance } from './bidkit/conformance.js';
