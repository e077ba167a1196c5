import { Inject, Injectable } from '@nestjs/common';
import { createLogger, DomainError } from '@voltlane/platform-core';
import {
  protocolVersion,
  RpcError,
  type CallFrame,
  type OcppSubprotocol,
} from '@voltlane/protocols-ocpp';
import { InvalidSampledValueError } from '../domain/sampled-values';
import { SERVICE } from '../ocpp-gateway.service';
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

  constructor(@Inject(STATION_CALL_HANDLERS) handlers: StationCallHandler[]) {
    for (const h of handlers) this.handlers.set(h.action, h);
  }

  actions(): string[] {
    return [...this.handlers.keys()];
  }

  async dispatch(
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
      return { ok: false, error: this.toRpcError(err, frame.action) };
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
