// Lint, including the layer boundaries: core ← pack ← services ← api / cli; the web app reaches the
// server only through HTTP (type-only imports of the response shapes are allowed).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'https', 'net', 'url', 'stream', 'process', 'util'];
const IO_PACKAGES = ['fastify', '@fastify/*', 'kysely', 'pg', 'better-sqlite3', 'yaml', 'exceljs', 'csv-parse', 'commander'];

function layer(files, forbidden, message, extra = {}) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', {
        paths: extra.paths ?? [],
        patterns: [{ group: forbidden, message, allowTypeImports: extra.allowTypeImports ?? false }],
      }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(['src/core/**'], ['node:*', ...IO_PACKAGES, '../pack/*', '../services/*', '../api/*', '../cli/*', '../server*', '../config*'],
    'src/core is pure: no node: modules, no database, HTTP, file formats or higher layers.',
    { paths: NODE_BUILTINS.map((name) => ({ name, message: 'src/core is pure: no Node built-ins.' })) }),
  layer(['packs/**/*.ts'], ['node:*', ...IO_PACKAGES, '**/src/pack/*', '**/src/services/*', '**/src/api/*', '**/src/cli/*'],
    'Rules in a pack are pure: they import the rule language (src/core/engine/dsl.ts) only.',
    { paths: NODE_BUILTINS.map((name) => ({ name, message: 'Rules in a pack are pure.' })) }),
  layer(['src/pack/**'], ['../services/*', '../api/*', '../cli/*', '../server*', 'fastify', '@fastify/*'], 'src/pack (the loader) may use only src/core.'),
  layer(['src/store/**'], ['../services/*', '../api/*', '../cli/*', '../server*', '../pack/*', 'fastify', '@fastify/*', 'commander'],
    'src/store (the query layer) is below the services: it may use src/config only.'),
  layer(['src/store/migrations/**'], ['../**', 'node:*', 'better-sqlite3', 'pg'],
    'A migration is frozen: it imports kysely only, never the application\'s types or code, so it stays what it was on its date.'),
  layer(['src/services/**'], ['../api/*', '../cli/*', '../server*', 'fastify', '@fastify/*', 'commander'], 'src/services may not import the API or the CLI.'),
  layer(['src/api/**'], ['../cli/*', 'commander'], 'The API may not import the CLI.'),
  layer(['src/cli/**'], ['../api/*', 'fastify', '@fastify/*'], 'The CLI calls services, not the API.'),
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  layer(['web/src/**'], ['**/src/*', '**/src/**', 'node:*', ...IO_PACKAGES], 'The web app reaches the server only through the HTTP API (type-only imports of src/services/policy-views are allowed).', { allowTypeImports: true }),
);
