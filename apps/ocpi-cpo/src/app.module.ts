import { Module } from '@nestjs/common';
import {
  PLATFORM_HEALTH_INDICATORS,
  PlatformRuntimeModule,
  runtimeOptionsFromEnv,
} from '@voltlane/platform-runtime';
import { ServiceModule } from '@voltlane/platform-service';
import { OcpiCpoEnv } from './config/ocpi-cpo.env';
import { MIGRATIONS } from './migrations';
import { SCHEMA, SERVICE_NAME } from './persistence/ocpi-cpo.schema';

/** OCPI 2.2.1 CPO role: partners and credentials, locations master data, received tokens, push queue. */
@Module({
  imports: [
    ServiceModule.forRoot({
      serviceName: SERVICE_NAME,
      healthIndicators: [...PLATFORM_HEALTH_INDICATORS],
    }),
    PlatformRuntimeModule.forRootAsync({
      inject: [OcpiCpoEnv],
      useFactory: (env: OcpiCpoEnv) =>
        runtimeOptionsFromEnv(env, {
          serviceName: SERVICE_NAME,
          schema: SCHEMA,
          migrations: MIGRATIONS,
        }),
    }),
  ],
})
export class AppModule {}
