/**
 * Checks whose verdict on a file depends on other files of its framework (whether an import
 * resolves or closes a cycle; a name declared twice across files; the framework-wide
 * findings of the model) run in this validation
 * category. After an edit, the other files of the framework rerun only these checks
 * (SvfDocumentBuilder), keeping their other diagnostics, which the edit cannot change. Their
 * diagnostics carry the category in `data`, so they can be told apart.
 */
export const CROSS_FILE_CATEGORY = 'framework';

/** The `data` of a diagnostic from a cross-file check. */
export function crossFileData(code: string): { code: string; category: typeof CROSS_FILE_CATEGORY } {
    return { code, category: CROSS_FILE_CATEGORY };
}
