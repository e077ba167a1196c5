import 'reflect-metadata';
import { bootstrapService, runWithConfig } from '@voltlane/platform-service';
import { AppModule } from './app.module';
import { CdrBillingEnv } from './config/cdr-billing.env';
import { SERVICE_NAME } from './persistence/cdr-billing.schema';

void runWithConfig(
  CdrBillingEnv,
  (config) => bootstrapService({ serviceName: SERVICE_NAME, appModule: AppModule, config }),
  { serviceName: SERVICE_NAME },
);
