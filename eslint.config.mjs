// ESLint (flat config): typescript-eslint's recommended rules everywhere, React hooks rules for
// the admin. `npm run lint`; formatting is Prettier's job (`npm run format:check`), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', 'build/', '.tmp/', '.cache/', '.strapi/', 'coverage/', 'public/', 'types/generated/', 'bench/results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/plugins/*/admin/**/*.{ts,tsx}', 'src/admin/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Tests and benches read untyped JSON answers (supertest, fetch) and poke at Strapi's
    // internals; `any` there is tolerated. Production code (src/) keeps the rule.
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'src/**/__tests__/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The HTTP and reload benches run as several processes (parent: the load or the clock;
    // children: Strapi) from one file: each requires lazily only what it runs.
    files: ['bench/http.bench.ts', 'bench/reload.bench.ts', 'bench/prices.bench.ts', 'bench/bench-strapi.ts', 'bench/holds.bench.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Plain JavaScript run by node (CommonJS helpers, browser-test drivers).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Page scripts of the browser tests run inside chromium.
    files: ['tests/browser/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
