// ESLint 9 flat config: typescript-eslint's recommended rules (no type information needed, so
// it stays fast), with eslint-config-prettier last so that formatting is Prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The kit's folders in layers: each may import only from the folders listed after it, so the
 * folders never import each other in a cycle (issue 24).
 */
const KIT = 'packages/passport-provider-kit/src';
const KIT_LAYERS = [
  ['strategy', ['oauth', 'http', 'profile', 'errors', 'state']],
  ['oauth', ['http', 'errors']],
  ['http', ['errors']],
  ['profile', ['errors']],
  ['errors', []],
  ['state', []],
];
const KIT_FOLDERS = ['strategy', 'oauth', 'http', 'profile', 'errors', 'state'];

/** The Node.js globals our JavaScript files use (TypeScript files are checked by tsc instead). */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearImmediate',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);
const commonjsGlobals = {
  __dirname: 'readonly',
  __filename: 'readonly',
  exports: 'writable',
  module: 'writable',
  require: 'readonly',
};

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', '**/coverage/', '**/test-artifacts/', '**/*.tsbuildinfo']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, globals: nodeGlobals },
    rules: {
      // `_name` marks a parameter kept for its position (verify callbacks, Express handlers).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: [`${KIT}/**/*.ts`],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js'] })] },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: KIT_LAYERS.map(([folder, allowed]) => ({
            target: `./${KIT}/${folder}`,
            from: KIT_FOLDERS.filter((other) => other !== folder && !allowed.includes(other)).map(
              (other) => `./${KIT}/${other}`,
            ),
            message: `the kit's folders are layered (see KIT_LAYERS in eslint.config.mjs): ${folder}/ imports only from ${allowed.join(', ') || 'no other folder'}`,
          })).filter((zone) => zone.from.length > 0),
        },
      ],
    },
  },
  {
    // CommonJS JavaScript: scripts/*.js (the root package has no "type") and *.cjs files.
    files: [
      '**/*.cjs',
      'scripts/**/*.js',
      '**/*.config.js',
      'packages/package-checks/fixtures/cjs-js/**/*.js',
      'examples/minimal/**/*.js',
      'examples/fastify/**/*.js',
      'examples/koa/**/*.js',
      // CommonJS in TypeScript syntax, so that Node 22+'s built-in type stripping loads it as CommonJS.
      'jest.config.ts',
    ],
    languageOptions: { sourceType: 'commonjs', globals: commonjsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
