import type Docker from 'dockerode';
import { INSTANCE_LABEL, LABELS } from '@app/contracts';
import type { ContainerSpec } from '../container-runtime';
import {
  currentTask,
  fromService,
  IMAGE_LABEL,
  slotState,
  SwarmPlacement,
  SwarmService,
  SwarmTask,
  taskProblem,
  taskUrl,
  toServiceSpec,
} from './swarm-mapping';

const MIB = 1024 * 1024;
const labels = {
  [LABELS.managed]: 'true',
  [LABELS.function]: 'hello',
  [LABELS.configHash]: 'abc',
  [LABELS.createdAt]: '2026-12-04T22:00:00.000Z',
  [LABELS.slot]: '2',
  [INSTANCE_LABEL]: 'prod',
};
const spec: ContainerSpec = {
  name: 'lambda-hello-2',
  image: 'fn-hello:latest',
  labels,
  environment: { A: '1', B: 'x=y' },
  memoryBytes: 1769 * MIB,
  pidsLimit: 256,
  user: '993:990',
  nanoCpus: 1_000_000_000,
  tmpBytes: 512 * MIB,
  log: { maxBytes: 10 * MIB, maxFiles: 3 },
};
const placement: SwarmPlacement = {
  network: 'lambda-overlay',
  constraints: ['node.labels.lambda==true'],
  preferences: ['node.labels.zone'],
  extras: {},
  noNewPrivileges: false,
};
const image = { reference: 'reg:5000/fn-hello:latest@sha256:d1', id: 'sha256:d1' };

describe('toServiceSpec', () => {
  const service = toServiceSpec(spec, image, placement);
  const task = service.TaskTemplate as Docker.ContainerTaskSpec;

  it('is one slot: created at 0 replicas, no restart, DNS round robin (no virtual IP)', () => {
    expect(service).toMatchObject({
      Name: 'lambda-hello-2',
      Labels: { ...labels, [IMAGE_LABEL]: 'sha256:d1' },
      Mode: { Replicated: { Replicas: 0 } },
      EndpointSpec: { Mode: 'dnsrr' },
    });
    expect(task.RestartPolicy).toEqual({ Condition: 'none' });
  });

  it('never grants privileges: function user, read-only root with tmpfs /tmp, no capabilities', () => {
    expect(task.ContainerSpec).toMatchObject({
      Image: 'reg:5000/fn-hello:latest@sha256:d1',
      Labels: labels,
      Env: ['A=1', 'B=x=y'],
      User: '993:990',
      ReadOnly: true,
      CapabilityDrop: ['ALL'],
      StopGracePeriod: 2e9,
      Mounts: [
        { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 512 * MIB, Mode: 0o1777 } },
      ],
    });
    expect(task.ContainerSpec).not.toHaveProperty('CapabilityAdd');
    expect(task.ContainerSpec).not.toHaveProperty('Privileges');
  });

  it.each([
    ['an old engine (API < 1.44)', false, undefined],
    ['a newer engine', true, { NoNewPrivileges: true }],
  ])('sets no-new-privileges on %s when the API has the field', (_, allowed, expected) => {
    const spec2 = toServiceSpec(spec, image, { ...placement, noNewPrivileges: allowed });
    const container = (spec2.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec;
    expect(container?.Privileges).toEqual(expected);
  });

  it.each([
    // memory, limit (spec, with the floor) → reservation (Lambda's share, never above the limit)
    [128, 1e9, Math.round((128 / 1769) * 1e9)],
    [1769, 1e9, 1e9],
    [3538, 2e9, 2e9],
  ])('%i MiB: CPU limit %d, reservation at Lambda share', (memory, nanoCpus, reserved) => {
    const sized = toServiceSpec({ ...spec, memoryBytes: memory * MIB, nanoCpus }, image, placement);
    expect((sized.TaskTemplate as Docker.ContainerTaskSpec).Resources).toEqual({
      Limits: { MemoryBytes: memory * MIB, NanoCPUs: nanoCpus, Pids: 256 },
      Reservations: { MemoryBytes: memory * MIB, NanoCPUs: reserved },
    });
  });

  it('places by the configured constraints and spreads, on the overlay network, with json-file logs', () => {
    expect(task.Placement).toEqual({
      Constraints: ['node.labels.lambda==true'],
      Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }],
    });
    expect(task.Networks).toEqual([{ Target: 'lambda-overlay' }]);
    expect(task.LogDriver).toEqual({
      Name: 'json-file',
      Options: { 'max-size': String(10 * MIB), 'max-file': '3' },
    });
  });

  it('mounts files as Swarm configs, readable by the function user only as files', () => {
    const files = [{ id: 'cfg1', name: 'onpre-lambda-file-x', path: '/etc/onpre/ca.pem' }];
    const withFiles = toServiceSpec(spec, image, placement, files);
    expect((withFiles.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec?.Configs).toEqual([
      {
        ConfigID: 'cfg1',
        ConfigName: 'onpre-lambda-file-x',
        File: { Name: '/etc/onpre/ca.pem', UID: '993', GID: '990', Mode: 0o444 },
      },
    ]);
  });

  it('adds the vetted site extras (hosts, DNS, generic resources)', () => {
    const extras = {
      hosts: ['10.0.0.5 s3.internal'],
      dnsConfig: { Nameservers: ['10.0.0.53'] },
      genericResources: [{ DiscreteResourceSpec: { Kind: 'gpu', Value: 1 } }],
    };
    const extended = toServiceSpec(spec, image, { ...placement, extras });
    const template = extended.TaskTemplate as Docker.ContainerTaskSpec;
    expect(template.ContainerSpec).toMatchObject({
      Hosts: extras.hosts,
      DNSConfig: extras.dnsConfig,
    });
    expect(template.Resources?.Reservations?.GenericResources).toEqual(extras.genericResources);
  });
});

const T0 = '2026-12-04T22:00:00.000Z';
const LATER = '2026-12-04T22:00:05.000Z';
const EARLIER = '2026-12-04T21:59:00.000Z';

function service(replicas: number, updatedAt = T0): SwarmService {
  return {
    ID: 'svc1',
    UpdatedAt: updatedAt,
    Spec: {
      Name: 'lambda-hello-2',
      Labels: { ...labels, [IMAGE_LABEL]: 'sha256:d1' },
      Mode: { Replicated: { Replicas: replicas } },
    },
  };
}

function task(state: string, desired = 'running', extra: Partial<SwarmTask> = {}): SwarmTask {
  return {
    ID: `t-${state}-${desired}`,
    ServiceID: 'svc1',
    NodeID: 'node-a',
    CreatedAt: LATER,
    DesiredState: desired,
    Status: { State: state },
    NetworksAttachments: [
      { Network: { ID: 'ingress-id', Spec: { Name: 'ingress' } }, Addresses: ['10.0.0.9/24'] },
      { Network: { ID: 'net-id', Spec: { Name: 'lambda-overlay' } }, Addresses: ['10.0.1.7/24'] },
    ],
    ...extra,
  };
}

describe('slotState (service replicas + current task + node → ours)', () => {
  const up = (): boolean => true;
  it.each([
    ['scaled to 0', 0, task('running', 'shutdown'), up, 'stopped'],
    ['scaled up, Swarm has made no task yet', 1, undefined, up, 'stopped'],
    ['task pending (no node fits yet)', 1, task('pending'), up, 'stopped'],
    ['task preparing (pulling the image)', 1, task('preparing'), up, 'stopped'],
    ['task starting', 1, task('starting'), up, 'stopped'],
    ['task running on a ready node', 1, task('running'), up, 'running'],
    ['task running on a node that is down', 1, task('running'), (): boolean => false, 'broken'],
    ['task rejected (no such image)', 1, task('rejected'), up, 'broken'],
    ['task failed (exited non-zero)', 1, task('failed'), up, 'broken'],
    ['task complete (exited 0)', 1, task('complete'), up, 'broken'],
    ['task orphaned', 1, task('orphaned'), up, 'broken'],
    ['Swarm gave up on the task (node left)', 1, task('running', 'shutdown'), up, 'broken'],
  ] as const)('%s → %s', (_, replicas, current, ready, expected) => {
    expect(slotState(service(replicas), current, ready)).toBe(expected);
  });
});

describe('currentTask', () => {
  it.each([
    [
      'the one desired running wins over history',
      [task('failed', 'shutdown'), task('running')],
      'running',
    ],
    [
      'else the newest made since the last scale-up',
      [task('rejected', 'shutdown'), task('failed', 'shutdown', { CreatedAt: EARLIER })],
      'rejected',
    ],
    [
      'tasks older than the scale-up are history',
      [task('failed', 'shutdown', { CreatedAt: EARLIER })],
      undefined,
    ],
    [
      'other services\u2019 tasks are ignored',
      [task('running', 'running', { ServiceID: 'other' })],
      undefined,
    ],
  ])('%s', (_, tasks, state) => {
    expect(currentTask(service(1), tasks)?.Status?.State).toBe(state);
  });
});

describe('task addresses and problems', () => {
  it.each([
    ['by network name', 'lambda-overlay', 'http://10.0.1.7:8080'],
    ['by network id', 'net-id', 'http://10.0.1.7:8080'],
    ['not on that network', 'other', null],
  ])('url %s', (_, network, url) => {
    expect(taskUrl(task('running'), network)).toBe(url);
  });

  it.each([
    [undefined, 'no task yet'],
    [
      task('pending', 'running', {
        Status: { State: 'pending', Err: 'no suitable node (insufficient resources on 3 nodes)' },
      }),
      'pending: no suitable node (insufficient resources on 3 nodes)',
    ],
    [
      task('rejected', 'shutdown', { Status: { State: 'rejected', Err: 'No such image: fn:1' } }),
      'rejected: No such image: fn:1',
    ],
    [task('starting'), 'starting'],
  ])('problem of %#', (current, text) => {
    expect(taskProblem(current)).toBe(text);
  });
});

describe('fromService', () => {
  it('reads the slot from the service labels and its running task', () => {
    expect(fromService(service(1), [task('running')], 'lambda-overlay', () => true)).toEqual({
      id: 'svc1',
      name: 'lambda-hello-2',
      functionName: 'hello',
      slot: 2,
      configHash: 'abc',
      imageId: 'sha256:d1',
      createdAt: '2026-12-04T22:00:00.000Z',
      state: 'running',
      url: 'http://10.0.1.7:8080',
    });
  });

  it('has no address unless running', () => {
    const slot = fromService(service(1), [task('starting')], 'lambda-overlay', () => true);
    expect(slot).toMatchObject({ state: 'stopped', url: null });
  });
});
