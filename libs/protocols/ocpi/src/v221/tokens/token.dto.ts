import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DisplayTextDto } from '../common/display-text.dto';
import { IsOcpiCountryCode, IsOcpiId, IsOcpiLanguage, IsOcpiPartyId } from '../common/ocpi-fields';
import {
  composeOcpi,
  IsOcpiCiString,
  IsOcpiDateTime,
  IsOcpiOptional,
  IsOcpiString,
} from '../common/ocpi-validators';
import { ProfileType } from '../sessions/charging-preferences.dto';
import { TokenTypes, type TokenType } from '../sessions/session.enums';
import { AllowedType, WhitelistType } from './token.enums';

const text = (max: number) => composeOcpi(IsString(), IsOcpiString(max));
const nested = (cls: () => new () => object) =>
  composeOcpi(IsObject(), ValidateNested(), Type(cls));

/** OCPI 2.2.1 `EnergyContract` class: the driver's own energy supplier/contract. */
export class EnergyContractDto {
  @IsString()
  @IsOcpiString(64)
  @Matches(/\S/, { message: '$property must not be empty' })
  supplier_name: string;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(64)
  contract_id?: string | null;
}

/** Value rules of every Token field, shared by `TokenDto` (PUT) and `TokenPatchDto`. */
const TokenField = {
  country_code: () => IsOcpiCountryCode(),
  party_id: () => IsOcpiPartyId(),
  uid: () => IsOcpiId(36),
  type: () => IsIn(TokenTypes),
  contract_id: () => IsOcpiId(36),
  visual_number: () => text(64),
  issuer: () => text(64),
  group_id: () => composeOcpi(IsString(), IsOcpiCiString(36)),
  valid: () => IsBoolean(),
  whitelist: () => IsEnum(WhitelistType),
  language: () => IsOcpiLanguage(),
  default_profile_type: () => IsEnum(ProfileType),
  energy_contract: () => nested(() => EnergyContractDto),
  last_updated: () => IsOcpiDateTime(),
};

/** OCPI 2.2.1 `Token` object (mod_tokens, Token Object). Identity = (`uid`, `type`). */
export class TokenDto {
  @TokenField.country_code()
  country_code: string;

  @TokenField.party_id()
  party_id: string;

  @TokenField.uid()
  uid: string;

  @TokenField.type()
  type: TokenType;

  @TokenField.contract_id()
  contract_id: string;

  @IsOcpiOptional()
  @TokenField.visual_number()
  visual_number?: string | null;

  @TokenField.issuer()
  issuer: string;

  @IsOcpiOptional()
  @TokenField.group_id()
  group_id?: string | null;

  @TokenField.valid()
  valid: boolean;

  @TokenField.whitelist()
  whitelist: WhitelistType;

  /** ISO 639-1. */
  @IsOcpiOptional()
  @TokenField.language()
  language?: string | null;

  @IsOcpiOptional()
  @TokenField.default_profile_type()
  default_profile_type?: ProfileType | null;

  @IsOcpiOptional()
  @TokenField.energy_contract()
  energy_contract?: EnergyContractDto | null;

  @TokenField.last_updated()
  last_updated: string;
}

/** PATCH body for a Token: every field optional, `last_updated` required (mod_tokens, PATCH). */
export class TokenPatchDto {
  @IsOcpiOptional()
  @TokenField.country_code()
  country_code?: string;

  @IsOcpiOptional()
  @TokenField.party_id()
  party_id?: string;

  @IsOcpiOptional()
  @TokenField.uid()
  uid?: string;

  @IsOcpiOptional()
  @TokenField.type()
  type?: TokenType;

  @IsOcpiOptional()
  @TokenField.contract_id()
  contract_id?: string;

  @IsOcpiOptional()
  @TokenField.visual_number()
  visual_number?: string | null;

  @IsOcpiOptional()
  @TokenField.issuer()
  issuer?: string;

  @IsOcpiOptional()
  @TokenField.group_id()
  group_id?: string | null;

  @IsOcpiOptional()
  @TokenField.valid()
  valid?: boolean;

  @IsOcpiOptional()
  @TokenField.whitelist()
  whitelist?: WhitelistType;

  @IsOcpiOptional()
  @TokenField.language()
  language?: string | null;

  @IsOcpiOptional()
  @TokenField.default_profile_type()
  default_profile_type?: ProfileType | null;

  @IsOcpiOptional()
  @TokenField.energy_contract()
  energy_contract?: EnergyContractDto | null;

  @TokenField.last_updated()
  last_updated: string;
}

/** OCPI 2.2.1 `LocationReferences` class: optional body of `POST {tokens}/{uid}/authorize`. */
export class LocationReferencesDto {
  @IsOcpiId(36)
  location_id: string;

  @IsOcpiOptional()
  @IsArray()
  @IsString({ each: true })
  @Matches(/^[\x20-\x7E]*\S[\x20-\x7E]*$/, {
    each: true,
    message: '$property must hold non-empty printable ASCII ids (CiString)',
  })
  @MaxLength(36, { each: true })
  evse_uids?: string[] | null;
}

/** OCPI 2.2.1 `AuthorizationInfo` object: the eMSP's answer to a real-time authorization. */
export class AuthorizationInfoDto {
  @IsEnum(AllowedType)
  allowed: AllowedType;

  /** The complete Token. */
  @nested(() => TokenDto)
  token: TokenDto;

  @IsOcpiOptional()
  @nested(() => LocationReferencesDto)
  location?: LocationReferencesDto | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(36)
  authorization_reference?: string | null;

  @IsOcpiOptional()
  @nested(() => DisplayTextDto)
  info?: DisplayTextDto | null;
}
