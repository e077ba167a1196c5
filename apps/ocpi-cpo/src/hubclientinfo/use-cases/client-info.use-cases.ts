import { Injectable } from '@nestjs/common';
import { type OcpiCaller, OcpiException, OcpiResult } from '@voltlane/ocpi-core';
import type { ClientInfoDto } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { type ClientInfoJson, idsMatch, shouldStore } from '../domain/client-info';
import { ClientInfoRepository } from '../persistence/client-info.repository';

/** HubClientInfo is what a Hub tells us: only partners registered with the HUB role may use it. */
function assertHub(caller: OcpiCaller): void {
  if (caller.tokenKind === 'A') throw OcpiException.unauthorized('Token A is not accepted here');
  if (!caller.roles.some((r) => r.role.toUpperCase() === 'HUB')) {
    throw OcpiException.notFound('hubclientinfo is only offered to Hub partners');
  }
}

/** `GET {hubclientinfo}/{cc}/{pid}` [HCI › Receiver Interface]: what this Hub told us. */
@Injectable()
export class GetClientInfoUseCase {
  constructor(private readonly infos: ClientInfoRepository) {}

  async execute(c: { caller: OcpiCaller; countryCode: string; partyId: string }) {
    assertHub(c.caller);
    const info = await this.infos.find(c.caller.partnerId, c.countryCode, c.partyId);
    if (!info) throw OcpiException.notFound(`Unknown party ${c.countryCode}/${c.partyId}`);
    return info;
  }
}

/**
 * `PUT {hubclientinfo}/{cc}/{pid}` [HCI › *PUT* Method]: stores the ClientInfo per Hub partner;
 * URL ≠ body → 2001; an older `last_updated` is acknowledged and ignored. 201 when new.
 */
@Injectable()
export class PutClientInfoUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly infos: ClientInfoRepository,
  ) {}

  async execute(c: {
    caller: OcpiCaller;
    countryCode: string;
    partyId: string;
    info: ClientInfoDto;
  }): Promise<OcpiResult> {
    assertHub(c.caller);
    const info = { ...c.info } as ClientInfoJson;
    if (!idsMatch(c, info)) {
      throw OcpiException.invalidParameters('country_code/party_id differ from the URL');
    }
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.infos.find(
        c.caller.partnerId,
        c.countryCode,
        c.partyId,
        manager,
        true,
      );
      if (!shouldStore(info, stored)) return new OcpiResult(undefined);
      await this.infos.save(manager, c.caller.partnerId, info);
      return new OcpiResult(undefined, { httpStatus: stored ? 200 : 201 });
    });
  }
}
