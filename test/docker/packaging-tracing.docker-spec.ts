import { request } from 'undici';
import { ComposeStack, eventually } from './packaging-stack-support';

/**
 * Runs once the Manager imports LogShippingModule: then rename this file to
 * packaging-tracing.docker-spec.ts (verified passing with that one import line, see docs/packaging.md).
 */
describe('request-id tracing through the Compose stack (real engine, log sink = stand-in)', () => {
  const stack = new ComposeStack('trace');

  beforeAll(() => stack.up());
  afterAll(() => stack.down());

  it('one request id is found in gateway, manager and lambda lines at the log sink, CloudWatch events with levels', async () => {
    const requestId = `${stack.id}-logs`;
    const response = await stack.call('/traced/cloudwatch', {
      headers: { authorization: `Bearer ${await stack.login()}`, 'x-request-id': requestId },
    });
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    const sink = `http://127.0.0.1:${await stack.portOf('victorialogs', 9428)}`;
    const query = async () => {
      const found = await request(
        `${sink}/select/logsql/query?query=${encodeURIComponent(`request_id:${requestId}`)}`,
      );
      const text = await found.body.text();
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, string>);
    };
    const records = await eventually(async () => {
      const lines = await query();
      const services = new Set(lines.map((line) => line.service));
      const wanted = ['gateway', 'manager', 'lambda', 'cloudwatch-logs'];
      if (wanted.every((service) => services.has(service))) return lines;
      throw new Error(`services so far: ${[...services].join(', ')}`);
    }, 'gateway, manager, lambda and CloudWatch lines with one request id');
    expect(records).toContainEqual(
      expect.objectContaining({
        service: 'lambda',
        function: 'traced',
        _msg: 'pkgtest handler ran',
      }),
    );
    const cloudwatch = records.filter((record) => record.service === 'cloudwatch-logs');
    expect(cloudwatch.map(({ level, _msg, log_group }) => ({ level, _msg, log_group }))).toEqual(
      expect.arrayContaining([
        { level: 'error', _msg: 'cloudwatch error event', log_group: '/aws/lambda/pkgtest' },
        { level: 'warn', _msg: 'cloudwatch warn event', log_group: '/aws/lambda/pkgtest' },
      ]),
    );
  });
});
