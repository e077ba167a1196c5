import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface TransactionRecord {
  transactionId: number;
  stationId: string;
  connectorId: number;
  idTag: string;
  idTagStatus: string;
  meterStartWh: number;
  startedAt: Date;
  reservationId: number | null;
}

interface TransactionRow {
  transaction_id: number;
  station_id: string;
  connector_id: number;
  id_tag: string;
  id_tag_status: string;
  meter_start_wh: number;
  started_at: Date;
  reservation_id: number | null;
}

const toRecord = (r: TransactionRow): TransactionRecord => ({
  transactionId: r.transaction_id,
  stationId: r.station_id,
  connectorId: r.connector_id,
  idTag: r.id_tag,
  idTagStatus: r.id_tag_status,
  meterStartWh: r.meter_start_wh,
  startedAt: r.started_at,
  reservationId: r.reservation_id,
});

/**
 * Transactions and their ids. Ids come from one PostgreSQL sequence, so every gateway replica
 * hands out unique ids; a StartTransaction the station repeats (same station, connector, time,
 * idTag and meter) gets the id it got the first time.
 */
@Injectable()
export class TransactionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async startOrGet(start: Omit<TransactionRecord, 'transactionId'>): Promise<TransactionRecord> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO "ocpp_gateway"."transactions"
         (transaction_id, station_id, connector_id, id_tag, id_tag_status, meter_start_wh, started_at, reservation_id)
       VALUES (nextval('"ocpp_gateway"."transaction_id_seq"'), $1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (station_id, connector_id, started_at, id_tag, meter_start_wh) DO NOTHING
       RETURNING *`,
      [
        start.stationId,
        start.connectorId,
        start.idTag,
        start.idTagStatus,
        start.meterStartWh,
        start.startedAt,
        start.reservationId,
      ],
    )) as TransactionRow[];
    if (inserted[0]) return toRecord(inserted[0]);
    const existing = (await this.dataSource.query(
      `SELECT * FROM "ocpp_gateway"."transactions" WHERE station_id = $1 AND connector_id = $2
       AND started_at = $3 AND id_tag = $4 AND meter_start_wh = $5`,
      [start.stationId, start.connectorId, start.startedAt, start.idTag, start.meterStartWh],
    )) as TransactionRow[];
    return toRecord(existing[0]);
  }

  async find(stationId: string, transactionId: number): Promise<TransactionRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM "ocpp_gateway"."transactions" WHERE transaction_id = $1 AND station_id = $2`,
      [transactionId, stationId],
    )) as TransactionRow[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * True when the idTag has an accepted, not stopped transaction on another station started in the
   * last 24 hours (a transaction a station never stopped must not block its token forever).
   */
  async hasOpenTransactionElsewhere(idTag: string, stationId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM "ocpp_gateway"."transactions" t
       WHERE t.id_tag = $1 AND t.id_tag_status = 'Accepted'
         AND t.station_id <> $2 AND t.created_at > now() - interval '24 hours'
         AND NOT EXISTS (SELECT 1 FROM "ocpp_gateway"."transaction_stops" s
                         WHERE s.station_id = t.station_id AND s.transaction_id = t.transaction_id)
       LIMIT 1`,
      [idTag, stationId],
    )) as unknown[];
    return rows.length > 0;
  }

  async isStopped(stationId: string, transactionId: number): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM "ocpp_gateway"."transaction_stops" WHERE station_id = $1 AND transaction_id = $2`,
      [stationId, transactionId],
    )) as unknown[];
    return rows.length > 0;
  }

  async recordStop(
    stationId: string,
    transactionId: number,
    meterStopWh: number,
    stoppedAt: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "ocpp_gateway"."transaction_stops" (station_id, transaction_id, meter_stop_wh, stopped_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [stationId, transactionId, meterStopWh, stoppedAt],
    );
  }
}
