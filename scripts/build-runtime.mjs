// Bundles the Lambda runtime into single files for the runtime images (no node_modules in images):
//   dist/runtime/supervisor.js      the invoke server + Runtime API + sandbox (the image ENTRYPOINT)
//   dist/runtime/node-client.js     the node runtime client (CommonJS; ES module handlers load with a
//                                   native import(), which esbuild leaves alone)
//   dist/runtime/python/bootstrap.py the python runtime client (stdlib only)
//   dist/runtime/ruby/bootstrap.rb the ruby runtime client (stdlib only)
//   dist/runtime/java/               the java runtime client's sources (compiled in the image build)
import { build } from 'esbuild';
import { cp, copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/runtime');
const src = join(root, 'libs/lambda-runtime');
const started = performance.now();

await rm(out, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  tsconfig: join(root, 'tsconfig.json'),
  legalComments: 'none',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: [join(src, 'src/main.ts')],
  outfile: join(out, 'supervisor.js'),
  format: 'cjs',
});
await build({
  ...common,
  entryPoints: [join(src, 'src/node-client/main.ts')],
  outfile: join(out, 'node-client.js'),
  format: 'cjs',
});
await mkdir(join(out, 'python'), { recursive: true });
await copyFile(join(src, 'python/bootstrap.py'), join(out, 'python/bootstrap.py'));
await cp(join(src, 'ruby'), join(out, 'ruby'), { recursive: true });
await cp(join(src, 'java'), join(out, 'java'), { recursive: true });
console.log(`runtime: bundled into dist/runtime in ${Math.round(performance.now() - started)} ms`);
