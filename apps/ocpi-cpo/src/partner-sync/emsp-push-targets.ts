import { Injectable } from '@nestjs/common';
import { PartnerDirectory } from '@voltlane/ocpi-core';

export interface PushTarget {
  id: string;
  /** When the partner (last) registered: a re-registration starts from an empty copy. */
  registeredAt: Date | null;
}

/**
 * The partners our CPO pushes a module's objects to: registered partners with an eMSP role that
 * offer that module's RECEIVER interface. One push per partner connection, whatever the number of
 * its eMSP roles: the object URL carries our own country_code/party_id, not theirs.
 */
@Injectable()
export class EmspPushTargets {
  constructor(private readonly directory: PartnerDirectory) {}

  async partnerIds(module: 'locations' | 'tariffs'): Promise<string[]> {
    return (await this.targets(module)).map((p) => p.id);
  }

  async targets(module: 'locations' | 'tariffs'): Promise<PushTarget[]> {
    const registered = await this.directory.listRegistered();
    return registered
      .filter(
        (p) =>
          p.roles.some((r) => r.role.toUpperCase() === 'EMSP') &&
          p.endpoints.some((e) => e.identifier === module && e.role === 'RECEIVER'),
      )
      .map((p) => ({ id: p.id, registeredAt: p.registeredAt ? new Date(p.registeredAt) : null }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
