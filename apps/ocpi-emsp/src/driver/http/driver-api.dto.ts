import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OffsetPageQuery } from '@voltlane/platform-service';
import { type ClassConstructor, plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export class CreateDriverRequest {
  @ApiProperty({ maxLength: 200, example: 'Ada Lovelace' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class IssueTokenRequest {
  @ApiProperty({ enum: ['RFID', 'APP_USER'] })
  @IsIn(['RFID', 'APP_USER'])
  type!: 'RFID' | 'APP_USER';

  @ApiPropertyOptional({
    description: 'RFID: the card uid (required). APP_USER: not allowed (generated).',
    maxLength: 36,
  })
  @IsOptional()
  @Matches(/^[\x21-\x7E]{1,36}$/, { message: '$property must be 1-36 printable ASCII characters' })
  uid?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'Number printed on the card' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  visual_number?: string;
}

export class SearchLocationsQuery {
  @ApiProperty({ minimum: -90, maximum: 90 })
  @Type(() => Number)
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat!: number;

  @ApiProperty({ minimum: -180, maximum: 180 })
  @Type(() => Number)
  @IsNumber()
  @Min(-180)
  @Max(180)
  lon!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100_000, default: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(100_000)
  radius_m: number = 5000;

  @ApiPropertyOptional({ description: 'OCPI ConnectorType, e.g. IEC_62196_T2, IEC_62196_T2_COMBO' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/)
  connector_type?: string;

  @ApiPropertyOptional({ description: 'Only connectors of at least this power (kW)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  min_power_kw?: number;

  @ApiPropertyOptional({ description: 'Only locations with an AVAILABLE matching EVSE' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false])
  available_now: boolean = false;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class StartSessionRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  driver_id!: string;

  @ApiProperty({ maxLength: 36 })
  @Matches(/^[\x21-\x7E]{1,36}$/)
  location_id!: string;

  @ApiProperty({ maxLength: 36 })
  @Matches(/^[\x21-\x7E]{1,36}$/)
  evse_uid!: string;

  @ApiProperty({ maxLength: 36 })
  @Matches(/^[\x21-\x7E]{1,36}$/)
  connector_id!: string;
}

/** Calls on a session or command name the driver: only the driver's own are shown. */
export class DriverScopeQuery {
  @ApiProperty({ format: 'uuid', description: 'The driver the session/command must belong to' })
  @IsUUID()
  driver_id!: string;
}

export class DriverPageQuery extends OffsetPageQuery {}

export function parseRequest<T extends object>(
  type: ClassConstructor<T>,
  raw: unknown,
  message: string,
): T {
  const value = plainToInstance(type, raw ?? {}, { exposeDefaultValues: true });
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw ValidationFailedError.fromValidationErrors(errors, message);
  return value;
}
