import type { ValidationChecks } from 'langium';
import type { SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { importChecks } from './import-checks.js';

/**
 * Registers every validation concern. Each concern lives in its own file and returns its
 * checks; the editor and the CLI run exactly these.
 */
export function registerValidationChecks(services: SvfServices): void {
    const registry = services.validation.ValidationRegistry;
    const concerns: Array<ValidationChecks<SvfAstType>> = [
        importChecks(services),
    ];
    for (const checks of concerns) {
        registry.register(checks);
    }
}
