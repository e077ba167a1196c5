import { Module } from '@nestjs/common';
import {
  PLATFORM_HEALTH_INDICATORS,
  PlatformRuntimeModule,
  runtimeOptionsFromEnv,
} from '@voltlane/platform-runtime';
import { ServiceModule } from '@voltlane/platform-service';
import { SessionEngineEnv } from './config/session-engine.env';
import { MIGRATIONS } from './migrations';
import { SCHEMA, SERVICE_NAME } from './persistence/session-engine.schema';

/** Builds charging sessions from OCPP transaction events; owns sessions and their meter samples. */
@Module({
  imports: [
    ServiceModule.forRoot({
      serviceName: SERVICE_NAME,
      healthIndicators: [...PLATFORM_HEALTH_INDICATORS],
    }),
    PlatformRuntimeModule.forRootAsync({
      inject: [SessionEngineEnv],
      useFactory: (env: SessionEngineEnv) =>
        runtimeOptionsFromEnv(env, {
          serviceName: SERVICE_NAME,
          schema: SCHEMA,
          migrations: MIGRATIONS,
        }),
    }),
  ],
})
export class AppModule {}
