import 'reflect-metadata';
import { bootstrapService, runWithConfig } from '@voltlane/platform-service';
import { AppModule } from './app.module';
import { OcpiEmspEnv } from './config/ocpi-emsp.env';
import { SERVICE_NAME } from './persistence/ocpi-emsp.schema';

void runWithConfig(
  OcpiEmspEnv,
  (config) => bootstrapService({ serviceName: SERVICE_NAME, appModule: AppModule, config }),
  { serviceName: SERVICE_NAME },
);
