import type { EmspCommand } from '../domain/emsp-command';

/** A command as the operator and driver APIs show it (snake_case, like the rest of /admin/v1). */
export interface CommandView {
  id: string;
  partner_id: string;
  type: string;
  state: string;
  /** No further change is expected (a refusal, a result, our TIMEOUT or a failed send). */
  final: boolean;
  request: Record<string, unknown>;
  response: EmspCommand['response'];
  result: EmspCommand['result'];
  error: string | null;
  created_at: string;
  responded_at: string | null;
  completed_at: string | null;
  /** Until when we wait for the CPO (its CommandResponse `timeout` + grace). */
  deadline_at: string;
}

export const commandView = (c: EmspCommand): CommandView => ({
  id: c.id,
  partner_id: c.partnerId,
  type: c.type,
  state: c.state,
  final: c.completedAt !== null,
  request: c.request,
  response: c.response,
  result: c.result,
  error: c.error,
  created_at: c.createdAt.toISOString(),
  responded_at: c.respondedAt?.toISOString() ?? null,
  completed_at: c.completedAt?.toISOString() ?? null,
  deadline_at: c.deadlineAt.toISOString(),
});
