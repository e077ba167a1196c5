import { Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OcpiPushWorker } from '@voltlane/ocpi-core';
import { PartnerSyncModule } from '../partner-sync/partner-sync.module';
import { CdrCreatedConsumer } from './consumers/cdr-created.consumer';
import { CdrsOcpiController } from './http/cdrs-ocpi.controller';
import { CdrRepository } from './persistence/cdr.repository';
import { ListCdrsUseCase } from './use-cases/list-cdrs.use-case';
import { RecordCdrDeliveryUseCase } from './use-cases/record-cdr-delivery.use-case';
import { RecordCdrUseCase } from './use-cases/record-cdr.use-case';

/**
 * OCPI CDRs, Sender (ADR 0065): cdr-billing's CDRs stored (immutable) and POSTed once to the
 * token's eMSP, its `Location` header recorded; GET list per token owner.
 */
@Module({
  // PartnerSyncModule: the push queue writer on our schema
  imports: [PartnerSyncModule],
  controllers: [CdrsOcpiController],
  providers: [
    CdrRepository,
    RecordCdrUseCase,
    RecordCdrDeliveryUseCase,
    ListCdrsUseCase,
    CdrCreatedConsumer,
  ],
})
export class CdrsModule implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly recordDelivery: RecordCdrDeliveryUseCase,
  ) {}

  /** Before the push worker starts (application bootstrap): record CDR URLs on delivery. */
  onModuleInit(): void {
    const worker = this.moduleRef.get(OcpiPushWorker, { strict: false });
    worker.onDelivered((delivered, manager) => this.recordDelivery.execute(delivered, manager));
  }
}
