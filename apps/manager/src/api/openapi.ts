import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { MANAGER_TOKEN_HEADER } from '@app/contracts';
import { describeContractSchemas } from './openapi-schemas';

/** The Manager API's OpenAPI document, served at `/openapi.json` (UI at `/docs`). */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  describeContractSchemas();
  const config = new DocumentBuilder()
    .setTitle('onpre-lambda Manager API')
    .setDescription('Internal API: ensure, list, stop and heartbeat function containers.')
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: MANAGER_TOKEN_HEADER }, 'manager-token')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}
