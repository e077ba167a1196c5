import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CommandResponseJson,
  CommandResultJson,
  CommandState,
  EmspCommand,
} from '../domain/emsp-command';

const T = '"ocpi_emsp"."emsp_commands"';

interface CommandRow {
  id: string;
  partner_id: string;
  type: string;
  state: string;
  request: Record<string, unknown>;
  requested_by: string | null;
  response: CommandResponseJson | null;
  result: CommandResultJson | null;
  error: string | null;
  created_at: Date;
  responded_at: Date | null;
  completed_at: Date | null;
  deadline_at: Date;
}

const toCommand = (r: CommandRow): EmspCommand => ({
  id: r.id,
  partnerId: r.partner_id,
  type: r.type as EmspCommand['type'],
  state: r.state as CommandState,
  request: r.request,
  requestedBy: r.requested_by,
  response: r.response,
  result: r.result,
  error: r.error,
  createdAt: r.created_at,
  respondedAt: r.responded_at,
  completedAt: r.completed_at,
  deadlineAt: r.deadline_at,
});

/** Commands we sent to CPO partners (`emsp_commands`). */
@Injectable()
export class EmspCommandRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(command: EmspCommand): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${T} (id, partner_id, type, state, request, requested_by, created_at, deadline_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        command.id,
        command.partnerId,
        command.type,
        command.state,
        JSON.stringify(command.request),
        command.requestedBy,
        command.createdAt,
        command.deadlineAt,
      ],
    );
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = (await manager.query(`SELECT * FROM ${T} WHERE id = $1`, [id])) as CommandRow[];
    return rows[0] ? toCommand(rows[0]) : null;
  }

  async lockAndFind(manager: EntityManager, id: string): Promise<EmspCommand | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = (await manager.query(`SELECT * FROM ${T} WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as CommandRow[];
    return rows[0] ? toCommand(rows[0]) : null;
  }

  async update(
    manager: EntityManager,
    id: string,
    change: Partial<
      Pick<
        EmspCommand,
        'state' | 'response' | 'result' | 'error' | 'respondedAt' | 'completedAt' | 'deadlineAt'
      >
    >,
  ): Promise<void> {
    const columns: Record<string, string> = {
      state: 'state',
      response: 'response',
      result: 'result',
      error: 'error',
      respondedAt: 'responded_at',
      completedAt: 'completed_at',
      deadlineAt: 'deadline_at',
    };
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) continue;
      params.push(key === 'response' || key === 'result' ? JSON.stringify(value) : value);
      sets.push(`"${columns[key]}" = $${params.length}`);
    }
    if (sets.length === 0) return;
    await manager.query(`UPDATE ${T} SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  /**
   * Open commands past their deadline → TIMEOUT, in one statement (replicas may race: each row
   * changes once). Returns the ids marked.
   */
  async timeOutDue(now: Date, limit = 500): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `UPDATE ${T} SET state = 'TIMEOUT', completed_at = $1
        WHERE id IN (
          SELECT id FROM ${T}
           WHERE completed_at IS NULL AND deadline_at <= $1
           ORDER BY deadline_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, limit],
    )) as [{ id: string }[], number] | { id: string }[];
    const list = Array.isArray(rows[0])
      ? (rows[0] as { id: string }[])
      : (rows as { id: string }[]);
    return list.map((r) => r.id);
  }
}
