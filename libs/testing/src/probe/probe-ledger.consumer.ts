import { Injectable } from '@nestjs/common';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { BatchTransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEventBatch } from '@voltlane/platform-runtime';
import { PROBE_POISON_AMOUNT, PROBE_TOPIC } from './probe.schema';

interface ProbeData {
  probeKey: string;
  sequence: number;
  amount: number;
  sentAt?: string;
}

export class ProbePoisonError extends Error {
  readonly code = 'PROBE.POISON';
  readonly retriable = false;
}

/**
 * Applies probe events to the ledger with set-based SQL: one row per event in `probe_applied`
 * (with its end-to-end latency) and per-key counters in `probe_ledger`, including a count of
 * events that arrived out of sequence order. Optional delay (PROBE_APPLY_DELAY_MS) widens the
 * window in which tests kill the process mid-batch.
 */
@Injectable()
export class ProbeLedgerConsumer {
  constructor(
    private readonly schema: string,
    private readonly applyDelayMs: number,
  ) {}

  @ConsumeEventBatch(PROBE_TOPIC)
  async apply(events: InboundEvent[], scope: BatchTransactionScope): Promise<void> {
    const data = events.map((e) => e.envelope.data as ProbeData);
    if (data.some((d) => d.amount === PROBE_POISON_AMOUNT)) {
      throw new ProbePoisonError(`probe amount ${PROBE_POISON_AMOUNT} is refused`);
    }
    const now = Date.now();
    await scope.manager.query(
      `INSERT INTO "${this.schema}"."probe_applied" ("event_id", "probe_key", "sequence", "latency_ms")
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::float8[])`,
      [
        events.map((e) => e.envelope.eventId),
        data.map((d) => d.probeKey),
        data.map((d) => d.sequence),
        data.map((d) => (d.sentAt ? now - Date.parse(d.sentAt) : null)),
      ],
    );
    const byKey = new Map<string, ProbeData[]>();
    for (const d of data) byKey.set(d.probeKey, [...(byKey.get(d.probeKey) ?? []), d]);
    const keys = [...byKey.keys()];
    const current: { probe_key: string; last_sequence: number }[] = await scope.manager.query(
      `SELECT "probe_key", "last_sequence" FROM "${this.schema}"."probe_ledger"
       WHERE "probe_key" = ANY($1::text[]) FOR UPDATE`,
      [keys],
    );
    const last = new Map(current.map((r) => [r.probe_key, r.last_sequence]));
    const rows = keys.map((key) => {
      let prev = last.get(key) ?? -1;
      let outOfOrder = 0;
      let sum = 0;
      for (const d of byKey.get(key) ?? []) {
        if (d.sequence <= prev) outOfOrder += 1;
        prev = Math.max(prev, d.sequence);
        sum += d.amount;
      }
      return { key, count: byKey.get(key)?.length ?? 0, sum, prev, outOfOrder };
    });
    await scope.manager.query(
      `INSERT INTO "${this.schema}"."probe_ledger"
         ("probe_key", "applied_count", "amount_sum", "last_sequence", "out_of_order")
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::int[], $5::int[])
       ON CONFLICT ("probe_key") DO UPDATE SET
         "applied_count" = probe_ledger."applied_count" + EXCLUDED."applied_count",
         "amount_sum" = probe_ledger."amount_sum" + EXCLUDED."amount_sum",
         "last_sequence" = EXCLUDED."last_sequence",
         "out_of_order" = probe_ledger."out_of_order" + EXCLUDED."out_of_order"`,
      [
        rows.map((r) => r.key),
        rows.map((r) => r.count),
        rows.map((r) => r.sum),
        rows.map((r) => r.prev),
        rows.map((r) => r.outOfOrder),
      ],
    );
    if (this.applyDelayMs > 0) await new Promise((r) => setTimeout(r, this.applyDelayMs));
  }
}
