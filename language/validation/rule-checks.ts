import type { ValidationChecks } from 'langium';
import type { SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';

export function ruleChecks(_services: SvfServices): ValidationChecks<SvfAstType> {
    return {};
}
