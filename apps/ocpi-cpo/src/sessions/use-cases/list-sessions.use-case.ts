import { Injectable } from '@nestjs/common';
import { type OcpiCaller, OcpiException, type PageRequest } from '@voltlane/ocpi-core';
import type { SessionJson } from '../domain/session-sync';
import { SessionRepository } from '../persistence/session.repository';
import { readableTokenOwners } from '../domain/token-owners';

/** Largest page of the Sessions Sender GET (`X-Limit`). */
export const SESSIONS_MAX_LIMIT = 100;

/**
 * OCPI Sessions Sender GET list: only the sessions whose token belongs to one of the caller's eMSP
 * roles; `date_from` is required here (mod_sessions, Request Parameters) → 2001 when missing.
 */
@Injectable()
export class ListSessionsUseCase {
  constructor(private readonly sessions: SessionRepository) {}

  execute(caller: OcpiCaller, page: PageRequest): Promise<{ total: number; items: SessionJson[] }> {
    if (!page.dateFrom) {
      throw OcpiException.invalidParameters('date_from is required for the Sessions GET list');
    }
    const owners = readableTokenOwners(caller.roles, caller.from);
    return this.sessions.listPage({ ...page, owners });
  }
}
