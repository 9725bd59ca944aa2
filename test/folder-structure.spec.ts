import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The folder picture of docs/architecture.md: gateway → contracts ← manager, the apps never import
 * each other, and inside each app no two folders import each other (one of them sits below the
 * other). Read from the sources' import lines (specs left out: a test may reach anywhere).
 */
const ROOT = resolve(__dirname, '..');
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.(e2e-|docker-)?spec\.ts$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => match[1]);
}

/** `a -> b` for every import from top folder a of `src` into another top folder b. */
function folderArrows(src: string): Set<string> {
  const folderOf = (path: string) => relative(src, path).split(sep)[0];
  const arrows = new Set<string>();
  for (const file of sources(src)) {
    for (const target of importsOf(file).filter((name) => name.startsWith('.'))) {
      const from = folderOf(file);
      const to = folderOf(resolve(dirname(file), target));
      // Files at the top of src (main.ts, the root module, errors.ts) are not folders.
      if (from !== to && !from.endsWith('.ts') && !to.startsWith('..') && !to.endsWith('.ts')) {
        arrows.add(`${from} -> ${to}`);
      }
    }
  }
  return arrows;
}

describe('folder structure', () => {
  it.each(['apps/gateway/src', 'apps/manager/src'])(
    'no two folders of %s import each other',
    (app) => {
      const arrows = folderArrows(join(ROOT, app));
      expect(arrows.size).toBeGreaterThan(5);
      const pairs = [...arrows].filter((arrow) => {
        const [from, to] = arrow.split(' -> ');
        return from < to && arrows.has(`${to} -> ${from}`);
      });
      expect(pairs).toEqual([]);
    },
  );

  it.each([
    ['apps/gateway/src', /apps\/manager|\.\.\/manager\//],
    ['apps/manager/src', /apps\/gateway|\.\.\/gateway\//],
    ['libs', /apps\/|@app\/(gateway|manager)/],
  ])('%s imports neither app (only @app/* libraries)', (dir, forbidden) => {
    const leaks = sources(join(ROOT, dir)).flatMap((file) =>
      importsOf(file)
        .filter((name) => forbidden.test(name))
        .map((name) => `${relative(ROOT, file)}: ${name}`),
    );
    expect(leaks).toEqual([]);
  });
});
