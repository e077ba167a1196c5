import { Injectable } from '@nestjs/common';
import type { InvoiceIssuedV1 } from '@voltlane/contracts-events';
import { DataSource, type EntityManager } from 'typeorm';

const S = '"ocpi_emsp"';

/** Projection of `billing.invoice.issued.v1` for the driver API (ADR 0072). */
@Injectable()
export class DriverInvoiceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: the same invoice again changes nothing (the event is keyed by invoiceId). */
  async record(manager: EntityManager, invoice: InvoiceIssuedV1): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."driver_invoices" (invoice_id, invoice_number, kind, driver_id,
         token_uid_key, contract_id_key, currency, total_excl_vat, total_vat, total_incl_vat,
         issued_at, invoice)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (invoice_id) DO NOTHING`,
      [
        invoice.invoiceId,
        invoice.invoiceNumber,
        invoice.kind ?? 'INVOICE',
        invoice.driverId ?? null,
        invoice.tokenUid?.toUpperCase() ?? null,
        invoice.contractId?.toUpperCase() ?? null,
        invoice.currency,
        invoice.totalExclVat,
        invoice.totalVat,
        invoice.totalInclVat,
        invoice.issuedAt,
        JSON.stringify(invoice),
      ],
    );
  }

  /**
   * The driver's invoices, newest first: those naming the driver, and those issued to one of the
   * driver's token uids or contract ids (an invoice whose CDR event named no driver).
   */
  async listFor(
    driverId: string,
    tokens: { uid: string; contract_id: string }[],
    page: { offset: number; limit: number },
  ): Promise<{ total: number; items: InvoiceIssuedV1[] }> {
    const uids = tokens.map((t) => t.uid.toUpperCase());
    const contracts = tokens.map((t) => t.contract_id.toUpperCase());
    const where = `driver_id = $1
      OR (driver_id IS NULL AND (token_uid_key = ANY($2::text[]) OR contract_id_key = ANY($3::text[])))`;
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT invoice FROM ${S}."driver_invoices" WHERE ${where}
          ORDER BY issued_at DESC, invoice_number DESC OFFSET $4 LIMIT $5`,
        [driverId, uids, contracts, page.offset, page.limit],
      ) as Promise<{ invoice: InvoiceIssuedV1 }[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${S}."driver_invoices" WHERE ${where}`,
        [driverId, uids, contracts],
      ) as Promise<{ n: number }[]>,
    ]);
    return { total: count[0]?.n ?? 0, items: rows.map((r) => r.invoice) };
  }
}
