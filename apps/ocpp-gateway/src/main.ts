import 'reflect-metadata';
import { bootstrapService, runWithConfig } from '@voltlane/platform-service';
import { AppModule } from './app.module';
import { OcppGatewayEnv } from './config/ocpp-gateway.env';
import { SERVICE_NAME } from './persistence/ocpp-gateway.schema';

void runWithConfig(
  OcppGatewayEnv,
  (config) => bootstrapService({ serviceName: SERVICE_NAME, appModule: AppModule, config }),
  { serviceName: SERVICE_NAME },
);
