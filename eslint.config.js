import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

// The layers of DESIGN.md, from the outside in. A layer may import the ones below it, never above.
const entry = ['./src/index.ts', './src/resolvers'];
const middle = ['./src/access', './src/activity', './src/scan', './src/registry'];
const lower = ['./src/jira', './src/storage'];
const layerZones = [
  // Nothing imports the resolvers or the entry points but the entry points.
  { target: [...middle, ...lower, './src/rules', './src/errors.ts', './src/contract.ts'], from: entry, message: 'resolvers/ and index.ts are the outer layer: nothing below them may import them.' },
  { target: ['./src/resolvers'], from: ['./src/index.ts'], message: 'index.ts only names entry points; import the module it points to.' },
  { target: [...lower, './src/rules', './src/errors.ts', './src/contract.ts'], from: middle, message: 'jira/, storage/, rules/ and the contract sit below access/, activity/, scan/ and registry/.' },
  { target: ['./src/rules', './src/errors.ts', './src/contract.ts'], from: lower, message: 'rules/ and the contract know nothing of Jira or Forge storage.' },
  // Siblings of the middle layer: the registry and the ledger never reach into the scan, access stands alone.
  { target: ['./src/registry', './src/activity'], from: ['./src/scan'], message: 'registry/ and activity/ do not import scan/: the scan writes into them, not the other way.' },
  { target: ['./src/activity'], from: ['./src/registry'], message: 'activity/ does not import registry/.' },
  { target: ['./src/access'], from: ['./src/scan', './src/registry', './src/activity'], message: 'access/ decides from the Forge context and Jira alone.' },
  // The UI reaches the back end through the contract's types only.
  { target: ['./static/src'], from: ['./src', './dev'], except: ['./contract.ts'], message: 'static/ imports only src/contract.ts from the back end.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/build/**', '.local/**', 'test-output/**', 'dist/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'static/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    // Forge storage answers 429 when an installation goes over its rate limits: the app reaches it
    // only through src/storage/kvs.ts, which backs off and tries again.
    files: ['src/**/*.ts'],
    ignores: ['src/storage/kvs.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@forge/kvs', message: "Import kvs and its helpers from src/storage/kvs.ts, which retries storage's 429." }] }],
    },
  },
  {
    // Unit tests stay fast: they start no local host, server or build (test/integration is for those).
    files: ['test/unit/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './test/unit',
              from: ['./dev/host/host.ts', './dev/host/http', './dev/host/dev-invoke.ts', './dev/build.ts', './dev/start.ts', './dev/tools/start-app.ts', './test/support', './test/e2e'],
              message: 'Unit tests start no host, server or build: put this test in test/integration (pure parts of dev/ are fine).',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure rules know nothing of Forge (DESIGN.md: dependencies point inward).
    files: ['src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/*'] }],
    },
  },
  {
    // The UI runs in the browser: no back-end Forge packages.
    files: ['static/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/api', '@forge/kvs', '@forge/resolver', '@forge/events'] }],
    },
  },
);
