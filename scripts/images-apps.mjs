#!/usr/bin/env node
// Stages pruned node_modules for the app and stand-in images from package-lock.json, offline: the
// dependency closure of the given root packages, resolved the way Node resolves `require` (nearest
// node_modules first), copied as hard links (falling back to copies across file systems), without
// type declarations, source maps and docs.
//   node scripts/images-apps.mjs <out-dir> --production     closure of package.json "dependencies"
//   node scripts/images-apps.mjs <out-dir> <package>...     closure of the named packages
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The lockfile path that `require(name)` from the package at `from` resolves to, or undefined. */
export function resolveInLock(packages, from, name) {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/** Every lockfile path needed to load `roots` (sorted). Missing optional dependencies are skipped. */
export function dependencyClosure(packages, roots) {
  const seen = new Set();
  const queue = roots.map((name) => {
    const path = resolveInLock(packages, '', name);
    if (!path) throw new Error(`${name} is not in package-lock.json`);
    return path;
  });
  while (queue.length > 0) {
    const path = queue.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = packages[path];
    const required = Object.keys(entry.dependencies ?? {});
    const optional = Object.keys(entry.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const found = resolveInLock(packages, path, name);
      if (found) queue.push(found);
      else if (!optional.includes(name))
        throw new Error(`${path} needs ${name}, not in the lockfile`);
    }
  }
  return [...seen].sort();
}

/** Drops paths nested inside another listed path (copying the outer directory brings them along). */
export function outermost(paths) {
  const set = new Set(paths);
  return paths.filter((path) => {
    for (
      let cut = path.lastIndexOf('/node_modules/');
      cut > 0;
      cut = path.lastIndexOf('/node_modules/', cut - 1)
    ) {
      if (set.has(path.slice(0, cut))) return false;
    }
    return true;
  });
}

/** Files a running program never loads: type declarations, TypeScript sources, source maps, docs. */
export function isBuildOnlyFile(name) {
  return /\.(ts|mts|cts|map|md|markdown)$/i.test(name);
}

function linkTree(source, target) {
  if (statSync(source).isDirectory()) {
    mkdirSync(target, { recursive: true });
    for (const entry of readdirSync(source)) linkTree(join(source, entry), join(target, entry));
    return;
  }
  if (isBuildOnlyFile(source)) return;
  try {
    linkSync(source, target);
  } catch (error) {
    if (error.code !== 'EXDEV' && error.code !== 'EPERM') throw error;
    cpSync(source, target);
  }
}

function main([outDir, ...args]) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const roots =
    args[0] === '--production'
      ? Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {})
      : args;
  if (!outDir || roots.length === 0)
    throw new Error('usage: images-apps.mjs <out-dir> --production | <package>...');
  const paths = dependencyClosure(lock.packages, roots);
  const target = resolve(outDir);
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  for (const path of outermost(paths)) linkTree(join(root, path), join(target, path));
  console.log(`staged ${paths.length} packages for ${roots.join(', ')} in ${outDir}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
