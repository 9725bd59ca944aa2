import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';
import { MANAGER_TOKEN_SCHEME } from './manager-token.guard';

/**
 * The Manager API's OpenAPI document, served at `/openapi.json` (UI at `/docs`). The schemas come
 * from the DTOs themselves: the @nestjs/swagger compiler plugin (nest-cli.json; the same plugin in
 * jest.config.js) reads every `*.dto.ts` class — property types, optionality, union literals as
 * enums, class-validator rules, doc comments as descriptions. Nothing here repeats a field.
 */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('onpre-lambda Manager API')
    .setDescription('Internal API: ensure, list, stop and heartbeat function containers.')
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: MANAGER_TOKEN_HEADER }, MANAGER_TOKEN_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}
