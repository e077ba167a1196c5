import { Injectable } from '@nestjs/common';
import type { InvoiceIssuedV1 } from '@voltlane/contracts-events';
import type { EntityManager } from 'typeorm';
import { DriverInvoiceRepository } from '../persistence/driver-invoice.repository';
import { DriverReadRepository } from '../persistence/driver-read.repository';
import { GetDriverUseCase } from './drivers.use-cases';

export interface PageCommand {
  driverId: string;
  offset: number;
  limit: number;
}

/** `GET /api/v1/drivers/{id}/cdrs`: received CDRs charged with the driver's tokens. */
@Injectable()
export class ListDriverCdrsUseCase {
  constructor(
    private readonly getDriver: GetDriverUseCase,
    private readonly read: DriverReadRepository,
  ) {}

  async execute({ driverId, offset, limit }: PageCommand) {
    await this.getDriver.execute({ driverId });
    const uids = (await this.read.tokensOf(driverId)).map((t) => t.uid);
    const page = uids.length
      ? await this.read.cdrsOf(uids, { offset, limit })
      : { total: 0, items: [] };
    return { ...page, offset, limit };
  }
}

/** `GET /api/v1/drivers/{id}/invoices`: from the projection of `billing.invoice.issued.v1`. */
@Injectable()
export class ListDriverInvoicesUseCase {
  constructor(
    private readonly getDriver: GetDriverUseCase,
    private readonly read: DriverReadRepository,
    private readonly invoices: DriverInvoiceRepository,
  ) {}

  async execute({ driverId, offset, limit }: PageCommand) {
    await this.getDriver.execute({ driverId });
    const tokens = await this.read.tokensOf(driverId);
    const page = await this.invoices.listFor(driverId, tokens, { offset, limit });
    return { ...page, offset, limit };
  }
}

/** Consumer side: keeps the invoice for the driver API (idempotent per invoiceId). */
@Injectable()
export class RecordDriverInvoiceUseCase {
  constructor(private readonly invoices: DriverInvoiceRepository) {}

  execute({ invoice, manager }: { invoice: InvoiceIssuedV1; manager: EntityManager }) {
    return this.invoices.record(manager, invoice);
  }
}
