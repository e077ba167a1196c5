import { Injectable } from '@nestjs/common';
import { InvoiceNotFoundError, InvoiceNumberAmbiguousError } from '../domain/invoice.errors';
import { type InvoiceView, toInvoiceView } from '../http/invoice.view';
import { type InvoiceQuery, InvoiceRepository } from '../persistence/invoice.repository';

/** Read side of the operator API: one invoice by number, or a filtered page. */
@Injectable()
export class QueryInvoicesUseCase {
  constructor(private readonly invoices: InvoiceRepository) {}

  async get(invoiceNumber: string, emspCountryCode?: string): Promise<InvoiceView> {
    const found = await this.invoices.findByNumber(invoiceNumber, emspCountryCode);
    if (found.length === 0) {
      throw new InvoiceNotFoundError(`invoice ${invoiceNumber} not found`, {
        details: { invoiceNumber },
      });
    }
    if (found.length > 1) {
      throw new InvoiceNumberAmbiguousError(
        `invoice number ${invoiceNumber} exists for several eMSP countries; add emsp_country_code`,
        { details: { invoiceNumber, countries: found.map((i) => i.emspCountryCode) } },
      );
    }
    return toInvoiceView(found[0]);
  }

  async list(
    q: InvoiceQuery,
  ): Promise<{ total: number; offset: number; limit: number; data: InvoiceView[] }> {
    const page = await this.invoices.find(q);
    return {
      total: page.total,
      offset: q.offset,
      limit: q.limit,
      data: page.items.map(toInvoiceView),
    };
  }
}
