import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions } from '@voltlane/ocpi-core';
import { ValidationFailedError } from '@voltlane/platform-core';
import type { OcpiTokenJson, TokenInput } from '../../tokens/domain/emsp-token';
import { EmspTokenRepository } from '../../tokens/persistence/emsp-token.repository';
import { UpsertTokenUseCase } from '../../tokens/use-cases/upsert-token.use-case';
import { contractIdFor } from '../domain/contract-id';
import { DriverTokenNotFoundError, TokenUidTakenError } from '../domain/driver-errors';
import { DriverRepository } from '../persistence/driver.repository';
import { DriverReadRepository, type DriverTokenRow } from '../persistence/driver-read.repository';
import { GetDriverUseCase } from './drivers.use-cases';

export interface IssueDriverTokenCommand {
  driverId: string;
  type: 'RFID' | 'APP_USER';
  uid?: string;
  visualNumber?: string;
}

/** The driver API's view of a token. */
export const tokenView = (
  t: Pick<
    OcpiTokenJson,
    'uid' | 'type' | 'contract_id' | 'valid' | 'whitelist' | 'issuer' | 'last_updated'
  > & { visual_number?: string | null },
) => ({
  uid: t.uid,
  type: t.type,
  contract_id: t.contract_id,
  visual_number: t.visual_number ?? null,
  issuer: t.issuer,
  valid: t.valid,
  whitelist: t.whitelist,
  last_updated: t.last_updated,
});

/**
 * `POST /api/v1/drivers/{id}/tokens` (ADR 0072): a new RFID (the card's uid) or APP_USER (uid
 * generated) token with a fresh contract id, issued through UpsertTokenUseCase so every CPO
 * partner is pushed it. A uid that is already one of our tokens → 409.
 */
@Injectable()
export class IssueDriverTokenUseCase {
  constructor(
    private readonly getDriver: GetDriverUseCase,
    private readonly drivers: DriverRepository,
    private readonly read: DriverReadRepository,
    private readonly upsert: UpsertTokenUseCase,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async execute(command: IssueDriverTokenCommand) {
    await this.getDriver.execute({ driverId: command.driverId });
    if (command.type !== 'RFID' && command.type !== 'APP_USER') {
      throw new ValidationFailedError('Invalid token', ['type: must be RFID or APP_USER']);
    }
    if (command.type === 'RFID' && !command.uid) {
      throw new ValidationFailedError('Invalid token', ['uid: the RFID card uid is required']);
    }
    if (command.type === 'APP_USER' && command.uid !== undefined) {
      throw new ValidationFailedError('Invalid token', ['uid: APP_USER uids are generated']);
    }
    const uid = command.type === 'RFID' ? (command.uid as string) : randomUUID();
    const result = await this.drivers.withTokenUidLock(uid, async () => {
      if ((await this.read.tokensByUid(uid)).length > 0) {
        throw new TokenUidTakenError(`Token uid ${uid} is already issued`);
      }
      const instance = await this.drivers.nextContractInstance();
      const input: TokenInput = {
        uid,
        type: command.type,
        contract_id: contractIdFor(this.party, instance),
        issuer: this.party.businessName,
        valid: true,
        whitelist: 'ALLOWED',
        visual_number: command.visualNumber ?? null,
        driver_id: command.driverId,
      };
      return this.upsert.execute(input);
    });
    return tokenView(result.token);
  }
}

/** `GET /api/v1/drivers/{id}/tokens`. */
@Injectable()
export class ListDriverTokensUseCase {
  constructor(
    private readonly getDriver: GetDriverUseCase,
    private readonly read: DriverReadRepository,
  ) {}

  async execute({ driverId }: { driverId: string }) {
    await this.getDriver.execute({ driverId });
    return { items: (await this.read.tokensOf(driverId)).map(tokenView) };
  }
}

/**
 * `POST /api/v1/drivers/{id}/tokens/{uid}/block|unblock`: the full token again with `valid`
 * flipped, through UpsertTokenUseCase (its PUT replaces anything still queued for the token and
 * goes out at once). Blocking a blocked token changes and pushes nothing.
 */
@Injectable()
export class SetDriverTokenValidityUseCase {
  constructor(
    private readonly getDriver: GetDriverUseCase,
    private readonly read: DriverReadRepository,
    private readonly tokens: EmspTokenRepository,
    private readonly upsert: UpsertTokenUseCase,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async execute({ driverId, uid, valid }: { driverId: string; uid: string; valid: boolean }) {
    await this.getDriver.execute({ driverId });
    const owned = (await this.read.tokensByUid(uid)).find((t) => t.driver_id === driverId);
    if (!owned) throw new DriverTokenNotFoundError(`Driver has no token ${uid}`);
    const current = await this.tokens.find(owned.uid, owned.type, this.party);
    if (!current) throw new DriverTokenNotFoundError(`Driver has no token ${uid}`);
    const t = current.token;
    const result = await this.upsert.execute({
      uid: t.uid,
      type: t.type,
      contract_id: t.contract_id,
      issuer: t.issuer,
      valid,
      whitelist: t.whitelist,
      visual_number: t.visual_number ?? null,
      group_id: t.group_id ?? null,
      language: t.language ?? null,
      default_profile_type: t.default_profile_type ?? null,
      energy_contract: t.energy_contract ?? null,
      driver_id: driverId,
    });
    return tokenView(result.token);
  }
}

export type { DriverTokenRow };
