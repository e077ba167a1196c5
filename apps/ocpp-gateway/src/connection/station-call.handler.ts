import type { RegistrationStatus } from '@voltlane/contracts-events';
import type { OcppSubprotocol } from '@voltlane/protocols-ocpp';

/** Per-connection state a handler may read and update. */
export interface StationSession {
  readonly stationId: string;
  readonly connectionId: string;
  readonly protocol: OcppSubprotocol;
  /** The registry's registration status, refreshed by BootNotification. */
  registrationStatus: RegistrationStatus;
}

export interface StationCallContext {
  session: StationSession;
  messageId: string;
  /** Correlation id of everything this CALL causes (logs, events). */
  correlationId: string;
  receivedAt: Date;
}

/**
 * The adapter of one station → CSMS action (one class per action): receives a schema-valid
 * request payload and returns the confirmation payload; throws RpcError for a CALLERROR.
 */
export interface StationCallHandler<Req = unknown, Conf extends object = object> {
  readonly action: string;
  handle(ctx: StationCallContext, payload: Req): Promise<Conf>;
}

/** Injection token of the list of every StationCallHandler. */
export const STATION_CALL_HANDLERS = Symbol('STATION_CALL_HANDLERS');
