// ESLint: typescript-eslint with type information, plus import rules that keep each folder in its lane.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { restrictedPaths } from './scripts/lint/restricted-paths.js';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'tls', 'crypto', 'http', 'https', 'dns', 'worker_threads', 'stream', 'events', 'url', 'util'];

// Loading the Signal library installs process-wide handlers that only signal-library.ts removes (issue 12, point 9).
const signalLibraryImport = { group: ['@privacyresearch/*'], message: 'Load the Signal library through electron/core/omemo/signal-library.ts.' };
const coreImports = [
  { group: ['electron'], message: 'The core is host-agnostic: the Electron shell passes it what it needs.' },
  { group: ['**/renderer/**', 'react', 'react-dom'], message: 'The core has no UI.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test-results/', 'build/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of literals: enums are not erasable.' }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer has no Node: ask main through the contract.' },
          { group: ['electron', '**/electron/**'], message: 'The renderer reaches main only through the contract in shared/.' },
        ],
      }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ runs on both sides: no Node.' },
          { group: ['electron', '**/electron/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ imports only the contract and its schemas.' },
        ],
      }],
    },
  },
  {
    files: ['electron/core/**'],
    plugins: { causette: { rules: { 'restricted-paths': restrictedPaths } } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...coreImports, signalLibraryImport],
      }],
      'causette/restricted-paths': ['error', {
        root: import.meta.dirname,
        zones: [
          // The shell: electron/ipc, tray/, web/, main.ts, preload.ts, security.ts, window.ts, notifications.ts, secrets.ts, idle.ts …
          { target: 'electron/core', forbidden: ['electron'], except: ['electron/core'], message: 'the core runs under either host; the shell passes it what it needs.' },
          { target: 'electron/core/storage', forbidden: ['electron/core/xmpp'], message: 'storage sits under the protocol: the types it keeps live in electron/core/model.' },
        ],
      }],
    },
  },
  {
    files: ['electron/core/omemo/signal-library.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: coreImports }] },
  },
);
