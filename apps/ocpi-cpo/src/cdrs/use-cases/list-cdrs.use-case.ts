import { Injectable } from '@nestjs/common';
import type { OcpiCaller, PageRequest } from '@voltlane/ocpi-core';
import type { CdrJson } from '../domain/cdr-record';
import { CdrRepository } from '../persistence/cdr.repository';
import { readableTokenOwners } from '../../sessions/domain/token-owners';

/** Largest page of the CDRs Sender GET (`X-Limit`). */
export const CDRS_MAX_LIMIT = 100;

/**
 * OCPI CDRs Sender GET list: only CDRs whose token belongs to one of the caller's eMSP roles;
 * `last_updated` (the filter of date_from/date_to) is the CDR's creation time.
 */
@Injectable()
export class ListCdrsUseCase {
  constructor(private readonly cdrs: CdrRepository) {}

  execute(caller: OcpiCaller, page: PageRequest): Promise<{ total: number; items: CdrJson[] }> {
    const owners = readableTokenOwners(caller.roles, caller.from);
    return this.cdrs.listPage({ ...page, owners });
  }
}
