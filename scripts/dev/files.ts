import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A problem the user can act on: printed as one message, no stack trace. */
export class DevSetupError extends Error {}

/** Newest modification time of any file below `dir`. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
