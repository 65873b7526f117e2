import * as path from 'node:path';
import { AstUtils } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Document, Measure, MeasureProxyProperty, MeasureUnitProperty, Theme } from '../../language/generated/ast.js';
import { createSvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';
import { SvfNodeFileSystem } from '../../language/workspace/svf-file-system.js';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'linking');

describe('linking across files', () => {
    test('plain and alias-qualified names resolve to declarations in imported files', async () => {
        const { Svf } = createSvfServices(SvfNodeFileSystem);
        const [entry] = (await loadFramework(Svf, { paths: [path.join(fixtures, 'framework.svf')] })).requested;
        const errors = Svf.shared.workspace.LangiumDocuments.all.toArray().flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors.map(e => e.message)).toEqual([]);

        const theme = (entry.parseResult.value as Document).elements.find(e => e.$type === 'Theme') as Theme;
        const [nt1, nt2] = theme.outcomes[0].measures as Measure[];
        const unitOf = (m: Measure) => (m.properties.find(p => p.$type === 'MeasureUnitProperty') as MeasureUnitProperty).unit;
        expect(unitOf(nt1).ref?.label).toBe('no. people FTE');
        expect(unitOf(nt2).ref?.name).toBe('hour');
        const proxy = (nt1.properties.find(p => p.$type === 'MeasureProxyProperty') as MeasureProxyProperty).proxy!;
        expect(proxy.$refText).toBe('base.localJob');
        expect(proxy.ref?.value).toBe('£28,560');
        expect(AstUtils.getDocument(proxy.ref!).uri.fsPath).toBe(path.join(fixtures, 'units.svf'));
    });

    test('a file does not see declarations of a file it does not import', async () => {
        const { Svf } = createSvfServices(SvfNodeFileSystem);
        const [units, framework] = (await loadFramework(Svf, { paths: [path.join(fixtures, 'units.svf'), path.join(fixtures, 'framework.svf')] })).requested;
        const unitScopeOf = (document: typeof units) => {
            // Any node with a `unit` reference will do: a proxy or a measure's unit line.
            const container = AstUtils.streamAst(document.parseResult.value)
                .find(node => node.$type === 'ProxyDeclaration' || node.$type === 'MeasureUnitProperty')!;
            return Svf.references.ScopeProvider.getScope({ container, property: 'unit', reference: { $refText: 'visit' } as never });
        };
        // framework.svf declares `visit` and imports units.svf: it sees both files' units.
        expect(unitScopeOf(framework).getElement('visit')).toBeDefined();
        expect(unitScopeOf(framework).getElement('FTE')).toBeDefined();
        // units.svf imports nothing: `visit` is not visible there.
        expect(unitScopeOf(units).getElement('FTE')).toBeDefined();
        expect(unitScopeOf(units).getElement('visit')).toBeUndefined();
    });
});
