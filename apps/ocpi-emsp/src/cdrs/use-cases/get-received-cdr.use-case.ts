import { Injectable } from '@nestjs/common';
import { OcpiException } from '@voltlane/ocpi-core';
import type { CdrJson } from '../domain/received-cdr';
import { ReceivedCdrRepository } from '../persistence/received-cdr.repository';

/** `GET {cdrs}/{id}` (the URL our POST answer named): only the partner that sent it; else 404. */
@Injectable()
export class GetReceivedCdrUseCase {
  constructor(private readonly cdrs: ReceivedCdrRepository) {}

  async execute({ partnerId, cdrId }: { partnerId: string; cdrId: string }): Promise<CdrJson> {
    const cdr = await this.cdrs.find(partnerId, cdrId);
    if (!cdr) throw OcpiException.notFound('Unknown CDR');
    return cdr;
  }
}
