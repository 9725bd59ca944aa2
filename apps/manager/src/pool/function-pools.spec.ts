import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPoolHarness } from '../../test/fakes/pool-harness';
import { FakeHttpProbe } from '../../test/fakes/fake-http-probe';
import { FunctionNotConfiguredError, ImageNotFoundError, StartTimeoutError } from '../errors';

describe('FunctionPools.ensure', () => {
  it('starts one container cold, then answers warm without starting', async () => {
    const { pools, runtime } = createPoolHarness();
    const cold = await pools.ensure('hello');
    expect(cold).toMatchObject({
      function: 'hello',
      started: 1,
      maxContainers: 3,
      timeoutSeconds: 3,
    });
    expect(cold.containers).toEqual([
      {
        id: expect.any(String),
        name: 'lambda-hello-1',
        url: 'http://fake-lambda-hello-1:8080',
        lastActiveAt: expect.any(String),
      },
    ]);
    const warm = await pools.ensure('hello');
    expect(warm.started).toBe(0);
    expect(warm.containers).toEqual(cold.containers);
    expect(runtime.calls.run).toBe(1);
  });

  it('makes exactly one start for 20 concurrent cold ensures', async () => {
    const { pools, runtime } = createPoolHarness();
    let open!: () => void;
    runtime.runGate = new Promise<void>((resolve) => (open = resolve));
    const results = Promise.all(Array.from({ length: 20 }, () => pools.ensure('hello')));
    open();
    const answers = await results;
    expect(runtime.calls.run).toBe(1);
    expect(new Set(answers.map((a) => a.containers[0].id)).size).toBe(1);
  });

  it('grows the pool by one per scale request up to the reserved concurrency', async () => {
    const { pools, runtime } = createPoolHarness();
    await pools.ensure('hello');
    const sizes: number[] = [];
    for (let i = 0; i < 4; i++)
      sizes.push((await pools.ensure('hello', 'scale')).containers.length);
    expect(sizes).toEqual([2, 3, 3, 3]);
    expect(runtime.calls.run).toBe(3);
    const names = (await runtime.list('hello')).map((c) => c.name).sort();
    expect(names).toEqual(['lambda-hello-1', 'lambda-hello-2', 'lambda-hello-3']);
  });

  it('starts as many containers as a scale request wants in parallel, in distinct slots, up to the limit', async () => {
    const { pools, runtime } = createPoolHarness();
    await pools.ensure('hello');
    let open!: () => void;
    runtime.runGate = new Promise<void>((resolve) => (open = resolve));
    const scaling = pools.ensure('hello', 'scale', 5);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runtime.calls.run).toBe(3); // the cold one, then both extra starts in flight together
    open();
    const scaled = await scaling;
    expect(scaled.started).toBe(2);
    expect(scaled.containers.map((c) => c.name).sort()).toEqual([
      'lambda-hello-1',
      'lambda-hello-2',
      'lambda-hello-3',
    ]);
  });

  it('answers what started when only some of a parallel scale-up start', async () => {
    const { pools, runtime } = createPoolHarness();
    runtime.foreignNames.add('lambda-hello-3');
    runtime.foreignNames.add('lambda-hello-4');
    runtime.foreignNames.add('lambda-hello-5');
    runtime.foreignNames.add('lambda-hello-6');
    runtime.foreignNames.add('lambda-hello-7');
    runtime.foreignNames.add('lambda-hello-8');
    runtime.foreignNames.add('lambda-hello-9');
    await pools.ensure('hello');
    const scaled = await pools.ensure('hello', 'scale', 2);
    expect(scaled.started).toBe(1);
    expect(scaled.containers.map((c) => c.name).sort()).toEqual([
      'lambda-hello-1',
      'lambda-hello-2',
    ]);
  });

  it('serialises concurrent scale requests so the limit holds', async () => {
    const { pools, runtime } = createPoolHarness();
    await Promise.all(Array.from({ length: 10 }, () => pools.ensure('hello', 'scale')));
    expect(runtime.calls.run).toBe(3);
  });

  it('answers the serving pool when scaling out fails', async () => {
    const { pools, runtime } = createPoolHarness();
    const cold = await pools.ensure('hello');
    runtime.missingImages.add('fn-hello:latest');
    const scaled = await pools.ensure('hello', 'scale');
    expect(scaled).toMatchObject({ started: 0, containers: cold.containers });
  });

  it('skips slots whose names containers it does not own hold', async () => {
    const { pools, runtime } = createPoolHarness();
    runtime.foreignNames.add('lambda-hello-1');
    runtime.foreignNames.add('lambda-hello-2');
    const answer = await pools.ensure('hello');
    expect(answer.containers.map((c) => c.name)).toEqual(['lambda-hello-3']);
  });

  it('replaces a container killed out of band', async () => {
    const { pools, runtime } = createPoolHarness();
    const first = await pools.ensure('hello');
    runtime.kill(first.containers[0].id);
    const second = await pools.ensure('hello');
    expect(second.started).toBe(1);
    expect(runtime.calls.start + runtime.calls.run).toBe(2);
    expect(second.containers).toHaveLength(1);
  });

  it('restarts a stopped container with the current configuration instead of creating one', async () => {
    const { pools, runtime } = createPoolHarness();
    const first = await pools.ensure('hello');
    await runtime.stop(first.containers[0].id);
    const second = await pools.ensure('hello');
    expect(second.containers[0].id).toBe(first.containers[0].id);
    expect(runtime.calls).toMatchObject({ run: 1, start: 1 });
  });

  it('replaces a container whose configuration changed on reload, keeps unchanged ones', async () => {
    const { pools, runtime, source, registry } = createPoolHarness();
    const hello = await pools.ensure('hello');
    const other = await pools.ensure('other');
    source.text = source.text.replace('fn-hello:latest', 'fn-hello:v2');
    expect(registry.reload()).toBe(true);
    const helloAfter = await pools.ensure('hello');
    const otherAfter = await pools.ensure('other');
    expect(helloAfter.started).toBe(1);
    expect(helloAfter.containers[0].id).not.toBe(hello.containers[0].id);
    expect(otherAfter).toEqual({ ...other, started: 0 });
    expect(runtime.containers.has(hello.containers[0].id)).toBe(false);
  });

  it('replaces a container whose image was rebuilt under the same tag, keeps the others', async () => {
    const { pools, runtime } = createPoolHarness();
    const hello = await pools.ensure('hello');
    const other = await pools.ensure('other');
    runtime.imageIds.set('fn-hello:latest', 'sha256:rebuilt');
    const helloAfter = await pools.ensure('hello');
    expect(helloAfter.started).toBe(1);
    expect(helloAfter.containers[0].id).not.toBe(hello.containers[0].id);
    expect(runtime.containers.has(hello.containers[0].id)).toBe(false);
    expect(runtime.containers.get(helloAfter.containers[0].id)?.imageId).toBe('sha256:rebuilt');
    expect(await pools.ensure('other')).toEqual({ ...other, started: 0 });
    expect((await pools.ensure('hello')).started).toBe(0);
  });

  it.each([
    ['a readable FUNCTION_CA_FILE: placed at /etc/onpre/ca.pem', 'readable', ['/etc/onpre/ca.pem']],
    ['an unreadable one: started without it', 'missing', undefined],
    ['none configured', undefined, undefined],
  ])('gives new containers the CA file: %s', async (_name, which, paths) => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-'));
    writeFileSync(join(dir, 'readable'), 'PEM');
    const caFile = which && join(dir, which);
    const { pools, runtime } = createPoolHarness(undefined, undefined, { caFile });
    await pools.ensure('hello');
    const files = runtime.files.get('lambda-hello-1');
    expect(files?.map((file) => file.path)).toEqual(paths);
    if (paths) expect(files?.[0].content.toString()).toBe('PEM');
  });

  it('answers at most the reserved concurrency after a reload lowered it', async () => {
    const { pools, source, registry } = createPoolHarness();
    await pools.ensure('hello');
    await pools.ensure('hello', 'scale');
    source.text = source.text.replace('reservedConcurrency: 3', 'reservedConcurrency: 1');
    registry.reload();
    const answer = await pools.ensure('hello', 'scale');
    expect(answer).toMatchObject({ started: 0, maxContainers: 1 });
    expect(answer.containers).toHaveLength(1);
  });

  it('keeps the previous configuration when a reload finds an invalid file', async () => {
    const { registry, source } = createPoolHarness();
    source.text = 'functions:\n  hello: { timeout: 0 }';
    expect(registry.reload()).toBe(false);
    expect(registry.get('hello').image).toBe('fn-hello:latest');
  });

  it('refuses functions that are not configured', async () => {
    const { pools } = createPoolHarness();
    await expect(pools.ensure('nope')).rejects.toBeInstanceOf(FunctionNotConfiguredError);
  });

  it('reports a missing image by name', async () => {
    const { pools, runtime } = createPoolHarness();
    runtime.missingImages.add('fn-hello:latest');
    await expect(pools.ensure('hello')).rejects.toThrow(ImageNotFoundError);
    await expect(pools.ensure('hello')).rejects.toThrow(/fn-hello:latest/);
  });

  it('removes a container that never gets ready and answers with a start timeout', async () => {
    const { pools, runtime, metrics } = createPoolHarness(undefined, new FakeHttpProbe([], 503));
    await expect(pools.ensure('hello')).rejects.toBeInstanceOf(StartTimeoutError);
    expect(runtime.containers.size).toBe(0);
    expect(
      await metrics.registry.getSingleMetricAsString('onpre_manager_cold_starts_total'),
    ).not.toMatch(/hello/);
  });

  it('counts cold starts and start durations in the metrics', async () => {
    const { pools, metrics } = createPoolHarness();
    await pools.ensure('hello');
    const text = await metrics.registry.metrics();
    expect(text).toContain('onpre_manager_cold_starts_total{function="hello"} 1');
    expect(text).toContain('onpre_manager_container_start_seconds_count{function="hello"} 1');
    expect(text).toContain('onpre_manager_containers{state="running"} 1');
  });

  it('times each start by phase: create, engine start, readiness (create is 0 for a restart)', async () => {
    const probe = new FakeHttpProbe(['refused', 'refused', 200]);
    const { pools, metrics, runtime } = createPoolHarness(undefined, probe);
    const { containers } = await pools.ensure('hello');
    await runtime.stop(containers[0].id);
    await pools.ensure('hello');
    const phase = (name: string) =>
      new RegExp(`onpre_manager_container_start_phase_seconds_count\\{phase="${name}"\\} 2`);
    const text = await metrics.registry.metrics();
    for (const name of ['create', 'start', 'ready']) expect(text).toMatch(phase(name));
    // Two failed probes, 10 ms apart on the fake clock, before the runtime answered.
    expect(text).toMatch(/start_phase_seconds_bucket\{le="0.025",phase="ready"\} 2/);
  });
});
