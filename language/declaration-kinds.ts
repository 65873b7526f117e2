/**
 * How each kind of named declaration is spoken of in messages: what it is called in a
 * sentence, how a message names one, what must be unique, and how to declare one.
 * One table, so the linker and the validators use the same words.
 */
export const DECLARATION_KINDS = {
    Unit: { noun: 'unit', named: 'Unit', plural: 'unit names', declare: 'unit NAME "label"' },
    ProxyDeclaration: { noun: 'financial proxy', named: 'Proxy', plural: 'proxy names', declare: 'proxy NAME = £VALUE per UNIT' },
    Scale: { noun: 'scoring scale', named: 'Scale', plural: 'scale names', declare: 'scale NAME "title" { ... }' },
    Theme: { noun: 'theme', named: 'Theme', plural: 'theme names', declare: 'theme NAME "title" { ... }' },
    Outcome: { noun: 'outcome', named: 'Outcome', plural: 'outcome names', declare: 'outcome NAME "title" { ... } inside a theme' },
    Measure: { noun: 'measure', named: 'Measure code', plural: 'measure codes', declare: 'measure CODE "title" { ... } inside an outcome' },
    MethodQuestion: { noun: 'method-statement question', named: 'Question', plural: 'question names', declare: 'question NAME "title" { ... }' },
    Gate: { noun: 'pass/fail gate', named: 'Gate', plural: 'gate names', declare: 'gate NAME "title" { ... }' },
    Rule: { noun: 'proportionality rule', named: 'Rule', plural: 'rule names', declare: 'rule NAME "title" when ... { ... }' }
} as const;

export type DeclarationType = keyof typeof DECLARATION_KINDS;
