import { AstUtils, UriUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Import, SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { findImportCycle, resolveImportUri } from '../scoping/svf-imports.js';
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
                accept('error', `Cannot find imported file '${imp.path}' (looked for ${target.fsPath}). Check the path: it is relative to this file.`,
                    { node: imp, property: 'path', code: IssueCodes.ImportMissingFile });
                return;
            }
            const cycle = findImportCycle(document, imp, documents);
            if (cycle) {
                const chain = cycle.map(doc => UriUtils.basename(doc.uri)).join(' -> ');
                accept('error', `Import cycle: ${chain}. Files must not import each other in a loop; move the shared declarations into a file both can import.`,
                    { node: imp, property: 'path', code: IssueCodes.ImportCycle });
            }
        }
    };
}
