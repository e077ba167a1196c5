import { Module } from '@nestjs/common';
import { CdrMetrics } from './cdr.metrics';
import { SessionCompletedConsumer } from './consumers/session-completed.consumer';
import { SessionRatedConsumer } from './consumers/session-rated.consumer';
import { TariffUpsertedConsumer } from './consumers/tariff-upserted.consumer';
import { CdrsController } from './http/cdrs.controller';
import { CdrRepository } from './persistence/cdr.repository';
import { TariffVersionRepository } from './persistence/tariff-version.repository';
import { CorrectCdrUseCase } from './use-cases/correct-cdr.use-case';
import { IssueSessionCdrUseCase } from './use-cases/issue-session-cdr.use-case';
import { QueryCdrsUseCase } from './use-cases/query-cdrs.use-case';
import { RecordTariffUseCase } from './use-cases/record-tariff.use-case';

/** CDRs: created from completed + rated sessions, queried and corrected by operators. */
@Module({
  controllers: [CdrsController],
  providers: [
    CdrRepository,
    IssueSessionCdrUseCase,
    QueryCdrsUseCase,
    CorrectCdrUseCase,
    SessionCompletedConsumer,
    SessionRatedConsumer,
    TariffVersionRepository,
    RecordTariffUseCase,
    TariffUpsertedConsumer,
    CdrMetrics,
  ],
})
export class CdrsModule {}
