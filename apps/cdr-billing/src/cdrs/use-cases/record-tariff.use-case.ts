import { Injectable } from '@nestjs/common';
import type { TariffUpsertedV1 } from '@voltlane/contracts-events';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { TariffVersionRepository } from '../persistence/tariff-version.repository';
import { IssueSessionCdrUseCase } from './issue-session-cdr.use-case';

/**
 * `tariff.tariff.upserted` → a new version of one of our tariffs (for the `tariffs` of CDRs, as
 * they were when the session was rated); sessions whose CDR waited for this tariff get it now.
 */
@Injectable()
export class RecordTariffUseCase {
  constructor(
    private readonly tariffs: TariffVersionRepository,
    private readonly issueCdr: IssueSessionCdrUseCase,
  ) {}

  async execute(data: TariffUpsertedV1, scope: TransactionScope): Promise<void> {
    const ref = { countryCode: data.countryCode, partyId: data.partyId, tariffId: data.tariffId };
    await this.tariffs.lock(scope.manager, [ref]);
    const stored = await this.tariffs.save(scope.manager, {
      ...ref,
      lastUpdated: Date.parse(data.lastUpdated),
      tariff: data.tariff,
    });
    if (!stored) return;
    for (const parts of await this.tariffs.lockWaitingFor(scope.manager, ref)) {
      await this.issueCdr.issueIfReady(scope, parts);
    }
  }
}
