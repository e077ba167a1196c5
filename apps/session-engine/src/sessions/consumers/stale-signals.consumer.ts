import { Injectable } from '@nestjs/common';
import {
  type ConnectorStatusChangedV1,
  type StationBootedV1,
  Topics,
} from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { BatchTransactionScope, TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent, ConsumeEventBatch } from '@voltlane/platform-runtime';
import { MarkStaleSessionsUseCase } from '../use-cases/mark-stale-sessions/mark-stale-sessions.use-case';
import { causeOf, SessionTxFactory } from './session-tx.factory';

/** Station boots and connectors becoming Available feed the stale-transaction policy. */
@Injectable()
export class StaleSignalsConsumer {
  constructor(
    private readonly markStale: MarkStaleSessionsUseCase,
    private readonly tx: SessionTxFactory,
  ) {}

  @ConsumeEvent(Topics.OcppStationBooted)
  async stationBooted(
    event: InboundEvent<StationBootedV1>,
    scope: TransactionScope,
  ): Promise<void> {
    const { stationId, bootedAt } = event.envelope.data;
    await this.markStale.execute(
      [{ stationId, cause: 'STATION_BOOTED', observedAt: Date.parse(bootedAt) }],
      this.tx.ofEvent(scope),
    );
  }

  /** StatusNotification is the most frequent OCPP message: only `Available` matters here. */
  @ConsumeEventBatch(Topics.OcppConnectorStatusChanged)
  async connectorStatusChanged(
    events: InboundEvent<ConnectorStatusChangedV1>[],
    scope: BatchTransactionScope,
  ): Promise<void> {
    const signals = events
      .map((e) => e.envelope.data)
      .filter((d) => d.status === 'Available' && d.connectorId > 0)
      .map((d) => ({
        stationId: d.stationId,
        connectorId: d.connectorId,
        cause: 'CONNECTOR_AVAILABLE' as const,
        observedAt: Date.parse(d.timestamp),
      }));
    await this.markStale.execute(signals, this.tx.ofBatch(scope, causeOf(events[0])));
  }
}
