import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import ts from 'typescript';
import { FakeClock } from './fakes/fake-clock';
import { FakeContainerRuntime } from './fakes/fake-container-runtime';
import { FakeHttpProbe } from './fakes/fake-http-probe';
import { HELLO_FUNCTIONS, InMemoryFunctionsSource } from './fakes/pool-harness';
import { createManagerApp } from './manager-app';

/** Routes the document leaves out on purpose (Prometheus text, not JSON; excluded controller). */
const UNDOCUMENTED = ['GET /metrics'];

const CONTRACTS = join(__dirname, '../../../libs/contracts/src');

interface DtoShape {
  properties: string[];
  required: string[];
}

/** Every exported class of the contracts' `*.dto.ts` files, read from the source with TypeScript. */
function dtoClasses(): Map<string, DtoShape> {
  const classes = new Map<string, DtoShape>();
  for (const file of readdirSync(CONTRACTS).filter((name) => name.endsWith('.dto.ts'))) {
    const path = join(CONTRACTS, file);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const members = statement.members.filter(ts.isPropertyDeclaration);
      classes.set(statement.name.text, {
        properties: members.map((member) => member.name.getText(source)),
        required: members
          .filter((member) => !member.questionToken)
          .map((member) => member.name.getText(source)),
      });
    }
  }
  return classes;
}

/** Every route the app's controllers declare, as `METHOD /path/{param}`. */
function appRoutes(app: NestFastifyApplication): string[] {
  const routes: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
        const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
        if (typeof path !== 'string' || typeof method !== 'number') continue;
        const full = `/${[base, path].filter((part) => part && part !== '/').join('/')}`
          .replace(/\/+/g, '/')
          .replace(/:(\w+)/g, '{$1}');
        routes.push(`${RequestMethod[method]} ${full}`);
      }
    }
  }
  return routes.sort();
}

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
  };
}

describe('Manager OpenAPI document (generated from the DTOs by the @nestjs/swagger plugin)', () => {
  let app: NestFastifyApplication;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await createManagerApp({
      runtime: new FakeContainerRuntime(),
      probe: new FakeHttpProbe(),
      clock: new FakeClock(),
      functionsSource: new InMemoryFunctionsSource(HELLO_FUNCTIONS),
    });
    const served = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(served.statusCode).toBe(200);
    document = served.json<OpenApiDocument>();
  });

  afterAll(async () => {
    await app.close();
  });

  it('documents every route the Manager serves (and only those)', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = appRoutes(app);
    expect(served.length).toBeGreaterThan(10);
    expect([...documented, ...UNDOCUMENTED].sort()).toEqual(served);
  });

  it('gives every route with a body its DTO and every JSON answer a schema', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      if (path.startsWith('/health')) continue; // Terminus's own report
      for (const [method, operation] of Object.entries(operations)) {
        const { responses, requestBody } = operation as {
          responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
          requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
        };
        const success = Object.entries(responses).filter(([status]) => /^2/.test(status));
        expect([`${method} ${path}`, success.length]).toEqual([`${method} ${path}`, 1]);
        const [, answer] = success[0];
        expect([`${method} ${path}`, answer.content?.['application/json']?.schema]).toEqual([
          `${method} ${path}`,
          { $ref: expect.stringMatching(/^#\/components\/schemas\/\w+Dto$/) as unknown },
        ]);
        if (method === 'post' && requestBody) {
          expect(requestBody.content['application/json'].schema.$ref).toMatch(/Dto$/);
        }
      }
    }
  });

  it('has a schema for every contract DTO with exactly its fields and required fields', () => {
    const classes = dtoClasses();
    expect(classes.size).toBeGreaterThan(15);
    for (const [name, shape] of classes) {
      const schema = document.components.schemas[name];
      expect([name, schema !== undefined]).toEqual([name, true]);
      expect([name, Object.keys(schema.properties ?? {})]).toEqual([name, shape.properties]);
      expect([name, schema.required ?? []]).toEqual([name, shape.required]);
    }
  });

  it('carries types, nesting, enums, validation bounds and doc comments from the DTOs', () => {
    const { schemas } = document.components;
    expect(schemas.EnsureRequestDto.properties).toMatchObject({
      function: { type: 'string' },
      reason: { type: 'string', enum: ['cold', 'scale'] },
      requestId: { type: 'string', maxLength: 200 },
      count: { type: 'number', minimum: 1, maximum: 1000 },
      touch: { type: 'boolean' },
    });
    expect(schemas.EnsureResponseDto.properties?.containers).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/ContainerAddressDto' },
    });
    expect(schemas.HeartbeatRequestDto.properties?.reports).toMatchObject({
      type: 'array',
      maxItems: 10_000,
      items: { $ref: '#/components/schemas/ActivityReportDto' },
    });
    expect(schemas.ManagedContainerDto.properties).toMatchObject({
      state: { enum: ['running', 'paused', 'stopped', 'starting', 'unknown'] },
      url: { type: 'string', nullable: true },
    });
    expect(schemas.LeaseResponseDto.properties?.events).toMatchObject({
      items: { $ref: '#/components/schemas/LeasedEventDto' },
    });
    expect(schemas.EnqueueRequestDto.properties?.requestId).toMatchObject({
      pattern: '^[A-Za-z0-9_.-]{1,128}$',
    });
    expect(schemas.ContainerAddressDto.properties?.id).toMatchObject({
      description: 'Docker container id.',
    });
  });
});
