import { Module } from '@nestjs/common';
import { MeterValuesReceivedConsumer } from './consumers/meter-values-received.consumer';
import { SessionTxFactory } from './consumers/session-tx.factory';
import { StaleSignalsConsumer } from './consumers/stale-signals.consumer';
import { TransactionStartedConsumer } from './consumers/transaction-started.consumer';
import { TransactionStoppedConsumer } from './consumers/transaction-stopped.consumer';
import { SessionsController } from './http/sessions.controller';
import { DueSessionsSweeper } from './jobs/due-sessions.sweeper';
import { ChargingSessionRepository } from './persistence/charging-session.repository';
import { SessionQueryRepository } from './persistence/session-query.repository';
import { SessionEngineSettings } from './session-engine.settings';
import { CloseDueSessionsUseCase } from './use-cases/close-due-sessions/close-due-sessions.use-case';
import { MarkStaleSessionsUseCase } from './use-cases/mark-stale-sessions/mark-stale-sessions.use-case';
import { QuerySessionsUseCase } from './use-cases/query-sessions/query-sessions.use-case';
import { RecordMeterValuesUseCase } from './use-cases/record-meter-values/record-meter-values.use-case';
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
  ],
})
export class SessionsModule {}
