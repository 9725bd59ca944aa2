import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { compose, REPO_ROOT, TEST_COMPOSE_ENV } from './packaging-support';

interface ComposeService {
  image: string;
  command?: string[];
  ports?: Array<string | { published?: number | string; target: number; host_ip?: string }>;
  networks?: Record<string, unknown>;
  volumes?: Array<string | { source?: string; target: string; read_only?: boolean }>;
  environment?: Record<string, string>;
  group_add?: Array<string | number>;
  privileged?: boolean;
  cap_add?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  container_name?: string;
}
interface ComposeModel {
  services: Record<string, ComposeService>;
  networks: Record<string, { internal?: boolean; name?: string }>;
}

const STANDARD = ['docker-compose.yml'];
const TEST = ['docker-compose.yml', 'docker-compose.test.yml'];
const DIND = ['docker-compose.dind.yml'];
const DIND_CAPS = ['docker-compose.dind.yml', 'docker/dind/docker-compose.caps.yml'];
const { DOCKER_GID: _hostOnly, ...DIND_ENV } = TEST_COMPOSE_ENV;

async function resolved(files: string[], env = TEST_COMPOSE_ENV): Promise<ComposeModel> {
  const result = await compose(files, ['config'], env);
  expect(result.stderr).not.toMatch(/ERROR/);
  expect(result.code).toBe(0);
  return load(result.stdout) as ComposeModel;
}

/** Container paths of a service's mounts (`source:target[:mode]` or the long form). */
const targets = (service: ComposeService) =>
  (service.volumes ?? []).map((volume) =>
    typeof volume === 'string' ? volume.split(':')[1] : volume.target,
  );

describe('docker-compose files (docker-compose config)', () => {
  it('standard file: gateway published, manager internal with the socket, control and lambda networks internal', async () => {
    const model = await resolved(STANDARD);
    const { gateway, manager, s3, dynamodb, victorialogs } = model.services;
    expect(JSON.stringify(gateway.ports)).toContain('443');
    expect(JSON.stringify(gateway.ports)).toContain('8443');
    expect(manager.ports).toBeUndefined();
    // Functions share only the Lambda network: the Manager API (listening on its control address
    // only) and VictoriaLogs are on the control network, which no function joins.
    expect(Object.keys(manager.networks ?? {}).sort()).toEqual(['control', 'lambda']);
    expect(manager.networks?.control).toMatchObject({ aliases: ['manager-api'] });
    expect(manager.environment).toMatchObject({ MANAGER_HOST: 'manager-api' });
    expect(gateway.environment).toMatchObject({ MANAGER_URL: 'http://manager-api:8081' });
    expect(Object.keys(gateway.networks ?? {}).sort()).toEqual(['control', 'edge', 'lambda']);
    expect(model.networks.control).toMatchObject({ internal: true });
    expect(targets(manager)).toContain('/var/run/docker.sock');
    expect(manager.group_add?.map(String)).toEqual(['0']);
    expect(model.networks.lambda).toMatchObject({ internal: true, name: 'onpre-internal-network' });
    expect(s3.image).toBe('rustfs/rustfs:latest');
    expect(dynamodb.image).toBe('scylladb/scylla:latest');
    expect(victorialogs.image).toBe('victoriametrics/victoria-logs:latest');
    expect(manager.environment).toMatchObject({
      FUNCTION_AWS_ENDPOINT_URL_S3: 'http://s3:9000',
      FUNCTION_AWS_ENDPOINT_URL_DYNAMODB: 'http://dynamodb:8001',
      VICTORIALOGS_URL: 'http://victorialogs:9428',
      LAMBDA_NETWORK: 'onpre-internal-network',
    });
    for (const name of ['s3', 'dynamodb', 'victorialogs']) {
      const networks = name === 'victorialogs' ? ['control', 'edge'] : ['edge', 'lambda'];
      expect(Object.keys(model.services[name].networks ?? {}).sort()).toEqual(networks);
      expect(targets(model.services[name])).toHaveLength(1);
    }
  });

  it('keeps the seed variable names and their defaults, overridable from the environment', async () => {
    const defaults = await resolved(STANDARD);
    expect(defaults.services.manager.environment).toMatchObject({ IDLE_TIMEOUT_MINUTES: '5' });
    expect(defaults.services.gateway.environment).toMatchObject({ CONTAINER_CACHE_TTL: '30' });
    const custom = await resolved(STANDARD, {
      ...TEST_COMPOSE_ENV,
      IDLE_TIMEOUT_MINUTES: '15',
      LAMBDA_NETWORK: 'pkgtest-net',
    });
    expect(custom.services.manager.environment).toMatchObject({
      IDLE_TIMEOUT_MINUTES: '15',
      LAMBDA_NETWORK: 'pkgtest-net',
    });
    expect(custom.networks.lambda.name).toBe('pkgtest-net');
  });

  it.each(Object.keys(TEST_COMPOSE_ENV))('refuses to resolve without %s', async (name) => {
    const env = { ...TEST_COMPOSE_ENV, [name]: '' };
    const result = await compose(STANDARD, ['config'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(name);
  });

  it('test override swaps the data services for the local stand-ins, keeping names and volume paths', async () => {
    const standard = await resolved(STANDARD);
    const model = await resolved(TEST);
    const commands = { s3: ['s3'], dynamodb: ['dynamodb'], victorialogs: ['logs'] };
    for (const [name, command] of Object.entries(commands)) {
      const service = model.services[name];
      expect(service.image).toBe('onpre-lambda/standins:latest');
      expect(service.command).toEqual(command);
      expect(targets(service)).toEqual(targets(standard.services[name]));
      expect(targets(service)).toContain(service.environment?.STANDIN_DATA_DIR);
    }
    expect(model.services.gateway.image).toBe('onpre-lambda/gateway:latest');
  });

  it('DinD file: one privileged parent named onpre-app-root, seed ports, engine data on a volume', async () => {
    const model = await resolved(DIND, DIND_ENV);
    const root = model.services['onpre-app-root'];
    expect(Object.keys(model.services)).toEqual(['onpre-app-root']);
    expect(root.container_name).toBe('onpre-app-root');
    expect(root.privileged).toBe(true);
    const ports = JSON.stringify(root.ports);
    for (const port of ['443', '9000', '8001', '9428']) expect(ports).toContain(port);
    expect(targets(root)).toEqual(
      expect.arrayContaining(['/var/lib/docker', '/config', '/images']),
    );
    expect(root.environment).toMatchObject({ ONPRE_COMPOSE_FILES: 'docker-compose.yml' });
  });

  it('DinD capability override: not privileged, every capability but SYS_RESOURCE, unconfined', async () => {
    const root = (await resolved(DIND_CAPS, DIND_ENV)).services['onpre-app-root'];
    expect(root.privileged).toBe(false);
    expect(root.cap_add).toEqual(['ALL']);
    expect(root.cap_drop).toEqual(['SYS_RESOURCE']);
    expect(root.security_opt?.sort()).toEqual(['apparmor=unconfined', 'seccomp=unconfined']);
  });

  it.each(Object.keys(DIND_ENV))('DinD file refuses to resolve without %s', async (name) => {
    const result = await compose(DIND, ['config'], { ...DIND_ENV, [name]: '' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(name);
  });

  it.each(['docker-compose.yml', 'docker-compose.dind.yml'])(
    '.env.example names every variable %s interpolates',
    (file) => {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      const used = new Set([...text.matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]));
      const example = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
      const documented = new Set(
        [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]),
      );
      expect([...used].filter((name) => !documented.has(name))).toEqual([]);
    },
  );
});
