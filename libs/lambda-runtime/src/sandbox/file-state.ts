import { accessSync, constants, statSync } from 'node:fs';
import type { FileState } from './launch-plan';

/** Whether this process could execute `path` (as the container's user, which may not be root). */
export function fileState(path: string): FileState {
  try {
    if (!statSync(path).isFile()) return 'not-executable';
  } catch {
    return 'missing';
  }
  try {
    accessSync(path, constants.X_OK);
    return 'executable';
  } catch {
    return 'not-executable';
  }
}
