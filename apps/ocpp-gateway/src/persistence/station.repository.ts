import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegistrationStatus } from '@voltlane/contracts-events';

export interface StationRecord {
  stationId: string;
  passwordHash: string | null;
  description: string | null;
  registrationStatus: RegistrationStatus;
  autoRegistered: boolean;
  connectionId: string | null;
  gatewayInstanceId: string | null;
  gatewayUrl: string | null;
  ocppProtocol: string | null;
  connectedAt: Date | null;
  disconnectedAt: Date | null;
  lastSeenAt: Date | null;
  lastBoot: Record<string, unknown> | null;
  lastBootAt: Date | null;
  connectorStatuses: Record<string, Record<string, unknown>>;
  createdAt: Date;
  updatedAt: Date;
}

interface StationRow {
  station_id: string;
  password_hash: string | null;
  description: string | null;
  registration_status: RegistrationStatus;
  auto_registered: boolean;
  connection_id: string | null;
  gateway_instance_id: string | null;
  gateway_url: string | null;
  ocpp_protocol: string | null;
  connected_at: Date | null;
  disconnected_at: Date | null;
  last_seen_at: Date | null;
  last_boot: Record<string, unknown> | null;
  last_boot_at: Date | null;
  connector_statuses: Record<string, Record<string, unknown>>;
  created_at: Date;
  updated_at: Date;
}

function toRecord(r: StationRow): StationRecord {
  return {
    stationId: r.station_id,
    passwordHash: r.password_hash,
    description: r.description,
    registrationStatus: r.registration_status,
    autoRegistered: r.auto_registered,
    connectionId: r.connection_id,
    gatewayInstanceId: r.gateway_instance_id,
    gatewayUrl: r.gateway_url,
    ocppProtocol: r.ocpp_protocol,
    connectedAt: r.connected_at,
    disconnectedAt: r.disconnected_at,
    lastSeenAt: r.last_seen_at,
    lastBoot: r.last_boot,
    lastBootAt: r.last_boot_at,
    connectorStatuses: r.connector_statuses,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const T = '"ocpp_gateway"."stations"';

/** The station registry table. Methods take an optional manager to join a caller's transaction. */
@Injectable()
export class StationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async find(stationId: string, manager?: EntityManager): Promise<StationRecord | null> {
    const rows = (await this.q(manager).query(`SELECT * FROM ${T} WHERE station_id = $1`, [
      stationId,
    ])) as StationRow[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Creates or updates; `undefined` fields keep their value. Returns whether it was created. */
  async upsert(
    stationId: string,
    fields: {
      passwordHash?: string | null;
      description?: string | null;
      registrationStatus?: RegistrationStatus;
      autoRegistered?: boolean;
    },
  ): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO ${T} (station_id, password_hash, description, registration_status, auto_registered)
       VALUES ($1, $2, $3, COALESCE($4, 'Accepted'), COALESCE($5, false))
       ON CONFLICT (station_id) DO UPDATE SET
         password_hash = CASE WHEN $6 THEN EXCLUDED.password_hash ELSE ${T}.password_hash END,
         description = CASE WHEN $7 THEN EXCLUDED.description ELSE ${T}.description END,
         registration_status = COALESCE($4, ${T}.registration_status),
         auto_registered = COALESCE($5, ${T}.auto_registered),
         updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [
        stationId,
        fields.passwordHash ?? null,
        fields.description ?? null,
        fields.registrationStatus ?? null,
        fields.autoRegistered ?? null,
        fields.passwordHash !== undefined,
        fields.description !== undefined,
      ],
    )) as { created: boolean }[];
    return rows[0].created;
  }

  async delete(stationId: string): Promise<boolean> {
    const result = (await this.dataSource.query(
      `DELETE FROM ${T} WHERE station_id = $1 RETURNING station_id`,
      [stationId],
    )) as unknown[];
    return result.length > 0;
  }

  /** Records many connections at once (one row per station). */
  async markConnectedMany(
    manager: EntityManager,
    connections: {
      stationId: string;
      connectionId: string;
      gatewayInstanceId: string;
      ocppProtocol: string;
      connectedAt: string;
    }[],
    gatewayUrl: string,
  ): Promise<void> {
    if (connections.length === 0) return;
    await manager.query(
      `UPDATE ${T} s SET connection_id = v.connection_id, gateway_instance_id = v.instance,
         gateway_url = $6, ocpp_protocol = v.protocol, connected_at = v.at, last_seen_at = v.at, updated_at = now()
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
         AS v(station_id, connection_id, instance, protocol, at)
       WHERE s.station_id = v.station_id`,
      [
        connections.map((c) => c.stationId),
        connections.map((c) => c.connectionId),
        connections.map((c) => c.gatewayInstanceId),
        connections.map((c) => c.ocppProtocol),
        connections.map((c) => c.connectedAt),
        gatewayUrl,
      ],
    );
  }

  /** Clears each connection only if it is still the station's current one. */
  async markDisconnectedMany(
    manager: EntityManager,
    disconnections: { stationId: string; connectionId: string; disconnectedAt: string }[],
  ): Promise<void> {
    if (disconnections.length === 0) return;
    await manager.query(
      `UPDATE ${T} s SET connection_id = NULL, disconnected_at = v.at, updated_at = now()
       FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS v(station_id, connection_id, at)
       WHERE s.station_id = v.station_id AND s.connection_id = v.connection_id`,
      [
        disconnections.map((d) => d.stationId),
        disconnections.map((d) => d.connectionId),
        disconnections.map((d) => d.disconnectedAt),
      ],
    );
  }

  /** Connections this replica held (after a crash): closed when it starts again. */
  async clearConnectionsOf(gatewayInstanceId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${T} SET connection_id = NULL, disconnected_at = now() WHERE gateway_instance_id = $1
       AND connection_id IS NOT NULL`,
      [gatewayInstanceId],
    );
  }

  async recordBoot(
    manager: EntityManager,
    stationId: string,
    boot: Record<string, unknown>,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${T} SET last_boot = $2, last_boot_at = $3, last_seen_at = $3, updated_at = now()
       WHERE station_id = $1`,
      [stationId, JSON.stringify(boot), at],
    );
  }

  async recordConnectorStatus(
    manager: EntityManager,
    stationId: string,
    connectorId: number,
    status: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${T} SET connector_statuses = connector_statuses || jsonb_build_object($2::text, $3::jsonb),
         last_seen_at = now(), updated_at = now() WHERE station_id = $1`,
      [stationId, String(connectorId), JSON.stringify(status)],
    );
  }

  async touch(stationId: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE ${T} SET last_seen_at = $2 WHERE station_id = $1`, [
      stationId,
      at,
    ]);
  }
}
