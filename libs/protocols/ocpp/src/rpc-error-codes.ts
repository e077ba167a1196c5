/**
 * OCPP-J CALLERROR codes. OCPP 1.6 keeps two misspellings on the wire ("do not fix", OCPP-J 1.6
 * errata 5.1/5.2): `FormationViolation` and `OccurenceConstraintViolation`; OCPP 2.0.1 spells them
 * `FormatViolation` and `OccurrenceConstraintViolation`. Code inside the gateway uses the neutral
 * names below and each protocol version maps them to its own spelling.
 */
export const RpcErrorKinds = [
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormatViolation',
  'PropertyConstraintViolation',
  'OccurrenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
] as const;
export type RpcErrorKind = (typeof RpcErrorKinds)[number];

export type RpcErrorCodeDialect = Readonly<Record<RpcErrorKind, string>>;

/** OCPP-J 1.6, section 4.2.3, as printed (the errata keeps the typos). */
export const OCPP16_ERROR_CODES: RpcErrorCodeDialect = Object.freeze({
  NotImplemented: 'NotImplemented',
  NotSupported: 'NotSupported',
  InternalError: 'InternalError',
  ProtocolError: 'ProtocolError',
  SecurityError: 'SecurityError',
  FormatViolation: 'FormationViolation',
  PropertyConstraintViolation: 'PropertyConstraintViolation',
  OccurrenceConstraintViolation: 'OccurenceConstraintViolation',
  TypeConstraintViolation: 'TypeConstraintViolation',
  GenericError: 'GenericError',
});

/** OCPP 2.0.1 part 4, 4.3 (adds `MessageTypeNotSupported`, `RpcFrameworkError`). */
export const OCPP201_ERROR_CODES: RpcErrorCodeDialect = Object.freeze({
  NotImplemented: 'NotImplemented',
  NotSupported: 'NotSupported',
  InternalError: 'InternalError',
  ProtocolError: 'ProtocolError',
  SecurityError: 'SecurityError',
  FormatViolation: 'FormatViolation',
  PropertyConstraintViolation: 'PropertyConstraintViolation',
  OccurrenceConstraintViolation: 'OccurrenceConstraintViolation',
  TypeConstraintViolation: 'TypeConstraintViolation',
  GenericError: 'GenericError',
});

/** An error to be answered as a CALLERROR (kind is mapped to the connection's dialect). */
export class RpcError extends Error {
  constructor(
    readonly kind: RpcErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RpcError';
  }
}
