import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const T = '"ocpi_emsp"."pull_sync_state"';

export interface PullSyncState {
  partnerId: string;
  module: string;
  watermark: Date | null;
  lastStartedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  received: number;
  invalid: number;
  nextRunAt: Date;
}

interface Row {
  partner_id: string;
  module: string;
  watermark: Date | null;
  last_started_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  received: number;
  invalid: number;
  next_run_at: Date;
}

const toState = (r: Row): PullSyncState => ({
  partnerId: r.partner_id,
  module: r.module,
  watermark: r.watermark,
  lastStartedAt: r.last_started_at,
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  received: r.received,
  invalid: r.invalid,
  nextRunAt: r.next_run_at,
});

/** Pull-sync watermark, last run and last error per (partner, module) (`pull_sync_state`). */
@Injectable()
export class PullSyncStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forPartner(partnerId: string): Promise<PullSyncState[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM ${T} WHERE partner_id = $1 ORDER BY module`,
      [partnerId],
    )) as Row[];
    return rows.map(toState);
  }

  /** Earliest next run per partner that has state rows. */
  async nextRuns(): Promise<Map<string, Date>> {
    const rows = (await this.dataSource.query(
      `SELECT partner_id, min(next_run_at) AS next_run_at FROM ${T} GROUP BY partner_id`,
    )) as { partner_id: string; next_run_at: Date }[];
    return new Map(rows.map((r) => [r.partner_id, r.next_run_at]));
  }

  async started(partnerId: string, module: string, at: Date, nextRunAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${T} (partner_id, module, last_started_at, next_run_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (partner_id, module)
       DO UPDATE SET last_started_at = EXCLUDED.last_started_at, next_run_at = EXCLUDED.next_run_at`,
      [partnerId, module, at, nextRunAt],
    );
  }

  async succeeded(
    partnerId: string,
    module: string,
    at: Date,
    watermark: Date,
    counts: { received: number; invalid: number },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${T} SET watermark = $3, last_success_at = $4, received = $5, invalid = $6,
              last_error = NULL, last_error_at = NULL
        WHERE partner_id = $1 AND module = $2`,
      [partnerId, module, watermark, at, counts.received, counts.invalid],
    );
  }

  async failed(
    partnerId: string,
    module: string,
    at: Date,
    error: string,
    counts: { received: number; invalid: number },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${T} SET last_error = $3, last_error_at = $4, received = $5, invalid = $6
        WHERE partner_id = $1 AND module = $2`,
      [partnerId, module, error.slice(0, 2000), at, counts.received, counts.invalid],
    );
  }
}
