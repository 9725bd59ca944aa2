import 'reflect-metadata';
import { EnvironmentError, validateEnvironment } from '@app/platform';
import { MANAGER_ENV_SCHEMA } from './manager-env';
import {
  constraintProblems,
  parseList,
  parseTaskTemplate,
  preferenceProblems,
  spreadDescriptor,
} from './swarm-settings';

describe('swarm placement settings', () => {
  it.each([
    [undefined, []],
    ['', []],
    [
      ' node.labels.lambda==true , node.role!=manager ,',
      ['node.labels.lambda==true', 'node.role!=manager'],
    ],
  ])('parseList(%j)', (value, list) => {
    expect(parseList(value)).toEqual(list);
  });

  it.each([
    ['node.labels.lambda==true', true],
    ['node.role != manager', true],
    ['engine.labels.os==linux', true],
    ['node.labels.lambda', false],
    ['node.labels.lambda=true', false],
    ['== true', false],
  ])('constraint %s valid: %s', (constraint, valid) => {
    expect(constraintProblems([constraint]).length === 0).toBe(valid);
  });

  it.each([
    ['spread=node.labels.zone', 'node.labels.zone'],
    ['node.labels.rack', 'node.labels.rack'],
    ['spread=node.hostname', 'node.hostname'],
    ['binpack=node.labels.zone', undefined],
    ['spread=zone', undefined],
  ])('preference %s → %s', (preference, descriptor) => {
    expect(spreadDescriptor(preference)).toBe(descriptor);
    expect(preferenceProblems([preference]).length === 0).toBe(descriptor !== undefined);
  });
});

describe('parseTaskTemplate (site extras; privileges refused)', () => {
  it('takes hosts, DNS and generic resource reservations', () => {
    const json = JSON.stringify({
      ContainerSpec: { Hosts: ['10.0.0.5 s3.internal'], DNSConfig: { Nameservers: ['10.0.0.53'] } },
      Resources: {
        Reservations: { GenericResources: [{ DiscreteResourceSpec: { Kind: 'gpu', Value: 1 } }] },
      },
    });
    expect(parseTaskTemplate(json)).toEqual({
      extras: {
        hosts: ['10.0.0.5 s3.internal'],
        dnsConfig: { Nameservers: ['10.0.0.53'] },
        genericResources: [{ DiscreteResourceSpec: { Kind: 'gpu', Value: 1 } }],
      },
      problems: [],
    });
  });

  it.each([
    [
      { ContainerSpec: { CapabilityAdd: ['NET_ADMIN'] } },
      'ContainerSpec.CapabilityAdd refused: it would grant Linux capabilities to function containers',
    ],
    [
      { ContainerSpec: { Privileges: { SELinuxContext: { Disable: true } } } },
      'ContainerSpec.Privileges refused: it would change the security profile of function containers',
    ],
    [
      {
        ContainerSpec: { Mounts: [{ Type: 'bind', Source: '/var/run/docker.sock', Target: '/s' }] },
      },
      'ContainerSpec.Mounts refused: it would mount host paths or volumes into function containers',
    ],
    [
      { ContainerSpec: { User: 'root' } },
      'ContainerSpec.User refused: it would change the unprivileged function user (993:990)',
    ],
    [
      { ContainerSpec: { ReadOnly: false } },
      'ContainerSpec.ReadOnly refused: it would make the root filesystem writable',
    ],
    [
      { ContainerSpec: { Sysctls: { 'net.ipv4.ip_forward': '1' } } },
      'ContainerSpec.Sysctls refused: it would change kernel parameters for function containers',
    ],
    [
      { Resources: { Limits: { MemoryBytes: 1 } } },
      'Resources.Limits refused: it would lift the memory, CPU or process limits of function containers',
    ],
    [
      { Networks: [{ Target: 'host' }] },
      'Networks refused: it would attach function containers to other networks (e.g. host)',
    ],
    [
      { Runtime: 'plugin' },
      'Runtime refused: it would run function containers under another runtime',
    ],
    [
      { RestartPolicy: { Condition: 'any' } },
      'RestartPolicy is not supported (supported: ContainerSpec.Hosts, ContainerSpec.DNSConfig, Resources.Reservations.GenericResources)',
    ],
    [{ ContainerSpec: { Hosts: [1] } }, 'ContainerSpec.Hosts must be a list of strings'],
    [[], 'must be an object'],
  ])('%j → %s', (template, problem) => {
    expect(parseTaskTemplate(JSON.stringify(template)).problems).toEqual([problem]);
  });

  it('reports text that is not JSON', () => {
    expect(parseTaskTemplate('{nope').problems).toEqual([expect.stringMatching(/^not JSON/)]);
  });
});

describe('ManagerEnv swarm variables', () => {
  const validate = (env: Record<string, string>) => validateEnvironment(MANAGER_ENV_SCHEMA, env);
  const problems = (env: Record<string, string>) => {
    try {
      validate(env);
      return [];
    } catch (error) {
      return (error as EnvironmentError).problems;
    }
  };

  it('defaults to the Docker engine adapter, cool tier on', () => {
    expect(validate({})).toMatchObject({ CONTAINER_RUNTIME: 'docker' });
    expect(validate({}).coolAfterMs).toBe(30_000);
  });

  it('turns the cool tier off on swarm (services cannot pause)', () => {
    const env = validate({ CONTAINER_RUNTIME: 'swarm', COOL_AFTER_SECONDS: '30' });
    expect(env.coolAfterMs).toBe(0);
  });

  it('lists every bad swarm variable, refusing privilege-granting task settings', () => {
    expect(
      problems({
        CONTAINER_RUNTIME: 'kubernetes',
        SWARM_PLACEMENT_CONSTRAINTS: 'node.labels.lambda',
        SWARM_PLACEMENT_PREFERENCES: 'binpack',
        SWARM_REGISTRY: 'http://reg:5000',
        SWARM_TASK_TEMPLATE: '{"ContainerSpec":{"CapabilityAdd":["SYS_ADMIN"]}}',
      }),
    ).toEqual([
      'CONTAINER_RUNTIME: must be one of docker, swarm',
      "SWARM_PLACEMENT_CONSTRAINTS: 'node.labels.lambda' is not <attribute>==<value> or <attribute>!=<value> (e.g. node.labels.lambda==true)",
      "SWARM_PLACEMENT_PREFERENCES: 'binpack' is not spread=<node.labels.X | engine.labels.X | node.id | node.hostname>",
      'SWARM_REGISTRY: must be host[:port][/path] (e.g. 127.0.0.1:5000)',
      'SWARM_TASK_TEMPLATE: ContainerSpec.CapabilityAdd refused: it would grant Linux capabilities to function containers',
    ]);
  });

  it('accepts a full swarm configuration', () => {
    expect(
      problems({
        CONTAINER_RUNTIME: 'swarm',
        SWARM_PLACEMENT_CONSTRAINTS: 'node.labels.lambda==true,node.role!=manager',
        SWARM_PLACEMENT_PREFERENCES: 'spread=node.labels.zone',
        SWARM_REGISTRY: '127.0.0.1:5000/onpre',
        SWARM_TASK_TEMPLATE: '{"ContainerSpec":{"Hosts":["10.0.0.5 s3"]}}',
      }),
    ).toEqual([]);
  });
});
