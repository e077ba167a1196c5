import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  createLogger,
  DomainError,
  otelTrace,
  runInSpan,
  SpanKind,
  SpanStatusCode,
} from '@voltlane/platform-core';
import { MetricsService } from '@voltlane/platform-service';
import {
  protocolVersion,
  RpcError,
  type CallFrame,
  type OcppSubprotocol,
} from '@voltlane/protocols-ocpp';
import { InvalidSampledValueError } from '../domain/sampled-values';
import { SERVICE } from '../ocpp-gateway.service';
import { CALL_ACCEPTED, ocppCallMetrics } from '../observability/ocpp.metrics';
import {
  STATION_CALL_HANDLERS,
  type StationCallContext,
  type StationCallHandler,
} from './station-call.handler';

export type CallOutcome = { ok: true; payload: object } | { ok: false; error: RpcError };

/**
 * Routes a CALL to its handler, with the checks that come first: the action is defined by the
 * protocol version (else NotImplemented), the gateway handles it (else NotSupported), the payload
 * is schema-valid (else the violation's code), a Rejected station only boots (else SecurityError).
 * The handler's answer is validated against the confirmation schema too (else InternalError).
 */
@Injectable()
export class CallDispatcher {
  private readonly logger = createLogger(SERVICE.serviceName, 'CallDispatcher');
  private readonly handlers = new Map<string, StationCallHandler>();
  private readonly metrics: ReturnType<typeof ocppCallMetrics> | null;

  constructor(
    @Inject(STATION_CALL_HANDLERS) handlers: StationCallHandler[],
    @Optional() @Inject(MetricsService) metrics?: MetricsService | null,
  ) {
    for (const h of handlers) this.handlers.set(h.action, h);
    this.metrics = metrics ? ocppCallMetrics(metrics) : null;
  }

  actions(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * Handles one CALL inside a SERVER span `ocpp <action>` (the root of what it causes: events it
   * publishes carry its trace context) and counts it by action and outcome, with its latency.
   */
  async dispatch(
    protocol: OcppSubprotocol,
    frame: CallFrame,
    ctx: StationCallContext,
  ): Promise<CallOutcome> {
    const started = process.hrtime.bigint();
    // Actions the protocol does not define are one label value: station input sets no label names.
    const action = protocolVersion(protocol).validator.knows(frame.action, 'req')
      ? frame.action
      : 'unknown';
    const outcome = await runInSpan(
      `ocpp ${action}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'rpc.system': 'ocpp',
          'rpc.method': action,
          'ocpp.protocol': protocol,
          'ocpp.station_id': ctx.session.stationId,
          'ocpp.message_id': ctx.messageId,
          'voltlane.correlation_id': ctx.correlationId,
        },
      },
      () => this.handle(protocol, frame, ctx),
    );
    const label = outcome.ok
      ? CALL_ACCEPTED
      : protocolVersion(protocol).errorCodes[outcome.error.kind];
    this.metrics?.calls.inc({ action, outcome: label });
    this.metrics?.duration.observe({ action }, Number(process.hrtime.bigint() - started) / 1e9);
    return outcome;
  }

  private async handle(
    protocol: OcppSubprotocol,
    frame: CallFrame,
    ctx: StationCallContext,
  ): Promise<CallOutcome> {
    const { validator } = protocolVersion(protocol);
    try {
      if (!validator.knows(frame.action, 'req')) {
        throw new RpcError('NotImplemented', `unknown action "${frame.action}"`);
      }
      const handler = this.handlers.get(frame.action);
      if (!handler) {
        throw new RpcError('NotSupported', `${frame.action} is not supported by this CSMS`);
      }
      validator.validate(frame.action, 'req', frame.payload);
      if (ctx.session.registrationStatus === 'Rejected' && frame.action !== 'BootNotification') {
        throw new RpcError(
          'SecurityError',
          'the station is Rejected by the CSMS: only BootNotification is allowed',
        );
      }
      const payload = await handler.handle(ctx, frame.payload);
      try {
        validator.validate(frame.action, 'conf', payload);
      } catch (err) {
        this.logger.error('handler produced an invalid confirmation', {
          action: frame.action,
          error: (err as Error).message,
        });
        throw new RpcError('InternalError', 'the CSMS could not build a valid answer');
      }
      return { ok: true, payload };
    } catch (err) {
      const error = this.toRpcError(err, frame.action);
      otelTrace
        .getActiveSpan()
        ?.setStatus({ code: SpanStatusCode.ERROR, message: `CALLERROR ${error.kind}` });
      return { ok: false, error };
    }
  }

  private toRpcError(err: unknown, action: string): RpcError {
    if (err instanceof RpcError) return err;
    if (err instanceof InvalidSampledValueError) {
      return new RpcError('PropertyConstraintViolation', err.message);
    }
    this.logger.error('CALL failed', {
      action,
      error: err instanceof Error ? err.message : String(err),
      code: err instanceof DomainError ? err.code : undefined,
    });
    return new RpcError('InternalError', `${action} could not be processed; try again`);
  }
}
