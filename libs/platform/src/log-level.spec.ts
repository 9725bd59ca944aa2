import { toPinoLevel } from './log-level';
import { requestIdFor } from './logging.module';

describe('toPinoLevel', () => {
  it.each([
    ['DEBUG', 'debug'],
    ['INFO', 'info'],
    ['WARNING', 'warn'],
    ['warn', 'warn'],
    ['ERROR', 'error'],
    ['CRITICAL', 'fatal'],
    [' trace ', 'trace'],
    ['verbose', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(toPinoLevel(input)).toBe(expected);
  });
});

describe('requestIdFor', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  it.each([
    ['abc-123', 'abc-123'],
    [['first', 'second'], 'first'],
    ['Root=1-5759e988-bd862e3fe1be46a994272793', 'Root=1-5759e988-bd862e3fe1be46a994272793'],
  ])('keeps the sane caller id %j', (header, expected) => {
    expect(requestIdFor(header)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['has space'],
    ['crlf\r\ninjected'],
    ['x'.repeat(129)],
    ['<script>'],
  ])('replaces %j with a fresh UUID', (header) => {
    expect(requestIdFor(header)).toMatch(uuid);
  });
});
