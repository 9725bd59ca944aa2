/**
 * The Swarm runtime's settings as the Manager's environment gives them (pure parsing, checked once at
 * start): placement constraints and spread preferences, and an optional task-template fragment for
 * site needs. Anything in that fragment that would grant function containers a privilege, or lift
 * the limits every function container gets, is refused.
 */

/** Options a site may add to every slot's task (names as in the Engine API's TaskTemplate). */
export interface SwarmTaskExtras {
  /** `ContainerSpec.Hosts`: extra `/etc/hosts` lines (`"10.0.0.5 s3.internal"`). */
  hosts?: string[];
  /** `ContainerSpec.DNSConfig`. */
  dnsConfig?: { Nameservers?: string[]; Search?: string[]; Options?: string[] };
  /** `Resources.Reservations.GenericResources` (e.g. a node-advertised device kind). */
  genericResources?: Array<Record<string, unknown>>;
}

/** Keys of the fragment that would grant a privilege or lift a limit, with the reason given. */
const PRIVILEGED: Record<string, string> = {
  'ContainerSpec.Privileges': 'would change the security profile of function containers',
  'ContainerSpec.CapabilityAdd': 'would grant Linux capabilities to function containers',
  'ContainerSpec.CapabilityDrop': 'would replace the dropping of every capability',
  'ContainerSpec.User': 'would change the unprivileged function user (993:990)',
  'ContainerSpec.Groups': 'would add groups to the function user',
  'ContainerSpec.ReadOnly': 'would make the root filesystem writable',
  'ContainerSpec.Mounts': 'would mount host paths or volumes into function containers',
  'ContainerSpec.Sysctls': 'would change kernel parameters for function containers',
  'ContainerSpec.Isolation': 'would change the isolation of function containers',
  'ContainerSpec.Ulimits': 'would change the limits of function containers',
  'ContainerSpec.Secrets': 'would hand Swarm secrets to function containers',
  'ContainerSpec.Configs': 'would hand Swarm configs to function containers',
  'ContainerSpec.Init': 'would change the process tree of function containers',
  'Resources.Limits': 'would lift the memory, CPU or process limits of function containers',
  Runtime: 'would run function containers under another runtime',
  Networks: 'would attach function containers to other networks (e.g. host)',
};
const ALLOWED = [
  'ContainerSpec.Hosts',
  'ContainerSpec.DNSConfig',
  'Resources.Reservations.GenericResources',
];

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dotted paths of the fragment's leaves we judge (down to the depth of the known keys). */
function paths(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const known = [...ALLOWED, ...Object.keys(PRIVILEGED)];
    if (known.includes(path) || !isObject(child)) return [path];
    if (!known.some((k) => k.startsWith(`${path}.`))) return [path];
    return paths(child, path);
  });
}

/** Comma-separated list → trimmed, non-empty items. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

const CONSTRAINT = /^[A-Za-z0-9_.-]+\s*(==|!=)\s*[^\s,]+$/;
const SPREAD =
  /^(?:spread=)?((?:node\.labels|engine\.labels)\.[A-Za-z0-9_.-]+|node\.(?:id|hostname))$/;

export function constraintProblems(list: string[]): string[] {
  return list
    .filter((constraint) => !CONSTRAINT.test(constraint))
    .map(
      (constraint) =>
        `'${constraint}' is not <attribute>==<value> or <attribute>!=<value> (e.g. node.labels.lambda==true)`,
    );
}

/** `spread=node.labels.zone` or `node.labels.zone` → the spread descriptor. */
export function spreadDescriptor(preference: string): string | undefined {
  return SPREAD.exec(preference)?.[1];
}

export function preferenceProblems(list: string[]): string[] {
  return list
    .filter((preference) => !spreadDescriptor(preference))
    .map(
      (preference) =>
        `'${preference}' is not spread=<node.labels.X | engine.labels.X | node.id | node.hostname>`,
    );
}

type Parsed = { extras: SwarmTaskExtras; problems: string[] };

/**
 * `SWARM_TASK_TEMPLATE` (JSON, Engine API names) → the extras it may carry. Privilege-granting or
 * limit-lifting keys are refused with the reason; other keys are not supported (listed).
 */
export function parseTaskTemplate(json: string | undefined): Parsed {
  if (json === undefined || json.trim() === '') return { extras: {}, problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return {
      extras: {},
      problems: [`not JSON (${(error as Error).message})`],
    };
  }
  if (!isObject(value)) return { extras: {}, problems: ['must be an object'] };
  const spec = isObject(value.ContainerSpec) ? value.ContainerSpec : {};
  const hostsOk = !('Hosts' in spec) || (Array.isArray(spec.Hosts) && spec.Hosts.every(isString));
  const problems = paths(value).flatMap((path) => {
    const privileged = Object.keys(PRIVILEGED).find(
      (key) => path === key || path.startsWith(`${key}.`),
    );
    if (privileged) return [`${path} refused: it ${PRIVILEGED[privileged]}`];
    if (ALLOWED.includes(path)) return [];
    return [`${path} is not supported (supported: ${ALLOWED.join(', ')})`];
  });
  if (!hostsOk) problems.push('ContainerSpec.Hosts must be a list of strings');
  const reservations = isObject(value.Resources) ? value.Resources.Reservations : undefined;
  const extras: SwarmTaskExtras = {
    ...(Array.isArray(spec.Hosts) ? { hosts: spec.Hosts.filter(isString) } : {}),
    ...(isObject(spec.DNSConfig) ? { dnsConfig: spec.DNSConfig } : {}),
    ...(isObject(reservations) && Array.isArray(reservations.GenericResources)
      ? { genericResources: reservations.GenericResources as Array<Record<string, unknown>> }
      : {}),
  };
  return { extras, problems };
}
