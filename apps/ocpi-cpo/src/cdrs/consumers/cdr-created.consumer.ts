import { Injectable } from '@nestjs/common';
import { type CdrCreatedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordCdrUseCase } from '../use-cases/record-cdr.use-case';

/** cdr-billing's CDRs (credit CDRs too) → stored and POSTed to the token's eMSP. */
@Injectable()
export class CdrCreatedConsumer {
  constructor(private readonly recordCdr: RecordCdrUseCase) {}

  @ConsumeEvent(Topics.CdrCreated)
  handle(event: InboundEvent<CdrCreatedV1>, scope: TransactionScope): Promise<void> {
    const { data, correlationId } = event.envelope;
    return this.recordCdr.execute({ cdr: data.cdr, correlationId }, scope.manager);
  }
}
