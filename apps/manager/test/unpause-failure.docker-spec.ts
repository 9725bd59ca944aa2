import 'reflect-metadata';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';
import { DockerContainerRuntime } from '../src/runtime/docker/docker-container-runtime';
import { testDocker } from '../../../test/support/docker';
import {
  buildEchoImage,
  ensure,
  eventually,
  invoke,
  ManagerTestScope,
} from '../../../test/docker/manager-support';
import { createManagerApp, TEST_TOKEN } from './manager-app';

/** The real Docker adapter with one unpause refused, as the engine refuses one for a broken cgroup. */
class UnpauseRefused extends DockerContainerRuntime {
  readonly refused = new Set<string>();

  override async unpause(id: string): Promise<void> {
    if (this.refused.has(id)) throw new Error('cannot unfreeze: device or resource busy');
    return super.unpause(id);
  }
}

describe('Manager cool tier: a paused container whose unpause fails (real Docker)', () => {
  const docker = testDocker();
  const scope = new ManagerTestScope(docker);

  beforeAll(async () => {
    await buildEchoImage(docker);
    scope.writeFunctions({ broken: {} });
  });

  afterAll(async () => {
    await scope.cleanUp();
  });

  const state = async (id: string) => (await docker.getContainer(id).inspect()).State.Status;

  it('replaces a paused container whose unpause fails with a fresh one', async () => {
    const runtime = new UnpauseRefused(
      docker,
      { mode: 'published', network: scope.network },
      scope.instance,
    );
    const app = await createManagerApp(
      { runtime },
      {
        MANAGER_INSTANCE: scope.instance,
        LAMBDA_NETWORK: scope.network,
        FUNCTIONS_FILE: scope.functionsFile,
        READY_TIMEOUT_SECONDS: '20',
        COOL_AFTER_SECONDS: '1',
        IDLE_TIMEOUT_SECONDS: '30',
        REAPER_INTERVAL_SECONDS: '0.3',
      },
    );
    try {
      const { id } = (await ensure(app, scope.fn('broken'))).json().containers[0];
      await eventually('paused', async () => (await state(id)) === 'paused');
      runtime.refused.add(id);
      const answer = (
        await app.inject({
          method: 'POST',
          url: '/functions/ensure',
          headers: { [MANAGER_TOKEN_HEADER]: TEST_TOKEN },
          payload: { function: scope.fn('broken'), touch: true },
        })
      ).json();
      expect(answer.started).toBe(1);
      expect(answer.containers.map((c: { id: string }) => c.id)).not.toContain(id);
      await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
      const { event } = await invoke(answer.containers[0].url, { fresh: true });
      expect(event).toEqual({ fresh: true });
    } finally {
      await app.close();
    }
  });
});
