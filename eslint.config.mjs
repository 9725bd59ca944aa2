import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
    },
  },
  {
    files: ['apps/gateway/**/*.ts'],
    rules: restrict([
      { group: ['**/apps/manager/**', '*/manager/src/**'], message: 'The gateway must not import the manager.' },
      { group: ['dockerode'], message: 'Only the manager talks to Docker.' },
      { group: ['**/libs/*/src/**', '../../libs/**'], message: 'Import libs by alias (@app/...).' },
    ]),
  },
  {
    files: ['apps/manager/**/*.ts'],
    ignores: ['apps/manager/src/runtime/docker/**'],
    rules: restrict([
      { group: ['**/apps/gateway/**', '*/gateway/src/**'], message: 'The manager must not import the gateway.' },
      { group: ['**/libs/*/src/**', '../../libs/**'], message: 'Import libs by alias (@app/...).' },
      { group: ['dockerode'], message: 'dockerode is used only in apps/manager/src/runtime/docker/ (the Docker adapter).' },
    ]),
  },
  {
    files: ['apps/manager/src/runtime/docker/**/*.ts'],
    rules: restrict([
      { group: ['**/apps/gateway/**', '*/gateway/src/**'], message: 'The manager must not import the gateway.' },
      { group: ['**/libs/*/src/**', '../../libs/**'], message: 'Import libs by alias (@app/...).' },
    ]),
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts'],
    rules: restrict([
      { group: ['**/apps/manager/src/runtime/**', '**/apps/manager/src/log-shipping/dockerode-*'], message: 'Shared labels and constants live in @app/contracts.' },
    ]),
  },
  {
    files: ['libs/platform/**/*.ts'],
    rules: restrict([
      { group: ['**/apps/**', '@app/gateway*', '@app/manager*'], message: 'Libraries must not import apps.' },
      { group: ['dockerode'], message: 'Only the manager talks to Docker.' },
    ]),
  },
  {
    files: ['libs/contracts/**/*.ts', 'libs/sam-generator/**/*.ts', 'libs/lambda-runtime/**/*.ts'],
    rules: restrict([
      { group: ['**/apps/**', '@app/gateway*', '@app/manager*'], message: 'Libraries must not import apps.' },
      { group: ['dockerode', '@nestjs/*', '@app/platform*'], message: 'Pure libraries hold no framework services or Docker.' },
    ]),
  },
);
