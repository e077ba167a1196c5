import { Controller, Get, Module, Post, UseGuards } from '@nestjs/common';
import { BaseServiceEnv } from '@voltlane/platform-core';
import { OperatorKeyGuard, ServiceModule } from '@voltlane/platform-service';
import { buildOpenApiDocument, guardedOperationIds, OPERATOR_KEY_SCHEME } from './generate-openapi';
import { collectControllers, discoverServiceApps } from './service-apps';

class FixtureEnv extends BaseServiceEnv {
  override PORT = 9555;
}

@Controller('public/v1/widgets')
class WidgetsController {
  @Get()
  list(): string[] {
    return [];
  }

  @Post()
  @UseGuards(OperatorKeyGuard)
  create(): void {}
}

@Controller('admin/v1/gadgets')
@UseGuards(OperatorKeyGuard)
class GadgetsController {
  @Get(':id')
  get(): object {
    return {};
  }
}

@Module({ controllers: [GadgetsController] })
class GadgetsModule {}

@Module({
  imports: [ServiceModule.forRoot({ serviceName: 'fixture' }), GadgetsModule],
  controllers: [WidgetsController],
})
class FixtureAppModule {}

const fixture = {
  name: 'fixture',
  appModule: FixtureAppModule,
  serviceName: 'fixture',
  envClass: FixtureEnv,
};

describe('buildOpenApiDocument', () => {
  it('Given an app module, When documented, Then every controller route is in the document', async () => {
    const document = await buildOpenApiDocument(fixture);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/admin/v1/gadgets/{id}',
      '/health/live',
      '/health/ready',
      '/metrics',
      '/public/v1/widgets',
    ]);
    expect(document.info.title).toBe('Voltlane fixture');
    expect(document.servers).toEqual([expect.objectContaining({ url: 'http://localhost:9555' })]);
  });

  it('Given OperatorKeyGuard on a class or a handler, When documented, Then exactly those operations require the operator key', async () => {
    const document = await buildOpenApiDocument(fixture);
    const secured = (path: string, method: 'get' | 'post') =>
      document.paths[path][method]?.security?.some((s) => OPERATOR_KEY_SCHEME in s) ?? false;
    expect(secured('/admin/v1/gadgets/{id}', 'get')).toBe(true);
    expect(secured('/public/v1/widgets', 'post')).toBe(true);
    expect(secured('/public/v1/widgets', 'get')).toBe(false);
    expect(secured('/health/ready', 'get')).toBe(false);
    expect(document.components?.securitySchemes?.[OPERATOR_KEY_SCHEME]).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('Given nested and dynamic modules, When controllers are collected, Then all are found once', () => {
    expect(
      collectControllers(FixtureAppModule)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['GadgetsController', 'HealthController', 'MetricsController', 'WidgetsController']);
    expect([...guardedOperationIds(FixtureAppModule)].sort()).toEqual([
      'GadgetsController_get',
      'WidgetsController_create',
    ]);
  });
});

describe('discoverServiceApps', () => {
  it('finds the six services with their root module and env class', () => {
    const apps = discoverServiceApps();
    expect(apps.map((a) => a.name)).toEqual([
      'cdr-billing',
      'ocpi-cpo',
      'ocpi-emsp',
      'ocpp-gateway',
      'session-engine',
      'tariff-rating',
    ]);
    for (const app of apps) {
      expect(app.serviceName).toBe(app.name);
      expect(new app.envClass()).toBeInstanceOf(BaseServiceEnv);
    }
  });
});
