import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { plainToInstance } from 'class-transformer';
import Docker from 'dockerode';
import { LogShippingEnv } from '../../log-shipping/log-shipping-env';
import { LogShippingModule } from '../../log-shipping/log-shipping.module';
import { CONTAINER_LOG_SOURCE } from '../container-logs';
import { DOCKER_CLIENT, DockerModule } from './docker.module';
import { DockerodeLogSource } from './dockerode-log-source';

const SOCKET = '/tmp/onpre-lambda-test-no-such-docker.sock';

@Module({ imports: [DockerModule.register({ socketPath: SOCKET })], exports: [DockerModule] })
class RuntimeSide {}

describe('DockerModule', () => {
  it('gives the container runtime and log shipping one and the same client', async () => {
    const env = plainToInstance(LogShippingEnv, { VICTORIALOGS_URL: 'http://127.0.0.1:9' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        RuntimeSide,
        LogShippingModule.withEnv({ MANAGER_INSTANCE: 'one-client', DOCKER_SOCKET: SOCKET }, env),
      ],
    }).compile();
    const client = moduleRef.select(RuntimeSide).get<Docker>(DOCKER_CLIENT);
    const source = moduleRef.get<DockerodeLogSource>(CONTAINER_LOG_SOURCE);
    expect(client).toBeInstanceOf(Docker);
    expect((client.modem as { socketPath?: string }).socketPath).toBe(SOCKET);
    expect((source as unknown as { docker: Docker }).docker).toBe(client);
    await moduleRef.close();
  });
});
