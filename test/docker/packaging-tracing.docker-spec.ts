import { request } from 'undici';
import { testDocker } from '../support/docker';
import { ComposeStack, eventually } from './packaging-stack-support';

/**
 * The Compose stack's log pipeline: the Manager ships the Gateway's, its own and the function
 * containers' lines to the log sink (the VictoriaLogs stand-in), queried back by request id.
 */
describe('request-id tracing through the Compose stack (real engine, log sink = stand-in)', () => {
  const stack = new ComposeStack('trace');

  beforeAll(() => stack.up());
  afterAll(() => stack.down());

  it('one request id is found in gateway, manager and lambda lines at the log sink, CloudWatch events with levels and the sending container', async () => {
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
    // Written by the Gateway's container, shipped as from the function container that sent them.
    const [traced] = await testDocker().listContainers({
      filters: { label: [`onpre-lambda.instance=${stack.id}`, 'onpre-lambda.function=traced'] },
    });
    const origin = { container_name: traced.Names[0].replace(/^\//, ''), function: 'traced' };
    const cloudwatch = records
      .filter((record) => record.service === 'cloudwatch-logs')
      .map(({ level, _msg, log_group, container_name, function: fn }) => ({
        level,
        _msg,
        log_group,
        container_name,
        function: fn,
      }));
    const group = '/aws/lambda/pkgtest';
    expect(cloudwatch).toEqual(
      expect.arrayContaining([
        { level: 'error', _msg: 'cloudwatch error event', log_group: group, ...origin },
        { level: 'warn', _msg: 'cloudwatch warn event', log_group: group, ...origin },
      ]),
    );
  });
});
