import { type DynamicModule, Module } from '@nestjs/common';
import { BaseServiceEnv } from '@voltlane/platform-core';

/** Injection token of the validated config object: `@Inject(SERVICE_CONFIG) config: MyEnv`. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * Makes the validated config injectable everywhere: under `SERVICE_CONFIG`, under its own class
 * (`constructor(private readonly config: SessionEngineEnv)`) and, for subclasses of
 * BaseServiceEnv, under `BaseServiceEnv` (what platform libraries inject). `bootstrapService`
 * imports it for you; tests import it next to the module under test.
 */
@Module({})
export class ServiceConfigModule {
  static forRoot(config: object): DynamicModule {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    const tokens: Array<symbol | Function> = [SERVICE_CONFIG];
    if (config.constructor !== Object) {
      tokens.push(config.constructor);
    }
    if (config instanceof BaseServiceEnv && config.constructor !== BaseServiceEnv) {
      tokens.push(BaseServiceEnv);
    }
    return {
      module: ServiceConfigModule,
      global: true,
      providers: tokens.map((provide) => ({ provide, useValue: config })),
      exports: tokens,
    };
  }
}
