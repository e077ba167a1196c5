import { Injectable } from '@nestjs/common';
import { Topics, type StopReason, type TransactionStoppedV1 } from '@voltlane/contracts-events';
import type { IdTagInfo16, StopTransactionReq16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { flattenMeterValues } from '../domain/sampled-values';
import { TransactionRepository } from '../persistence/transaction.repository';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';
import { AuthorizeIdTagUseCase } from './authorize-id-tag.use-case';

type StopTransactionConf16 = { idTagInfo?: IdTagInfo16 };

/**
 * StopTransaction: publishes ocpp.transaction.stopped (with transactionData) and answers after
 * Kafka acknowledged it; then records the stop. A stop for a transaction already recorded as
 * stopped is acknowledged without publishing again.
 */
@Injectable()
export class StopTransactionHandler implements StationCallHandler<
  StopTransactionReq16,
  StopTransactionConf16
> {
  readonly action = 'StopTransaction';

  constructor(
    private readonly authorize: AuthorizeIdTagUseCase,
    private readonly transactions: TransactionRepository,
    private readonly publisher: OcppEventPublisher,
  ) {}

  async handle(ctx: StationCallContext, req: StopTransactionReq16): Promise<StopTransactionConf16> {
    const stationId = ctx.session.stationId;
    const answer: StopTransactionConf16 = {};
    if (req.idTag !== undefined) {
      const decision = await this.authorize.execute({
        stationId,
        idTag: req.idTag,
        correlationId: ctx.correlationId,
        checkConcurrentTx: false,
        // The stop is never held up by an eMSP round trip: cache and last decision only.
        realTime: false,
      });
      answer.idTagInfo = { status: decision.status };
    }
    if (await this.transactions.isStopped(stationId, req.transactionId)) return answer;
    const started = await this.transactions.find(stationId, req.transactionId);
    const event: TransactionStoppedV1 = {
      stationId,
      transactionId: String(req.transactionId),
      meterStopWh: req.meterStop,
      timestamp: new Date(req.timestamp).toISOString(),
      reason: (req.reason ?? 'Local') as StopReason,
    };
    if (started) event.connectorId = started.connectorId;
    if (req.idTag !== undefined) event.idTag = req.idTag;
    if (req.transactionData && req.transactionData.length > 0) {
      event.transactionData = flattenMeterValues(req.transactionData);
    }
    await this.publisher.publishAcked(Topics.OcppTransactionStopped, event, ctx.correlationId);
    await this.transactions.recordStop(
      stationId,
      req.transactionId,
      req.meterStop,
      new Date(req.timestamp),
    );
    return answer;
  }
}
