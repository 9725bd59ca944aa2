// Runs a TypeScript CLI of this repo (scripts/generate.ts, scripts/build-functions.ts) without a
// separate compile step: esbuild bundles it with the tsconfig `@app/*` aliases into dist/scripts/
// (tens of milliseconds; npm packages stay external) and node runs the result.
//   node scripts/generate-runner.mjs scripts/generate.ts --config examples/hello-app/generator.yml
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/generate-runner.mjs <script.ts> [arguments]');
  process.exit(2);
}
const outfile = resolve(root, 'dist/scripts', `${basename(entry, '.ts')}.cjs`);
const { outputFiles } = await build({
  entryPoints: [resolve(root, entry)],
  outfile,
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  write: false,
});
// Write then rename, so runs started at the same time never load a half-written bundle.
mkdirSync(dirname(outfile), { recursive: true });
writeFileSync(`${outfile}.${process.pid}`, outputFiles[0].contents);
renameSync(`${outfile}.${process.pid}`, outfile);
process.argv = [process.argv[0], outfile, ...args];
createRequire(import.meta.url)(outfile);
