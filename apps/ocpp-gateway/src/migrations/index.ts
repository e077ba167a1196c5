import { PlatformTables1763769600000 } from './1763769600000-platform-tables';
import { OcppGatewayTables1763900000000 } from './1763900000000-ocpp-gateway-tables';
import { AuthorizationDecisions1795320000000 } from './1795320000000-authorization-decisions';

/** Every migration of ocpp-gateway, in order. */
export const MIGRATIONS = [
  PlatformTables1763769600000,
  OcppGatewayTables1763900000000,
  AuthorizationDecisions1795320000000,
];
