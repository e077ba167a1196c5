import { Module } from '@nestjs/common';
import { CdrReceivedConsumer } from './consumers/cdr-received.consumer';
import { InvoicesController } from './http/invoices.controller';
import { InvoiceRepository } from './persistence/invoice.repository';
import { IssueInvoiceUseCase } from './use-cases/issue-invoice.use-case';
import { QueryInvoicesUseCase } from './use-cases/query-invoices.use-case';

/** Driver invoices from CDRs our eMSP received (ADR 0052). */
@Module({
  controllers: [InvoicesController],
  providers: [InvoiceRepository, IssueInvoiceUseCase, QueryInvoicesUseCase, CdrReceivedConsumer],
})
export class InvoicesModule {}
