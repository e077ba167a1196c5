import { Inject, Injectable } from '@nestjs/common';
import {
  OCPI_PARTY_OPTIONS,
  type OcpiCaller,
  OcpiException,
  type OcpiPartyOptions,
  OcpiPartyUrls,
  OcpiResult,
} from '@voltlane/ocpi-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import { correlationIdNow } from '../../shared/use-cases/correlation';
import { type CdrJson, receiveCdrAgain } from '../domain/received-cdr';
import { ReceivedCdrRepository } from '../persistence/received-cdr.repository';
import { cdrReceived } from './cdr-events';

/**
 * `POST {cdrs}`: stores a CPO partner's CDR and publishes `emsp.cdr.received.v1` in the same
 * transaction; answers HTTP 201 with `Location: {cdrs}/{id}` (readable by that partner only). The
 * same CDR again → HTTP 200, same Location, nothing stored or published; another body under that
 * id → HTTP 400 + 2001. The CDR's country_code/party_id must be a CPO role of the caller (2001).
 */
@Injectable()
export class ReceiveCdrUseCase {
  private readonly cdrsUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cdrs: ReceivedCdrRepository,
    private readonly outbox: OutboxWriter,
    @Inject(OCPI_PARTY_OPTIONS) party: OcpiPartyOptions,
  ) {
    this.cdrsUrl = new OcpiPartyUrls(party).moduleUrl('cdrs');
  }

  async execute({ caller, body }: { caller: OcpiCaller; body: object }) {
    const cdr = JSON.parse(JSON.stringify(body)) as CdrJson;
    if (!caller.owns(cdr.country_code, cdr.party_id, 'CPO')) {
      throw OcpiException.invalidParameters(
        `CDR of ${cdr.country_code}/${cdr.party_id}, which is not a CPO party of this partner`,
      );
    }
    if (cdr.total_energy < 0) {
      throw OcpiException.invalidParameters('total_energy: must not be negative');
    }
    cdr.country_code = cdr.country_code.toUpperCase();
    cdr.party_id = cdr.party_id.toUpperCase();
    const correlationId = correlationIdNow();
    const created = await this.dataSource.transaction(async (manager) => {
      if (await this.cdrs.insertIfAbsent(manager, caller.partnerId, cdr)) {
        const driverId = await this.cdrs.driverOfToken(
          manager,
          cdr.cdr_token.uid,
          String(cdr.cdr_token.type ?? 'RFID'),
        );
        await this.outbox.append(manager, [cdrReceived(cdr, correlationId, driverId)]);
        return true;
      }
      const stored = await this.cdrs.find(caller.partnerId, cdr.id, manager);
      if (stored && receiveCdrAgain(stored, cdr) === 'conflict') {
        throw OcpiException.invalidParameters(
          `CDR ${cdr.id} was already received with other content; CDRs are immutable (send a credit CDR)`,
        );
      }
      return false;
    });
    const location = `${this.cdrsUrl}/${encodeURIComponent(cdr.id)}`;
    return new OcpiResult(undefined, {
      httpStatus: created ? 201 : 200,
      headers: { Location: location },
    });
  }
}
