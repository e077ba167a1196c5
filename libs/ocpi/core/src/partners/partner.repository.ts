import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  PartnerEndpoint,
  PartnerRecord,
  PartnerRole,
  PartnerStatus,
  PartyRole,
  TokenEncoding,
  TokenKind,
} from './partner.model';

interface PartnerRow {
  id: string;
  name: string;
  status: PartnerStatus;
  declared_roles: PartyRole[];
  token_a: string | null;
  server_token: string | null;
  previous_server_token: string | null;
  client_token: string | null;
  accept_raw_tokens: boolean;
  outgoing_token_encoding: TokenEncoding;
  versions_url: string | null;
  version: string | null;
  created_at: Date;
  updated_at: Date;
  registered_at: Date | null;
}

export interface NewPartner {
  id: string;
  name: string;
  declaredRoles: PartyRole[];
  tokenA: string;
  acceptRawTokens: boolean;
  outgoingTokenEncoding: TokenEncoding;
}

/** Columns of `ocpi_partners` a use case may set. */
export interface PartnerChanges {
  name?: string;
  acceptRawTokens?: boolean;
  outgoingTokenEncoding?: TokenEncoding;
  status?: PartnerStatus;
  tokenA?: string | null;
  serverToken?: string | null;
  previousServerToken?: string | null;
  clientToken?: string | null;
  versionsUrl?: string | null;
  version?: string | null;
  registeredAt?: Date | null;
}

const COLUMNS: Record<keyof PartnerChanges, string> = {
  name: 'name',
  acceptRawTokens: 'accept_raw_tokens',
  outgoingTokenEncoding: 'outgoing_token_encoding',
  status: 'status',
  tokenA: 'token_a',
  serverToken: 'server_token',
  previousServerToken: 'previous_server_token',
  clientToken: 'client_token',
  versionsUrl: 'versions_url',
  version: 'version',
  registeredAt: 'registered_at',
};

/** The only TypeORM user of the OCPI partner registry (tables from ocpiCoreTablesUpSql). */
@Injectable()
export class PartnerRepository {
  private readonly schema: string;

  constructor(private readonly dataSource: DataSource) {
    this.schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  }

  private t(table: string): string {
    return `"${this.schema}"."${table}"`;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(p: NewPartner): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.t('ocpi_partners')}
         ("id", "name", "status", "declared_roles", "token_a", "accept_raw_tokens", "outgoing_token_encoding")
       VALUES ($1, $2, 'PENDING', $3::jsonb, $4, $5, $6)`,
      [
        p.id,
        p.name,
        JSON.stringify(p.declaredRoles),
        p.tokenA,
        p.acceptRawTokens,
        p.outgoingTokenEncoding,
      ],
    );
  }

  async findById(id: string, manager?: EntityManager, lock = false): Promise<PartnerRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const q = manager ?? this.dataSource.manager;
    const rows: PartnerRow[] = await q.query(
      `SELECT * FROM ${this.t('ocpi_partners')} WHERE "id" = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? this.hydrate(rows[0], q) : null;
  }

  async list(where: { status?: PartnerStatus } = {}): Promise<PartnerRecord[]> {
    const rows: PartnerRow[] = await this.dataSource.query(
      `SELECT * FROM ${this.t('ocpi_partners')}
       ${where.status ? 'WHERE "status" = $1' : ''} ORDER BY "created_at", "id"`,
      where.status ? [where.status] : [],
    );
    return Promise.all(rows.map((r) => this.hydrate(r, this.dataSource.manager)));
  }

  /**
   * The partner holding `token` and which token it is. `rawOnly` restricts the lookup to partners
   * that accept unencoded tokens.
   */
  async findByToken(
    token: string,
    rawOnly: boolean,
  ): Promise<{ partner: PartnerRecord; kind: TokenKind } | null> {
    const rows: (PartnerRow & { kind: TokenKind })[] = await this.dataSource.query(
      `SELECT *, CASE WHEN "server_token" = $1 THEN 'SERVER'
                      WHEN "previous_server_token" = $1 THEN 'PREVIOUS_SERVER'
                      ELSE 'A' END AS "kind"
         FROM ${this.t('ocpi_partners')}
        WHERE ("server_token" = $1 OR "previous_server_token" = $1 OR "token_a" = $1)
          ${rawOnly ? 'AND "accept_raw_tokens"' : ''}
        LIMIT 1`,
      [token],
    );
    if (!rows[0]) return null;
    return { partner: await this.hydrate(rows[0], this.dataSource.manager), kind: rows[0].kind };
  }

  async findByParty(countryCode: string, partyId: string, role?: string): Promise<PartnerRecord[]> {
    const rows: PartnerRow[] = await this.dataSource.query(
      `SELECT DISTINCT p.* FROM ${this.t('ocpi_partners')} p
         JOIN ${this.t('ocpi_partner_roles')} r ON r."partner_id" = p."id"
        WHERE upper(r."country_code") = upper($1) AND upper(r."party_id") = upper($2)
          AND ($3::text IS NULL OR upper(r."role") = upper($3))
          AND p."status" = 'REGISTERED'
        ORDER BY p."created_at"`,
      [countryCode, partyId, role ?? null],
    );
    return Promise.all(rows.map((r) => this.hydrate(r, this.dataSource.manager)));
  }

  /** Ends a rotation overlap: the partner used its new token, the old one is no longer accepted. */
  async forgetPreviousServerToken(partnerId: string, serverToken: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.t('ocpi_partners')} SET "previous_server_token" = NULL, "updated_at" = now()
        WHERE "id" = $1 AND "server_token" = $2 AND "previous_server_token" IS NOT NULL`,
      [partnerId, serverToken],
    );
  }

  async update(manager: EntityManager, id: string, changes: PartnerChanges): Promise<void> {
    const sets: string[] = ['"updated_at" = now()'];
    const params: unknown[] = [id];
    for (const [key, value] of Object.entries(changes) as [keyof PartnerChanges, unknown][]) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`"${COLUMNS[key]}" = $${params.length}`);
    }
    await manager.query(
      `UPDATE ${this.t('ocpi_partners')} SET ${sets.join(', ')} WHERE "id" = $1`,
      params,
    );
  }

  async replaceRoles(manager: EntityManager, id: string, roles: PartnerRole[]): Promise<void> {
    await manager.query(`DELETE FROM ${this.t('ocpi_partner_roles')} WHERE "partner_id" = $1`, [
      id,
    ]);
    for (const r of roles) {
      await manager.query(
        `INSERT INTO ${this.t('ocpi_partner_roles')}
           ("partner_id", "country_code", "party_id", "role", "business_details")
         VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING`,
        [
          id,
          r.countryCode,
          r.partyId,
          r.role,
          r.businessDetails === undefined ? null : JSON.stringify(r.businessDetails),
        ],
      );
    }
  }

  async replaceEndpoints(
    manager: EntityManager,
    id: string,
    endpoints: PartnerEndpoint[],
  ): Promise<void> {
    await manager.query(`DELETE FROM ${this.t('ocpi_partner_endpoints')} WHERE "partner_id" = $1`, [
      id,
    ]);
    for (const e of endpoints) {
      await manager.query(
        `INSERT INTO ${this.t('ocpi_partner_endpoints')} ("partner_id", "identifier", "role", "url")
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [id, e.identifier, e.role, e.url],
      );
    }
  }

  private async hydrate(row: PartnerRow, q: EntityManager): Promise<PartnerRecord> {
    const roles: {
      country_code: string;
      party_id: string;
      role: string;
      business_details: unknown;
    }[] = await q.query(
      `SELECT * FROM ${this.t('ocpi_partner_roles')} WHERE "partner_id" = $1
        ORDER BY "country_code", "party_id", "role"`,
      [row.id],
    );
    const endpoints: PartnerEndpoint[] = await q.query(
      `SELECT "identifier", "role", "url" FROM ${this.t('ocpi_partner_endpoints')}
        WHERE "partner_id" = $1 ORDER BY "identifier", "role"`,
      [row.id],
    );
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      declaredRoles: row.declared_roles,
      tokenA: row.token_a,
      serverToken: row.server_token,
      previousServerToken: row.previous_server_token,
      clientToken: row.client_token,
      acceptRawTokens: row.accept_raw_tokens,
      outgoingTokenEncoding: row.outgoing_token_encoding,
      versionsUrl: row.versions_url,
      version: row.version,
      roles: roles.map((r) => ({
        countryCode: r.country_code,
        partyId: r.party_id,
        role: r.role,
        ...(r.business_details === null ? {} : { businessDetails: r.business_details }),
      })),
      endpoints,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      registeredAt: row.registered_at ? row.registered_at.toISOString() : null,
    };
  }
}
