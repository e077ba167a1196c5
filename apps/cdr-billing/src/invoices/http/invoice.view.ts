import type { InvoiceLine } from '../domain/invoice-assembly';
import type { StoredInvoice } from '../persistence/invoice.repository';

/** An invoice (or credit note) in the operator API. */
export interface InvoiceView {
  id: string;
  number: string;
  kind: StoredInvoice['kind'];
  emspCountryCode: string;
  emspPartyId: string;
  issuedAt: string;
  driverId: string | null;
  token: { uid: string; contractId: string };
  cdr: {
    id: string;
    cpoCountryCode: string;
    cpoPartyId: string;
    startDateTime: string;
    endDateTime: string;
  };
  /** CREDIT_NOTE: the invoice it cancels. */
  creditedInvoiceNumber: string | null;
  /** INVOICE: the credit note that cancelled it, if any. */
  creditedByInvoiceNumber: string | null;
  currency: string;
  totalExclVat: number;
  totalVat: number;
  totalInclVat: number;
  lines: InvoiceLine[];
}

export const toInvoiceView = (i: StoredInvoice): InvoiceView => ({
  id: i.invoiceId,
  number: i.invoiceNumber,
  kind: i.kind,
  emspCountryCode: i.emspCountryCode,
  emspPartyId: i.emspPartyId,
  issuedAt: i.issuedAt,
  driverId: i.driverId,
  token: { uid: i.tokenUid, contractId: i.contractId },
  cdr: {
    id: i.cdrId,
    cpoCountryCode: i.cpoCountryCode,
    cpoPartyId: i.cpoPartyId,
    startDateTime: i.cdrStartDateTime,
    endDateTime: i.cdrEndDateTime,
  },
  creditedInvoiceNumber: i.creditedInvoiceNumber,
  creditedByInvoiceNumber: i.creditedByInvoiceNumber,
  currency: i.currency,
  totalExclVat: i.totalExclVat,
  totalVat: i.totalVat,
  totalInclVat: i.totalInclVat,
  lines: i.lines,
});
