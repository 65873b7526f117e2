import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Import, SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { relativePath } from './framework-documents.js';
import { IssueCodes } from './issue-codes.js';
import { crossFileData } from './validation-categories.js';

/**
 * A cross-file check (CROSS_FILE_CATEGORY): whether an import resolves, and whether it
 * closes a cycle, depend on other files. An import that points at no file (with why: missing, not .svf, a FIFO, permission
 * denied, too large, an impossible path), imports itself, or closes a cycle. What an
 * import points at is the ImportResolver's answer, so this check and the loaders agree.
 */
export function importChecks(services: SvfServices): ValidationChecks<SvfAstType> {
    const documents = services.shared.workspace.LangiumDocuments;
    const resolver = services.workspace.ImportResolver;
    return {
        Import: (imp: Import, accept: ValidationAcceptor) => {
            if (!imp.path) return;
            const document = AstUtils.getDocument(imp);
            const resolved = resolver.resolve(imp.path, document.uri);
            // Messages name the path as written, not the absolute one: they must read the same on every machine.
            const error = resolved.error ?? (documents.hasDocument(resolved.uri) ? undefined : resolver.loadError(imp.path, resolved.uri));
            if (error) {
                accept('error', error.message, { node: imp, property: 'path', code: error.code, data: crossFileData(error.code) });
                return;
            }
            if (resolved.uri!.toString() === document.uri.toString()) {
                accept('error', `This file imports itself. Remove the import.`,
                    { node: imp, property: 'path', code: IssueCodes.ImportCycle, data: crossFileData(IssueCodes.ImportCycle) });
                return;
            }
            const cycle = services.workspace.ImportGraph.cycleThrough(document, imp);
            if (cycle) {
                // Paths as seen from this file, so files of the same name in different folders are told apart.
                const chain = cycle.map(doc => relativePath(document.uri, doc.uri)).join(' -> ');
                accept('error', `Import cycle: ${chain}. Files must not import each other in a loop; move the shared declarations into a file both can import.`,
                    { node: imp, property: 'path', code: IssueCodes.ImportCycle, data: crossFileData(IssueCodes.ImportCycle) });
            }
        }
    };
}
