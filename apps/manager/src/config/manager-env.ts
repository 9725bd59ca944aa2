import { IsIn, IsOptional, IsString, IsUrl, Matches, ValidateBy } from 'class-validator';
import { Transform } from 'class-transformer';
import {
  CommonEnv,
  EnvironmentSchema,
  IntegerVariable,
  NumberVariable,
  SHARED_SECRETS,
} from '@app/platform';
import {
  constraintProblems,
  parseList,
  parseTaskTemplate,
  preferenceProblems,
} from './swarm-settings';

/** How callers reach a function container: a port published on 127.0.0.1, or its network address. */
export const ADDRESS_MODES = ['published', 'network'] as const;
export type AddressMode = (typeof ADDRESS_MODES)[number];

/** Where function containers run: this Docker engine, or the Docker Swarm cluster it manages. */
export const CONTAINER_RUNTIMES = ['docker', 'swarm'] as const;
export type ContainerRuntimeKind = (typeof CONTAINER_RUNTIMES)[number];

/** A rule whose problems (from a pure parser) are the message. */
function noProblems(name: string, problemsOf: (value: string) => string[]) {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && problemsOf(value).length === 0,
      defaultMessage: (args) =>
        typeof args?.value === 'string' ? problemsOf(args.value).join('; ') : 'must be a string',
    },
  });
}

const ENDPOINT_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Every variable the Manager reads; property initialisers are the defaults. */
export class ManagerEnv extends CommonEnv {
  @IntegerVariable(1, 65535)
  MANAGER_PORT: number = 8081;

  /** Internal only: loopback in dev mode, the internal network's address in Compose. */
  @IsString()
  MANAGER_HOST = '127.0.0.1';

  /** Scopes Adopt & Sync and the reaper to this Manager's containers (label `onpre-lambda.instance`). */
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'MANAGER_INSTANCE must match [A-Za-z0-9_.-]{1,64}',
  })
  MANAGER_INSTANCE = 'default';

  @NumberVariable(0.001)
  IDLE_TIMEOUT_MINUTES: number = 5;

  /** Overrides IDLE_TIMEOUT_MINUTES when set (tests, demos). */
  @IsOptional()
  @NumberVariable(0.1)
  IDLE_TIMEOUT_SECONDS?: number;

  /**
   * The cool tier: a container idle this long is paused (frozen, memory kept) and unpaused by the
   * next ensure; stopped only after the idle timeout. 0, or not below the idle timeout: never paused.
   */
  @NumberVariable(0)
  COOL_AFTER_SECONDS: number = 30;

  @NumberVariable(0.1)
  REAPER_INTERVAL_SECONDS: number = 30;

  /** Stopped containers are removed after this long (off the request path, by the reaper). */
  @NumberVariable(0)
  STOPPED_RETENTION_SECONDS: number = 300;

  @IntegerVariable(1, 1000)
  DEFAULT_RESERVED_CONCURRENCY: number = 10;

  /**
   * Running function containers this Manager allows, all functions together; an ensure that would
   * pass it answers 429 when the function has no container (Lambda's account concurrency limit).
   */
  @IntegerVariable(1, 10_000)
  MAX_FUNCTION_CONTAINERS: number = 100;

  @NumberVariable(0.1)
  READY_TIMEOUT_SECONDS: number = 30;

  @IsString()
  LAMBDA_NETWORK = 'onpre-internal-network';

  @IsIn(ADDRESS_MODES, { message: 'ADDRESS_MODE must be one of published, network' })
  ADDRESS_MODE: AddressMode = 'published';

  @IsString()
  DOCKER_SOCKET = '/var/run/docker.sock';

  /**
   * `swarm`: each container slot is a one-replica service of the Swarm cluster whose manager node
   * DOCKER_SOCKET reaches, on the attachable overlay network LAMBDA_NETWORK, addressed by its task
   * address (ADDRESS_MODE is then always `network`, and the cool tier is off: services cannot pause).
   */
  @IsIn(CONTAINER_RUNTIMES, { message: 'CONTAINER_RUNTIME must be one of docker, swarm' })
  CONTAINER_RUNTIME: ContainerRuntimeKind = 'docker';

  /** swarm: constraints for every slot, comma-separated (`node.labels.lambda==true`). */
  @IsOptional()
  @noProblems('swarmConstraints', (value) => constraintProblems(parseList(value)))
  SWARM_PLACEMENT_CONSTRAINTS?: string;

  /** swarm: spread preferences, comma-separated (`spread=node.labels.zone`). */
  @IsOptional()
  @noProblems('swarmPreferences', (value) => preferenceProblems(parseList(value)))
  SWARM_PLACEMENT_PREFERENCES?: string;

  /**
   * swarm: the registry every node pulls function images from (`host[:port][/prefix]`); an image
   * `x:tag` runs as `<registry>/x:tag@<digest>`, the digest read from the registry at each ensure.
   * Unset: each node runs its local image of the tag (one node, or images loaded on every node).
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]+(:\d{1,5})?(\/[a-z0-9._-]+)*$/, {
    message: 'SWARM_REGISTRY must be host[:port][/path] (e.g. 127.0.0.1:5000)',
  })
  SWARM_REGISTRY?: string;

  /**
   * swarm: a JSON TaskTemplate fragment added to every slot (ContainerSpec.Hosts / DNSConfig,
   * Resources.Reservations.GenericResources); keys that would grant privileges are refused.
   */
  @IsOptional()
  @noProblems('swarmTaskTemplate', (value) => parseTaskTemplate(value).problems)
  SWARM_TASK_TEMPLATE?: string;

  @IsString()
  FUNCTIONS_FILE = 'config/functions.yml';

  /** Endpoints and credentials injected into every function container (AWS SDK standard names). */
  @IsUrl(ENDPOINT_URL)
  FUNCTION_AWS_ENDPOINT_URL_S3 = 'http://host.docker.internal:9000';

  @IsUrl(ENDPOINT_URL)
  FUNCTION_AWS_ENDPOINT_URL_DYNAMODB = 'http://host.docker.internal:8000';

  @IsUrl(ENDPOINT_URL)
  FUNCTION_AWS_ENDPOINT_URL_LAMBDA = 'https://host.docker.internal:8443';

  @IsUrl(ENDPOINT_URL)
  FUNCTION_AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = 'https://host.docker.internal:8443/cloudwatch-logs';

  @IsString()
  FUNCTION_AWS_REGION = 'ap-northeast-1';

  /**
   * Lambda's application log level for every function (`AWS_LAMBDA_LOG_LEVEL`): the runtime drops a
   * function's lines below it. Unset: nothing is dropped. A function's own environment may override.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsIn(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'], {
    message: 'FUNCTION_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL',
  })
  FUNCTION_LOG_LEVEL?: string;

  /**
   * A PEM certificate (bundle) function containers trust, placed at /etc/onpre/ca.pem with
   * `NODE_EXTRA_CA_CERTS` pointing at it: the Gateway's (self-signed) certificate, so functions
   * verify their HTTPS calls to it. Read when a container is created. Unset: nothing is added.
   */
  @IsOptional()
  @IsString()
  FUNCTION_CA_FILE?: string;

  /** Durable state (queued async events, schedule runs); created if missing. */
  @IsString()
  DATA_DIR = '.onpre/manager-data';

  /** Async events one function's queue holds; beyond it the Invoke API answers 429. */
  @IntegerVariable(1, 1_000_000)
  ASYNC_MAX_QUEUE_EVENTS: number = 10_000;

  /** First retry after a function error (then twice that); AWS: about 60 s, then 120 s. */
  @NumberVariable(0.01)
  ASYNC_RETRY_BASE_SECONDS: number = 60;

  /**
   * How long beyond the function's timeout a delivery may go unreported (its Gateway died) before
   * the event is handed out again.
   */
  @NumberVariable(0.01)
  ASYNC_LEASE_GRACE_SECONDS: number = 60;

  /** The account id in ARNs of schedule events and destination records. */
  @Matches(/^\d{12}$/, { message: 'FUNCTION_AWS_ACCOUNT_ID must be 12 digits' })
  FUNCTION_AWS_ACCOUNT_ID = '000000000000';

  get idleTimeoutMs(): number {
    return (this.IDLE_TIMEOUT_SECONDS ?? this.IDLE_TIMEOUT_MINUTES * 60) * 1000;
  }

  /** 0 when the cool tier is off (unset, 0, a container would be stopped first anyway, or swarm). */
  get coolAfterMs(): number {
    if (this.CONTAINER_RUNTIME === 'swarm') return 0;
    const ms = this.COOL_AFTER_SECONDS * 1000;
    return ms > 0 && ms < this.idleTimeoutMs ? ms : 0;
  }
}

export const MANAGER_ENV_SCHEMA: EnvironmentSchema<ManagerEnv> = {
  type: ManagerEnv,
  secrets: SHARED_SECRETS,
};
