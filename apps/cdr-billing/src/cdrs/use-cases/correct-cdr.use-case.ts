import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import { currentContext } from '@voltlane/platform-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import {
  cdrCreatedEvent,
  correctionOf,
  type CorrectedTotals,
  creditOf,
} from '../domain/cdr-assembly';
import { CdrNotCorrectableError, CdrNotFoundError } from '../domain/cdr.errors';
import { type CdrView, toCdrView } from '../http/cdr.view';
import { CdrMetrics } from '../cdr.metrics';
import { CdrRepository } from '../persistence/cdr.repository';

export interface CorrectCdrCommand {
  cdrId: string;
  totals: CorrectedTotals;
}

/**
 * POST /api/v1/cdrs/{id}/corrections: credits the CDR (credit CDR, negated total_cost) and issues a
 * new CDR with the corrected totals; both are stored and published in one transaction.
 */
@Injectable()
export class CorrectCdrUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cdrs: CdrRepository,
    private readonly outbox: OutboxWriter,
    @Optional() @Inject(CdrMetrics) private readonly metrics?: CdrMetrics | null,
  ) {}

  async execute(command: CorrectCdrCommand): Promise<{ credit: CdrView; corrected: CdrView }> {
    const correlationId = currentContext().correlationId ?? randomUUID();
    const now = new Date().toISOString();
    const { credit, corrected } = await this.dataSource.transaction(async (manager) => {
      const original = await this.cdrs.findForCorrection(manager, command.cdrId);
      if (!original) {
        throw new CdrNotFoundError(`CDR ${command.cdrId} not found`, {
          details: { cdrId: command.cdrId },
        });
      }
      if (original.kind === 'CREDIT' || original.creditedBy !== null) {
        throw new CdrNotCorrectableError(
          original.kind === 'CREDIT'
            ? `CDR ${command.cdrId} is a credit CDR`
            : `CDR ${command.cdrId} was already credited by ${original.creditedBy}`,
          { details: { cdrId: command.cdrId } },
        );
      }
      const creditCdr = creditOf(original, { cdrId: randomUUID(), now });
      const newCdr = correctionOf(original, command.totals, { cdrId: randomUUID(), now });
      await this.cdrs.insert(manager, creditCdr);
      await this.cdrs.insert(manager, newCdr);
      await this.outbox.append(
        manager,
        [creditCdr, newCdr].map((r) => ({
          topic: Topics.CdrCreated,
          data: cdrCreatedEvent(r),
          correlationId,
          causationId: null,
        })),
      );
      return { credit: creditCdr, corrected: newCdr };
    });
    this.metrics?.created(credit.kind);
    this.metrics?.created(corrected.kind);
    const view = (r: typeof credit) => toCdrView({ ...r, createdAt: now, creditedBy: null });
    return { credit: view(credit), corrected: view(corrected) };
  }
}
