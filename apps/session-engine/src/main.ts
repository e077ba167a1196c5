import 'reflect-metadata';
import { bootstrapService, runWithConfig } from '@voltlane/platform-service';
import { AppModule } from './app.module';
import { SessionEngineEnv } from './config/session-engine.env';
import { SERVICE_NAME } from './persistence/session-engine.schema';

void runWithConfig(
  SessionEngineEnv,
  (config) => bootstrapService({ serviceName: SERVICE_NAME, appModule: AppModule, config }),
  { serviceName: SERVICE_NAME },
);
