import { seedCases } from './seed-cases';
import { ComposeSeedSystem } from './support/compose-system';

/**
 * The seed project's end-to-end cases (test/system/seed-cases.ts) against the Compose stack
 * (docker-compose.yml + docker-compose.test.yml, stand-ins for S3, DynamoDB and VictoriaLogs) serving
 * the example app, generated and built as a user does. The same cases run against `npm start` in
 * system-seed.docker-spec.ts.
 */
describe('system suite: the seed cases through docker-compose (real Docker)', () => {
  const system = new ComposeSeedSystem();

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  seedCases(system);
});
