/**
 * OCPI 2.2.1 enumerations of the Tokens module. `TokenType` is shared with Sessions/CDRs and lives in
 * sessions/session.enums.ts (`TokenTypes`, `TokenType`); `ProfileType` in sessions too.
 */

/** OCPI `AllowedType` enum: the outcome of a real-time authorization. */
export enum AllowedType {
  ALLOWED = 'ALLOWED',
  BLOCKED = 'BLOCKED',
  EXPIRED = 'EXPIRED',
  NO_CREDIT = 'NO_CREDIT',
  NOT_ALLOWED = 'NOT_ALLOWED',
}

/** OCPI `WhitelistType` enum: whether the CPO may authorize the token locally. */
export enum WhitelistType {
  ALWAYS = 'ALWAYS',
  ALLOWED = 'ALLOWED',
  ALLOWED_OFFLINE = 'ALLOWED_OFFLINE',
  NEVER = 'NEVER',
}
