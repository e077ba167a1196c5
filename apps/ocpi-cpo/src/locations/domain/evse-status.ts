/**
 * OCPI EVSE status from what the station reports over OCPP (ADR 0064). Pure: no Nest/TypeORM.
 */
export const OcpiEvseStatuses = [
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN',
] as const;
export type OcpiEvseStatus = (typeof OcpiEvseStatuses)[number];

const FROM_OCPP: Readonly<Record<string, OcpiEvseStatus>> = {
  Available: 'AVAILABLE',
  Preparing: 'CHARGING',
  Charging: 'CHARGING',
  SuspendedEV: 'CHARGING',
  SuspendedEVSE: 'CHARGING',
  Finishing: 'CHARGING',
  // OCPP 2.0.1 "Occupied": an EV is plugged in / being charged
  Occupied: 'CHARGING',
  Reserved: 'RESERVED',
  Unavailable: 'INOPERATIVE',
  Faulted: 'OUTOFORDER',
};

/** OCPP ChargePointStatus → OCPI Status; undefined for a status we do not know. */
export function ocpiStatusOfOcpp(ocppStatus: string): OcpiEvseStatus | undefined {
  return FROM_OCPP[ocppStatus];
}

/**
 * The live status of a mapped EVSE: UNKNOWN while its station is disconnected, else the mapped
 * last OCPP status; undefined when the station never reported one (the operator's value stands).
 */
export function liveEvseStatus(
  ocppStatus: string | null | undefined,
  stationConnected: boolean | undefined,
): OcpiEvseStatus | undefined {
  if (stationConnected === false) return 'UNKNOWN';
  return ocppStatus ? ocpiStatusOfOcpp(ocppStatus) : undefined;
}
