import { randomUUID } from 'node:crypto';
import type { WebSocket, RawData } from 'ws';
import type { DisconnectReason } from '@voltlane/contracts-events';
import type { JsonLogger } from '@voltlane/platform-core';
import {
  errorCodeOf,
  parseFrame,
  protocolVersion,
  serializeCall,
  serializeCallError,
  serializeCallResult,
  type CallFrame,
  type RpcFrame,
} from '@voltlane/protocols-ocpp';
import type { CallDispatcher } from './call-dispatcher';
import type { StationSession } from './station-call.handler';

/** How many answered CALL ids a connection remembers to answer repeats consistently. */
const REMEMBERED_CALLS = 16;

export interface ConnectionHooks {
  onFrameRejected?(reason: string): void;
}

/** How a CSMS → station CALL ended. */
export type StationReply =
  | { kind: 'result'; payload: Record<string, unknown> }
  | { kind: 'error'; code: string; description: string; details: Record<string, unknown> }
  | { kind: 'invalid'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'closed' };

interface PendingCall {
  resolve(reply: StationReply): void;
  timer: NodeJS.Timeout;
}

/**
 * One station's WebSocket: parses frames, answers CALLs one at a time in arrival order (OCPP-J
 * allows one outstanding CALL per direction), and answers a repeated CALL id with the answer of the
 * first one without processing it again. Nothing a station sends can throw out of here.
 */
let connections = 0;

export class StationConnection {
  alive = true;
  /** Which second of the ping interval this socket is pinged in (spreads keepalive pings). */
  readonly keepaliveSlot = connections++ % 3_600;
  /** Set when the gateway closes the socket, for the disconnected event. */
  closeReason: DisconnectReason | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly answers = new Map<string, Promise<string>>();
  private outbound: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<string, PendingCall>();

  constructor(
    readonly socket: WebSocket,
    readonly session: StationSession,
    private readonly dispatcher: CallDispatcher,
    private readonly logger: JsonLogger,
    private readonly hooks: ConnectionHooks = {},
  ) {
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.once('close', () => {
      for (const [id, call] of this.pending) {
        clearTimeout(call.timer);
        this.pending.delete(id);
        call.resolve({ kind: 'closed' });
      }
    });
  }

  /**
   * Sends a CSMS → station CALL and resolves with the station's answer, a timeout or the socket
   * closing. CALLs to one station are sent one at a time (OCPP-J: one outstanding CALL).
   */
  call(action: string, payload: object, timeoutMs: number): Promise<StationReply> {
    const send = () =>
      new Promise<StationReply>((resolve) => {
        if (this.socket.readyState !== this.socket.OPEN) return resolve({ kind: 'closed' });
        const messageId = randomUUID();
        const timer = setTimeout(() => {
          this.pending.delete(messageId);
          resolve({ kind: 'timeout' });
        }, timeoutMs);
        this.pending.set(messageId, { resolve, timer });
        this.send(serializeCall(messageId, action, payload));
      });
    const result = this.outbound.then(send, send);
    this.outbound = result.catch(() => undefined);
    return result;
  }

  private onReply(frame: Exclude<RpcFrame, CallFrame>): void {
    const settled = this.settle(
      frame.messageId,
      frame.type === 3
        ? { kind: 'result', payload: frame.payload }
        : {
            kind: 'error',
            code: frame.errorCode,
            description: frame.errorDescription,
            details: frame.errorDetails,
          },
    );
    if (!settled) {
      this.logger.warn('reply to an unknown CALL ignored', {
        stationId: this.session.stationId,
        messageId: frame.messageId,
      });
    }
  }

  /** Ends the pending CSMS → station CALL with this id; false when there is none. */
  private settle(messageId: string, reply: StationReply): boolean {
    const call = this.pending.get(messageId);
    if (!call) return false;
    clearTimeout(call.timer);
    this.pending.delete(messageId);
    call.resolve(reply);
    return true;
  }

  send(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.alive = true;
    try {
      if (isBinary) {
        this.hooks.onFrameRejected?.('binary frame');
        this.logger.warn('binary frame ignored', { stationId: this.session.stationId });
        return;
      }
      // ws delivers a Buffer (binaryType 'nodebuffer'): decode it in place, no copy per frame.
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      this.onText(text);
    } catch (err) {
      this.logger.error('frame handling failed', {
        stationId: this.session.stationId,
        error: (err as Error).message,
      });
    }
  }

  private onText(text: string): void {
    const parsed = parseFrame(text);
    const codes = protocolVersion(this.session.protocol);
    if (!parsed.ok) {
      this.hooks.onFrameRejected?.(parsed.error.kind);
      if (!parsed.answerable && parsed.messageId !== null) {
        // A broken CALLRESULT/CALLERROR to one of our CALLs ends that CALL (no waiting for a timeout).
        this.settle(parsed.messageId, { kind: 'invalid', reason: parsed.error.message });
      }
      this.logger.warn('malformed frame', {
        stationId: this.session.stationId,
        error: parsed.error.message,
      });
      if (parsed.answerable && parsed.messageId !== null) {
        this.send(
          serializeCallError(
            parsed.messageId,
            errorCodeOf(codes, parsed.error.kind),
            parsed.error.message,
            parsed.error.details,
          ),
        );
      }
      return;
    }
    const frame = parsed.frame;
    if (frame.type !== 2) {
      this.onReply(frame);
      return;
    }
    const previous = this.answers.get(frame.messageId);
    if (previous) {
      // A repeated CALL id: the same answer, once the first one is ready; never processed twice.
      void previous.then((answer) => this.send(answer));
      return;
    }
    const answer = this.enqueue(frame);
    this.answers.set(frame.messageId, answer);
    if (this.answers.size > REMEMBERED_CALLS) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
    void answer.then((text) => this.send(text));
  }

  private enqueue(frame: CallFrame): Promise<string> {
    const run = async (): Promise<string> => {
      const outcome = await this.dispatcher.dispatch(this.session.protocol, frame, {
        session: this.session,
        messageId: frame.messageId,
        correlationId: randomUUID(),
        receivedAt: new Date(),
      });
      if (outcome.ok) return serializeCallResult(frame.messageId, outcome.payload);
      const codes = protocolVersion(this.session.protocol);
      if (outcome.error.kind === 'InternalError') {
        // Not remembered: the station's retry of the same CALL id is processed again.
        this.answers.delete(frame.messageId);
      }
      return serializeCallError(
        frame.messageId,
        errorCodeOf(codes, outcome.error.kind),
        outcome.error.message,
        outcome.error.details,
      );
    };
    const result = this.chain.then(run, run);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
