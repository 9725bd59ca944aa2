import { tarArchive } from './tar-archive';

/** Reads the entries back: name, type, mode, size, content, and whether the checksum holds. */
function entries(archive: Buffer) {
  const found: Array<Record<string, unknown>> = [];
  for (let offset = 0; offset + 512 <= archive.length;) {
    const block = archive.subarray(offset, offset + 512);
    if (block.every((byte) => byte === 0)) break;
    const text = (start: number, length: number) =>
      block.toString('ascii', start, start + length).replace(/\0.*$/s, '');
    const size = parseInt(text(124, 12), 8);
    const summed = [...block].reduce(
      (sum, byte, index) => sum + (index >= 148 && index < 156 ? 32 : byte),
      0,
    );
    found.push({
      name: text(0, 100),
      type: text(156, 1),
      mode: text(100, 8),
      size,
      content: archive.toString('utf8', offset + 512, offset + 512 + size),
      checksumOk: parseInt(text(148, 8).trim(), 8) === summed,
      magic: text(257, 6),
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return found;
}

describe('tarArchive', () => {
  it('writes deeper parent directories, then each file, root-owned, with valid checksums', () => {
    const archive = tarArchive([
      { path: '/etc/onpre/ca.pem', content: Buffer.from('PEM') },
      { path: '/etc/onpre/other', content: Buffer.alloc(600, 'x'), mode: 0o600 },
    ]);
    expect(archive.length % 512).toBe(0);
    expect(entries(archive)).toEqual([
      {
        name: 'etc/onpre/',
        type: '5',
        mode: '0000755',
        size: 0,
        content: '',
        checksumOk: true,
        magic: 'ustar',
      },
      {
        name: 'etc/onpre/ca.pem',
        type: '0',
        mode: '0000644',
        size: 3,
        content: 'PEM',
        checksumOk: true,
        magic: 'ustar',
      },
      {
        name: 'etc/onpre/other',
        type: '0',
        mode: '0000600',
        size: 600,
        content: 'x'.repeat(600),
        checksumOk: true,
        magic: 'ustar',
      },
    ]);
  });

  it.each([
    ['a file at the first level needs no directory entry', '/ca.pem', ['ca.pem']],
    ['one deeper level', '/etc/ca.pem', ['etc/ca.pem']],
    ['two deeper levels', '/a/b/c/f', ['a/b/', 'a/b/c/', 'a/b/c/f']],
  ])('%s', (_name, path, names) => {
    expect(entries(tarArchive([{ path, content: Buffer.from('') }])).map((e) => e.name)).toEqual(
      names,
    );
  });

  it('is deterministic and ends with two empty blocks', () => {
    const files = [{ path: '/etc/onpre/ca.pem', content: Buffer.from('same') }];
    const archive = tarArchive(files);
    expect(archive.equals(tarArchive(files))).toBe(true);
    expect(archive.subarray(-1024).every((byte) => byte === 0)).toBe(true);
  });

  it('refuses a name longer than the header holds', () => {
    expect(() => tarArchive([{ path: `/${'x'.repeat(101)}`, content: Buffer.from('') }])).toThrow(
      'tar entry name too long',
    );
  });
});
