import { Injectable } from '@nestjs/common';
import type { PushDelivered } from '@voltlane/ocpi-core';
import type { EntityManager } from 'typeorm';
import { cdrKeyOfObjectKey } from '../domain/cdr-record';
import { CdrRepository } from '../persistence/cdr.repository';

/**
 * Push-worker hook: a CDR POST was accepted → remember the eMSP's `Location` header (where the CDR
 * lives there; OCPI: the CPO later GETs only that URL), in the transaction that marks it delivered.
 */
@Injectable()
export class RecordCdrDeliveryUseCase {
  constructor(private readonly cdrs: CdrRepository) {}

  async execute(delivered: PushDelivered, manager: EntityManager): Promise<void> {
    const { item } = delivered;
    if (item.module !== 'cdrs' || item.method !== 'POST') return;
    const cdrKey = cdrKeyOfObjectKey(item.objectKey);
    if (!cdrKey) return;
    await this.cdrs.recordDelivered(manager, cdrKey, item.partnerId, delivered.location);
  }
}
