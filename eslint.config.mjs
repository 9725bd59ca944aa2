import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Boundaries (no-restricted-imports). ESLint keeps one option set per rule and file, so every block
// below lists the shared patterns again with its own.
const INDEX_ONLY = [
  {
    group: ['@app/*/**'],
    message: 'Use a library through its index.ts only: import from @app/<library>.',
  },
  { group: ['**/libs/*/src/**', '../../libs/**'], message: 'Import libs by alias (@app/...).' },
];
const NOT_MANAGER = {
  group: ['**/apps/manager/**', '*/manager/src/**'],
  message: 'The gateway must not import the manager (shared names live in @app/contracts).',
};
const NOT_GATEWAY = {
  group: ['**/apps/gateway/**', '*/gateway/src/**'],
  message: 'The manager must not import the gateway (shared names live in @app/contracts).',
};
const NO_DOCKER = { group: ['dockerode'], message: 'Only the manager talks to Docker.' };
const NO_APPS = {
  group: ['**/apps/**', '@app/gateway*', '@app/manager*'],
  message: 'Libraries must not import apps.',
};
/** Folders that sit below another: each must not import the one above it (no folder pairs). */
const below = (folder, message) => ({ group: [`../${folder}/**`, `../../${folder}/**`], message });

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      // Nest's guards and handlers may be async without awaiting (the framework awaits them).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read JSON answers and jest's matchers as `any` on purpose.
    files: [
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.docker-spec.ts',
      '**/test/**/*.ts',
      'test/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  { files: ['apps/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'], rules: restrict(...INDEX_ONLY) },
  { files: ['apps/gateway/**/*.ts'], rules: restrict(...INDEX_ONLY, NOT_MANAGER, NO_DOCKER) },
  {
    files: ['apps/gateway/src/routing/**/*.ts'],
    rules: restrict(
      ...INDEX_ONLY,
      NOT_MANAGER,
      NO_DOCKER,
      below('events', 'routing/ sits below events/ (the mappers read route matches).'),
      below('authorizers', 'routing/ sits below authorizers/ (they read route matches).'),
      below('function-urls', 'routing/ sits below function-urls/ (they read route matches).'),
    ),
  },
  {
    files: ['apps/gateway/src/http/**/*.ts'],
    rules: restrict(
      ...INDEX_ONLY,
      NOT_MANAGER,
      NO_DOCKER,
      below('invoke-api', 'http/ (shared replies and filters) sits below invoke-api/.'),
      below('proxy', 'http/ (shared replies and filters) sits below proxy/.'),
      below('authorizers', 'http/ (shared replies and filters) sits below authorizers/.'),
    ),
  },
  {
    files: ['apps/manager/**/*.ts'],
    ignores: ['apps/manager/src/runtime/docker/**', 'apps/manager/src/runtime/swarm/**'],
    rules: restrict(...INDEX_ONLY, NOT_GATEWAY, {
      group: ['dockerode'],
      message:
        'dockerode is used only in apps/manager/src/runtime/docker/ and swarm/ (the engine adapters).',
    }),
  },
  {
    files: ['apps/manager/src/config/**/*.ts'],
    rules: restrict(
      ...INDEX_ONLY,
      NOT_GATEWAY,
      NO_DOCKER,
      below('runtime', 'config/ sits below runtime/ (container specs read function configs).'),
      below('pool', 'config/ sits below pool/.'),
    ),
  },
  {
    files: ['apps/manager/src/runtime/docker/**/*.ts'],
    rules: restrict(...INDEX_ONLY, NOT_GATEWAY),
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts'],
    rules: restrict(...INDEX_ONLY, {
      group: ['**/apps/manager/src/runtime/**'],
      message: 'Shared labels and constants live in @app/contracts.',
    }),
  },
  { files: ['libs/platform/**/*.ts'], rules: restrict(...INDEX_ONLY, NO_APPS, NO_DOCKER) },
  {
    files: ['libs/contracts/**/*.ts', 'libs/sam-generator/**/*.ts', 'libs/lambda-runtime/**/*.ts'],
    rules: restrict(...INDEX_ONLY, NO_APPS, {
      group: ['dockerode', '@nestjs/*', '@app/platform*'],
      message: 'Pure libraries hold no framework services or Docker.',
    }),
  },
);
