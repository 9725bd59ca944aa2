import { functionEndpoints, HostServices } from './app-environments';
import { DevSettings } from './settings';

/** The first line of the banner; the system test waits for it. */
export const READY_LINE = 'onpre-lambda is ready';

export interface BannerFacts {
  settings: DevSettings;
  host: HostServices;
  outDir: string;
  certificateFile?: string;
  routes: Array<{ method: string; path: string }>;
  /** functions.yml `schedules` (docs/schedules.md). */
  schedules?: Record<string, { function: string; expression: string; enabled?: boolean }>;
  /** routing.yml `functionUrls` (docs/gateway.md "Function URLs"). */
  functionUrls?: Record<string, { authType: string; invokeMode?: string }>;
  startupSeconds: number;
}

function functionUrlLines(url: string, functionUrls: BannerFacts['functionUrls']): string[] {
  const entries = Object.entries(functionUrls ?? {});
  if (entries.length === 0) return [];
  return [
    '  function URLs',
    ...entries.map(
      ([name, u]) =>
        `    ${name} → ${url}/lambda-url/${name}/  (${u.authType}${u.invokeMode === 'RESPONSE_STREAM' ? ', streaming' : ''})`,
    ),
  ];
}

function scheduleLines(schedules: BannerFacts['schedules']): string[] {
  const entries = Object.entries(schedules ?? {});
  if (entries.length === 0) return [];
  return [
    '  schedules',
    ...entries.map(
      ([name, s]) =>
        `    ${name} → ${s.function}  ${s.expression}${s.enabled === false ? ' (disabled)' : ''}`,
    ),
    '    (npm run schedules: next runs; npm run schedules -- trigger <name>: run one now)',
  ];
}

/** The route the banner's example calls: the first plain GET (no path parameters), else the first. */
export function exampleRoute(routes: BannerFacts['routes']): string {
  const plainGet = routes.find(
    (route) => /^(GET|ANY)$/i.test(route.method) && !route.path.includes('{'),
  );
  return (plainGet ?? routes[0])?.path ?? '/';
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** What the user reads once everything answers: URLs, endpoints and copy-paste commands. */
export function readyBanner({
  settings,
  host,
  outDir,
  certificateFile,
  routes,
  schedules,
  functionUrls,
  startupSeconds,
}: BannerFacts): string {
  const scheme = settings.gatewayTls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${settings.gatewayPort}`;
  const curl = certificateFile ? `curl --cacert ${shellQuote(certificateFile)}` : 'curl';
  const { apiKey, user, password } = settings.credentials;
  const login = JSON.stringify({ AuthParameters: { USERNAME: user, PASSWORD: password } });
  const endpoints = Object.entries(functionEndpoints(settings, host)).map(
    ([name, value]) => `    ${name.replace('FUNCTION_AWS_ENDPOINT_URL_', '').padEnd(16)} ${value}`,
  );
  return [
    `${READY_LINE} (${startupSeconds.toFixed(1)} s)`,
    `  gateway   ${url}`,
    `  manager   http://127.0.0.1:${settings.managerPort} (internal; instance ${settings.managerInstance})`,
    `  config    ${outDir}/functions.yml, ${outDir}/routing.yml`,
    `  functions reach (network ${settings.lambdaNetwork}):`,
    ...endpoints,
    `  routes    ${routes.map((route) => `${route.method} ${route.path}`).join(', ')}`,
    ...functionUrlLines(url, functionUrls),
    ...scheduleLines(schedules),
    '',
    'Log in and call a route:',
    `  TOKEN=$(${curl} -s -X POST ${url}/user/auth/ver1.0 \\`,
    `    -H ${shellQuote(`x-api-key: ${apiKey}`)} -H 'content-type: application/json' \\`,
    `    -d ${shellQuote(login)} | node -pe 'JSON.parse(require("fs").readFileSync(0)).AuthenticationResult.IdToken')`,
    `  ${curl} -s ${url}${exampleRoute(routes)} -H "Authorization: Bearer $TOKEN"`,
    '',
    'The Gateway and the Manager log warnings only; LOG_LEVEL=info npm start shows every request.',
    'Ctrl-C stops everything (function containers included).',
  ].join('\n');
}
