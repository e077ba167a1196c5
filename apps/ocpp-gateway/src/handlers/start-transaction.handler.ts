import { Injectable } from '@nestjs/common';
import { Topics, type TransactionStartedV1 } from '@voltlane/contracts-events';
import type { IdTagInfo16, StartTransactionReq16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { TransactionRepository } from '../persistence/transaction.repository';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';
import { AuthorizeIdTagUseCase } from './authorize-id-tag.use-case';
import { idTagInfoOf } from './authorize.handler';

interface StartTransactionConf16 {
  transactionId: number;
  idTagInfo: IdTagInfo16;
}

/**
 * StartTransaction: allocates the transactionId (PostgreSQL sequence, unique across replicas; a
 * repeated start gets the same id), publishes ocpp.transaction.started and answers only after
 * Kafka acknowledged it (ADR 0010).
 */
@Injectable()
export class StartTransactionHandler implements StationCallHandler<
  StartTransactionReq16,
  StartTransactionConf16
> {
  readonly action = 'StartTransaction';

  constructor(
    private readonly authorize: AuthorizeIdTagUseCase,
    private readonly transactions: TransactionRepository,
    private readonly publisher: OcppEventPublisher,
  ) {}

  async handle(
    ctx: StationCallContext,
    req: StartTransactionReq16,
  ): Promise<StartTransactionConf16> {
    const stationId = ctx.session.stationId;
    const decision = await this.authorize.executeForStart({
      stationId,
      idTag: req.idTag,
      connectorId: req.connectorId,
      correlationId: ctx.correlationId,
    });
    const tx = await this.transactions.startOrGet({
      stationId,
      connectorId: req.connectorId,
      idTag: req.idTag,
      idTagStatus: decision.status,
      meterStartWh: req.meterStart,
      startedAt: new Date(req.timestamp),
      reservationId: req.reservationId ?? null,
    });
    const event: TransactionStartedV1 = {
      stationId,
      connectorId: tx.connectorId,
      idTag: tx.idTag,
      idTagStatus: tx.idTagStatus as TransactionStartedV1['idTagStatus'],
      meterStartWh: tx.meterStartWh,
      timestamp: tx.startedAt.toISOString(),
      transactionId: String(tx.transactionId),
    };
    if (tx.reservationId !== null) event.reservationId = tx.reservationId;
    await this.publisher.publishAcked(Topics.OcppTransactionStarted, event, ctx.correlationId);
    return {
      transactionId: tx.transactionId,
      // A repeated start keeps the status of the first one.
      idTagInfo:
        tx.idTagStatus === decision.status
          ? idTagInfoOf(decision)
          : { status: tx.idTagStatus as IdTagInfo16['status'] },
    };
  }
}
