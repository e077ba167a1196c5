/** OCPI 2.2.1 enumerations used by event data (spec names and values). */

/** OCPI `TokenType`. */
export const OcpiTokenTypes = ['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID'] as const;
export type OcpiTokenType = (typeof OcpiTokenTypes)[number];

/** OCPI `WhitelistType`. */
export const OcpiWhitelistTypes = ['ALWAYS', 'ALLOWED', 'ALLOWED_OFFLINE', 'NEVER'] as const;
export type OcpiWhitelistType = (typeof OcpiWhitelistTypes)[number];

/** OCPI `SessionStatus`. */
export const OcpiSessionStatuses = [
  'ACTIVE',
  'COMPLETED',
  'INVALID',
  'PENDING',
  'RESERVATION',
] as const;
export type OcpiSessionStatus = (typeof OcpiSessionStatuses)[number];

/** OCPI `AuthMethod`. */
export const OcpiAuthMethods = ['AUTH_REQUEST', 'COMMAND', 'WHITELIST'] as const;
export type OcpiAuthMethod = (typeof OcpiAuthMethods)[number];

/** How an OCPI object reached us from a partner (HTTP method of the partner's call). */
export const OcpiChangeKinds = ['PUT', 'PATCH'] as const;
export type OcpiChangeKind = (typeof OcpiChangeKinds)[number];
