import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const S = '"ocpi_emsp"';

export interface DriverAccount {
  id: string;
  name: string;
  email: string | null;
  created_at: string;
}

export interface DriverCommandRef {
  command_id: string;
  driver_id: string;
  type: string;
  partner_id: string;
  session_id: string | null;
}

/** Driver accounts, the contract-id sequence and the commands drivers started (ADR 0072). */
@Injectable()
export class DriverRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(account: {
    id: string;
    name: string;
    email: string | null;
  }): Promise<DriverAccount> {
    const rows = (await this.dataSource.query(
      `INSERT INTO ${S}."driver_accounts" (id, name, email) VALUES ($1, $2, $3)
       RETURNING id, name, email, created_at`,
      [account.id, account.name, account.email],
    )) as { id: string; name: string; email: string | null; created_at: Date }[];
    return toAccount(rows[0]);
  }

  async find(id: string): Promise<DriverAccount | null> {
    if (!UUID.test(id)) return null;
    const rows = (await this.dataSource.query(
      `SELECT id, name, email, created_at FROM ${S}."driver_accounts" WHERE id = $1`,
      [id],
    )) as { id: string; name: string; email: string | null; created_at: Date }[];
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /**
   * Runs `fn` holding a session advisory lock on the token uid (across replicas): issuing checks
   * that the uid is free and then creates it through UpsertTokenUseCase (its own transaction), so
   * two drivers racing for one card uid must not both pass the check.
   */
  async withTokenUidLock<T>(uid: string, fn: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const key = `ocpi_emsp.driver_token_issue|${uid.toUpperCase()}`;
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [key]);
      try {
        return await fn();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
      }
    } finally {
      await runner.release();
    }
  }

  async nextContractInstance(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT nextval('${S}."driver_contract_seq"')::int AS n`,
    )) as { n: number }[];
    return rows[0].n;
  }

  async recordCommand(ref: DriverCommandRef): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${S}."driver_commands" (command_id, driver_id, type, partner_id, session_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (command_id) DO NOTHING`,
      [ref.command_id, ref.driver_id, ref.type, ref.partner_id, ref.session_id],
    );
  }

  async findCommand(commandId: string): Promise<DriverCommandRef | null> {
    const rows = (await this.dataSource.query(
      `SELECT command_id, driver_id, type, partner_id, session_id
         FROM ${S}."driver_commands" WHERE command_id = $1`,
      [commandId],
    )) as DriverCommandRef[];
    return rows[0] ?? null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toAccount(r: { id: string; name: string; email: string | null; created_at: Date }) {
  return { id: r.id, name: r.name, email: r.email, created_at: r.created_at.toISOString() };
}
