import { Inject, Injectable } from '@nestjs/common';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions } from '@voltlane/ocpi-core';
import { ValidationFailedError } from '@voltlane/platform-core';
import { TokenDto, validateOcpi } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { correlationIdNow } from '../../shared/use-cases/correlation';
import { type OcpiTokenJson, type TokenInput, upsertToken } from '../domain/emsp-token';
import { EmspTokenRepository } from '../persistence/emsp-token.repository';
import { TokenPusher } from './token-pusher';

export type UpsertTokenCommand = TokenInput;

export interface UpsertTokenResult {
  token: OcpiTokenJson;
  driverId: string | null;
  created: boolean;
  changed: boolean;
}

/**
 * Creates or updates one of our tokens (operator API now, driver API later) and — in the same
 * transaction — enqueues its PUT to every registered CPO partner; blocking (`valid=false`) goes
 * out at once like any change. A call that changes nothing stores and pushes nothing.
 */
@Injectable()
export class UpsertTokenUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: EmspTokenRepository,
    private readonly pusher: TokenPusher,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async execute(command: UpsertTokenCommand): Promise<UpsertTokenResult> {
    const party = { countryCode: this.party.countryCode, partyId: this.party.partyId };
    const probe = upsertToken(null, command, party, new Date());
    const checked = validateOcpi(TokenDto, probe.token.token);
    const violations = [...(checked.ok ? [] : checked.violations)];
    if (command.driver_id !== undefined && command.driver_id !== null) {
      if (typeof command.driver_id !== 'string' || !/^[\x21-\x7E]{1,64}$/.test(command.driver_id)) {
        violations.push('driver_id: must be 1-64 printable ASCII characters without spaces');
      }
    }
    if (violations.length > 0) throw new ValidationFailedError('Invalid token', violations);
    const correlationId = correlationIdNow();
    return this.dataSource.transaction(async (manager) => {
      const previous = await this.tokens.lockAndFind(manager, command.uid, command.type, party);
      const result = upsertToken(previous, command, party, new Date());
      if (result.changed) {
        await this.tokens.save(manager, result.token);
        await this.pusher.tokenChanged(manager, result.token.token, correlationId);
      }
      return {
        token: result.token.token,
        driverId: result.token.driverId,
        created: result.created,
        changed: result.changed,
      };
    });
  }
}
