import { isWithin } from '@app/sam-generator';
import type { Plugin } from 'esbuild';
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

/** A file the generator was about to copy or write that lies outside the folders it may use. */
export class StagingError extends Error {}

/** `target` (relative to `root`) as an absolute path; refused when it would leave `root`. */
export function pathInside(root: string, target: string): string {
  const absolute = path.resolve(root, target);
  if (!isWithin(path.resolve(root), absolute, path)) {
    throw new StagingError(`refusing to write ${absolute}: outside ${path.resolve(root)}`);
  }
  return absolute;
}

/**
 * The project folder (the template's folder) with symlinks resolved. Everything copied into an image
 * must really be inside it: a symlink to `~/.ssh` is refused, not followed.
 */
export class ProjectRoot {
  readonly real: string;

  constructor(directory: string) {
    this.real = realpathSync(directory);
  }

  /** Throws when `file` (or what its symlinks point at) is outside the project. */
  assertInside(file: string): void {
    const real = realpathSync(file);
    if (!isWithin(this.real, real, path)) {
      throw new StagingError(
        `${path.relative(process.cwd(), file)} leads outside the project folder (to ${real}); symlinks must point inside ${this.real}`,
      );
    }
  }

  /** Checks every symlink below `directory` before anything is written (the copy checks again). */
  assertTreeInside(directory: string): void {
    this.assertInside(directory);
    for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath, entry.name);
      if (lstatSync(file).isSymbolicLink()) this.assertInside(file);
    }
  }

  /**
   * esbuild plugin: a bundle may read files of the project and installed packages (any
   * `node_modules` folder, also a parent's, as Node resolves them), nothing else of the machine.
   */
  bundlePlugin(): Plugin {
    return {
      name: 'stay-inside-project',
      setup: (build) => {
        build.onLoad({ filter: /.*/ }, (args) => {
          const inPackage = args.path.split(path.sep).includes('node_modules');
          if (args.namespace !== 'file' || inPackage || isWithin(this.real, args.path, path)) {
            return undefined;
          }
          return { errors: [{ text: `${args.path} is outside the project folder ${this.real}` }] };
        });
      },
    };
  }
}
