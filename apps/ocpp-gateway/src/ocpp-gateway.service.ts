import { defineService } from '@voltlane/platform-runtime';
import { OcppGatewayEnv } from './config/ocpp-gateway.env';
import { MIGRATIONS } from './migrations';

/** OCPP 1.6J WebSocket gateway: station registry and credentials, live connections, transactionId allocation, authorization cache. */
export const SERVICE = defineService({
  serviceName: 'ocpp-gateway',
  schema: 'ocpp_gateway',
  env: OcppGatewayEnv,
  migrations: MIGRATIONS,
});
