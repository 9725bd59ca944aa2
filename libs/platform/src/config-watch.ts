import { existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export type ConfigChange = 'SIGHUP' | 'file';

/**
 * Calls `onChange` on SIGHUP and when `fileName` changes on disk (debounced: an editor's save is
 * several events). The directory is watched, not the file: editors and `kubectl cp`-style updates
 * replace a file by renaming. Answers a function that stops both.
 */
export function watchConfigFile(
  fileName: string,
  onChange: (change: ConfigChange) => void,
  debounceMs = 200,
): () => void {
  const onSignal = () => onChange('SIGHUP');
  process.on('SIGHUP', onSignal);
  let timer: NodeJS.Timeout | undefined;
  const directory = dirname(fileName);
  const file = basename(fileName);
  const watcher = existsSync(directory)
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
