// The layers of SVF, enforced (test/architecture/layers.test.ts runs these rules in `npm test`;
// `npx depcruise model language compiler cli` shows them too). The pipeline runs one way:
//   model/     plain data and pure functions; decimal.js and semver only
//   language/  Langium: parse, link, validate, resolve AST -> model; imports model/
//   compiler/  the stages after resolve, on the model and the JSON; imports model/, never Langium
//   cli/       thin shells over language/ and compiler/
// One file of language/ is a shell too: language/lsp/svf-execute-command.ts, the language
// server's commands (compile, preview), runs the stages and reuses the CLI's report, profile
// reader, summary and atomic writer, so the editor and `svf compile` say and write the same.
const SERVER_COMMANDS = '^language/lsp/svf-execute-command\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
    forbidden: [
        {
            name: 'model-is-pure',
            comment: 'model/ is what portals embed: plain data and pure functions, with decimal.js and semver only.',
            severity: 'error',
            from: { path: '^model/' },
            to: { pathNot: ['^model/', '(^|/)node_modules/(decimal\\.js|semver|@types/semver)/'] }
        },
        {
            name: 'language-below-the-stages',
            comment: 'language/ ends with resolve; it never reaches into the stages after it or the shells.',
            severity: 'error',
            from: { path: '^language/', pathNot: SERVER_COMMANDS },
            to: { path: '^(compiler|cli|extension|bench)/' }
        },
        {
            name: 'stages-never-import-langium',
            comment: 'compiler/ works on the model and the JSON alone, so a portal needs neither the DSL nor Langium.',
            severity: 'error',
            from: { path: '^compiler/' },
            to: { path: ['^(language|cli|extension|bench)/', '(^|/)node_modules/(langium|chevrotain|vscode-[^/]+|@chevrotain)/'] }
        },
        {
            name: 'cli-is-a-shell',
            comment: 'Nothing below the CLI imports it.',
            severity: 'error',
            from: { path: '^(model|language|compiler)/', pathNot: SERVER_COMMANDS },
            to: { path: '^cli/' }
        },
        {
            name: 'no-unresolvable-imports',
            comment: 'An import that does not resolve hides a dependency from these rules.',
            severity: 'error',
            from: { path: '^(model|language|compiler|cli)/' },
            to: { couldNotResolve: true }
        }
    ],
    options: {
        doNotFollow: { path: 'node_modules' },
        exclude: { path: '(^|/)(out|generated)/.*\\.(js|d\\.ts)$' },
        tsConfig: { fileName: 'tsconfig.json' },
        tsPreCompilationDeps: true,
        enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'] }
    }
};
