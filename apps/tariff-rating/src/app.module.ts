import { Module } from '@nestjs/common';
import {
  PLATFORM_HEALTH_INDICATORS,
  PlatformRuntimeModule,
  runtimeOptionsFromEnv,
} from '@voltlane/platform-runtime';
import { ServiceModule } from '@voltlane/platform-service';
import { TariffRatingEnv } from './config/tariff-rating.env';
import { MIGRATIONS } from './migrations';
import { SCHEMA, SERVICE_NAME } from './persistence/tariff-rating.schema';

/** OCPI 2.2.1 tariffs, tariff assignments and the pricing engine. */
@Module({
  imports: [
    ServiceModule.forRoot({
      serviceName: SERVICE_NAME,
      healthIndicators: [...PLATFORM_HEALTH_INDICATORS],
    }),
    PlatformRuntimeModule.forRootAsync({
      inject: [TariffRatingEnv],
      useFactory: (env: TariffRatingEnv) =>
        runtimeOptionsFromEnv(env, {
          serviceName: SERVICE_NAME,
          schema: SCHEMA,
          migrations: MIGRATIONS,
        }),
    }),
  ],
})
export class AppModule {}
