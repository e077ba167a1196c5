import { type ReceiveOutcome, receiveFullObject } from '../../shared/domain/received-object';

export interface TariffJson {
  country_code: string;
  party_id: string;
  id: string;
  last_updated: string;
  [field: string]: unknown;
}

/**
 * PUT of a Tariff (mod_tariffs, PUT Method): applied when newer than what we hold — also than a
 * deleted one's last version (`deletedLastUpdated`), so a late PUT cannot resurrect it.
 */
export function receiveTariffPut(
  stored: TariffJson | null,
  deletedLastUpdated: string | null,
  incoming: TariffJson,
): ReceiveOutcome<TariffJson> {
  if (stored) return receiveFullObject(stored, incoming);
  if (deletedLastUpdated) {
    const outcome = receiveFullObject({ ...incoming, last_updated: deletedLastUpdated }, incoming);
    return outcome.kind === 'applied' ? { ...outcome, created: true } : outcome;
  }
  return receiveFullObject(null, incoming);
}
