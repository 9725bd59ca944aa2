/** Minimal ustar writer for build contexts (regular files only). */
function header(name: string, size: number, mode: number): Buffer {
  const block = Buffer.alloc(512, 0);
  const write = (text: string, offset: number, length: number) =>
    block.write(text.slice(0, length), offset, length, 'ascii');
  const octal = (value: number, length: number) =>
    value.toString(8).padStart(length - 1, '0') + '\0';
  write(name, 0, 100);
  write(octal(mode, 8), 100, 8);
  write(octal(0, 8), 108, 8);
  write(octal(0, 8), 116, 8);
  write(octal(size, 12), 124, 12);
  write(octal(Math.floor(Date.now() / 1000), 12), 136, 12);
  write('        ', 148, 8);
  write('0', 156, 1);
  write('ustar\0', 257, 6);
  write('00', 263, 2);
  let sum = 0;
  for (const byte of block) sum += byte;
  write(octal(sum, 7), 148, 7);
  return block;
}

/** A tar archive of `files`; `modes` gives a file's permission bits (default 0644). */
export function pack(
  files: Record<string, string | Buffer>,
  modes: Record<string, number> = {},
): Buffer {
  const parts: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    parts.push(
      header(name, data.length, modes[name] ?? 0o644),
      data,
      Buffer.alloc((512 - (data.length % 512)) % 512),
    );
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}
