import { hostname } from 'node:os';
import type { OcppGatewayEnv } from './ocpp-gateway.env';

/** This replica's id: GATEWAY_INSTANCE_ID, else `<hostname>-<pid>` (fixed for the process). */
export function gatewayInstanceId(env: Pick<OcppGatewayEnv, 'GATEWAY_INSTANCE_ID'>): string {
  return (
    env.GATEWAY_INSTANCE_ID ?? `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._:-]/g, '-')
  );
}
