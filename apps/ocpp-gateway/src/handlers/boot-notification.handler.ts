import { Injectable } from '@nestjs/common';
import { Topics, type StationBootedV1 } from '@voltlane/contracts-events';
import type { BootNotificationConf16, BootNotificationReq16 } from '@voltlane/protocols-ocpp';
import { OcppGatewayEnv } from '../config/ocpp-gateway.env';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { decideBoot } from '../domain/boot-decision';
import { ConnectionStateWriter } from '../connection/connection-state.writer';
import { StationDirectory } from '../persistence/station.directory';
import { StationRepository } from '../persistence/station.repository';

/** BootNotification: Accepted / Pending / Rejected by the station's registry state. */
@Injectable()
export class BootNotificationHandler implements StationCallHandler<
  BootNotificationReq16,
  BootNotificationConf16
> {
  readonly action = 'BootNotification';

  constructor(
    private readonly env: OcppGatewayEnv,
    private readonly stations: StationRepository,
    private readonly directory: StationDirectory,
    private readonly writer: ConnectionStateWriter,
  ) {}

  async handle(
    ctx: StationCallContext,
    req: BootNotificationReq16,
  ): Promise<BootNotificationConf16> {
    const { stationId, connectionId } = ctx.session;
    const station = await this.directory.find(stationId);
    const answer = decideBoot(station?.registrationStatus ?? 'Rejected', {
      heartbeatIntervalSeconds: this.env.OCPP_HEARTBEAT_INTERVAL_SECONDS,
      bootRetryIntervalSeconds: this.env.OCPP_BOOT_RETRY_INTERVAL_SECONDS,
    });
    ctx.session.registrationStatus = answer.status;
    const event: StationBootedV1 = {
      stationId,
      connectionId,
      ...req,
      registrationStatus: answer.status,
      heartbeatIntervalSeconds: answer.interval,
      bootedAt: ctx.receivedAt.toISOString(),
    };
    await this.writer.change(
      (manager) =>
        this.stations.recordBoot(
          manager,
          stationId,
          { ...req, status: answer.status },
          ctx.receivedAt,
        ),
      [{ topic: Topics.OcppStationBooted, data: event, correlationId: ctx.correlationId }],
    );
    return {
      status: answer.status,
      currentTime: new Date().toISOString(),
      interval: answer.interval,
    };
  }
}
