import {
  OCPP16_ERROR_CODES,
  OCPP201_ERROR_CODES,
  type RpcErrorCodeDialect,
  type RpcErrorKind,
} from './rpc-error-codes';
import { type OcppJsonSchema, OcppSchemaValidator } from './schema-validator';

/** WebSocket subprotocols (OCPP-J 1.6 section 3.1.2; OCPP 2.0.1 part 4 section 3.1.2). */
export const OcppSubprotocols = ['ocpp1.6', 'ocpp2.0.1'] as const;
export type OcppSubprotocol = (typeof OcppSubprotocols)[number];

/** Everything that differs between OCPP versions at the RPC level. */
export interface OcppProtocolVersion {
  subprotocol: OcppSubprotocol;
  errorCodes: RpcErrorCodeDialect;
  validator: OcppSchemaValidator;
}

export function errorCodeOf(version: OcppProtocolVersion, kind: RpcErrorKind): string {
  return version.errorCodes[kind];
}

const SCHEMA_FILES: Record<OcppSubprotocol, string> = {
  'ocpp1.6': 'ocpp-rpc/lib/schemas/ocpp1_6.json',
  'ocpp2.0.1': 'ocpp-rpc/lib/schemas/ocpp2_0_1.json',
};

const ERROR_CODES: Record<OcppSubprotocol, RpcErrorCodeDialect> = {
  'ocpp1.6': OCPP16_ERROR_CODES,
  'ocpp2.0.1': OCPP201_ERROR_CODES,
};

const cache = new Map<OcppSubprotocol, OcppProtocolVersion>();

/**
 * The protocol version for a subprotocol, with its official schemas (ocpp-rpc ships the OCA sets:
 * `urn:<Action>.req` / `urn:<Action>.conf` for both 1.6 and 2.0.1). Schemas compile lazily.
 */
export function protocolVersion(subprotocol: OcppSubprotocol): OcppProtocolVersion {
  let version = cache.get(subprotocol);
  if (!version) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schemas = require(SCHEMA_FILES[subprotocol]) as OcppJsonSchema[];
    version = {
      subprotocol,
      errorCodes: ERROR_CODES[subprotocol],
      validator: new OcppSchemaValidator(schemas, (action, direction) => `${action}.${direction}`),
    };
    cache.set(subprotocol, version);
  }
  return version;
}

export function isOcppSubprotocol(value: string): value is OcppSubprotocol {
  return (OcppSubprotocols as readonly string[]).includes(value);
}

/**
 * The subprotocol to accept from a client's `Sec-WebSocket-Protocol` offer: the first offered one
 * that `supported` contains (client preference order, RFC 6455 4.2.2), else null.
 */
export function negotiateSubprotocol(
  offered: Iterable<string>,
  supported: readonly OcppSubprotocol[],
): OcppSubprotocol | null {
  for (const p of offered) {
    const name = p.trim();
    if (isOcppSubprotocol(name) && supported.includes(name)) return name;
  }
  return null;
}
