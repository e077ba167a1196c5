import 'reflect-metadata';
import { bootstrapService, runWithConfig } from '@voltlane/platform-service';
import { AppModule } from './app.module';
import { OcpiCpoEnv } from './config/ocpi-cpo.env';
import { SERVICE_NAME } from './persistence/ocpi-cpo.schema';

void runWithConfig(
  OcpiCpoEnv,
  (config) => bootstrapService({ serviceName: SERVICE_NAME, appModule: AppModule, config }),
  { serviceName: SERVICE_NAME },
);
