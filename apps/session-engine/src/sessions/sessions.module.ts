import { Module } from '@nestjs/common';
import { LifecycleTxFactory } from './consumers/lifecycle-tx.factory';
import { LocationUpsertedConsumer } from './consumers/location-upserted.consumer';
import { MeterValuesReceivedConsumer } from './consumers/meter-values-received.consumer';
import { RemoteStartCommandsConsumer } from './consumers/remote-start-commands.consumer';
import { SessionTxFactory } from './consumers/session-tx.factory';
import { StaleSignalsConsumer } from './consumers/stale-signals.consumer';
import { TokenUpsertedConsumer } from './consumers/token-upserted.consumer';
import { TransactionStartedConsumer } from './consumers/transaction-started.consumer';
import { TransactionStoppedConsumer } from './consumers/transaction-stopped.consumer';
import { SessionsController } from './http/sessions.controller';
import { DueSessionsSweeper } from './jobs/due-sessions.sweeper';
import { ChargingSessionRepository } from './persistence/charging-session.repository';
import { KnownTokenRepository } from './persistence/known-token.repository';
import { RemoteStartRepository } from './persistence/remote-start.repository';
import { SessionPlaceRepository } from './persistence/session-place.repository';
import { SessionQueryRepository } from './persistence/session-query.repository';
import { SessionEngineSettings } from './session-engine.settings';
import { SessionMetrics } from './session.metrics';
import { CloseDueSessionsUseCase } from './use-cases/close-due-sessions/close-due-sessions.use-case';
import { ExpirePendingSessionsUseCase } from './use-cases/expire-pending-sessions/expire-pending-sessions.use-case';
import { MarkStaleSessionsUseCase } from './use-cases/mark-stale-sessions/mark-stale-sessions.use-case';
import { PendingSessionEvents } from './use-cases/pending-session-events';
import { QuerySessionsUseCase } from './use-cases/query-sessions/query-sessions.use-case';
import { RecordCommandResultUseCase } from './use-cases/record-command-result/record-command-result.use-case';
import { RecordLocationUseCase } from './use-cases/record-location/record-location.use-case';
import { RecordMeterValuesUseCase } from './use-cases/record-meter-values/record-meter-values.use-case';
import { RecordTokenUseCase } from './use-cases/record-token/record-token.use-case';
import { RequestRemoteStartUseCase } from './use-cases/request-remote-start/request-remote-start.use-case';
import { SessionEvents } from './use-cases/session-events';
import { StartSessionUseCase } from './use-cases/start-session/start-session.use-case';
import { StopSessionUseCase } from './use-cases/stop-session/stop-session.use-case';

/** Charging sessions: OCPP transaction events in, session events and the operator API out. */
@Module({
  controllers: [SessionsController],
  providers: [
    SessionEngineSettings,
    ChargingSessionRepository,
    SessionQueryRepository,
    SessionEvents,
    SessionTxFactory,
    StartSessionUseCase,
    RecordMeterValuesUseCase,
    StopSessionUseCase,
    MarkStaleSessionsUseCase,
    CloseDueSessionsUseCase,
    QuerySessionsUseCase,
    TransactionStartedConsumer,
    MeterValuesReceivedConsumer,
    TransactionStoppedConsumer,
    StaleSignalsConsumer,
    DueSessionsSweeper,
    RemoteStartRepository,
    SessionPlaceRepository,
    PendingSessionEvents,
    LifecycleTxFactory,
    RequestRemoteStartUseCase,
    RecordCommandResultUseCase,
    ExpirePendingSessionsUseCase,
    RecordLocationUseCase,
    RemoteStartCommandsConsumer,
    LocationUpsertedConsumer,
    KnownTokenRepository,
    RecordTokenUseCase,
    TokenUpsertedConsumer,
    SessionMetrics,
  ],
})
export class SessionsModule {}
