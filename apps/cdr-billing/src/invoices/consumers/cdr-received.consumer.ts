import { Injectable } from '@nestjs/common';
import { type EmspCdrReceivedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { BatchTransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEventBatch } from '@voltlane/platform-runtime';
import { IssueInvoiceUseCase } from '../use-cases/issue-invoice.use-case';

/** A chunk of received CDRs → their invoices, in one inbox transaction. */
@Injectable()
export class CdrReceivedConsumer {
  constructor(private readonly issueInvoices: IssueInvoiceUseCase) {}

  @ConsumeEventBatch(Topics.EmspCdrReceived)
  async handle(events: InboundEvent<EmspCdrReceivedV1>[], scope: BatchTransactionScope) {
    await this.issueInvoices.execute({
      manager: scope.manager,
      items: events.map(({ envelope }) => ({
        data: envelope.data,
        publish: (topic: string, data: unknown) =>
          scope.publish(topic, data, {
            correlationId: envelope.correlationId,
            causationId: envelope.eventId,
          }),
      })),
    });
  }
}
