import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const S = '"ocpi_cpo"';

export interface Reservation {
  ocppReservationId: number;
  stationId: string;
  ocppConnectorId: number;
  locationId: string;
}

interface ReservationKey {
  countryCode: string;
  partyId: string;
  reservationId: string;
}

const keyOf = (k: ReservationKey) => [
  k.countryCode.toUpperCase(),
  k.partyId.toUpperCase(),
  k.reservationId.toUpperCase(),
];

/**
 * The only TypeORM user of `reservations`: the eMSP's reservation_id (per eMSP party) ↔ our own
 * OCPP reservationId (a sequence, unique across eMSPs) [CMD › _ReserveNow_ Object].
 */
@Injectable()
export class ReservationRepository {
  async find(manager: EntityManager, key: ReservationKey): Promise<Reservation | null> {
    const rows = (await manager.query(
      `SELECT ocpp_reservation_id, station_id, ocpp_connector_id, location_id
         FROM ${S}."reservations"
        WHERE emsp_country_code = $1 AND emsp_party_id = $2 AND reservation_key = $3`,
      keyOf(key),
    )) as {
      ocpp_reservation_id: number;
      station_id: string;
      ocpp_connector_id: number;
      location_id: string;
    }[];
    const r = rows[0];
    return r
      ? {
          ocppReservationId: r.ocpp_reservation_id,
          stationId: r.station_id,
          ocppConnectorId: r.ocpp_connector_id,
          locationId: r.location_id,
        }
      : null;
  }

  /**
   * Stores the reservation; the same eMSP reservation_id keeps its OCPP id (OCPP ReserveNow with
   * an existing reservationId replaces that reservation). Returns the OCPP reservation id.
   */
  async upsert(
    manager: EntityManager,
    key: ReservationKey,
    r: {
      partnerId: string;
      locationId: string;
      stationId: string;
      ocppConnectorId: number;
      expiryDate: string;
    },
  ): Promise<number> {
    const rows = (await manager.query(
      `INSERT INTO ${S}."reservations" (emsp_country_code, emsp_party_id, reservation_key,
         reservation_id, partner_id, ocpp_reservation_id, location_id, station_id,
         ocpp_connector_id, expiry_date)
       VALUES ($1, $2, $3, $4, $5, nextval('${S}."ocpp_reservation_id_seq"'), $6, $7, $8, $9)
       ON CONFLICT (emsp_country_code, emsp_party_id, reservation_key) DO UPDATE SET
         partner_id = EXCLUDED.partner_id, location_id = EXCLUDED.location_id,
         station_id = EXCLUDED.station_id, ocpp_connector_id = EXCLUDED.ocpp_connector_id,
         expiry_date = EXCLUDED.expiry_date, updated_at = now()
       RETURNING ocpp_reservation_id`,
      [
        ...keyOf(key),
        key.reservationId,
        r.partnerId,
        r.locationId,
        r.stationId,
        r.ocppConnectorId,
        r.expiryDate,
      ],
    )) as { ocpp_reservation_id: number }[];
    return rows[0].ocpp_reservation_id;
  }
}
