import { existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export type ConfigChange = 'SIGHUP' | 'file';

/**
 * Calls `onChange` on SIGHUP and, given a `fileName`, when it changes on disk (debounced: an editor's
 * save is several events). The directory is watched, not the file: editors and `kubectl cp`-style updates
 * replace a file by renaming. Answers a function that stops both.
 */
export function watchConfigFile(
  fileName: string | undefined,
  onChange: (change: ConfigChange) => void,
  debounceMs = 200,
): () => void {
  const onSignal = () => onChange('SIGHUP');
  process.on('SIGHUP', onSignal);
  let timer: NodeJS.Timeout | undefined;
  const directory = fileName && dirname(fileName);
  const file = fileName && basename(fileName);
  const watcher =
    directory && existsSync(directory)
      ? watch(directory, (_event, changed) => {
          if (changed !== file) return;
          clearTimeout(timer);
          timer = setTimeout(() => onChange('file'), debounceMs);
        })
      : undefined;
  return () => {
    process.off('SIGHUP', onSignal);
    clearTimeout(timer);
    watcher?.close();
  };
}
