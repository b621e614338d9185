import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/build/**', '.local/**', 'test-output/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Pure rules know nothing of Forge (DESIGN.md: dependencies point inward).
    files: ['src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/*', '../jira/*', '../registry/*', '../scan/*', '../resolvers/*'] }],
    },
  },
  {
    // The UI imports only the contract's types from the back end.
    files: ['static/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/api', '@forge/kvs', '@forge/resolver', '@forge/events', '**/dev/**'] }],
    },
  },
);
