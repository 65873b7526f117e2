import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Import, SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { findImportCycle, resolveImportUri } from '../scoping/svf-imports.js';
import { relativePath } from './framework-documents.js';
import { IssueCodes } from './issue-codes.js';

export function importChecks(services: SvfServices): ValidationChecks<SvfAstType> {
    const documents = services.shared.workspace.LangiumDocuments;
    return {
        Import: (imp: Import, accept: ValidationAcceptor) => {
            if (!imp.path) return;
            if (!imp.path.endsWith('.svf')) {
                accept('error', `Import '${imp.path}' is not an .svf file. Import the .svf file that declares what you need.`,
                    { node: imp, property: 'path', code: IssueCodes.ImportNotSvf });
                return;
            }
            const document = AstUtils.getDocument(imp);
            const target = resolveImportUri(document, imp.path);
            if (!documents.hasDocument(target)) {
                // The path as written, not the absolute one: messages must read the same on every machine.
                accept('error', `Cannot find imported file '${imp.path}'. Check the spelling and the path: it is relative to this file's folder (\`../\` goes up one folder).`,
                    { node: imp, property: 'path', code: IssueCodes.ImportMissingFile });
                return;
            }
            if (target.toString() === document.uri.toString()) {
                accept('error', `This file imports itself. Remove the import.`,
                    { node: imp, property: 'path', code: IssueCodes.ImportCycle });
                return;
            }
            const cycle = findImportCycle(document, imp, documents);
            if (cycle) {
                // Paths as seen from this file, so files of the same name in different folders are told apart.
                const chain = cycle.map(doc => relativePath(document.uri, doc.uri)).join(' -> ');
                accept('error', `Import cycle: ${chain}. Files must not import each other in a loop; move the shared declarations into a file both can import.`,
                    { node: imp, property: 'path', code: IssueCodes.ImportCycle });
            }
        }
    };
}
