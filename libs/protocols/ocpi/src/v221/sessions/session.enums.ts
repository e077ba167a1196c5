/** OCPI 2.2.1 enumerations of the Sessions and CDRs modules (spec names and values). */

/** OCPI 2.2.1 `SessionStatus` (mod_sessions). */
export const SessionStatuses = [
  'ACTIVE',
  'COMPLETED',
  'INVALID',
  'PENDING',
  'RESERVATION',
] as const;
export type SessionStatus = (typeof SessionStatuses)[number];

/** OCPI 2.2.1 `AuthMethod` (mod_cdrs). */
export const AuthMethods = ['AUTH_REQUEST', 'COMMAND', 'WHITELIST'] as const;
export type AuthMethod = (typeof AuthMethods)[number];

/** OCPI 2.2.1 `TokenType` (mod_tokens). */
export const TokenTypes = ['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID'] as const;
export type TokenType = (typeof TokenTypes)[number];

/** OCPI 2.2.1 `CdrDimensionType` (mod_cdrs); the session-only ones are listed in SESSION_ONLY_DIMENSIONS. */
export const CdrDimensionTypes = [
  'CURRENT',
  'ENERGY',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'MAX_POWER',
  'MIN_POWER',
  'PARKING_TIME',
  'POWER',
  'RESERVATION_TIME',
  'STATE_OF_CHARGE',
  'TIME',
] as const;
export type CdrDimensionType = (typeof CdrDimensionTypes)[number];

/** Dimension types the spec allows in Sessions only, never in CDRs. */
export const SESSION_ONLY_DIMENSIONS: readonly CdrDimensionType[] = [
  'CURRENT',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'POWER',
  'STATE_OF_CHARGE',
];
