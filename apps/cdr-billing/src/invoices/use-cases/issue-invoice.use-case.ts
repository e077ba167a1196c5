import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EmspCdrReceivedV1, type InvoiceIssuedV1, Topics } from '@voltlane/contracts-events';
import { createLogger } from '@voltlane/platform-core';
import type { EntityManager } from 'typeorm';
import {
  assembleInvoice,
  formatInvoiceNumber,
  type InvoiceSource,
  type ReceivedCdr,
} from '../domain/invoice-assembly';
import {
  type CdrKey,
  InvoiceRepository,
  type StoredInvoice,
} from '../persistence/invoice.repository';

/** Publishes an event in the caller's transaction (the outbox), caused by the CDR's event. */
type Publish = (topic: string, data: unknown) => void;

/** One received CDR and how to publish what it causes. */
export interface ReceivedCdrItem {
  data: EmspCdrReceivedV1;
  publish: Publish;
}

export interface IssueInvoicesCommand {
  items: ReceivedCdrItem[];
  manager: EntityManager;
}

export type IssueInvoiceOutcome = 'issued' | 'duplicate' | 'waiting-for-original';

/**
 * `emsp.cdr.received.v1` → exactly one invoice per received CDR (a credit CDR → a credit note for
 * the invoice of the CDR it credits), numbered from the eMSP party's gap-free series and published
 * as `billing.invoice.issued.v1`, all in the consumer's transaction (ADR 0052). A chunk of CDRs is
 * one transaction: first every CDR is assembled (an uninvoiceable one fails the chunk, which the
 * consumer runner then retries event by event, dead-lettering only that one), then the CDR locks
 * are taken in sorted order (two chunks can never wait for each other in a cycle), then the
 * invoices are issued in event order.
 */
@Injectable()
export class IssueInvoiceUseCase {
  private readonly logger = createLogger('cdr-billing', 'IssueInvoice');

  constructor(private readonly invoices: InvoiceRepository) {}

  async execute({ items, manager }: IssueInvoicesCommand): Promise<IssueInvoiceOutcome[]> {
    const prepared = items.map((item) => {
      const source: InvoiceSource = {
        cdr: item.data.cdr as unknown as ReceivedCdr,
        ...(item.data.driverId ? { driverId: item.data.driverId } : {}),
      };
      const draft = assembleInvoice(source);
      const key: CdrKey = {
        cpoCountryCode: draft.cpoCountryCode,
        cpoPartyId: draft.cpoPartyId,
        cdrId: draft.cdrId,
      };
      const original: CdrKey = { ...key, cdrId: draft.creditedCdrId ?? draft.cdrId };
      return { item, source, draft, key, original };
    });
    const lockKeys = new Map(prepared.map((p) => [lockName(p.original), p.original]));
    for (const name of [...lockKeys.keys()].sort()) {
      await this.invoices.lockCdr(manager, lockKeys.get(name) as CdrKey);
    }
    const year = new Date().getUTCFullYear();
    const series = new Map(
      prepared.map(({ draft: d }) => [
        `${d.emspCountryCode}/${d.emspPartyId}`,
        { emspCountryCode: d.emspCountryCode, emspPartyId: d.emspPartyId, year },
      ]),
    );
    await this.invoices.lockSeries(manager, [...series.values()]);
    const outcomes: IssueInvoiceOutcome[] = [];
    for (const p of prepared) {
      outcomes.push(
        await this.issueOne(manager, year, p.item.publish, p.source, p.key, p.original),
      );
    }
    return outcomes;
  }

  private async issueOne(
    manager: EntityManager,
    year: number,
    publish: Publish,
    source: InvoiceSource,
    key: CdrKey,
    original: CdrKey,
  ): Promise<IssueInvoiceOutcome> {
    if (await this.invoices.findByCdr(manager, key)) return 'duplicate';
    const creditedCdrId = source.cdr.credit === true ? original.cdrId : null;
    if (creditedCdrId === null) {
      await this.issue(manager, year, publish, source, null);
      // credit CDRs that arrived before this CDR: their credit notes follow at once
      for (const credit of await this.invoices.takePendingCredits(manager, key)) {
        await this.issue(
          manager,
          year,
          publish,
          credit,
          await this.invoices.findByCdr(manager, key),
        );
      }
      return 'issued';
    }
    const credited = await this.invoices.findByCdr(manager, original);
    if (!credited) {
      await this.invoices.savePendingCredit(manager, key, creditedCdrId, source);
      this.logger.log('credit CDR waits for the invoice of the CDR it credits', {
        cdrId: key.cdrId,
        creditedCdrId,
        cpo: `${key.cpoCountryCode}/${key.cpoPartyId}`,
      });
      return 'waiting-for-original';
    }
    await this.issue(manager, year, publish, source, credited);
    return 'issued';
  }

  private async issue(
    manager: EntityManager,
    year: number,
    publish: Publish,
    source: InvoiceSource,
    credited: StoredInvoice | null | undefined,
  ): Promise<void> {
    const draft = assembleInvoice(source);
    if (draft.kind === 'CREDIT_NOTE' && credited?.creditedByInvoiceNumber) {
      // the invoice is cancelled already (another credit CDR for the same CDR): one credit note
      this.logger.log('credit CDR for an invoice already credited: ignored', {
        cdrId: draft.cdrId,
        creditedInvoiceNumber: credited.invoiceNumber,
      });
      return;
    }
    const sequence = await this.invoices.allocateSequence(
      manager,
      draft.emspCountryCode,
      draft.emspPartyId,
      year,
    );
    const invoice = {
      ...draft,
      invoiceId: randomUUID(),
      invoiceNumber: formatInvoiceNumber(draft.emspPartyId, year, sequence),
      year,
      sequence,
      creditedInvoiceId: credited?.invoiceId ?? null,
      issuedAt: new Date().toISOString(),
    };
    await this.invoices.insert(manager, invoice);
    publish(Topics.InvoiceIssued, toEvent(invoice, credited?.invoiceNumber));
  }
}

const lockName = (k: CdrKey) => `${k.cpoCountryCode}/${k.cpoPartyId}/${k.cdrId}`;

function toEvent(
  invoice: Omit<StoredInvoice, 'creditedInvoiceNumber' | 'creditedByInvoiceNumber'>,
  creditedInvoiceNumber: string | undefined,
): InvoiceIssuedV1 {
  return {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    ...(invoice.driverId ? { driverId: invoice.driverId } : {}),
    kind: invoice.kind,
    emspCountryCode: invoice.emspCountryCode,
    emspPartyId: invoice.emspPartyId,
    tokenUid: invoice.tokenUid,
    contractId: invoice.contractId,
    ...(invoice.creditedInvoiceId
      ? { creditedInvoiceId: invoice.creditedInvoiceId, creditedInvoiceNumber }
      : {}),
    currency: invoice.currency,
    totalExclVat: invoice.totalExclVat,
    totalVat: invoice.totalVat,
    totalInclVat: invoice.totalInclVat,
    lines: invoice.lines.map((l) => ({
      cdrId: invoice.cdrId,
      cpoCountryCode: invoice.cpoCountryCode,
      cpoPartyId: invoice.cpoPartyId,
      description: l.description,
      amountExclVat: l.amountExclVat,
      vatRatePercent: l.vatRatePercent,
      amountInclVat: l.amountInclVat,
      dimension: l.dimension,
      quantity: l.quantity,
      unit: l.unit,
    })),
    issuedAt: invoice.issuedAt,
  };
}
