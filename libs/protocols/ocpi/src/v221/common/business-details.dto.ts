import { Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOcpiCiString, IsOcpiOptional, IsOcpiString } from './ocpi-validators';

const URL_PATTERN = /^https?:\/\/\S+$/;

/** OCPI 2.2.1 `ImageCategory` enum (mod_locations). */
export enum ImageCategory {
  CHARGER = 'CHARGER',
  ENTRANCE = 'ENTRANCE',
  LOCATION = 'LOCATION',
  NETWORK = 'NETWORK',
  OPERATOR = 'OPERATOR',
  OTHER = 'OTHER',
  OWNER = 'OWNER',
}

/** OCPI 2.2.1 `Image` class (mod_locations), used by Location, EVSE and BusinessDetails. */
export class ImageDto {
  /** URL from where the image data can be fetched through a web browser. */
  @IsString()
  @IsOcpiString(255)
  @Matches(URL_PATTERN, { message: '$property must be an http(s) URL' })
  url: string;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(255)
  @Matches(URL_PATTERN, { message: '$property must be an http(s) URL' })
  thumbnail?: string | null;

  @IsEnum(ImageCategory)
  category: ImageCategory;

  /** Image type, e.g. gif, jpeg, png, svg. */
  @IsString()
  @IsOcpiCiString(4)
  @Matches(/\S/, { message: '$property must not be empty' })
  type: string;

  @IsOcpiOptional()
  @IsInt()
  @Min(0)
  @Max(99999)
  width?: number | null;

  @IsOcpiOptional()
  @IsInt()
  @Min(0)
  @Max(99999)
  height?: number | null;
}

/** OCPI 2.2.1 `BusinessDetails` class (mod_locations), also used by CredentialsRole. */
export class BusinessDetailsDto {
  @IsString()
  @IsOcpiString(100)
  @Matches(/\S/, { message: '$property must not be empty' })
  name: string;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(255)
  @Matches(URL_PATTERN, { message: '$property must be an http(s) URL' })
  website?: string | null;

  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImageDto)
  logo?: ImageDto | null;
}
