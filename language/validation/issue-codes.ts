/**
 * Stable diagnostic codes. Tools, tests and quick fixes key on these; never rename one.
 * Grouped by concern, like the validation files.
 */
export const IssueCodes = {
    // syntax and references
    SyntaxError: 'syntax/error',
    LexingError: 'syntax/unexpected-character',
    UnresolvedReference: 'reference/unresolved',
    // imports
    ImportMissingFile: 'import/missing-file',
    ImportCycle: 'import/cycle',
    ImportNotSvf: 'import/not-svf',
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];
