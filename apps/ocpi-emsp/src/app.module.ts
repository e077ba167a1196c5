import { Module } from '@nestjs/common';
import {
  PLATFORM_HEALTH_INDICATORS,
  PlatformRuntimeModule,
  runtimeOptionsFromEnv,
} from '@voltlane/platform-runtime';
import { ServiceModule } from '@voltlane/platform-service';
import { OcpiEmspEnv } from './config/ocpi-emsp.env';
import { MIGRATIONS } from './migrations';
import { SCHEMA, SERVICE_NAME } from './persistence/ocpi-emsp.schema';

/** OCPI 2.2.1 eMSP role: partners, drivers and their tokens, objects received from CPOs, driver API. */
@Module({
  imports: [
    ServiceModule.forRoot({
      serviceName: SERVICE_NAME,
      healthIndicators: [...PLATFORM_HEALTH_INDICATORS],
    }),
    PlatformRuntimeModule.forRootAsync({
      inject: [OcpiEmspEnv],
      useFactory: (env: OcpiEmspEnv) =>
        runtimeOptionsFromEnv(env, {
          serviceName: SERVICE_NAME,
          schema: SCHEMA,
          migrations: MIGRATIONS,
        }),
    }),
  ],
})
export class AppModule {}
