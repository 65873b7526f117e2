import type { SvfAstType } from '../../language/generated/ast.js';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test, vi } from 'vitest';
import { createSvfServices } from '../../language/svf-module.js';
import { loadFramework } from '../../language/workspace/load-framework.js';

describe('a check that fails', () => {
    test('is reported as an error on its node, and the other checks still run', async () => {
        const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            const { Svf } = createSvfServices(EmptyFileSystem);
            Svf.validation.ValidationRegistry.register<SvfAstType>({
                Unit: (unit) => { if (unit.name === 'broken') throw new Error('boom'); },
                Scale: async (scale) => { if (scale.name === 'alsoBroken') throw new Error('async boom'); }
            });
            const [document] = (await loadFramework(Svf, { sources: {
                '/registry/framework.svf': 'unit broken "x"\nunit fine "y"\nscale alsoBroken { 0 "a" 0 "b" }\n'
            } })).requested;
            const diagnostics = (document.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.message}`);
            expect(diagnostics).toContain('1:An error occurred during validation: boom');
            expect(diagnostics).toContain('3:An error occurred during validation: async boom');
            // The scale's own checks ran too: its two levels share a score.
            expect(diagnostics.some(message => message.startsWith('3:') && message.includes('score'))).toBe(true);
            expect(quiet).toHaveBeenCalled();
        } finally {
            quiet.mockRestore();
        }
    });
});
