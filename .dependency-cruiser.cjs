/**
 * Layer rules of heatfleet (see docs/architecture.md). CI fails on a wrong-way import.
 * domain <- sim, analytics, optimize <- app <- adapters (storage, ingest, api, cli) <- main
 */
const PURE = '^src/(domain|sim|analytics|optimize|contract)/';
const ADAPTERS = ['storage', 'ingest', 'api'];
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'pure-core-no-io',
      comment: 'domain, sim, analytics, optimize and contract are pure: no node builtins, so they run in the browser and in workers',
      severity: 'error',
      from: { path: PURE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-is-innermost',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(?!domain/)' },
    },
    {
      name: 'physics-and-analytics-only-on-domain',
      severity: 'error',
      from: { path: '^src/(sim|analytics|optimize)/' },
      to: { path: '^src/(app|storage|ingest|api|cli|main|contract)/' },
    },
    { name: 'sim-not-on-analytics-or-optimize', severity: 'error', from: { path: '^src/sim/' }, to: { path: '^src/(analytics|optimize)/' } },
    { name: 'analytics-not-on-optimize', severity: 'error', from: { path: '^src/analytics/' }, to: { path: '^src/optimize/' } },
    { name: 'contract-only-on-domain', severity: 'error', from: { path: '^src/contract/' }, to: { path: '^src/(?!contract/|domain/)' } },
    { name: 'app-not-on-adapters', severity: 'error', from: { path: '^src/app/' }, to: { path: '^src/(storage|ingest|api|cli|main)/' } },
    ...ADAPTERS.map((a) => ({
      name: `adapter-${a}-not-on-other-adapters`,
      severity: 'error',
      from: { path: `^src/${a}/` },
      to: { path: `^src/(${[...ADAPTERS.filter((b) => b !== a), 'cli', 'main'].join('|')})/` },
    })),
    { name: 'cli-only-through-main', severity: 'error', from: { path: '^src/cli/' }, to: { path: '^src/(storage|ingest|api)/' } },
    { name: 'nothing-imports-main-but-cli', severity: 'error', from: { path: '^src/(?!main/|cli/)' }, to: { path: '^src/main/' } },
    { name: 'no-test-imports-in-prod', severity: 'error', from: { path: '^src/', pathNot: '\\.test\\.ts$' }, to: { path: '(\\.test\\.ts$|^tests/)' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
