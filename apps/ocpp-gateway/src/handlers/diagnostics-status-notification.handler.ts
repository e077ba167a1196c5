import { Injectable } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import type { DiagnosticsStatusNotificationReq16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';

/** DiagnosticsStatusNotification: progress of a GetDiagnostics upload → ocpp.diagnostics.status-changed. */
@Injectable()
export class DiagnosticsStatusNotificationHandler implements StationCallHandler<
  DiagnosticsStatusNotificationReq16,
  object
> {
  readonly action = 'DiagnosticsStatusNotification';

  constructor(private readonly publisher: OcppEventPublisher) {}

  async handle(ctx: StationCallContext, req: DiagnosticsStatusNotificationReq16): Promise<object> {
    await this.publisher.transaction((manager) =>
      this.publisher.publishViaOutbox(
        manager,
        Topics.OcppDiagnosticsStatusChanged,
        {
          stationId: ctx.session.stationId,
          status: req.status,
          receivedAt: ctx.receivedAt.toISOString(),
        },
        ctx.correlationId,
      ),
    );
    return {};
  }
}
