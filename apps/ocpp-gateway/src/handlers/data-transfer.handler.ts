import { Injectable } from '@nestjs/common';
import { Topics, type DataTransferReceivedV1 } from '@voltlane/contracts-events';
import type { DataTransferReq16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';

/**
 * DataTransfer: no vendor extension is implemented, so every vendorId gets `UnknownVendorId`
 * (OCPP 1.6 4.3: "If the recipient has no implementation for the specific vendorId"); the data is
 * published (ocpp.data-transfer.received) for vendor-specific integrations.
 */
@Injectable()
export class DataTransferHandler implements StationCallHandler<
  DataTransferReq16,
  { status: string; data?: string }
> {
  readonly action = 'DataTransfer';

  constructor(private readonly publisher: OcppEventPublisher) {}

  async handle(ctx: StationCallContext, req: DataTransferReq16): Promise<{ status: string }> {
    const event: DataTransferReceivedV1 = {
      stationId: ctx.session.stationId,
      vendorId: req.vendorId,
      respondedStatus: 'UnknownVendorId',
      receivedAt: ctx.receivedAt.toISOString(),
    };
    if (req.messageId !== undefined) event.messageId = req.messageId;
    if (req.data !== undefined) event.data = req.data;
    await this.publisher.transaction((manager) =>
      this.publisher.publishViaOutbox(
        manager,
        Topics.OcppDataTransferReceived,
        event,
        ctx.correlationId,
      ),
    );
    return { status: event.respondedStatus };
  }
}
