import { IsEnum } from 'class-validator';
import { IsOcpiCountryCode, IsOcpiPartyId } from '../common/ocpi-fields';
import { IsOcpiDateTime } from '../common/ocpi-validators';
import { OcpiRole } from '../credentials/credentials.dto';

/** OCPI 2.2.1 `ConnectionStatus` enum (mod_hub_client_info). */
export enum ConnectionStatus {
  /** Party is connected. */
  CONNECTED = 'CONNECTED',
  /** Not connected now: send nothing, queue nothing, resync with GET later. */
  OFFLINE = 'OFFLINE',
  /** Planned, never connected yet: no requests. */
  PLANNED = 'PLANNED',
  /** Will never connect again. */
  SUSPENDED = 'SUSPENDED',
}

/** OCPI 2.2.1 `ClientInfo` object: a Hub's view of one connected party. */
export class ClientInfoDto {
  @IsOcpiPartyId()
  party_id: string;

  @IsOcpiCountryCode()
  country_code: string;

  /** OCPI `Role` enum (types), declared with the Credentials objects as `OcpiRole`. */
  @IsEnum(OcpiRole)
  role: OcpiRole;

  @IsEnum(ConnectionStatus)
  status: ConnectionStatus;

  @IsOcpiDateTime()
  last_updated: string;
}
