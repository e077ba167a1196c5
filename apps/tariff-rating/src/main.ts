import 'reflect-metadata';
import { bootstrapService, runWithConfig } from '@voltlane/platform-service';
import { AppModule } from './app.module';
import { TariffRatingEnv } from './config/tariff-rating.env';
import { SERVICE_NAME } from './persistence/tariff-rating.schema';

void runWithConfig(
  TariffRatingEnv,
  (config) => bootstrapService({ serviceName: SERVICE_NAME, appModule: AppModule, config }),
  { serviceName: SERVICE_NAME },
);
