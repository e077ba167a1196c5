import { Injectable } from '@nestjs/common';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { StationRepository } from '../persistence/station.repository';

/** Heartbeat: the CSMS time; the station's last-seen time is kept in the registry. */
@Injectable()
export class HeartbeatHandler implements StationCallHandler<object, { currentTime: string }> {
  readonly action = 'Heartbeat';

  constructor(private readonly stations: StationRepository) {}

  async handle(ctx: StationCallContext): Promise<{ currentTime: string }> {
    await this.stations.touch(ctx.session.stationId, ctx.receivedAt);
    return { currentTime: new Date().toISOString() };
  }
}
