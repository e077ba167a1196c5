/** OCPI `VersionNumber` (version_information_endpoint, VersionNumber enum). */
export enum VersionNumber {
  V2_0 = '2.0',
  V2_1 = '2.1',
  V2_1_1 = '2.1.1',
  V2_2 = '2.2',
  V2_2_1 = '2.2.1',
}

/** OCPI 2.2.1 `ModuleID` (version_information_endpoint, ModuleID enum). */
export enum ModuleID {
  CdrS = 'cdrs',
  ChargingProfiles = 'chargingprofiles',
  Commands = 'commands',
  Credentials = 'credentials',
  HubClientInfo = 'hubclientinfo',
  Locations = 'locations',
  Sessions = 'sessions',
  Tariffs = 'tariffs',
  Tokens = 'tokens',
}

/** A module id as used on the wire: one of ModuleID or an agreed custom (prefixed) id. */
export type ModuleId = `${ModuleID}` | (string & {});

/** OCPI 2.2.1 `InterfaceRole`: which side of a module an endpoint implements. */
export enum InterfaceRole {
  SENDER = 'SENDER',
  RECEIVER = 'RECEIVER',
}
