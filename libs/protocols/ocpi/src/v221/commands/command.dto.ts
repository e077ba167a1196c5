import { Type } from 'class-transformer';
import { IsArray, IsEnum, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { DisplayTextDto } from '../common/display-text.dto';
import { validateOcpi, type OcpiValidationResult } from '../common/validate-ocpi';
import { IsOcpiId, IsOcpiRequiredIf, IsOcpiUrl, isPresent } from '../common/ocpi-fields';
import { IsOcpiCiString, IsOcpiDateTime, IsOcpiOptional } from '../common/ocpi-validators';
import { TokenDto } from '../tokens/token.dto';
import { CommandResponseType, CommandResultType, CommandType } from './command.enums';

/** OCPI 2.2.1 `CancelReservation` object (body of `POST {commands}/CANCEL_RESERVATION`). */
export class CancelReservationDto {
  @IsOcpiUrl()
  response_url: string;

  @IsOcpiId(36)
  reservation_id: string;
}

/** OCPI 2.2.1 `ReserveNow` object (body of `POST {commands}/RESERVE_NOW`). */
export class ReserveNowDto {
  @IsOcpiUrl()
  response_url: string;

  /** Authorized by the eMSP: the CPO does not validate it against its own token cache. */
  @IsObject()
  @ValidateNested()
  @Type(() => TokenDto)
  token: TokenDto;

  @IsOcpiDateTime()
  expiry_date: string;

  @IsOcpiId(36)
  reservation_id: string;

  @IsOcpiId(36)
  location_id: string;

  @IsOcpiOptional()
  @IsOcpiId(36)
  evse_uid?: string | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(36)
  authorization_reference?: string | null;
}

/** OCPI 2.2.1 `StartSession` object (body of `POST {commands}/START_SESSION`). */
export class StartSessionDto {
  @IsOcpiUrl()
  response_url: string;

  @IsObject()
  @ValidateNested()
  @Type(() => TokenDto)
  token: TokenDto;

  @IsOcpiId(36)
  location_id: string;

  /** Required when `connector_id` is set. */
  @IsOcpiRequiredIf(
    (o) => isPresent(o.connector_id),
    'evse_uid is required when connector_id is set',
  )
  @IsOcpiId(36)
  evse_uid?: string | null;

  /** Required when the EVSE has the START_SESSION_CONNECTOR_REQUIRED capability (checked by the CPO). */
  @IsOcpiOptional()
  @IsOcpiId(36)
  connector_id?: string | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(36)
  authorization_reference?: string | null;
}

/** OCPI 2.2.1 `StopSession` object (body of `POST {commands}/STOP_SESSION`). */
export class StopSessionDto {
  @IsOcpiUrl()
  response_url: string;

  @IsOcpiId(36)
  session_id: string;
}

/** OCPI 2.2.1 `UnlockConnector` object (body of `POST {commands}/UNLOCK_CONNECTOR`). */
export class UnlockConnectorDto {
  @IsOcpiUrl()
  response_url: string;

  @IsOcpiId(36)
  location_id: string;

  @IsOcpiId(36)
  evse_uid: string;

  @IsOcpiId(36)
  connector_id: string;
}

/** OCPI 2.2.1 `CommandResponse` object: the CPO's synchronous answer to a command POST. */
export class CommandResponseDto {
  @IsEnum(CommandResponseType)
  result: CommandResponseType;

  /** Seconds the eMSP waits for the CommandResult. */
  @IsInt()
  @Min(0)
  timeout: number;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DisplayTextDto)
  message?: DisplayTextDto[] | null;
}

/** OCPI 2.2.1 `CommandResult` object: POSTed by the CPO to the command's `response_url`. */
export class CommandResultDto {
  @IsEnum(CommandResultType)
  result: CommandResultType;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DisplayTextDto)
  message?: DisplayTextDto[] | null;
}

/** The request body class of each command type (the `{command}` path segment). */
export const COMMAND_REQUEST_CLASSES = {
  [CommandType.CANCEL_RESERVATION]: CancelReservationDto,
  [CommandType.RESERVE_NOW]: ReserveNowDto,
  [CommandType.START_SESSION]: StartSessionDto,
  [CommandType.STOP_SESSION]: StopSessionDto,
  [CommandType.UNLOCK_CONNECTOR]: UnlockConnectorDto,
} as const;

export type CommandRequestDto =
  CancelReservationDto | ReserveNowDto | StartSessionDto | StopSessionDto | UnlockConnectorDto;

/**
 * Validates the body of `POST {commands}/{command}` against the class of that command. An unknown
 * `{command}` is a violation too (the CPO answers 2001 or, for a well-formed but unsupported
 * command, CommandResponse NOT_SUPPORTED).
 */
export function validateCommandRequest(
  command: string,
  body: unknown,
): OcpiValidationResult<CommandRequestDto> {
  if (!Object.prototype.hasOwnProperty.call(COMMAND_REQUEST_CLASSES, command)) {
    return {
      ok: false,
      violations: [`command: must be one of ${Object.values(CommandType).join(', ')}`],
    };
  }
  const cls: new () => CommandRequestDto = COMMAND_REQUEST_CLASSES[command as CommandType];
  return validateOcpi(cls, body);
}
