import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsEnum, IsString, IsUrl, ValidateNested } from 'class-validator';
import { IsOcpiString } from '../common/ocpi-validators';
import { InterfaceRole } from './versions.enums';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** One entry of the version information endpoint: `{version, url}`. */
export class VersionDto {
  /** VersionNumber; kept a string so unknown (newer) versions of a peer are still read. */
  @IsString()
  @IsOcpiString(16)
  version: string;

  @IsUrl(URL_OPTIONS)
  url: string;
}

/** OCPI 2.2.1 `Endpoint` class of the version details. */
export class EndpointDto {
  /** ModuleID or an agreed custom module id. */
  @IsString()
  @IsOcpiString(64)
  identifier: string;

  @IsEnum(InterfaceRole)
  role: InterfaceRole;

  @IsUrl(URL_OPTIONS)
  url: string;
}

/** The version details endpoint's data: `{version, endpoints}`. */
export class VersionDetailsDto {
  @IsString()
  @IsOcpiString(16)
  version: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => EndpointDto)
  endpoints: EndpointDto[];
}
