import { Module } from '@nestjs/common';
import { SessionCompletedConsumer } from './consumers/session-completed.consumer';
import { SessionRatedConsumer } from './consumers/session-rated.consumer';
import { CdrsController } from './http/cdrs.controller';
import { CdrRepository } from './persistence/cdr.repository';
import { CorrectCdrUseCase } from './use-cases/correct-cdr.use-case';
import { IssueSessionCdrUseCase } from './use-cases/issue-session-cdr.use-case';
import { QueryCdrsUseCase } from './use-cases/query-cdrs.use-case';

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
  ],
})
export class CdrsModule {}
