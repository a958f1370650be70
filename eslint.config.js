// Lint for the whole tree. Beyond the recommended rules, it holds the layering the architecture promises:
// the core is plain Node (no electron, no DOM, no React, no sandbox), the renderer reaches the core only
// through shared/ (the contract), shared/ depends on neither side, and the sandbox package never imports Ferry. tests/unit/lint proves each fires.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports a layer may not make, as no-restricted-imports patterns with the reason shown on failure. */
const forbid = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];

const electronAndUi = [
  [['electron', 'electron/*'], 'The core is plain Node: Electron belongs in the desktop shell (electron/desktop/).'],
  [
    ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/react-*'],
    'The core has no UI: React belongs in renderer/.',
  ],
  [['**/renderer/**'], 'The core never imports the renderer; the renderer reaches the core through shared/.'],
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The stand-in Electron fixtures are CommonJS on purpose: Electron's main process loads them with require.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(...electronAndUi, [
        ['ferry-sandbox', 'ferry-sandbox/*', '**/sandbox/**'],
        'The core never imports the sandbox: the demo receives it through its narrow interface.',
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [
          ['electron', 'electron/*', 'react', 'react-dom', 'react/*'],
          'shared/ is the contract: plain TypeScript both sides can load.',
        ],
        [['**/electron/**', '**/renderer/**'], 'shared/ depends on neither the core nor the renderer.'],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hook rules; the React Compiler's rules assume the compiler, which Ferry does not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': forbid(
        [['electron', 'electron/*', 'node:*'], 'The renderer runs in a sandboxed page: no Electron, no Node.'],
        [
          ['**/electron/**', '**/sandbox/**', 'ferry-sandbox', 'ferry-sandbox/*'],
          'The renderer reaches the core only through shared/ and the bridge.',
        ],
      ),
    },
  },
  {
    // The sandbox is a package of its own that stands in for api.openai.com: it may read the API's facts
    // in shared/ (limits, purposes), never Ferry's core, shells or UI, so it stays a fair stand-in.
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['electron', 'electron/*', 'react', 'react-dom', 'react/*'], 'The sandbox is a plain Node server.'],
        [
          ['**/electron/**', '**/renderer/**', '**/tests/support/**'],
          'The sandbox is its own package: it never imports Ferry (only the API facts in shared/).',
        ],
      ),
    },
  },
);
