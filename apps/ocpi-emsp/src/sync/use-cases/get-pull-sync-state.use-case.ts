import { Injectable } from '@nestjs/common';
import { PartnerDirectory } from '@voltlane/ocpi-core';
import { NotFoundError } from '@voltlane/platform-core';
import { PullSyncStateRepository } from '../persistence/pull-sync-state.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** `GET /admin/v1/partners/{id}/sync`: watermark, last run and last error per module. */
@Injectable()
export class GetPullSyncStateUseCase {
  constructor(
    private readonly partners: PartnerDirectory,
    private readonly state: PullSyncStateRepository,
  ) {}

  async execute({ partnerId }: { partnerId: string }) {
    if (!(await this.partners.findById(partnerId))) {
      throw new NotFoundError(`Unknown partner ${partnerId}`);
    }
    const modules = (await this.state.forPartner(partnerId)).map((s) => ({
      module: s.module,
      watermark: iso(s.watermark),
      last_started_at: iso(s.lastStartedAt),
      last_success_at: iso(s.lastSuccessAt),
      last_error: s.lastError,
      last_error_at: iso(s.lastErrorAt),
      received: s.received,
      invalid: s.invalid,
      next_run_at: iso(s.nextRunAt),
    }));
    return { partner_id: partnerId, modules };
  }
}
