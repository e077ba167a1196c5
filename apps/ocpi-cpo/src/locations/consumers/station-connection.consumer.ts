import { Injectable } from '@nestjs/common';
import {
  type StationConnectedV1,
  type StationDisconnectedV1,
  Topics,
} from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordStationConnectionUseCase } from '../use-cases/record-station-connection.use-case';

/** Station online/offline → its EVSEs UNKNOWN while offline, last reported status once back. */
@Injectable()
export class StationConnectionConsumer {
  constructor(private readonly recordConnection: RecordStationConnectionUseCase) {}

  @ConsumeEvent(Topics.OcppStationConnected)
  connected(event: InboundEvent<StationConnectedV1>, scope: TransactionScope): Promise<void> {
    const { data, correlationId } = event.envelope;
    return this.recordConnection.execute(
      {
        stationId: data.stationId,
        connectionId: data.connectionId,
        connected: true,
        at: data.connectedAt,
      },
      scope.manager,
      correlationId,
    );
  }

  @ConsumeEvent(Topics.OcppStationDisconnected)
  disconnected(event: InboundEvent<StationDisconnectedV1>, scope: TransactionScope): Promise<void> {
    const { data, correlationId } = event.envelope;
    return this.recordConnection.execute(
      {
        stationId: data.stationId,
        connectionId: data.connectionId,
        connected: false,
        at: data.disconnectedAt,
      },
      scope.manager,
      correlationId,
    );
  }
}
