import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { SvfGeneratedModule, SvfGeneratedSharedModule } from './generated/module.js';
import { SvfCodeActionProvider } from './lsp/svf-code-actions.js';
import { SvfCompletionProvider } from './lsp/svf-completion-provider.js';
import { SvfFormatter } from './lsp/svf-formatter.js';
import { SvfInlayHintProvider } from './lsp/svf-inlay-hints.js';
import { SvfCodeLensProvider } from './lsp/svf-code-lens.js';
import { SvfExecuteCommandHandler } from './lsp/svf-execute-command.js';
import { SvfHoverProvider } from './lsp/svf-hover-provider.js';
import { SvfLanguageServer } from './lsp/svf-language-server.js';
import { SvfRenameProvider } from './lsp/svf-rename-provider.js';
import { SvfSemanticTokenProvider } from './lsp/svf-semantic-tokens.js';
import { SvfDocumentSymbolProvider, SvfNodeKindProvider, SvfWorkspaceSymbolProvider } from './lsp/svf-symbols.js';
import { FrameworkResolution } from './resolve/framework-resolution.js';
import { createSvfParser } from './parser/svf-parser.js';
import { SvfValueConverter } from './parser/svf-value-converter.js';
import { SvfLinker } from './scoping/svf-linker.js';
import { SvfScopeComputation } from './scoping/svf-scope-computation.js';
import { SvfScopeProvider } from './scoping/svf-scope-provider.js';
import { FrameworkDocuments } from './validation/framework-documents.js';
import { ImportGraph } from './workspace/import-graph.js';
import { ImportResolver } from './workspace/import-resolver.js';
import { SvfBatchIndexManager } from './workspace/svf-batch-index-manager.js';
import { SvfDocumentBuilder } from './workspace/svf-document-builder.js';
import { SvfWorkspaceManager } from './workspace/svf-workspace-manager.js';
import { SvfDocumentValidator } from './validation/svf-document-validator.js';
import { SvfValidationRegistry } from './validation/svf-validation-registry.js';
import { registerValidationChecks } from './validation/svf-validator.js';

/** SVF's own services, added to Langium's defaults: one instance per language services, no static caches. */
export type SvfAddedServices = {
    workspace: {
        /** An import specifier and the importing file in, a file (or a typed ImportError) out. */
        ImportResolver: ImportResolver;
        /** The resolved imports of every document and the walks over them (closure, declaration order, cycles). */
        ImportGraph: ImportGraph;
        /** Which documents make up the same framework, for checks that look across files. */
        FrameworkDocuments: FrameworkDocuments;
    };
    resolution: {
        /** Resolved frameworks and their framework-wide findings, cached per build. */
        FrameworkResolution: FrameworkResolution;
    };
};

export type SvfServices = LangiumServices & SvfAddedServices;

export const SvfModule: Module<SvfServices, PartialLangiumServices & SvfAddedServices> = {
    resolution: {
        FrameworkResolution: (services) => new FrameworkResolution(services)
    },
    parser: {
        LangiumParser: (services) => createSvfParser(services),
        ValueConverter: () => new SvfValueConverter()
    },
    references: {
        ScopeComputation: (services) => new SvfScopeComputation(services),
        ScopeProvider: (services) => new SvfScopeProvider(services as SvfServices),
        Linker: (services) => new SvfLinker(services)
    },
    validation: {
        DocumentValidator: (services) => new SvfDocumentValidator(services),
        ValidationRegistry: (services) => new SvfValidationRegistry(services)
    },
    workspace: {
        ImportResolver: (services) => new ImportResolver(services.shared),
        ImportGraph: (services) => new ImportGraph(services),
        FrameworkDocuments: (services) => new FrameworkDocuments(services)
    },
    lsp: {
        HoverProvider: (services) => new SvfHoverProvider(services as SvfServices),
        CodeActionProvider: (services) => new SvfCodeActionProvider(services as SvfServices),
        CompletionProvider: (services) => new SvfCompletionProvider(services as SvfServices),
        RenameProvider: (services) => new SvfRenameProvider(services),
        DocumentSymbolProvider: () => new SvfDocumentSymbolProvider(),
        Formatter: (services) => new SvfFormatter(services.parser.Lexer),
        InlayHintProvider: () => new SvfInlayHintProvider(),
        CodeLensProvider: (services) => new SvfCodeLensProvider(services as SvfServices),
        SemanticTokenProvider: (services) => new SvfSemanticTokenProvider(services as SvfServices)
    }
};

export interface SvfServicesOptions {
    /**
     * A one-shot build of files on disk (the CLI): skips work only an editor needs. The
     * diagnostics are the same either way.
     */
    batch?: boolean;
}

/**
 * Creates the shared services and the SVF language services. The language server, the
 * CLI and the tests all build their services here, so they run the same checks.
 */
export function createSvfServices(context: DefaultSharedModuleContext, options: SvfServicesOptions = {}): { shared: LangiumSharedServices; Svf: SvfServices } {
    const workspaceModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
        workspace: {
            DocumentBuilder: (services) => new SvfDocumentBuilder(services),
            WorkspaceManager: (services) => new SvfWorkspaceManager(services),
            ...(options.batch ? { IndexManager: (services: LangiumSharedServices) => new SvfBatchIndexManager(services) } : {})
        },
        lsp: {
            LanguageServer: (services) => new SvfLanguageServer(services),
            NodeKindProvider: () => new SvfNodeKindProvider(),
            WorkspaceSymbolProvider: (services) => new SvfWorkspaceSymbolProvider(services),
            ExecuteCommandHandler: (services) => new SvfExecuteCommandHandler(services)
        }
    };
    const shared = inject(createDefaultSharedModule(context), SvfGeneratedSharedModule, workspaceModule);
    const Svf = inject(createDefaultModule({ shared }), SvfGeneratedModule, SvfModule);
    shared.ServiceRegistry.register(Svf);
    registerValidationChecks(Svf);
    if (!context.connection) {
        // Without a language server nothing else triggers configuration; do it so builds run.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Svf };
}
