import { Injectable } from '@nestjs/common';
import { Topics, type FirmwareStatus } from '@voltlane/contracts-events';
import type { FirmwareStatusNotificationReq16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';

/** FirmwareStatusNotification: progress of an UpdateFirmware → ocpp.firmware.status-changed. */
@Injectable()
export class FirmwareStatusNotificationHandler implements StationCallHandler<
  FirmwareStatusNotificationReq16,
  object
> {
  readonly action = 'FirmwareStatusNotification';

  constructor(private readonly publisher: OcppEventPublisher) {}

  async handle(ctx: StationCallContext, req: FirmwareStatusNotificationReq16): Promise<object> {
    await this.publisher.transaction((manager) =>
      this.publisher.publishViaOutbox(
        manager,
        Topics.OcppFirmwareStatusChanged,
        {
          stationId: ctx.session.stationId,
          status: req.status as FirmwareStatus,
          receivedAt: ctx.receivedAt.toISOString(),
        },
        ctx.correlationId,
      ),
    );
    return {};
  }
}
