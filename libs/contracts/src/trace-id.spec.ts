import { newTraceId, traceRoot, usableTraceId } from './trace-id';

const ROOT = `1-5f5e1000-${'ab'.repeat(12)}`;

describe('newTraceId', () => {
  it('encodes the epoch second and random ids in the X-Ray format', () => {
    const trace = newTraceId(0x5f5e1000 * 1000, Buffer.alloc(20, 0xab));
    expect(trace).toBe(`Root=${ROOT};Parent=${'ab'.repeat(8)};Sampled=0`);
  });

  it('gives a root that traceRoot reads back', () => {
    const trace = newTraceId(Date.now());
    expect(traceRoot(trace)).toBe(trace.split(';')[0].slice('Root='.length));
  });
});

describe('traceRoot / usableTraceId', () => {
  it.each([
    ['a full header', `Root=${ROOT};Parent=${'cd'.repeat(8)};Sampled=0`, ROOT],
    ['the root alone', `Root=${ROOT}`, ROOT],
    ['the root not first', `Sampled=1;Root=${ROOT}`, ROOT],
    ['spaces around parts', `Sampled=1; Root=${ROOT}`, undefined],
    ['the first of repeated headers', [`Root=${ROOT}`, 'Root=x'], ROOT],
    ['no root', 'Parent=abc;Sampled=0', undefined],
    ['a malformed root', 'Root=1-xyz-123', undefined],
    ['upper-case hex', `Root=${ROOT.toUpperCase()}`, undefined],
    ['a CR/LF', `Root=${ROOT}\r\nX: y`, undefined],
    ['over 256 characters', `Root=${ROOT};${'x'.repeat(256)}`, undefined],
    ['nothing', undefined, undefined],
    ['empty', '', undefined],
  ])('%s', (_name, header, root) => {
    expect(traceRoot(header)).toBe(root);
    const first = Array.isArray(header) ? header[0] : header;
    expect(usableTraceId(header)).toBe(root === undefined ? undefined : first);
  });
});
