import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Document, SvfAstType } from '../generated/ast.js';
import type { SvfServices } from '../svf-module.js';
import { crossFileData } from './validation-categories.js';

/**
 * The one adapter from the model's framework-wide findings (model/checks/) to diagnostics:
 * each document shows the findings of every framework it is part of that point into it,
 * naming the framework when it is part of several. The findings are computed once per
 * framework and build (FrameworkResolution), however many files show them.
 */
export function frameworkFindingChecks(services: SvfServices): ValidationChecks<SvfAstType> {
    const resolution = services.resolution.FrameworkResolution;
    return {
        Document: (root: Document, accept: ValidationAcceptor) => {
            const document = AstUtils.getDocument(root);
            const uri = document.uri.toString();
            const entries = resolution.entriesContaining(document);
            const reported = new Set<string>();
            for (const entry of entries) {
                for (const finding of resolution.findingsOf(entry)) {
                    if (finding.origin.file !== uri) continue;
                    const message = entries.length > 1 && finding.messageInFramework ? finding.messageInFramework : finding.message;
                    const key = `${finding.code}|${finding.origin.range.start.line}:${finding.origin.range.start.character}|${message}`;
                    if (reported.has(key)) continue;
                    reported.add(key);
                    accept(finding.severity, message, {
                        node: root, range: finding.origin.range, code: finding.code, data: { ...finding.data, ...crossFileData(finding.code) },
                        relatedInformation: finding.related?.map(related => ({ location: { uri: related.origin.file, range: related.origin.range }, message: related.message }))
                    });
                }
            }
        }
    };
}
