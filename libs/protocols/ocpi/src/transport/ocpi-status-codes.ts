/**
 * OCPI 2.2.1 status codes (status_codes.asciidoc). x9xx ranges are custom and standard modules
 * never use them.
 */
export const OcpiStatus = {
  Success: 1000,
  GenericClientError: 2000,
  InvalidOrMissingParameters: 2001,
  NotEnoughInformation: 2002,
  UnknownLocation: 2003,
  UnknownToken: 2004,
  GenericServerError: 3000,
  UnableToUseClientApi: 3001,
  UnsupportedVersion: 3002,
  NoMatchingEndpoints: 3003,
  GenericHubError: 4000,
  UnknownReceiver: 4001,
  ForwardedRequestTimeout: 4002,
  ConnectionProblem: 4003,
} as const;

export type OcpiStatusCode = (typeof OcpiStatus)[keyof typeof OcpiStatus];

export function isOcpiSuccess(code: number): boolean {
  return code >= 1000 && code < 2000;
}
