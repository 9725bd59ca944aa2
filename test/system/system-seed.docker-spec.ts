import { httpGet } from '../support/docker';
import { SEED_ENV, seedCases } from './seed-cases';
import { jsonLines, SystemRun } from './support/system-run';

/**
 * The seed project's end-to-end cases (test/system/seed-cases.ts) against `npm start` serving the
 * example app (one system run). The same cases run against the Compose stack in
 * system-seed-compose.docker-spec.ts.
 */
describe('system suite: the seed cases through npm start (real Docker)', () => {
  const system = new SystemRun();

  beforeAll(() => system.start(SEED_ENV));
  afterAll(() => system.stop());

  seedCases({
    get gateway() {
      return system.gateway;
    },
    anonymousClient: () => system.anonymousClient(),
    credentials: system.credentials,
    runId: system.run.id,
    managerReadiness: async () => {
      const answer = await httpGet(`http://127.0.0.1:${system.run.managerPort}/health/ready`);
      return { status: answer.status, body: JSON.parse(answer.body) as unknown };
    },
    containers: (functionName, all) => system.containers(functionName, all),
    gatewayLines: async () => jsonLines(system.run.output),
    functionLog: async (containerId) =>
      (await system.docker.getContainer(containerId).logs({ stdout: true, stderr: true })).toString(
        'utf8',
      ),
    containerStarts: async (functionName) => system.containerStarts(functionName),
    restartManager: () => system.restartManager(),
  });
});
