import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { STATION_ID_PATTERN } from '@voltlane/contracts-events';
import { ValidationFailedError } from '@voltlane/platform-core';
import { LocationDto, validateOcpi } from '@voltlane/protocols-ocpi';
import {
  keyOf,
  type EvseJson,
  type Json,
  type LocationJson,
  type OcppMapping,
} from '../domain/location-master-data';

/** `evses[].ocpp` of the operator API: the OCPP station connector serving the EVSE. */
export class OcppMappingDto {
  @IsString()
  @Matches(STATION_ID_PATTERN, { message: '$property must be an OCPP charging station identity' })
  station_id: string;

  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  connector_id: number;
}

export interface AdminLocationBody {
  location: LocationJson;
  mappings: Map<string, OcppMapping>;
}

const PLACEHOLDER_TIME = '1970-01-01T00:00:00Z';

/**
 * Reads `PUT /admin/v1/locations/{id}`: an OCPI Location whose EVSEs each carry
 * `ocpp: {station_id, connector_id}`. country_code/party_id default to ours and must be ours, `id`
 * defaults to the URL's and must equal it; `last_updated` fields are ours (ignored when sent).
 * Violations → ValidationFailedError (400) naming each field.
 */
export function parseAdminLocation(
  body: unknown,
  locationId: string,
  party: { countryCode: string; partyId: string },
): AdminLocationBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError('The location is invalid', ['(body): must be a JSON object']);
  }
  const given = body as Json;
  const violations: string[] = [];
  const filled: Json = {
    ...given,
    country_code: given.country_code ?? party.countryCode,
    party_id: given.party_id ?? party.partyId,
    id: given.id ?? locationId,
    last_updated: PLACEHOLDER_TIME,
    evses: Array.isArray(given.evses)
      ? given.evses.map((e: unknown) =>
          e && typeof e === 'object'
            ? {
                ...(e as Json),
                last_updated: PLACEHOLDER_TIME,
                connectors: Array.isArray((e as Json).connectors)
                  ? ((e as Json).connectors as unknown[]).map((c) =>
                      c && typeof c === 'object'
                        ? { ...(c as Json), last_updated: PLACEHOLDER_TIME }
                        : c,
                    )
                  : (e as Json).connectors,
              }
            : e,
        )
      : given.evses,
  };
  const checked = validateOcpi(LocationDto, filled);
  if (!checked.ok) violations.push(...checked.violations);
  for (const [field, ours] of [
    ['country_code', party.countryCode],
    ['party_id', party.partyId],
    ['id', locationId],
  ] as const) {
    if (typeof filled[field] === 'string' && keyOf(filled[field]) !== keyOf(ours)) {
      violations.push(`${field}: must be "${ours}"`);
    }
  }
  const mappings = new Map<string, OcppMapping>();
  const stationConnectors = new Map<string, number>();
  const evses = Array.isArray(filled.evses) ? (filled.evses as Json[]) : [];
  evses.forEach((evse, i) => {
    const ocpp = validateOcpi(OcppMappingDto, evse?.ocpp, `evses[${i}].ocpp`);
    if (!ocpp.ok) {
      violations.push(...ocpp.violations);
      return;
    }
    const pair = `${ocpp.value.station_id}\u0000${ocpp.value.connector_id}`;
    const other = stationConnectors.get(pair);
    if (other !== undefined) {
      violations.push(
        `evses[${i}].ocpp: station ${ocpp.value.station_id} connector ${ocpp.value.connector_id} already serves evses[${other}]`,
      );
    }
    stationConnectors.set(pair, i);
    if (typeof evse.uid === 'string') {
      mappings.set(keyOf(evse.uid), {
        stationId: ocpp.value.station_id,
        connectorId: ocpp.value.connector_id,
      });
    }
  });
  if (violations.length > 0) throw new ValidationFailedError('The location is invalid', violations);

  const location = {
    ...filled,
    evses: evses.map((e) => {
      const { ocpp: _ocpp, ...evse } = e;
      return evse as EvseJson;
    }),
  } as LocationJson;
  return { location, mappings };
}
