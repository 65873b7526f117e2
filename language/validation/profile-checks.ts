import { AstUtils, type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { ProfileDeclarations } from '../../model/framework.js';
import { nearestNames } from '../../model/rules/condition-facts.js';
import * as ast from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { IssueCodes } from './issue-codes.js';
import { crossFileData } from './validation-categories.js';

/**
 * The contract profile is declared, not guessed: rule conditions, measure categories and
 * `include chosen` are checked against the facts and categories the framework's `profile`
 * block declares (with the base's, for a framework that extends another). A framework without
 * a `profile` block still works: each flag its rules test is taken as declared, with a
 * deprecation warning and a quick fix that declares them.
 *
 * The declarations may be in another file of the framework, so these are cross-file checks
 * (CROSS_FILE_CATEGORY): they run on top-level declarations (rules, measures, overrides,
 * profile blocks), which a cross-file rerun visits, and look inside them.
 */
export function profileChecks(services: SvfServices): ValidationChecks<ast.SvfAstType> {
    const resolution = services.resolution.FrameworkResolution;
    /** The merged declarations of every framework the node's file is part of. */
    const declarationsOver = (node: AstNode): ProfileDeclarations[] => {
        const document: LangiumDocument = AstUtils.getDocument(node);
        return resolution.entriesContaining(document).map(entry => resolution.frameworkOf(entry).profile);
    };
    const check = (node: AstNode, accept: ValidationAcceptor) => {
        const reported = new Set<string>();
        // A file in several frameworks: each problem once, for the first framework that has it.
        const once: ValidationAcceptor = (severity, message, info) => {
            const key = `${info.code}|${info.node.$cstNode?.offset}|${String(info.property)}|${info.index ?? ''}`;
            if (reported.has(key)) return;
            reported.add(key);
            accept(severity, message, { ...info, data: { ...crossFileData(String(info.code)), ...(info.data as object | undefined) } });
        };
        // A measure's only profile-dependent part is its `categories` lines (direct children);
        // the 5,000 measures of a large framework are not walked node by node on every keystroke.
        const inner = ast.isMeasure(node) || ast.isMeasureOverride(node)
            ? () => node.properties.filter(ast.isCategoriesProperty)
            : () => AstUtils.streamAst(node);
        for (const profile of declarationsOver(node)) {
            for (const found of inner()) {
                checkNode(found, profile, once);
            }
        }
    };
    return {
        Rule: check,
        RuleOverride: check,
        Measure: check,
        MeasureOverride: check,
        ProfileDeclaration: check
    };
}

function checkNode(node: AstNode, profile: ProfileDeclarations, accept: ValidationAcceptor): void {
    if (ast.isFlagCondition(node)) checkFlagCondition(node, profile, accept);
    else if (ast.isFactCondition(node)) checkFactCondition(node, profile, accept);
    else if (ast.isCategoryCondition(node) || ast.isCategoriesProperty(node)) checkCategories(node, profile, accept);
    else if (ast.isIncludeChosenEffect(node)) checkIncludeChosen(node, profile, accept);
    else if (ast.isChoiceFact(node) || ast.isSetFact(node)) checkFactDeclaration(node, profile, accept);
    else if (ast.isFlagFact(node)) checkFactName(node, profile, accept);
    else if (ast.isCategoriesFact(node)) checkRepeatedValues(node, node.categories, 'categories', 'category', accept);
}

/** `lotted`: a declared flag; without a `profile` block, taken as declared (deprecated). */
function checkFlagCondition(node: ast.FlagCondition, profile: ProfileDeclarations, accept: ValidationAcceptor): void {
    const name = node.flag;
    if (!name) return;
    if (!profile.declared) {
        accept('warning', `Flag '${name}' is not declared; declare the facts your rules test in a \`profile\` block: \`profile { flag ${name} }\`. Undeclared flags are deprecated.`,
            { node, property: 'flag', code: IssueCodes.UndeclaredFlag, data: { flag: name } });
        return;
    }
    if (profile.flags.some(flag => flag.name === name)) return;
    const valued = valuedFact(profile, name);
    if (valued) {
        accept('error', `'${name}' is a ${valued.kind}, not a flag, so a condition says which of its values it tests: \`${name} is ${valued.fact.values[0]}\`.`,
            { node, property: 'flag', code: IssueCodes.FactKindMismatch });
        return;
    }
    const names = nearestNames(name, factNames(profile));
    accept('error', `\`${name}\` is not a declared fact of the contract profile. Declare it in the \`profile\` block, e.g. \`flag ${name}\`${didYouMean(names)}`,
        { node, property: 'flag', code: IssueCodes.UndeclaredFact, data: { fact: name, kind: 'flag', names } });
}

/** `programme is cityDeal`: a declared choice or set, and values it has. */
function checkFactCondition(node: ast.FactCondition, profile: ProfileDeclarations, accept: ValidationAcceptor): void {
    const name = node.fact;
    if (!name) return;
    const valued = valuedFact(profile, name);
    if (!valued) {
        if (profile.declared && profile.flags.some(flag => flag.name === name)) {
            accept('error', `'${name}' is a flag, so a condition tests it by name alone: write \`${name}\` (or \`not ${name}\`), not \`${name} is ...\`.`,
                { node, property: 'fact', code: IssueCodes.FactKindMismatch });
            return;
        }
        const values = node.values.filter(Boolean);
        const example = `choice ${name} one of ${values.length > 0 ? values.join(', ') : 'a, b'}`;
        const names = nearestNames(name, factNames(profile));
        accept('error', `\`${name}\` is not a declared fact of the contract profile. Declare it in the \`profile\` block, e.g. \`${example}\`${didYouMean(names)}`,
            { node, property: 'fact', code: IssueCodes.UndeclaredFact, data: { fact: name, kind: 'choice', values, names } });
        return;
    }
    node.values.forEach((value, index) => {
        if (!value || valued.fact.values.includes(value)) return;
        const names = nearestNames(value, valued.fact.values);
        accept('error', `'${value}' is not a value of ${valued.kind} '${name}'; its values are ${listed([...new Set(valued.fact.values)].map(quoted), valued.kind === 'choice' ? 'or' : 'and')}${didYouMean(names)} Correct it, or add it to the ${valued.kind}'s values.`,
            { node, property: 'values', index, code: IssueCodes.UnknownFactValue, data: { names } });
    });
}

/** `category is grants`, `categories grants`: among the declared categories (goods, services, works by default). */
function checkCategories(node: ast.CategoryCondition | ast.CategoriesProperty, profile: ProfileDeclarations, accept: ValidationAcceptor): void {
    const declared = [...new Set(profile.categories.map(category => category.name))];
    node.categories.forEach((category, index) => {
        if (!category || declared.includes(category)) return;
        const names = nearestNames(category, declared);
        accept('error', `'${category}' is not a contract category of this framework; its categories are ${listed(declared)}${didYouMean(names)} To add one, declare them all in the \`profile\` block: \`categories ${[...declared, category].join(', ')}\`.`,
            { node, property: 'categories', index, code: IssueCodes.UndeclaredCategory, data: { names } });
    });
}

/** `include chosen outcomes` needs `chosen outcomes` in the profile block: else the buyer has nothing to choose with. */
function checkIncludeChosen(node: ast.IncludeChosenEffect, profile: ProfileDeclarations, accept: ValidationAcceptor): void {
    if (!node.kind || profile.chosen.some(chosen => chosen.kind === node.kind)) return;
    const noun = node.kind === 'outcomes' ? 'outcomes' : 'themes';
    accept('error', `\`include chosen ${noun}\` asks the ${noun} the buyer chooses for each contract, but the contract profile declares no \`chosen ${noun}\`, so no profile can choose any. Declare it in the \`profile\` block: \`chosen ${noun} "${noun === 'outcomes' ? 'Policy outcomes' : 'Themes'} chosen for this contract"\`.`,
        { node, property: 'kind', code: IssueCodes.ChosenNotDeclared });
}

function checkFactDeclaration(node: ast.ChoiceFact | ast.SetFact, profile: ProfileDeclarations, accept: ValidationAcceptor): void {
    checkFactName(node, profile, accept);
    checkRepeatedValues(node, node.values, 'values', 'value', accept);
}

/** A fact name is declared once across the framework, and the frameworks it extends. */
function checkFactName(node: ast.FlagFact | ast.ChoiceFact | ast.SetFact, profile: ProfileDeclarations, accept: ValidationAcceptor): void {
    if (!node.name) return;
    const uri = AstUtils.getDocument(node).uri.toString();
    const offset = node.$cstNode?.offset;
    const all = [...profile.flags, ...profile.choices, ...profile.sets].filter(fact => fact.name === node.name);
    if (all.length < 2) return;
    const document = AstUtils.getDocument(node).textDocument;
    const here = (fact: typeof all[number]) => fact.origin.file === uri && offset !== undefined
        && document.offsetAt(fact.origin.range.start) >= offset && document.offsetAt(fact.origin.range.end) <= (node.$cstNode?.end ?? offset);
    const others = all.filter(fact => !here(fact));
    if (others.length === 0) return;
    const where = others.map(fact => fact.origin.file === uri ? `line ${fact.origin.range.start.line + 1}` : `${fileName(fact.origin.file)}:${fact.origin.range.start.line + 1}`);
    accept('error', `Fact '${node.name}' is declared more than once (also at ${listed(where)}); each fact of the contract profile is declared once, and a framework that extends another adds facts to its base's, it cannot redeclare them. Remove this one, or rename it.`,
        { node, property: 'name', code: IssueCodes.DuplicateFact });
}

function checkRepeatedValues<N extends ast.ChoiceFact | ast.SetFact | ast.CategoriesFact>(node: N, values: readonly string[], property: 'values' | 'categories', noun: string, accept: ValidationAcceptor): void {
    values.forEach((value, index) => {
        if (!value || values.indexOf(value) === index) return;
        accept('error', `The ${noun} '${value}' is listed twice. Remove the repeated one.`,
            { node, property: property as never, index, code: IssueCodes.DuplicateFactValue });
    });
}

function valuedFact(profile: ProfileDeclarations, name: string): { kind: 'choice' | 'set'; fact: { values: string[] } } | undefined {
    const choice = profile.choices.find(candidate => candidate.name === name);
    if (choice) return { kind: 'choice', fact: choice };
    const set = profile.sets.find(candidate => candidate.name === name);
    return set ? { kind: 'set', fact: set } : undefined;
}

function factNames(profile: ProfileDeclarations): string[] {
    return [...profile.flags, ...profile.choices, ...profile.sets].map(fact => fact.name);
}

/** '. Did you mean 'x'?' when there are near names, else '.' */
function didYouMean(names: readonly string[]): string {
    return names.length === 0 ? '.' : `. Did you mean ${listed(names.map(quoted), 'or')}?`;
}

function quoted(name: string): string {
    return `'${name}'`;
}

function fileName(uri: string): string {
    return uri.slice(uri.lastIndexOf('/') + 1);
}

/** 'a', 'b' and 'c' */
function listed(items: readonly string[], conjunction = 'and'): string {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
