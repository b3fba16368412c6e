// One linter for the whole tree. Beyond style, it holds Ferry's layers:
// app/ (the core) never imports electron or react; renderer/ never imports
// Node, electron or runtime code from app/ (types only); and only the two
// bridge modules touch raw IPC or the WebSocket. Inside app/, the order of
// its folders and the group of every npm package are tables in lint/layers.js.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import * as layers from './lint/layers.js';
import { layersRule } from './lint/layers-rule.js';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

const uiPackages = ['react', 'react-dom', 'react-dom/*', 'react/*', '@tanstack/*'];

/** What the core (app/) may not import: the shells and UI packages. */
const coreImports = {
  paths: [{ name: 'electron', message: 'app/ is the Electron-free core: move this to main/.' }],
  patterns: [
    { group: uiPackages, message: 'app/ is the core: UI code lives in renderer/.' },
    { group: ['**/main/**', '**/renderer/**'], message: 'app/ must not depend on the shells.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'default-case': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs,mts}'],
    plugins: { ferry: { rules: { layers: layersRule(layers) } } },
    rules: { 'ferry/layers': 'error' },
  },
  {
    files: ['app/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', coreImports] },
  },
  {
    // What a transfer loads: the SDK only when a request needs it (app/sdk/load-sdk.ts), so no value import of it here.
    files: [
      'app/transfer/**/*.ts',
      'app/sync/**/*.ts',
      'app/cli/**/*.ts',
      'app/delete/**/*.ts',
      'app/probe/**/*.ts',
      'app/s3/**/*.ts',
      'app/sdk/**/*.ts',
      'app/connections/**/*.ts',
    ],
    ignores: ['app/sdk/load-sdk.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...coreImports.paths,
            ...['@aws-sdk/client-s3', '@aws-sdk/credential-providers', '@smithy/node-http-handler', '@smithy/core/protocols'].map(
              (name) => ({
                name,
                allowTypeImports: true,
                message:
                  'The transfer path loads the SDK on first need: commands from app/sdk/s3-commands.ts, the rest through app/sdk/load-sdk.ts.',
              }),
            ),
          ],
          patterns: coreImports.patterns,
        },
      ],
    },
  },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/serve/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'ws', message: 'Only serve mode (app/serve/) touches the WebSocket.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer is sandboxed: reach the core through the bridge.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser: no Node modules.' })),
          ],
          patterns: [
            {
              group: ['**/app/**', '!**/app/api/**'],
              message: 'The renderer may import types from app/api only.',
            },
            {
              group: ['**/app/api/**'],
              allowTypeImports: true,
              message: 'Import types only from app/api (`import type`): runtime code stays in the core.',
            },
            { group: ['**/main/**'], message: 'The renderer must not import the Electron shell.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/bridge/ws-client.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'WebSocket', message: 'Only renderer/src/bridge/ws-client.ts opens the socket.' }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiPackages, message: 'main/ is the Electron shell: no UI code.' },
            { group: ['**/renderer/**'], message: 'main/ must not import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/ipc-binding.ts', 'main/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Only main/ipc-binding.ts and main/preload.ts touch raw IPC.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}', 'scripts/**', 'e2e/**', '.ci/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
      },
    },
  },
);
