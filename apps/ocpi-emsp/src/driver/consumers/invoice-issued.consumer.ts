import { Injectable } from '@nestjs/common';
import { type InvoiceIssuedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordDriverInvoiceUseCase } from '../use-cases/driver-billing.use-cases';

/** cdr-billing's invoices → the driver API's projection (no synchronous call to cdr-billing). */
@Injectable()
export class InvoiceIssuedConsumer {
  constructor(private readonly record: RecordDriverInvoiceUseCase) {}

  @ConsumeEvent(Topics.InvoiceIssued)
  handle(event: InboundEvent<InvoiceIssuedV1>, scope: TransactionScope): Promise<void> {
    return this.record.execute({ invoice: event.envelope.data, manager: scope.manager });
  }
}
