// Layering is enforced here, per folder, as DESIGN.md draws it (VS Code's "bad layering" rule):
//   shared/   imports nothing process-specific (no node:*, no electron, no DOM libraries, no main/ or renderer/)
//   renderer/ never imports main/ or Node built-ins
//   main/runtime never imports electron or the programs that use it
//   only main/electron and main/preload import electron
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const NODE_MESSAGE = 'Node built-ins belong in main/; this folder runs in every environment (or in the browser).';
// Built-ins are matched by exact name (`paths`), not as gitignore-style patterns: a pattern
// `inspector` would also refuse our own `./inspector/Panel` or `../events/x`.
const nodeOnly = { group: ['node:*'], message: NODE_MESSAGE };
const nodeBuiltinPaths = builtinModules
  .filter((m) => !m.startsWith('_'))
  .map((name) => ({ name, message: NODE_MESSAGE }));
const electronOnly = { group: ['electron', 'electron/*'], message: 'Only main/electron and main/preload may import electron.' };
const noMain = { group: ['**/main/**', '**/main'], message: 'main/ is another process: talk to it through shared/bridge.' };
const noRenderer = { group: ['**/renderer/**', '**/renderer'], message: 'renderer/ is the browser UI; nothing else imports it.' };
const nodeLibraries = {
  group: ['mqtt', 'mqtt/*', 'aedes', 'aedes/*', 'ws', 'commander', 'tsx', 'tsx/*'],
  message: 'Network and process libraries run in main/runtime or main/host only.',
};
const uiLibraries = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'zundo', 'uplot', 'elkjs', 'elkjs/*'],
  message: 'UI libraries belong in renderer/.',
};
const restrict = (...patterns) => [
  'error',
  { patterns, ...(patterns.includes(nodeOnly) ? { paths: nodeBuiltinPaths } : {}) },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': restrict(nodeOnly, electronOnly, noMain, noRenderer, nodeLibraries, uiLibraries) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(nodeOnly, electronOnly, noMain, nodeLibraries),
    },
  },
  {
    files: ['main/runtime/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': restrict(electronOnly, noRenderer, uiLibraries, {
        group: ['**/main/electron/**', '**/main/host/**', '**/main/cli/**', '**/electron/**', '**/host/**', '**/cli/**'],
        message: 'main/runtime is used by the host, the CLI and Electron; it never imports them.',
      }),
    },
  },
  {
    files: ['main/host/**/*.ts', 'main/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': restrict(electronOnly, noRenderer, uiLibraries, {
        group: ['**/main/electron/**', '**/electron/**'],
        message: 'The host and the CLI run without Electron.',
      }),
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': restrict(noRenderer, uiLibraries) },
  },
  {
    files: ['main/preload/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict(nodeOnly, noRenderer, uiLibraries, nodeLibraries, {
        group: ['**/runtime/**', '**/host/**', '**/cli/**'],
        message: 'The sandboxed preload exposes shared/bridge methods only.',
      }),
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'bin/**/*.mjs', '*.config.{ts,js}', '.ci/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
