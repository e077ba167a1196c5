/** OCPI 2.2.1 `DayOfWeek` enum (tariffs). */
export enum DayOfWeek {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}

/** OCPI 2.2.1 `TariffDimensionType` enum: what a PriceComponent prices. */
export enum TariffDimensionType {
  /** kWh; step_size multiplier 1 Wh. */
  ENERGY = 'ENERGY',
  /** Flat fee, no unit. */
  FLAT = 'FLAT',
  /** Time not charging, hours; step_size multiplier 1 second. */
  PARKING_TIME = 'PARKING_TIME',
  /** Time charging (or reservation time with a reservation restriction), hours; 1 second. */
  TIME = 'TIME',
}

/** OCPI 2.2.1 `ReservationRestrictionType` enum. */
export enum ReservationRestrictionType {
  RESERVATION = 'RESERVATION',
  RESERVATION_EXPIRES = 'RESERVATION_EXPIRES',
}

/** OCPI 2.2.1 `TariffType` enum. */
export enum TariffType {
  AD_HOC_PAYMENT = 'AD_HOC_PAYMENT',
  PROFILE_CHEAP = 'PROFILE_CHEAP',
  PROFILE_FAST = 'PROFILE_FAST',
  PROFILE_GREEN = 'PROFILE_GREEN',
  REGULAR = 'REGULAR',
}
