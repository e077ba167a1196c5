import { Injectable } from '@nestjs/common';
import {
  Topics,
  type ConnectorErrorCode,
  type ConnectorStatus,
  type ConnectorStatusChangedV1,
} from '@voltlane/contracts-events';
import type { StatusNotificationReq16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { StationRepository } from '../persistence/station.repository';
import { ConnectionStateWriter } from '../connection/connection-state.writer';

/** StatusNotification (connector 0 = the station): registry + ocpp.connector.status-changed. */
@Injectable()
export class StatusNotificationHandler implements StationCallHandler<
  StatusNotificationReq16,
  object
> {
  readonly action = 'StatusNotification';

  constructor(
    private readonly stations: StationRepository,
    private readonly writer: ConnectionStateWriter,
  ) {}

  async handle(ctx: StationCallContext, req: StatusNotificationReq16): Promise<object> {
    const stationId = ctx.session.stationId;
    const event: ConnectorStatusChangedV1 = {
      stationId,
      connectorId: req.connectorId,
      status: req.status as ConnectorStatus,
      errorCode: req.errorCode as ConnectorErrorCode,
      timestamp: new Date(req.timestamp ?? ctx.receivedAt).toISOString(),
    };
    if (req.info !== undefined) event.info = req.info;
    if (req.vendorId !== undefined) event.vendorId = req.vendorId;
    if (req.vendorErrorCode !== undefined) event.vendorErrorCode = req.vendorErrorCode;
    await this.writer.change(
      (manager) =>
        this.stations.recordConnectorStatus(manager, stationId, req.connectorId, {
          ...event,
          receivedAt: ctx.receivedAt.toISOString(),
        }),
      [{ topic: Topics.OcppConnectorStatusChanged, data: event, correlationId: ctx.correlationId }],
    );
    return {};
  }
}
