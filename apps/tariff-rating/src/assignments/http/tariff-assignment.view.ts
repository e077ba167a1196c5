import type { TariffAssignment } from '../domain/tariff-assignment';

export interface TariffAssignmentView {
  assignment_id: string;
  location_id: string;
  evse_uid: string;
  connector_id: string;
  emsp_country_code: string | null;
  emsp_party_id: string | null;
  tariff_country_code: string;
  tariff_party_id: string;
  tariff_id: string;
  valid_from: string | null;
  valid_to: string | null;
}

export function toAssignmentView(a: TariffAssignment): TariffAssignmentView {
  return {
    assignment_id: a.assignmentId,
    location_id: a.locationId,
    evse_uid: a.evseUid,
    connector_id: a.connectorId,
    emsp_country_code: a.emspCountryCode,
    emsp_party_id: a.emspPartyId,
    tariff_country_code: a.tariffCountryCode,
    tariff_party_id: a.tariffPartyId,
    tariff_id: a.tariffId,
    valid_from: a.validFrom?.toISOString() ?? null,
    valid_to: a.validTo?.toISOString() ?? null,
  };
}
