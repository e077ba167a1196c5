import type { ChargingSessionStore } from '../persistence/charging-session.store';

/** The cause of an outgoing event (envelope correlation/causation of the event that led to it). */
export interface EventCause {
  correlationId: string;
  causationId: string | null;
}

/**
 * What a session use case runs against: the store and the outbox of one database transaction,
 * and the time it is applied at (epoch ms).
 */
export interface SessionTx {
  store: ChargingSessionStore;
  publish(topic: string, data: unknown, cause?: EventCause): void;
  now: number;
}
