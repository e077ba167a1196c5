import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsString,
  IsUrl,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { BusinessDetailsDto } from '../common/business-details.dto';
import { IsOcpiCiString, IsOcpiString } from '../common/ocpi-validators';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** OCPI 2.2.1 `Role` (types, Role enum). */
export enum OcpiRole {
  CPO = 'CPO',
  EMSP = 'EMSP',
  HUB = 'HUB',
  NAP = 'NAP',
  NSP = 'NSP',
  OTHER = 'OTHER',
  SCSP = 'SCSP',
}

/** OCPI 2.2.1 `CredentialsRole` class. */
export class CredentialsRoleDto {
  @IsEnum(OcpiRole)
  role: OcpiRole;

  @ValidateNested()
  @Type(() => BusinessDetailsDto)
  business_details: BusinessDetailsDto;

  @IsString()
  @Length(3, 3)
  @IsOcpiCiString(3)
  party_id: string;

  @IsString()
  @Length(2, 2)
  @IsOcpiCiString(2)
  country_code: string;
}

/** OCPI 2.2.1 `Credentials` object: a credentials token, the versions URL and the roles. */
export class CredentialsDto {
  /** 1–64 printable, non-whitespace ASCII characters. */
  @IsString()
  @Matches(/^[\x21-\x7e]{1,64}$/, {
    message: '$property must be 1-64 printable non-whitespace ASCII characters',
  })
  token: string;

  /** The versions URL of the party sending this object. */
  @IsUrl(URL_OPTIONS)
  @IsOcpiString(255)
  url: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CredentialsRoleDto)
  roles: CredentialsRoleDto[];
}
