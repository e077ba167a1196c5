import { Module } from '@nestjs/common';
import { platformModules } from '@voltlane/platform-runtime';
import { CommandDelivery } from './commands/command-delivery';
import { CommandRequestedConsumer } from './commands/command-requested.consumer';
import { CommandRouter } from './commands/command.router';
import { CommandsController } from './commands/commands.controller';
import { ForwardCommandUseCase } from './commands/forward-command.use-case';
import { RemoteStartGrants } from './commands/remote-start-grants';
import { SendCommandUseCase } from './commands/send-command.use-case';
import { CallDispatcher } from './connection/call-dispatcher';
import { ConnectionStateWriter } from './connection/connection-state.writer';
import { ConnectionRegistry } from './connection/connection.registry';
import { OcppWebSocketServer } from './connection/ocpp-websocket.server';
import { StationAuthenticator } from './connection/station-authenticator';
import { STATION_CALL_HANDLERS } from './connection/station-call.handler';
import { AuthorizeIdTagUseCase } from './handlers/authorize-id-tag.use-case';
import { AuthorizeHandler } from './handlers/authorize.handler';
import { BootNotificationHandler } from './handlers/boot-notification.handler';
import { DataTransferHandler } from './handlers/data-transfer.handler';
import { DiagnosticsStatusNotificationHandler } from './handlers/diagnostics-status-notification.handler';
import { FirmwareStatusNotificationHandler } from './handlers/firmware-status-notification.handler';
import { HeartbeatHandler } from './handlers/heartbeat.handler';
import { MeterValuesHandler } from './handlers/meter-values.handler';
import { StartTransactionHandler } from './handlers/start-transaction.handler';
import { StatusNotificationHandler } from './handlers/status-notification.handler';
import { StopTransactionHandler } from './handlers/stop-transaction.handler';
import { SERVICE } from './ocpp-gateway.service';
import { CommandClaimRepository } from './persistence/command-claim.repository';
import { StationDirectory } from './persistence/station.directory';
import { StationRepository } from './persistence/station.repository';
import { TokenCacheRepository } from './persistence/token-cache.repository';
import { TransactionRepository } from './persistence/transaction.repository';
import { OcppEventPublisher } from './publishing/ocpp-event.publisher';
import {
  DeleteStationUseCase,
  GetStationUseCase,
  PutStationUseCase,
} from './registry/station-registry.use-cases';
import { StationsController } from './registry/stations.controller';
import { AuthorizationDecidedConsumer } from './tokens/authorization-decided.consumer';
import { RealTimeAuthorizationClient } from './tokens/real-time-authorization.client';
import { TokenUpsertedConsumer } from './tokens/token-upserted.consumer';

/** Station → CSMS handlers, one per OCPP 1.6 action. */
const HANDLERS = [
  AuthorizeHandler,
  BootNotificationHandler,
  DataTransferHandler,
  DiagnosticsStatusNotificationHandler,
  FirmwareStatusNotificationHandler,
  HeartbeatHandler,
  MeterValuesHandler,
  StartTransactionHandler,
  StatusNotificationHandler,
  StopTransactionHandler,
];

@Module({
  imports: [...platformModules(SERVICE)],
  controllers: [StationsController, CommandsController],
  providers: [
    StationRepository,
    StationDirectory,
    TransactionRepository,
    TokenCacheRepository,
    OcppEventPublisher,
    AuthorizeIdTagUseCase,
    ...HANDLERS,
    { provide: STATION_CALL_HANDLERS, useFactory: (...h: unknown[]) => h, inject: HANDLERS },
    CallDispatcher,
    ConnectionRegistry,
    ConnectionStateWriter,
    StationAuthenticator,
    OcppWebSocketServer,
    PutStationUseCase,
    GetStationUseCase,
    DeleteStationUseCase,
    TokenUpsertedConsumer,
    AuthorizationDecidedConsumer,
    RealTimeAuthorizationClient,
    RemoteStartGrants,
    SendCommandUseCase,
    ForwardCommandUseCase,
    CommandRequestedConsumer,
    CommandClaimRepository,
    CommandDelivery,
    CommandRouter,
  ],
})
export class AppModule {}
