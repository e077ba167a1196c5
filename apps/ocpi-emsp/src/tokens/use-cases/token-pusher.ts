import { Injectable } from '@nestjs/common';
import { OcpiPushQueue, PartnerDirectory, type PushItem } from '@voltlane/ocpi-core';
import { TokenDto, validateOcpi } from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import { keyOf } from '../../shared/domain/received-object';
import type { OcpiTokenJson } from '../domain/emsp-token';
import { EmspTokenRepository } from '../persistence/emsp-token.repository';

const MODULE = 'tokens';

/**
 * Enqueues a token's full PUT `{tokens}/{our cc}/{our pid}/{uid}?type=` to every registered CPO
 * partner offering a tokens RECEIVER, inside the caller's transaction; a newer PUT supersedes
 * undelivered older ones of the same token (so a block is never overtaken by a stale "valid").
 */
@Injectable()
export class TokenPusher {
  constructor(
    private readonly partners: PartnerDirectory,
    private readonly queue: OcpiPushQueue,
    private readonly tokens: EmspTokenRepository,
  ) {}

  /** A changed token: PUT to every current target, marked as sent to them. */
  async tokenChanged(
    manager: EntityManager,
    token: OcpiTokenJson,
    correlationId: string,
  ): Promise<number> {
    const targets = await this.partnerIds();
    await this.send(manager, targets, [token], correlationId);
    return targets.length;
  }

  /** Registered CPO partners offering a tokens RECEIVER, with their registration time. */
  async targets(): Promise<{ id: string; registeredAt: Date }[]> {
    return (await this.partners.listRegistered())
      .filter(
        (p) =>
          p.roles.some((r) => r.role.toUpperCase() === 'CPO') &&
          p.endpoints.some((e) => e.identifier === MODULE && e.role === 'RECEIVER'),
      )
      .map((p) => ({ id: p.id, registeredAt: new Date(p.registeredAt ?? 0) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Full PUTs of `tokens` to `partnerIds`, marked as sent in the same transaction. */
  async send(
    manager: EntityManager,
    partnerIds: string[],
    tokens: OcpiTokenJson[],
    correlationId?: string,
  ): Promise<void> {
    const items: PushItem[] = [];
    for (const token of tokens) {
      const checked = validateOcpi(TokenDto, token);
      if (!checked.ok) {
        throw new Error(`refusing to push an invalid Token: ${checked.violations.join('; ')}`);
      }
      await this.tokens.markSynced(manager, partnerIds, token.uid, token.type);
      const path =
        `${encodeURIComponent(token.country_code)}/${encodeURIComponent(token.party_id)}/` +
        `${encodeURIComponent(token.uid)}?type=${token.type}`;
      for (const partnerId of partnerIds) {
        items.push({
          partnerId,
          module: MODULE,
          objectKey: `token:${keyOf(token.uid)}:${token.type}`,
          method: 'PUT',
          path,
          body: token,
          lastUpdated: token.last_updated,
          replacesPending: true,
          correlationId,
        });
      }
    }
    await this.queue.enqueue(manager, items);
  }

  private async partnerIds(): Promise<string[]> {
    return (await this.targets()).map((t) => t.id);
  }
}
