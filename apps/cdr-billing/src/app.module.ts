import { Module } from '@nestjs/common';
import {
  PLATFORM_HEALTH_INDICATORS,
  PlatformRuntimeModule,
  runtimeOptionsFromEnv,
} from '@voltlane/platform-runtime';
import { ServiceModule } from '@voltlane/platform-service';
import { CdrBillingEnv } from './config/cdr-billing.env';
import { MIGRATIONS } from './migrations';
import { SCHEMA, SERVICE_NAME } from './persistence/cdr-billing.schema';

/** Immutable CDRs (and credit CDRs) and eMSP-side invoices. */
@Module({
  imports: [
    ServiceModule.forRoot({
      serviceName: SERVICE_NAME,
      healthIndicators: [...PLATFORM_HEALTH_INDICATORS],
    }),
    PlatformRuntimeModule.forRootAsync({
      inject: [CdrBillingEnv],
      useFactory: (env: CdrBillingEnv) =>
        runtimeOptionsFromEnv(env, {
          serviceName: SERVICE_NAME,
          schema: SCHEMA,
          migrations: MIGRATIONS,
        }),
    }),
  ],
})
export class AppModule {}
