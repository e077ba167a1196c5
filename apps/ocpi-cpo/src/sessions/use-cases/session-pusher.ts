import { Injectable } from '@nestjs/common';
import { OcpiPushQueue, PartnerDirectory, type PushItem } from '@voltlane/ocpi-core';
import { OcpiSession, SessionPatchDto, validateOcpi } from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import {
  partnerView,
  planSessionPush,
  tokenOwnerOf,
  type SessionJson,
} from '../domain/session-sync';

const MODULE = 'sessions';
const TARGET_CACHE_MS = 1_000;

/** Push-queue order key of a session at a partner: its PUT and PATCHes go strictly in order. */
export const sessionObjectKey = (s: SessionJson): string =>
  `session:${s.country_code}/${s.party_id}/${s.id.toUpperCase()}`;

const sessionPath = (s: SessionJson): string =>
  [s.country_code, s.party_id, s.id].map(encodeURIComponent).join('/');

/** Outbound objects are validated like inbound ones: an invalid one is a bug, never sent. */
function checked<T extends object>(dto: new () => T, value: unknown, what: string): void {
  const result = validateOcpi(dto, value);
  if (!result.ok) {
    throw new Error(`refusing to push an invalid ${what}: ${result.violations.join('; ')}`);
  }
}

/**
 * Enqueues a session's pushes to the eMSP that owns its token — and nobody else — inside the
 * caller's transaction (ADR 0065): the first time a PUT, then PATCHes of what changed since, the
 * final state as a PUT that supersedes anything still pending. Works from per-partner views: what
 * each partner was given so far. A token of no registered eMSP (or one without a sessions Receiver) pushes nothing: the
 * session stays available through GET.
 */
@Injectable()
export class SessionPusher {
  private readonly targetCache = new Map<string, { at: number; partnerIds: string[] }>();

  constructor(
    private readonly partners: PartnerDirectory,
    private readonly queue: OcpiPushQueue,
  ) {}

  /**
   * The registered eMSP partners of the session's token that have a sessions Receiver. Cached for
   * a second per party: a burst of updates does not read the registry per event; a partner that
   * registers meanwhile gets its PUT with the next change of the session.
   */
  async targets(session: SessionJson): Promise<string[]> {
    const owner = tokenOwnerOf(session);
    const key = `${owner.countryCode}/${owner.partyId}`;
    const now = Date.now();
    const cached = this.targetCache.get(key);
    if (cached && now - cached.at < TARGET_CACHE_MS) return cached.partnerIds;
    const found = await this.partners.findByParty(owner.countryCode, owner.partyId, 'EMSP');
    const partnerIds = found
      .filter((p) => p.endpoints.some((e) => e.identifier === MODULE && e.role === 'RECEIVER'))
      .map((p) => p.id)
      .sort();
    if (this.targetCache.size > 10_000) this.targetCache.clear();
    this.targetCache.set(key, { at: now, partnerIds });
    return partnerIds;
  }

  /**
   * Enqueues what the session's eMSP(s) need to catch up with `session`; returns the partner views
   * after these pushes (the caller stores them with the session, in the same transaction).
   */
  async sessionChanged(
    manager: EntityManager,
    session: SessionJson,
    views: Readonly<Record<string, SessionJson>>,
    correlationId?: string,
  ): Promise<Record<string, SessionJson>> {
    const partnerIds = await this.targets(session);
    if (partnerIds.length === 0) return { ...views };
    const next = partnerView(session);
    const owner = tokenOwnerOf(session);
    const updated: Record<string, SessionJson> = { ...views };
    const items: PushItem[] = [];
    for (const partnerId of partnerIds) {
      const plan = planSessionPush(views[partnerId] ?? null, next);
      if (!plan) continue;
      if (plan.method === 'PUT') checked(OcpiSession, plan.body, 'Session');
      else checked(SessionPatchDto, plan.body, 'Session PATCH');
      items.push({
        partnerId,
        module: MODULE,
        objectKey: sessionObjectKey(session),
        method: plan.method,
        path: sessionPath(session),
        body: plan.body,
        lastUpdated: session.last_updated,
        replacesPending: plan.method === 'PUT',
        correlationId,
        to: owner,
      });
      updated[partnerId] = next;
    }
    await this.queue.enqueue(manager, items);
    return updated;
  }
}
