/** A file to place in a container before it starts (absolute path inside the container). */
export interface ContainerFile {
  path: string;
  content: Buffer;
  /** Permission bits; 0o644 (readable by the function's user) unless given. */
  mode?: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** One ustar header block (name ≤ 100 bytes: our paths are short and fixed). */
function header(name: string, mode: number, size: number, type: '0' | '5'): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  const block = Buffer.alloc(BLOCK, 0);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii'); // uid root
  block.write(octal(0, 8), 116, 'ascii'); // gid root
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(0, 12), 136, 'ascii'); // mtime: fixed, so the archive is deterministic
  block.write(' '.repeat(8), 148, 'ascii'); // checksum counts as spaces while summing
  block.write(type, 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** Directories a file needs below the first level (`/etc/onpre/ca.pem` → `etc/onpre/`). */
function parentDirectories(path: string): string[] {
  const parts = path.replace(/^\/+/, '').split('/').slice(0, -1);
  return parts.slice(1).map((_, index) => `${parts.slice(0, index + 2).join('/')}/`);
}

/**
 * A tar archive of `files` for Docker's "extract an archive into a container" call (at `/`): ustar,
 * root-owned, deterministic. The first-level directory (e.g. `/etc`) is expected to exist and is left
 * as it is; deeper ones are created.
 */
export function tarArchive(files: readonly ContainerFile[]): Buffer {
  const blocks: Buffer[] = [];
  const directories = new Set<string>();
  for (const file of files) {
    for (const directory of parentDirectories(file.path)) {
      if (directories.has(directory)) continue;
      directories.add(directory);
      blocks.push(header(directory, 0o755, 0, '5'));
    }
    const name = file.path.replace(/^\/+/, '');
    blocks.push(header(name, file.mode ?? 0o644, file.content.length, '0'), file.content);
    const padding = (BLOCK - (file.content.length % BLOCK)) % BLOCK;
    blocks.push(Buffer.alloc(padding, 0));
  }
  blocks.push(Buffer.alloc(2 * BLOCK, 0));
  return Buffer.concat(blocks);
}
