import type { ValidationChecks } from 'langium';
import type { SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { amountChecks } from './amount-checks.js';
import { answerChecks } from './answer-checks.js';
import { declarationChecks, duplicateDeclarationChecks } from './declaration-checks.js';
import { evaluationChecks } from './evaluation-checks.js';
import { frameworkFindingChecks } from './framework-findings.js';
import { extendsChecks, overrideChecks } from './extension-checks.js';
import { headerChecks } from './header-checks.js';
import { importChecks } from './import-checks.js';
import { measureChecks } from './measure-checks.js';
import { profileChecks } from './profile-checks.js';
import { proxyChecks } from './proxy-checks.js';
import { ruleChecks } from './rule-checks.js';
import { CROSS_FILE_CATEGORY } from './validation-categories.js';

/**
 * Registers every validation concern. Each concern lives in its own file and returns its
 * checks; the editor and the CLI run exactly these.
 */
export function registerValidationChecks(services: SvfServices): void {
    const registry = services.validation.ValidationRegistry;
    const concerns: Array<ValidationChecks<SvfAstType>> = [
        amountChecks(services),
        declarationChecks(services),
        headerChecks(services),
        proxyChecks(services),
        measureChecks(services),
        answerChecks(services),
        evaluationChecks(services),
        ruleChecks(services),
    ];
    for (const checks of concerns) {
        registry.register(checks);
    }
    // Checks that look across the files of a framework: rerun on every file of it after an edit to one.
    registry.register(importChecks(services), undefined, CROSS_FILE_CATEGORY);
    registry.register(duplicateDeclarationChecks(services), undefined, CROSS_FILE_CATEGORY);
    registry.register(frameworkFindingChecks(services), undefined, CROSS_FILE_CATEGORY);
    registry.register(extendsChecks(services), undefined, CROSS_FILE_CATEGORY);
    // The facts a rule tests may be declared in any file of the framework, or its base.
    registry.register(profileChecks(services), undefined, CROSS_FILE_CATEGORY);
    registry.register(overrideChecks(services));
}
