import type Docker from 'dockerode';
import { LABELS } from '@app/contracts';
import type { ContainerSpec } from '../container-runtime';
import {
  filesDirectory,
  fromInspect,
  fromListEntry,
  runtimeState,
  toCreateOptions,
} from './docker-mapping';

const spec: ContainerSpec = {
  name: 'lambda-hello-1',
  image: 'fn-hello:latest',
  labels: { [LABELS.function]: 'hello' },
  environment: { A: '1', B: 'x=y' },
  memoryBytes: 128 * 1024 * 1024,
  pidsLimit: 256,
  user: '993:990',
  nanoCpus: 250_000_000,
  tmpBytes: 512 * 1024 * 1024,
  log: { maxBytes: 10 * 1024 * 1024, maxFiles: 3 },
};

describe('toCreateOptions', () => {
  it.each(['published', 'network'] as const)('never grants privileges (%s mode)', (mode) => {
    const options = toCreateOptions(spec, { mode, network: 'lambda-net' });
    expect(options).toMatchObject({
      name: 'lambda-hello-1',
      Image: 'fn-hello:latest',
      Env: ['A=1', 'B=x=y'],
      User: '993:990',
      HostConfig: {
        NetworkMode: 'lambda-net',
        Memory: spec.memoryBytes,
        MemorySwap: spec.memoryBytes,
        NanoCpus: 250_000_000,
        PidsLimit: 256,
        Privileged: false,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        ReadonlyRootfs: true,
        Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=536870912,mode=1777' },
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10485760', 'max-file': '3' } },
      },
    });
    expect(options.HostConfig?.Mounts).toBeUndefined();
  });

  it('places files through a volume at their folder (the root filesystem is read-only)', () => {
    const files = [{ path: '/etc/onpre/ca.pem', content: Buffer.from('pem') }];
    const options = toCreateOptions({ ...spec, files }, { mode: 'network', network: 'n' });
    expect(options.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: '', Target: '/etc/onpre' },
    ]);
    expect(filesDirectory({ ...spec, files })).toBe('/etc/onpre');
    const scattered = [...files, { path: '/opt/x', content: Buffer.from('') }];
    expect(() => filesDirectory({ ...spec, files: scattered })).toThrow('share one folder');
  });

  it('publishes 8080 on 127.0.0.1 only and adds host-gateway in published mode', () => {
    const { HostConfig } = toCreateOptions(spec, { mode: 'published', network: 'n' });
    expect(HostConfig?.PortBindings).toEqual({
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    });
    expect(HostConfig?.ExtraHosts).toEqual(['host.docker.internal:host-gateway']);
  });

  it('publishes nothing in network mode', () => {
    const { HostConfig } = toCreateOptions(spec, { mode: 'network', network: 'n' });
    expect(HostConfig?.PortBindings).toBeUndefined();
    expect(HostConfig?.ExtraHosts).toBeUndefined();
  });
});

describe('runtimeState', () => {
  it.each([
    ['running', 'running'],
    ['created', 'stopped'],
    ['exited', 'stopped'],
    ['paused', 'paused'],
    ['dead', 'broken'],
    ['restarting', 'broken'],
    ['removing', 'broken'],
  ])('%s → %s', (docker, ours) => expect(runtimeState(docker)).toBe(ours));
});

const labels = {
  [LABELS.function]: 'hello',
  [LABELS.slot]: '3',
  [LABELS.configHash]: 'abc',
  [LABELS.createdAt]: '2026-11-28T12:00:00.000Z',
};

describe('fromListEntry', () => {
  const entry = {
    Id: 'id1',
    Names: ['/lambda-hello-3'],
    ImageID: 'sha256:aaa',
    Labels: labels,
    State: 'running',
    Ports: [
      { IP: '127.0.0.1', PrivatePort: 8080, PublicPort: 49153, Type: 'tcp' },
      { IP: '', PrivatePort: 9000, PublicPort: 0, Type: 'tcp' },
    ],
    NetworkSettings: { Networks: { 'lambda-net': { IPAddress: '172.20.0.5' } } },
  } as unknown as Docker.ContainerInfo;

  it.each([
    ['published', 'http://127.0.0.1:49153'],
    ['network', 'http://172.20.0.5:8080'],
  ] as const)('builds the %s address', (mode, url) => {
    expect(fromListEntry(entry, { mode, network: 'lambda-net' })).toEqual({
      id: 'id1',
      name: 'lambda-hello-3',
      functionName: 'hello',
      slot: 3,
      configHash: 'abc',
      imageId: 'sha256:aaa',
      createdAt: '2026-11-28T12:00:00.000Z',
      state: 'running',
      url,
    });
  });

  it('has no address when not running', () => {
    const exited = { ...entry, State: 'exited' };
    expect(fromListEntry(exited, { mode: 'published', network: 'lambda-net' }).url).toBeNull();
  });
});

describe('fromInspect', () => {
  it('reads the published port, state and image from an inspect result', () => {
    const info = {
      Id: 'id2',
      Name: '/lambda-hello-3',
      Image: 'sha256:bbb',
      Config: { Labels: labels },
      State: { Status: 'running' },
      NetworkSettings: {
        Ports: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '40001' }] },
        Networks: {},
      },
    } as unknown as Docker.ContainerInspectInfo;
    expect(fromInspect(info, { mode: 'published', network: 'n' })).toMatchObject({
      name: 'lambda-hello-3',
      url: 'http://127.0.0.1:40001',
      state: 'running',
      imageId: 'sha256:bbb',
    });
  });
});
