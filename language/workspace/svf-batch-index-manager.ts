import { DefaultIndexManager, type LangiumDocument } from 'langium';

/**
 * For one-shot builds (the CLI): the index of references serves editors (find all
 * references, deciding what to rebuild after an edit) and costs a sizeable share of a
 * large build, so a batch build does not collect it. Linking and validation do not use it.
 */
export class SvfBatchIndexManager extends DefaultIndexManager {
    override async updateReferences(_document: LangiumDocument): Promise<void> {
        // Intentionally empty: see the class comment.
    }
}
