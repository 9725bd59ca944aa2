import {
  AsyncInvokeDefinition,
  PayloadFormat,
  type RouteAuthDefinition,
  type ThrottleDefinition,
  type FunctionUrlDefinition,
} from '@app/contracts';
import type { IssueSource, TemplatePath } from './diagnostics';
import type { DependencyBuild } from './builds';
import type { ImageFunction } from './image-functions';
import type { AsyncSpec, ScheduleSpec } from './schedules';

export type RuntimeFamily = 'nodejs' | 'python' | 'provided' | 'ruby' | 'java';

/** What the generator reads from the project directory (paths relative to the template's folder). */
export interface ProjectFiles {
  isFile(relativePath: string): boolean;
  isDirectory(relativePath: string): boolean;
  /** UTF-8 text of a file (OpenAPI `DefinitionUri`, `AWS::Include`); `undefined` when absent. */
  readText?(relativePath: string): string | undefined;
}

export interface RouteSpec {
  path: string;
  method: string;
  payloadFormat: PayloadFormat;
  function: string;
  /** Where the route came from, for duplicate-route messages. */
  logicalId: string;
  eventId: string;
  /** Logical id of the event's API (`RestApiId` / `ApiId`, else SAM's implicit API). */
  api?: string;
  /** The event's `Auth`, resolved (read by `applyRouteAuth`). */
  eventAuth?: unknown;
  auth?: RouteAuthDefinition;
  throttle?: ThrottleDefinition;
  /** The event's `TimeoutInMillis` (integration timeout). */
  timeoutMs?: number;
  /** For routes of an API definition: its place (default: the function's event). */
  sourcePath?: TemplatePath;
  source?: IssueSource;
}

export interface LayerSpec {
  logicalId: string;
  /** Directory relative to the template's folder; its contents end up in /opt. */
  contentUri: string;
}

/** SAM's `Metadata: { BuildMethod: esbuild }`: bundle the code (and its node_modules) into one file. */
export interface EsbuildBundle {
  /** Entry files relative to the CodeUri directory. */
  entryPoints: string[];
  format: 'cjs' | 'esm';
  minify: boolean;
  target: string;
  external: string[];
}

export interface FunctionSpec {
  logicalId: string;
  /** FunctionName, or the logical id when the template does not name the function. */
  name: string;
  /** Empty for a PackageType Image function (the image decides). */
  runtime: string;
  /** Absent for a PackageType Image function. */
  family?: RuntimeFamily;
  handler: string;
  /** Directory relative to the template's folder (for a jar or zip: the file; inline code: `.`). */
  codeUri: string;
  /** Where the code comes from; a plain folder when absent. */
  code?: CodeSource;
  /** Default base image of the Dockerfile (`ARG BASE_IMAGE=`); absent for image functions. */
  baseImage?: string;
  /** PackageType Image: the user's Dockerfile or a prebuilt ImageUri. */
  image?: ImageFunction;
  bundle?: EsbuildBundle;
  /** Dependency install or compile in a builder stage of the image build (builds.ts). */
  build?: DependencyBuild;
  timeout: number;
  memorySize: number;
  reservedConcurrency?: number;
  /** `ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions`: containers kept started. */
  provisionedConcurrency?: number;
  environment: Record<string, string>;
  layers: LayerSpec[];
  routes: RouteSpec[];
  /** `FunctionUrlConfig`: the function's own URL on the Gateway. */
  functionUrl?: FunctionUrlDefinition;
  schedules?: ScheduleSpec[];
  /** As read; `async` once destinations are checked against the app's functions. */
  asyncSpec?: AsyncSpec;
  async?: AsyncInvokeDefinition;
}

/**
 * Where a function's code comes from (SAM: `CodeUri` folder, jar or zip file, `InlineCode`; no
 * `CodeUri` is the template's folder). Paths are relative to the template's folder.
 */
export type CodeSource =
  | { kind: 'directory'; path: string }
  /** A Java jar: staged as `code/lib/<file>`, on the classpath as `/var/task/lib/*`. */
  | { kind: 'jar'; path: string }
  /** A zip archive: unpacked into `code/`. */
  | { kind: 'zip'; path: string }
  /** `InlineCode`, written to the handler's file. */
  | { kind: 'inline'; file: string; text: string };

export interface ImageOptions {
  /** Image repository prefix; the function name (lower-cased) is appended. */
  prefix: string;
  tag: string;
  /** Base image overrides, keyed by exact runtime (`nodejs18.x`), family (`nodejs`) or `*` (all). */
  baseImages: Record<string, string>;
}

export const DEFAULT_IMAGE_OPTIONS: ImageOptions = {
  prefix: 'onpre-lambda/fn-',
  tag: 'latest',
  baseImages: {},
};
