import extract from 'extract-zip';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProjectRoot, StagingError } from './staging-guard';

/**
 * Unpacks a function's `.zip` CodeUri into its build context, as Lambda unpacks a deployment package
 * into /var/task. extract-zip refuses entries that climb out of the target; symlinks that point
 * outside it are refused afterwards.
 */
export async function unpackZip(zipFile: string, target: string): Promise<void> {
  mkdirSync(target, { recursive: true });
  try {
    await extract(zipFile, { dir: resolve(target) });
  } catch (error) {
    throw new StagingError(`cannot unpack ${zipFile}: ${(error as Error).message}`);
  }
  new ProjectRoot(target).assertTreeInside(target);
}
