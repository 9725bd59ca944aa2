#!/usr/bin/env node
// `npm start`: the one-command dev mode (docs/dev-mode.md). The orchestration lives in scripts/dev/
// (TypeScript, run through the same esbuild runner as `npm run generate`), from the repository root.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
process.argv.splice(2, 0, 'scripts/dev/dev-mode.ts');
await import('./generate-runner.mjs');
