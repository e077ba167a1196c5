import { Inject, Injectable } from '@nestjs/common';
import {
  OCPI_PARTY_OPTIONS,
  OcpiPushQueue,
  type OcpiPartyOptions,
  PartnerDirectory,
} from '@voltlane/ocpi-core';
import { ValidationFailedError } from '@voltlane/platform-core';
import { CdrDto, validateOcpi } from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import { cdrObjectKey, cdrOwnerOf, type CdrJson } from '../domain/cdr-record';
import { CdrRepository } from '../persistence/cdr.repository';

const MODULE = 'cdrs';

/**
 * A CDR (or credit CDR) of cdr-billing: validated, stored once (immutable: a second event with
 * the same CDR id changes and sends nothing) and POSTed in full to the eMSP owning its token —
 * nobody else — through the push queue, in the consumer's transaction.
 */
@Injectable()
export class RecordCdrUseCase {
  constructor(
    private readonly cdrs: CdrRepository,
    private readonly partners: PartnerDirectory,
    private readonly queue: OcpiPushQueue,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async execute(
    command: { cdr: Record<string, unknown>; correlationId?: string },
    manager: EntityManager,
  ): Promise<void> {
    const cdr = this.validated(command.cdr);
    if (!(await this.cdrs.insert(manager, cdr))) return;
    const owner = cdrOwnerOf(cdr);
    const partnerIds = (await this.partners.findByParty(owner.countryCode, owner.partyId, 'EMSP'))
      .filter((p) => p.endpoints.some((e) => e.identifier === MODULE && e.role === 'RECEIVER'))
      .map((p) => p.id)
      .sort();
    for (const partnerId of partnerIds) await this.cdrs.addDelivery(manager, cdr.id, partnerId);
    await this.queue.enqueue(
      manager,
      partnerIds.map((partnerId) => ({
        partnerId,
        module: MODULE,
        objectKey: cdrObjectKey(cdr.id),
        method: 'POST' as const,
        body: cdr,
        lastUpdated: cdr.last_updated,
        correlationId: command.correlationId,
        to: owner,
      })),
    );
  }

  private validated(plain: Record<string, unknown>): CdrJson {
    const result = validateOcpi(CdrDto, plain);
    if (!result.ok) {
      throw new ValidationFailedError('invalid OCPI CDR in billing.cdr.created', result.violations);
    }
    const cdr = plain as unknown as CdrJson;
    if (
      cdr.country_code.toUpperCase() !== this.party.countryCode.toUpperCase() ||
      cdr.party_id.toUpperCase() !== this.party.partyId.toUpperCase()
    ) {
      throw new ValidationFailedError('a CDR of another CPO party', [
        `country_code/party_id ${cdr.country_code}/${cdr.party_id} is not ours`,
      ]);
    }
    return cdr;
  }
}
