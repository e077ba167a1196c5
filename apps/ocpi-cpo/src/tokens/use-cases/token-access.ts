import { type OcpiCaller, OcpiException } from '@voltlane/ocpi-core';
import { OcpiStatus } from '@voltlane/protocols-ocpi';
import {
  TokenRequestError,
  tokenTypeOf,
  type TokenIdentity,
  type TokenJson,
} from '../domain/received-token';

/** What the Receiver URL names: `/{country_code}/{party_id}/{token_uid}[?type=]`. */
export interface TokenAddress {
  countryCode: string;
  partyId: string;
  uid: string;
  type?: string;
}

/**
 * The token identity of a request, checked against the caller: a cc/pid that is not one of its
 * EMSP roles → HTTP 404 [T&F › Errors] (ocpi/ocpi#319); a bad `?type=` → 2001.
 */
export function identityFor(caller: OcpiCaller, address: TokenAddress): TokenIdentity {
  if (!caller.owns(address.countryCode, address.partyId, 'EMSP')) {
    throw OcpiException.notFound(
      `${address.countryCode}/${address.partyId} is not one of your eMSP roles`,
    );
  }
  return {
    countryCode: address.countryCode,
    partyId: address.partyId,
    uid: address.uid,
    type: run(() => tokenTypeOf(address.type)),
  };
}

/** Runs a domain check, turning its TokenRequestError into OCPI 2001. */
export function run<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TokenRequestError) throw OcpiException.invalidParameters(error.message);
    throw error;
  }
}

export function unknownToken(id: TokenIdentity): OcpiException {
  return OcpiException.notFound(
    `Unknown token ${id.countryCode}/${id.partyId}/${id.uid} (${id.type})`,
    OcpiStatus.UnknownToken,
  );
}

/** The token.token.upserted.v1 data of a stored token. */
export function tokenUpserted(token: TokenJson, lastUpdatedIso: string) {
  return {
    countryCode: token.country_code,
    partyId: token.party_id,
    uid: token.uid,
    type: token.type,
    contractId: token.contract_id,
    valid: token.valid,
    whitelist: token.whitelist,
    origin: 'received-from-emsp' as const,
    lastUpdated: lastUpdatedIso,
    token: token as Record<string, unknown>,
  };
}
