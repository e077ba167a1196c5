import { Injectable } from '@nestjs/common';
import { CdrNotFoundError } from '../domain/cdr.errors';
import { type CdrView, toCdrView } from '../http/cdr.view';
import { type CdrQuery, CdrRepository } from '../persistence/cdr.repository';

/** Read side of the operator API: one CDR, or a filtered page. */
@Injectable()
export class QueryCdrsUseCase {
  constructor(private readonly cdrs: CdrRepository) {}

  async get(cdrId: string): Promise<CdrView> {
    const found = await this.cdrs.findById(cdrId);
    if (!found) throw new CdrNotFoundError(`CDR ${cdrId} not found`, { details: { cdrId } });
    return toCdrView(found);
  }

  async list(
    q: CdrQuery,
  ): Promise<{ total: number; offset: number; limit: number; data: CdrView[] }> {
    const page = await this.cdrs.find(q);
    return { total: page.total, offset: q.offset, limit: q.limit, data: page.items.map(toCdrView) };
  }
}
