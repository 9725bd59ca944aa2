// `npm run schedules` lists the Manager's schedules with their next run; `npm run schedules --
// trigger <name>` runs one now (queued like a timed run, docs/schedules.md). It talks to the
// Manager API: MANAGER_URL (default the dev-mode Manager, http://127.0.0.1:MANAGER_PORT) with
// MANAGER_TOKEN (default the development token, as `npm start` uses it).
import {
  MANAGER_TOKEN_HEADER,
  type SchedulesResponseDto,
  type TriggerResponseDto,
} from '@app/contracts';
import { MANAGER_ENV_SCHEMA, ManagerEnv } from '../apps/manager/src/config/manager-env';

const USAGE = 'usage: npm run schedules [-- trigger <name>]';

function managerAddress(env: NodeJS.ProcessEnv): { url: string; token: string } {
  const port = env.MANAGER_PORT || String(new ManagerEnv().MANAGER_PORT);
  const devToken = MANAGER_ENV_SCHEMA.secrets?.find((s) => s.name === 'MANAGER_TOKEN')?.devDefault;
  return {
    url: (env.MANAGER_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    token: env.MANAGER_TOKEN || devToken || '',
  };
}

async function call(method: 'GET' | 'POST', path: string): Promise<unknown> {
  const { url, token } = managerAddress(process.env);
  let response: Response;
  try {
    response = await fetch(`${url}${path}`, { method, headers: { [MANAGER_TOKEN_HEADER]: token } });
  } catch (error) {
    throw new Error(
      `the Manager at ${url} does not answer (${(error as Error).message}); is it running?`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as { message?: unknown };
  if (!response.ok)
    throw new Error(
      `${response.status}: ${typeof body.message === 'string' ? body.message : 'failed'}`,
    );
  return body;
}

async function main(args: string[]): Promise<void> {
  if (args.length === 0) {
    const { schedules } = (await call('GET', '/schedules')) as SchedulesResponseDto;
    if (schedules.length === 0) console.log('no schedules configured');
    for (const s of schedules)
      console.log(
        `${s.name}  → ${s.function}  ${s.expression} (${s.timezone})  ` +
          (s.enabled ? `next ${s.nextAt ?? 'never'}` : 'disabled'),
      );
    return;
  }
  if (args[0] !== 'trigger' || args.length !== 2) throw new Error(USAGE);
  const path = `/schedules/${encodeURIComponent(args[1])}/trigger`;
  const result = (await call('POST', path)) as TriggerResponseDto;
  console.log(`queued ${result.eventId} for ${result.function}`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`schedules: ${error.message}`);
  process.exit(1);
});
