import { Module } from '@nestjs/common';
import { OcpiPushQueue } from '@voltlane/ocpi-core';
import { SERVICE } from '../ocpi-cpo.service';
import { EmspPushTargets } from './emsp-push-targets';
import { PartnerSyncRepository } from './persistence/partner-sync.repository';

/**
 * Push plumbing shared by the Locations and Tariffs Sender: eMSP push targets, what each partner
 * was already sent, and the push queue writer (a stateless writer on our schema; the delivery
 * worker comes from OcpiPushModule in AppModule).
 */
@Module({
  providers: [
    EmspPushTargets,
    PartnerSyncRepository,
    { provide: OcpiPushQueue, useFactory: () => new OcpiPushQueue(SERVICE.schema) },
  ],
  exports: [EmspPushTargets, PartnerSyncRepository, OcpiPushQueue],
})
export class PartnerSyncModule {}
