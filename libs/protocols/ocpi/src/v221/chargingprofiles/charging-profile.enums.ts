/** OCPI 2.2.1 enumerations of the ChargingProfiles module (mod_charging_profiles). */

/** OCPI `ChargingRateUnit` enum: W = total power over all phases, A = current per phase. */
export enum ChargingRateUnit {
  W = 'W',
  A = 'A',
}

/** OCPI `ChargingProfileResponseType` enum: the CPO's synchronous answer. */
export enum ChargingProfileResponseType {
  ACCEPTED = 'ACCEPTED',
  NOT_SUPPORTED = 'NOT_SUPPORTED',
  REJECTED = 'REJECTED',
  TOO_OFTEN = 'TOO_OFTEN',
  UNKNOWN_SESSION = 'UNKNOWN_SESSION',
}

/** OCPI `ChargingProfileResultType` enum: the EVSE's asynchronous result. */
export enum ChargingProfileResultType {
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  UNKNOWN = 'UNKNOWN',
}
