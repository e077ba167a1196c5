import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { OperatorKeyGuard, ServiceConfigModule } from '@voltlane/platform-service';
import { repoRoot } from './repo-root';
import { collectControllers, type ServiceApp } from './service-apps';

/** Security scheme of the operator APIs (`OperatorKeyGuard`). */
export const OPERATOR_KEY_SCHEME = 'operatorKey';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document of one service, built from its Nest application in preview mode: modules
 * are scanned and wired but no provider is instantiated, so nothing connects to Kafka or
 * PostgreSQL. The env class is provided unvalidated (only its defaults) for the wiring to resolve.
 */
export async function buildOpenApiDocument(app: ServiceApp): Promise<OpenAPIObject> {
  @Module({ imports: [ServiceConfigModule.forRoot(new app.envClass()), app.appModule] })
  class OpenApiRootModule {}

  const nest = await NestFactory.create(OpenApiRootModule, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    const port = new app.envClass().PORT;
    const config = new DocumentBuilder()
      .setTitle(`Voltlane ${app.serviceName}`)
      .setDescription(
        `HTTP API of the Voltlane ${app.serviceName} service. Generated from the code by ` +
          'tools/openapi (`npx nx run openapi:generate`); do not edit by hand.',
      )
      .setVersion(packageVersion())
      .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
      .addServer(`http://localhost:${port ?? 80}`, 'local (npm start / docker compose)')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <ADMIN_API_KEY>' },
        OPERATOR_KEY_SCHEME,
      )
      .build();
    const document = SwaggerModule.createDocument(nest, config);
    applyOperatorKeySecurity(document, guardedOperationIds(app.appModule));
    return document;
  } finally {
    await nest.close();
  }
}

/** The committed file's text: stable key order as Nest produces it, two-space JSON, final newline. */
export async function generateOpenApiJson(app: ServiceApp): Promise<string> {
  return `${JSON.stringify(await buildOpenApiDocument(app), null, 2)}\n`;
}

/** `Controller_method` operation ids whose controller or handler uses OperatorKeyGuard. */
export function guardedOperationIds(appModule: Type<unknown> | DynamicModule): Set<string> {
  const ids = new Set<string>();
  for (const controller of collectControllers(appModule)) {
    const classGuarded = usesOperatorKey(controller);
    const proto = controller.prototype as Record<string, unknown>;
    for (const method of Object.getOwnPropertyNames(proto)) {
      if (method === 'constructor' || typeof proto[method] !== 'function') continue;
      if (classGuarded || usesOperatorKey(proto[method] as object))
        ids.add(`${controller.name}_${method}`);
    }
  }
  return ids;
}

function usesOperatorKey(target: object): boolean {
  const guards = (Reflect.getMetadata(GUARDS_METADATA, target) as unknown[] | undefined) ?? [];
  return guards.some((g) => g === OperatorKeyGuard || g instanceof OperatorKeyGuard);
}

function applyOperatorKeySecurity(document: OpenAPIObject, guarded: Set<string>): void {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation?.operationId || !guarded.has(operation.operationId)) continue;
      const security = operation.security ?? [];
      if (!security.some((s) => OPERATOR_KEY_SCHEME in s))
        security.push({ [OPERATOR_KEY_SCHEME]: [] });
      operation.security = security;
      operation.responses['401'] ??= {
        description: 'Missing or wrong operator key (problem+json)',
      };
    }
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
